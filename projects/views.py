from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import selectors
from .models import Site

ACTIVITIES_PER_PAGE = 10


@require_safe
def site_list(request):
    kinds = list(selectors.facility_kinds_in_use())
    kind_id = request.GET.get("kind", "").strip()
    chosen = next((kind for kind in kinds if str(kind.pk) == kind_id), None)
    return render(request, "projects/site_list.html", {
        "sites": selectors.sites_for_public(facility_kind=chosen),
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
    return render(
        request, "projects/site_detail.html",
        {"site": site, "activities": selectors.latest_activities_at(site)},
    )


@require_safe
def activity_list(request):
    page = Paginator(selectors.activities_for_public(), ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "projects/activity_list.html", {"page": page})


@require_safe
def activity_detail(request, pk: int):
    activity = get_object_or_404(selectors.activities_for_public(), pk=pk)
    return render(request, "projects/activity_detail.html", {"activity": activity})
