"""Every write of the training app that carries a rule, by subject; callers use `training.services.<name>`."""

from .catalogue import catalogue_delete, catalogue_save, visit_check, visit_save
from .certificates import certificate_lookup, certificate_revoke, certificates_issue, default_issue_date
from .online import registration_create
from .people import personal_data_seen, trainee_for, trainee_save
from .records import Outcome, attendance_mark, exam_mark
from .seats import registration_cancel, registration_confirm
from .sessions import session_cancel, session_delete, session_hold, session_open, session_save
from .signup import SignUp, registration_add_by_staff, registration_add_check, unique_code, waiting_position

__all__ = [
    "Outcome",
    "SignUp",
    "attendance_mark",
    "catalogue_delete",
    "catalogue_save",
    "visit_check",
    "visit_save",
    "certificate_lookup",
    "certificate_revoke",
    "certificates_issue",
    "default_issue_date",
    "exam_mark",
    "personal_data_seen",
    "registration_add_by_staff",
    "registration_add_check",
    "registration_cancel",
    "registration_confirm",
    "registration_create",
    "session_cancel",
    "session_delete",
    "session_hold",
    "session_open",
    "session_save",
    "trainee_for",
    "trainee_save",
    "unique_code",
    "waiting_position",
]
