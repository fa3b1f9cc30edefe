"""Reads of the public pages: a fixed number of queries whatever the number of rows."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from redcross.formats import subquery_sum

from .models import (
    Activity,
    Assessment,
    Facility,
    FacilityKind,
    FundingLine,
    Photo,
    PositionKind,
    Project,
    Site,
    SpendingLine,
    in_service_on,
    result_on,
)

LATEST_ACTIVITIES = 5
# Up to this many areas (streets or towns) are offered in a list; beyond, the visitor types one.
TOWNS_OFFERED = 40


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


def sites_for_public(
    *, facility_kind: FacilityKind | None = None, position_kind: PositionKind | None = None, town: str = ""
) -> QuerySet[Site]:
    """Public positions with their kind, counts and status as of today (`position_status`, from result_on)."""
    today = timezone.localdate()
    sites = public_sites().select_related("position_kind").annotate(
        facility_count=Count("facilities", filter=in_service_on(today, "facilities__"), distinct=True),
        activity_count=Count("activities", filter=Q(activities__published=True), distinct=True),
        position_status=result_on(today),
    )
    if facility_kind is not None:
        in_kind = Facility.objects.filter(in_service_on(today), kind=facility_kind)
        sites = sites.filter(pk__in=in_kind.values("site"))
    if position_kind is not None:
        sites = sites.filter(position_kind=position_kind)
    if town:
        sites = sites.filter(town=town)
    return sites.order_by("town", "name", "pk")


def position_kinds_in_use(*, town: str = "") -> QuerySet[PositionKind]:
    """Published kinds of position with at least one public position, each with the number of them in `town`, or
    in all, as `public_count`."""
    public = public_site_rule("sites__")
    return PositionKind.objects.filter(published=True).annotate(
        public_count=Count("sites", filter=public & Q(sites__town=town) if town else public),
        public_anywhere=Count("sites", filter=public),
    ).filter(public_anywhere__gt=0).order_by("order", "name")


def towns_in_use(limit: int = TOWNS_OFFERED + 1) -> list[str]:
    """The areas (streets or towns) of public positions, by name, at most `limit` of them."""
    towns = public_sites().exclude(town="").order_by("town").values_list("town", flat=True).distinct()
    return list(towns[:limit])


def assessed_label(site: Site) -> str | None:
    """What a citizen reads for the status of a site annotated with `position_status` (达标 …), or None while no
    assessment has looked at it or once the site has closed (it is no longer a position)."""
    if site.closed_on is not None and site.closed_on <= timezone.localdate():
        return None
    status = site.position_status
    return Assessment.Result(status).label if status in Assessment.Result.values else None


def facility_kinds_in_use(*, position_kind: PositionKind | None = None) -> QuerySet[FacilityKind]:
    """Kinds of facility in service at public sites (of `position_kind` when given)."""
    # One filter(): the facility in service, at a public site and of that kind of position is the same one.
    facility = in_service_on(timezone.localdate(), "facilities__") & public_site_rule("facilities__site__")
    if position_kind is not None:
        facility &= Q(facilities__site__position_kind=position_kind)
    return FacilityKind.objects.filter(facility).distinct().order_by("order", "name")


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
        .select_related("position_kind")
        .annotate(position_status=result_on(today))
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
