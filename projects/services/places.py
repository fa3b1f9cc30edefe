"""Sites, their facilities, the kinds of facility, activities and photos."""

from ..models import Activity, Facility, FacilityKind, Photo, Site
from .common import stored


def site_save(*, site: Site) -> Site:
    return stored(site)


def facility_kind_save(*, kind: FacilityKind) -> FacilityKind:
    return stored(kind)


def facility_save(*, facility: Facility) -> Facility:
    return stored(facility)


def facility_delete(*, facility: Facility) -> None:
    facility.delete()


def activity_save(*, activity: Activity) -> Activity:
    return stored(activity)


def photo_save(*, photo: Photo) -> Photo:
    return stored(photo)


def photo_delete(*, photo: Photo) -> None:
    photo.delete()
