"""The year at a glance, the first screen of the staff's admin: each front's headline figures against the same days
of last year, its months against last year's, where the work happened, what needs attention, and the latest
reports to download. It only reads.

dashboard_for(user) is cut from one computation shared by every staff member (versions.py caches it for a few
minutes, and any staff edit leaves it behind); what a person sees is decided by their permissions (scopes.py).
"""

from datetime import date, datetime

from django.core.cache import cache
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from .. import labels, periods
from ..models import Report
from . import areas, attention, headline, versions
from .scopes import FRONTS, REPORTS, may_make_report, scopes_of

__all__ = ["dashboard_for", "compute", "connect"]
connect = versions.connect
DOWNLOADS = (periods.YEAR, periods.QUARTER, periods.MONTH)


def _downloads() -> dict[str, Report | None]:
    """The latest ready report of a year, a quarter and a month (one query), each with `files`: its files as
    (kind, label, url) dicts, and `detail_url`."""
    latest = Window(RowNumber(), partition_by=[F("kind")], order_by=[F("end").desc(), F("requested_at").desc()])
    found = {report.kind: report for report in Report.objects.filter(status=Report.Status.READY, kind__in=DOWNLOADS)
             .annotate(latest=latest).filter(latest=1)}
    for report in found.values():
        report.detail_url = reverse("reports:detail", args=[report.pk])
        report.files = [{"kind": kind, "label": label, "url": reverse("reports:download", args=[report.pk, kind])}
                        for kind, (label, _type) in labels.FILES.items() if getattr(report, kind)]
    return {kind: found.get(kind) for kind in DOWNLOADS}


def compute(now: datetime | None = None) -> dict:
    """Everything every dashboard may show, at `now` (the moment the figures are taken)."""
    taken_at = now or timezone.now()
    today = timezone.localtime(taken_at).date()
    figures = headline.figures(taken_at)
    return {
        "taken_at": taken_at,
        "today": today,
        "period": headline.period_of(today),
        "fronts": {
            front.key: {"key": front.key, "label": front.label, "figures": figures[front.key],
                        "series": headline.series(front, today)}
            for front in headline.FRONTS
        },
        "areas": areas.counted(date(today.year, 1, 1), today, FRONTS),
        "attention": attention.lists(taken_at),
        "downloads": _downloads(),
    }


def _cached(now: datetime | None) -> dict:
    day = timezone.localtime(now or timezone.now()).date()
    key = f"dashboard:{versions.version()}:{get_language()}:{day.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = compute(now)
        cache.set(key, found, versions.CACHE_SECONDS)
    return found


def dashboard_for(user, *, now: datetime | None = None) -> dict:
    """The dashboard of `user`: the fronts, areas and lists their permissions open (see scopes.py), from the cached
    computation. A user who sees no front and no list gets an empty dashboard, at the cost of no query."""
    scopes = scopes_of(user)
    can_make = may_make_report(user)
    if not scopes:
        taken_at = now or timezone.now()
        return {"taken_at": taken_at, "period": headline.period_of(timezone.localtime(taken_at).date()),
                "fronts": [], "areas": [], "area_columns": [], "attention": [],
                "downloads": dict.fromkeys(DOWNLOADS), "can_make_report": can_make, "make_report": None}
    data = _cached(now)
    fronts = [front for front in FRONTS if front in scopes]
    today = data["today"]
    return {
        "taken_at": data["taken_at"],
        "period": data["period"],
        "fronts": [data["fronts"][front] for front in fronts],
        "areas": areas.rows(data["areas"], fronts),
        "area_columns": areas.columns(fronts),
        "attention": [found for who, found in data["attention"] if attention.seen_by(user, who, scopes)],
        "downloads": data["downloads"] if REPORTS in scopes else dict.fromkeys(DOWNLOADS),
        "can_make_report": can_make,
        # What the button posts to the reports page (reports:list): the report of the year so far.
        "make_report": {"url": reverse("reports:list"), "kind": periods.YEAR, "year": today.year} if can_make else None,
    }
