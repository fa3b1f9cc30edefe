"""The projects front's records, by subject."""

from redcross.choices import FundingSource

from .activities import Activity, Photo
from .allocations import Allocation
from .donations import Donation
from .funded import ZERO, Attachment, FundingLine, Project, ProjectTransition, SpendingLine
from .places import Facility, FacilityKind, Site, in_service_on
from .positions import (
    FRATERNITY_HOME,
    NOT_ASSESSED,
    Assessment,
    AssessmentEvidence,
    AssessmentItem,
    PositionKind,
    PositionStandard,
    StandardItem,
    default_position_kind,
    result_on,
)
from .visits import GroupBooking, VisitSlot

__all__ = [
    "FRATERNITY_HOME",
    "NOT_ASSESSED",
    "Assessment",
    "AssessmentEvidence",
    "AssessmentItem",
    "PositionKind",
    "PositionStandard",
    "StandardItem",
    "default_position_kind",
    "ZERO",
    "Activity",
    "Allocation",
    "Attachment",
    "Donation",
    "Facility",
    "FacilityKind",
    "FundingLine",
    "FundingSource",
    "GroupBooking",
    "Photo",
    "Project",
    "ProjectTransition",
    "Site",
    "SpendingLine",
    "VisitSlot",
    "in_service_on",
    "result_on",
]
