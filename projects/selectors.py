"""Reads of the public pages: a fixed number of queries whatever the number of rows."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from redcross.formats import subquery_sum

from .models import (
    Activity,
    Facility,
    FacilityKind,
    FundingLine,
    Photo,
    Project,
    Site,
    SpendingLine,
    in_service_on,
    result_on,
)

LATEST_ACTIVITIES = 5


def public_site_rule(prefix: str = "") -> Q:
    """Sites (through `prefix`, e.g. "site__") a citizen may see: published, of a published kind of position, and,
    for a kind that needs it (memorial places), with the consent to publish on record."""
    return Q(**{f"{prefix}published": True, f"{prefix}position_kind__published": True}) & (
        Q(**{f"{prefix}position_kind__needs_consent": False}) | Q(**{f"{prefix}publish_consent": True})
    )


def public_sites() -> QuerySet[Site]:
    return Site.objects.filter(public_site_rule())


def published_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(published=True).filter(Q(site__isnull=True) | public_site_rule("site__"))


def activity_is_public(activity: Activity | None) -> bool:
    """Can a citizen open this activity's page? Asked by other apps that link to it."""
    return activity is not None and published_activities().filter(pk=activity.pk).exists()


def public_projects() -> QuerySet[Project]:
    """Projects shown on their sites' public pages."""
    return Project.objects.filter(published=True)


def project_is_public(project: Project | None) -> bool:
    return project is not None and public_projects().filter(pk=project.pk).exists()


def sites_for_public(*, facility_kind: FacilityKind | None = None) -> QuerySet[Site]:
    sites = public_sites().annotate(
        facility_count=Count(
            "facilities", filter=in_service_on(timezone.localdate(), "facilities__"), distinct=True
        ),
        activity_count=Count("activities", filter=Q(activities__published=True), distinct=True),
    )
    if facility_kind is not None:
        in_kind = Facility.objects.filter(in_service_on(timezone.localdate()), kind=facility_kind)
        sites = sites.filter(pk__in=in_kind.values("site"))
    return sites.order_by("town", "name", "pk")


def facility_kinds_in_use() -> QuerySet[FacilityKind]:
    return FacilityKind.objects.filter(
        in_service_on(timezone.localdate(), "facilities__"), public_site_rule("facilities__site__")
    ).distinct().order_by("order", "name")


def site_of_activities(pk) -> Site | None:
    """The published site whose activities a citizen asks for, or None for anything else."""
    try:
        return public_sites().only("pk", "name").get(pk=int(pk))
    except (TypeError, ValueError, Site.DoesNotExist):
        return None


def site_for_public(pk: int) -> Site:
    today = timezone.localdate()
    projects = (
        public_projects()
        .annotate(received=subquery_sum(FundingLine.objects), spent=subquery_sum(SpendingLine.objects))
        .prefetch_related(
            Prefetch("fundings", queryset=FundingLine.objects.order_by("received_on")),
            Prefetch("spendings", queryset=SpendingLine.objects.order_by("spent_on")),
        )
        .order_by("-year", "title")
    )
    return (
        public_sites()
        .prefetch_related(
            Prefetch("facilities", queryset=Facility.objects.filter(in_service_on(today)).select_related("kind")),
            Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")),
            Prefetch("projects", queryset=projects),
        )
        .get(pk=pk)
    )


def latest_activities_at(site: Site, limit: int = LATEST_ACTIVITIES) -> list[Activity]:
    return list(published_activities().filter(site=site).order_by("-date", "-pk")[:limit])


def activities_for_public(*, site: Site | None = None) -> QuerySet[Activity]:
    activities = published_activities() if site is None else published_activities().filter(site=site)
    return (
        activities
        .select_related("site")
        .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")))
        .order_by("-date", "-pk")
    )


def position_status_on(site: Site, day) -> str | None:
    """A position's status on `day`: the result of its latest assessment by then, NOT_ASSESSED if none, or None
    if the branch did not have the site on that day (not yet taken on, or closed)."""
    if site.started_on > day or (site.closed_on is not None and site.closed_on <= day):
        return None
    status = Site.objects.filter(pk=site.pk).annotate(position_status=result_on(day))
    return status.values_list("position_status", flat=True).get()
