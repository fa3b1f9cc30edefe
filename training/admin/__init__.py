"""The training staff's screens, by subject: bases and courses, sessions, registrations, people and certificates.

ID and mobile numbers are masked everywhere here, except on a trainee's own page and in an Excel roster for a
staff member given the permission “training.view_personal_data”; each time those show them whole is logged.
Only that permission finds a trainee by a whole ID or mobile number (search box or autocomplete), also logged.
State that a life cycle owns (a session's status; a registration's status, attendance and exam result) is read
only in the forms and changes through actions that call `training.services`.
"""

from . import bases, people, registrations, sessions  # noqa: F401  (each module registers its admins)
