from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from redcross.paging import page_of

from . import selectors
from .models import Site

ACTIVITIES_PER_PAGE = 10
SITES_PER_PAGE = 10


@require_safe
def site_list(request):
    kinds = list(selectors.facility_kinds_in_use())
    kind_id = request.GET.get("kind", "").strip()
    chosen = next((kind for kind in kinds if str(kind.pk) == kind_id), None)
    return render(request, "projects/site_list.html", {
        "page": page_of(request, selectors.sites_for_public(facility_kind=chosen), SITES_PER_PAGE),
        "kinds": kinds,
        "chosen": chosen,
        "unknown_kind": bool(kind_id) and chosen is None,
    })


@require_safe
def site_detail(request, pk: int):
    try:
        site = selectors.site_for_public(pk)
    except Site.DoesNotExist as error:
        raise Http404 from error
    # One more than is shown tells whether the full list has more to offer.
    activities = selectors.latest_activities_at(site, selectors.LATEST_ACTIVITIES + 1)
    return render(request, "projects/site_detail.html", {
        "site": site,
        "activities": activities[:selectors.LATEST_ACTIVITIES],
        "more_activities": len(activities) > selectors.LATEST_ACTIVITIES,
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
