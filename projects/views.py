from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from redcross.paging import page_of
from redcross.validators import validate_one_line

from . import donation_selectors, position_selectors, selectors
from .models import Assessment, Site

ACTIVITIES_PER_PAGE = 10
SITES_PER_PAGE = 10
# Longer than any street or town (Site.town holds 100 characters).
TOWN_MAX_LENGTH = 100
PASSED = Assessment.Result.PASSED


def _chosen(options: list, asked: str):
    return next((option for option in options if str(option.pk) == asked), None)


def _town_asked(request, towns: list[str]) -> tuple[str, bool]:
    """The area to show and whether the one asked for is unknown. With every area listed, an area not in the list
    is unknown; with too many to list, the typed one is looked for as it is."""
    asked = request.GET.get("town", "").strip()
    if not asked:
        return "", False
    if asked in towns:
        return asked, False
    if len(towns) <= selectors.TOWNS_OFFERED or len(asked) > TOWN_MAX_LENGTH:
        return "", True
    try:
        validate_one_line(asked)
    except ValidationError:
        return "", True
    return asked, False


def _filters(**chosen) -> QueryDict:
    """The filters in force, for links that change one of them: a value the page did not understand is dropped."""
    filters = QueryDict(mutable=True)
    for key, value in chosen.items():
        if value:
            filters[key] = str(getattr(value, "pk", value))
    return filters


@require_safe
def site_list(request):
    towns = selectors.towns_in_use()
    town, unknown_town = _town_asked(request, towns)
    position_kinds = list(selectors.position_kinds_in_use(town=town))
    position_asked = request.GET.get("position_kind", "").strip()
    position_kind = _chosen(position_kinds, position_asked)
    facility_kinds = list(selectors.facility_kinds_in_use(position_kind=position_kind))
    facility_asked = request.GET.get("kind", "").strip()
    facility_kind = _chosen(facility_kinds, facility_asked)
    sites = selectors.sites_for_public(facility_kind=facility_kind, position_kind=position_kind, town=town)
    page = page_of(request, sites, SITES_PER_PAGE)
    for site in page:
        site.assessed = selectors.assessed_label(site)
    return render(request, "projects/site_list.html", {
        "page": page,
        "position_kinds": position_kinds,
        "positions_in_all": sum(kind.public_count for kind in position_kinds),
        "position_kind": position_kind,
        "unknown_position_kind": bool(position_asked) and position_kind is None,
        "kinds": facility_kinds,
        "chosen": facility_kind,
        "unknown_kind": bool(facility_asked) and facility_kind is None,
        "towns": towns if len(towns) <= selectors.TOWNS_OFFERED else None,
        "town": town,
        "unknown_town": unknown_town,
        "filters": _filters(position_kind=position_kind, kind=facility_kind, town=town),
    })


@require_safe
def site_detail(request, pk: int):
    try:
        site = selectors.site_for_public(pk)
    except Site.DoesNotExist as error:
        raise Http404 from error
    # One more than is shown tells whether the full list has more to offer.
    activities = selectors.latest_activities_at(site, selectors.LATEST_ACTIVITIES + 1)
    receives_groups = site.position_kind.receives_groups
    assessed = selectors.assessed_label(site)
    meets_standard = assessed is not None and site.position_status == PASSED
    return render(request, "projects/site_detail.html", {
        "site": site,
        "assessed": assessed,
        "achieved": position_selectors.achieved_standard(site) if meets_standard else None,
        "receives_groups": receives_groups,
        "slots": position_selectors.upcoming_slots(site) if receives_groups else [],
        "slot_days": position_selectors.UPCOMING_SLOT_DAYS,
        "activities": activities[:selectors.LATEST_ACTIVITIES],
        "more_activities": len(activities) > selectors.LATEST_ACTIVITIES,
        "donation_pages": donation_selectors.projects_with_donation_page(site),
    })


@require_safe
def activity_list(request):
    site = selectors.site_of_activities(request.GET["site"]) if "site" in request.GET else None
    page = page_of(request, selectors.activities_for_public(site=site), ACTIVITIES_PER_PAGE)
    return render(request, "projects/activity_list.html", {
        "page": page, "site": site, "unknown_site": "site" in request.GET and site is None,
    })


@require_safe
def activity_detail(request, pk: int):
    activity = get_object_or_404(selectors.activities_for_public(), pk=pk)
    return render(request, "projects/activity_detail.html", {"activity": activity})
