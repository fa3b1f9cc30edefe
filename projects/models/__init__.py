"""The projects front's records, by subject."""

from redcross.choices import FundingSource

from .activities import Activity, Photo
from .funded import ZERO, Attachment, FundingLine, Project, ProjectTransition, SpendingLine
from .places import Facility, FacilityKind, Site, in_service_on

__all__ = [
    "ZERO",
    "Activity",
    "Attachment",
    "Facility",
    "FacilityKind",
    "FundingLine",
    "FundingSource",
    "Photo",
    "Project",
    "ProjectTransition",
    "Site",
    "SpendingLine",
    "in_service_on",
]
