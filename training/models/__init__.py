"""The training front's records, by subject; every model is importable from `training.models`."""

from .bases import AGREEMENT_WARNING_DAYS, Base, BaseFunding, Equipment
from .courses import Course, Instructor, Session, Visit
from .people import Certificate, CertificateSequence, PersonalDataAccess, Registration, Trainee

__all__ = [
    "AGREEMENT_WARNING_DAYS", "Base", "BaseFunding", "Certificate", "CertificateSequence", "Course", "Equipment",
    "Instructor", "PersonalDataAccess", "Registration", "Session", "Trainee", "Visit",
]
