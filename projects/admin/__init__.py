"""The projects' staff screens, as configuration calling the services."""

from . import places, positions, projects  # noqa: F401 - registers the admins
