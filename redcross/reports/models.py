import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from . import periods


class PrivateStorage(FileSystemStorage):
    """Report files live in PRIVATE_ROOT, outside MEDIA_ROOT, and are only served through a permission check."""

    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Report files have no public address: serve them through reports:download.")


def _private_storage():
    return PrivateStorage()


class Report(models.Model):
    class Kind(models.TextChoices):
        MONTH = periods.MONTH, pgettext_lazy("report period", "month")
        QUARTER = periods.QUARTER, _("quarter")
        YEAR = periods.YEAR, _("year")
        RANGE = periods.RANGE, _("range of days")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being produced")
        READY = "ready", _("ready")
        FAILED = "failed", pgettext_lazy("report status", "failed")

    kind = models.CharField(_("period"), max_length=10, choices=Kind)
    start = models.DateField(pgettext_lazy("report period", "from"))
    end = models.DateField(pgettext_lazy("report period", "to"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("asked for by")
    )
    scheduled = models.BooleanField(_("by the schedule"), default=False)
    queued_at = models.DateTimeField(_("handed to a worker"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The task producing the report: only the holder of the latest claim may store its files.
    claim = models.CharField(_("claimed by task"), max_length=64, blank=True, editable=False)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    taken_at = models.DateTimeField(_("data taken at"), null=True, blank=True)
    # Set when a record dated inside the period (or before its end, for "since the start") changes afterwards.
    out_of_date_since = models.DateTimeField(_("out of date since"), null=True, blank=True)
    figures = models.JSONField(_("figures"), null=True, blank=True, encoder=None)
    docx = models.FileField(_("Word file"), storage=_private_storage, upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(_("Excel file"), storage=_private_storage, upload_to="reports/%Y/", blank=True)
    pdf = models.FileField(_("PDF file"), storage=_private_storage, upload_to="reports/%Y/", blank=True)

    class Meta:
        verbose_name = _("summary report")
        verbose_name_plural = _("summary reports")
        ordering = ["-end", "-requested_at"]
        permissions = [("download_report", _("Can ask for and download summary reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "start", "end"], condition=Q(status__in=["queued", "running"]),
                name="reports_one_in_progress_per_period",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="reports_end_after_start"),
        ]

    def __str__(self):
        return self.period.name

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.kind, self.start, self.end)

    @property
    def taken_before_end(self) -> bool:
        """Made while its period was still running: the figures stop at the day the data was taken."""
        return self.taken_at is not None and timezone.localtime(self.taken_at).date() <= self.end


class SentenceTemplate(models.Model):
    """A sentence of the Word and PDF reports, written with the figures' names; editable by staff."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    description = models.CharField(_("where it is used"), max_length=200)
    text = models.TextField(
        pgettext_lazy("report sentence", "text"),
        help_text=_("Django template syntax: {{ name }} stands for a figure; the available names are listed in the "
                    "description and in the figures of any ready report. One clause per line: a clause whose figure "
                    "has nothing recorded is left out, and so is a （bracket） holding one; a line ending in “。” "
                    "ends a sentence, a line ending in “，” leads in and stays only when a clause follows it."),
    )

    class Meta:
        verbose_name = _("report sentence")
        verbose_name_plural = _("report sentences")
        ordering = ["key"]

    def __str__(self):
        return self.key


def opening_figures() -> list[tuple[str, str]]:
    from .figures import FACTS, OPENING

    return [(fact.key, f"{fact.front_label} · {fact.label}") for fact in FACTS if fact.kind in OPENING]


class OpeningTotal(models.Model):
    """A total from before the portal (e.g. 812 WeChat posts since 2013), added to the reports' running totals.

    It counts everything up to and including its date: records entered for later days are added to it, records of
    earlier days are left out, so that nothing is counted twice. A figure of a state (sites, bases) is added to
    what the records show as of any later day.
    """

    figure = models.CharField(_("figure"), max_length=40, choices=opening_figures)
    value = models.DecimalField(
        _("total"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)],
        help_text=_("A count, or an amount in yuan for money."),
    )
    as_of = models.DateField(_("as of"), help_text=_("The total includes everything up to and including this day."))
    source = models.CharField(_("source"), max_length=200, blank=True,
                              help_text=_("Where the total comes from, e.g. the 2020 year-end report."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opening total")
        verbose_name_plural = _("opening totals")
        ordering = ["figure", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["figure", "as_of"], name="reports_opening_total_once_per_day"),
            models.CheckConstraint(condition=Q(value__gte=0), name="reports_opening_total_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_figure_display()} · {self.as_of:%Y-%m-%d}"
