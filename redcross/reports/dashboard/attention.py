"""What needs someone this week, list by list, each item linking to the page where it is handled.

A list shows at most SHOWN items and says how many there are; each is one query (two for the reports), whatever
the number of records. There is no list of failed imports: an import in this portal is interactive (a refused file
is shown to the person at once, with its reasons, and stores nothing), so no failed import is ever recorded.
"""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects import summary as projects_summary
from redcross.masking import mask_phone
from redcross.models import TextMessage
from training import summary as training_summary

from ..models import Report
from .scopes import MESSAGES, REPORTS

SHOWN = 8
SESSIONS_WITHIN = timedelta(days=7)
EXPIRING_WITHIN = timedelta(days=60)
# Failed messages older than this were dealt with or given up on; the admin lists them all.
MESSAGES_WITHIN = timedelta(days=30)


def _admin(model: str, pk: int) -> str:
    return reverse(f"admin:{model}_change", args=[pk])


def _list(key: str, title, found: dict, item) -> dict:
    return {"key": key, "title": title, "items": [item(row) for row in found["rows"]], "count": found["count"]}


def _sessions(now: datetime) -> dict:
    found = training_summary.sessions_starting(now, now + SESSIONS_WITHIN, SHOWN)
    return _list("sessions_soon", _("Training sessions in the next 7 days"), found, lambda row: {
        "text": f"{row['name']} · {row['place']}", "url": _admin("training_session", row["pk"]),
        "when": timezone.localtime(row["starts_at"]).date(),
        "note": gettext("%(taken)s of %(seats)s seats taken, %(waiting)s waiting") % row,
    })


def _agreements(now: datetime) -> dict:
    today = timezone.localtime(now).date()
    found = training_summary.agreements_ending(today, today + EXPIRING_WITHIN, SHOWN)
    return _list("agreements_ending", _("Base agreements ending within 60 days"), found, lambda row: {
        "text": row["name"], "url": _admin("training_base", row["pk"]), "when": row["agreement_end"],
        "note": gettext("%(days)s days left") % {"days": (row["agreement_end"] - today).days},
    })


def _certificates(now: datetime) -> dict:
    today = timezone.localtime(now).date()
    found = training_summary.certificates_expiring(today, today + EXPIRING_WITHIN, SHOWN)
    return _list("certificates_expiring", _("Certificates expiring within 60 days"), found, lambda row: {
        "text": row["number"], "url": _admin("training_certificate", row["pk"]), "when": row["expires_on"],
        "note": row["course__name"],
    })


def _projects(now: datetime) -> dict:
    found = projects_summary.projects_awaiting_decision(SHOWN)
    return _list("projects_waiting", _("Projects waiting for a decision"), found, lambda row: {
        "text": row["title"], "url": _admin("projects_project", row["pk"]), "when": row["applied_on"],
        "note": gettext("project of %(year)s") % {"year": row["year"]},
    })


def _bookings(now: datetime) -> dict:
    found = projects_summary.bookings_awaiting_confirmation(SHOWN)
    return _list("bookings_requested", _("Group visits awaiting confirmation"), found, lambda row: {
        "text": f"{row['organisation']} · {row['slot__site__name']}", "url": _admin("projects_groupbooking", row["pk"]),
        "when": row["slot__date"], "note": gettext("%(count)s visitors") % {"count": row["headcount"]},
    })


def _reports(rows, count: int, key: str, title, note) -> dict:
    items = [{"text": report.period.name, "url": reverse("reports:detail", args=[report.pk]),
              "when": note(report)[0], "note": note(report)[1]} for report in rows]
    return {"key": key, "title": title, "items": items, "count": count}


def _newer(statuses) -> Exists:
    """A later report of the same period, in one of `statuses`: it replaces (or is replacing) the outer one."""
    return Exists(Report.objects.filter(
        kind=OuterRef("kind"), start=OuterRef("start"), end=OuterRef("end"), requested_at__gt=OuterRef("requested_at"),
        status__in=statuses,
    ))


def _reports_out_of_date(now: datetime) -> dict:
    """Ready reports that a change has made out of date, and that no newer version replaces or is replacing."""
    renewing = (Report.Status.READY, Report.Status.QUEUED, Report.Status.RUNNING)
    stale = Report.objects.filter(status=Report.Status.READY, out_of_date_since__isnull=False).exclude(
        _newer(renewing)).order_by("-end", "-pk")
    rows = list(stale[:SHOWN])
    count = len(rows) if len(rows) < SHOWN else stale.count()
    return _reports(rows, count, "reports_out_of_date", _("Reports out of date"), lambda report: (
        timezone.localtime(report.out_of_date_since).date(), gettext("Make a new version on its page.")))


def _reports_failed(now: datetime) -> dict:
    """Reports that failed and were not asked for again since."""
    failed = Report.objects.filter(status=Report.Status.FAILED).exclude(_newer(Report.Status.values)).order_by(
        "-requested_at", "-pk")
    rows = list(failed[:SHOWN])
    count = len(rows) if len(rows) < SHOWN else failed.count()
    return _reports(rows, count, "reports_failed", _("Reports that failed"), lambda report: (
        timezone.localtime(report.finished_at or report.requested_at).date(), gettext("Ask for it again on its page.")))


def _messages(now: datetime) -> dict:
    failed = TextMessage.objects.filter(status=TextMessage.Status.FAILED, created_at__gte=now - MESSAGES_WITHIN)
    rows = list(failed.order_by("-created_at", "-pk")[:SHOWN])
    count = len(rows) if len(rows) < SHOWN else failed.count()
    items = [{"text": message.get_kind_display(), "url": _admin("redcross_textmessage", message.pk),
              "when": timezone.localtime(message.created_at).date(), "note": mask_phone(message.mobile)}
             for message in rows]
    return {"key": "messages_failed", "title": _("Text messages that failed to send"), "items": items,
            "count": count}


# (who sees the list, the function making it), in the order shown: a permission to the records it lists (whoever may
# open the pages its links lead to), or a scope of scopes.py for the lists that are no front's.
LISTS = (
    ("training.view_session", _sessions),
    ("projects.view_project", _projects),
    ("projects.view_groupbooking", _bookings),
    ("training.view_base", _agreements),
    ("training.view_certificate", _certificates),
    (REPORTS, _reports_out_of_date),
    (REPORTS, _reports_failed),
    (MESSAGES, _messages),
)


def lists(now: datetime) -> list[tuple[str, dict]]:
    """(who sees it, list) for every list, empty ones included."""
    return [(who, make(now)) for who, make in LISTS]


def seen_by(user, who: str, scopes) -> bool:
    return who in scopes if "." not in who else user.is_active and user.has_perm(who)
