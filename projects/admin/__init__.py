"""The projects' staff screens, as configuration calling the services."""

from . import bookings, donations, places, positions, projects, visits  # noqa: F401 - registers the admins
