"""Red Cross positions (红十字阵地): the kinds of position, each kind's standard by year, and the assessments of a
site against it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.private import private_storage
from redcross.uploads import validate_document

# The kind every site had before there were kinds: the data migration creates it.
FRATERNITY_HOME = "博爱家园"


class PositionKind(models.Model):
    """Kinds of position (博爱家园, 红十字模范学校 …): a list staff can extend."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    receives_groups = models.BooleanField(
        _("receives groups"), default=False,
        help_text=_("Schools and organisations can book a group visit (halls, memorial places, parks, bases)."),
    )
    what_visitors_do = models.TextField(
        _("what visitors do"), blank=True, help_text=_("Shown to citizens on the position's page.")
    )
    needs_consent = models.BooleanField(
        _("published only with consent"), default=False,
        help_text=_("A position of this kind appears on public pages only once its consent to publish is recorded."),
    )
    measure_word = models.CharField(
        _("measure word"), max_length=2, default="处",
        help_text=_("How the reports count positions of this kind, e.g. 所 for schools (红十字模范学校3所), 家 for "
                    "hospitals, 个 for 博爱家园."),
    )
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("kind of position")
        verbose_name_plural = _("kinds of position")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def default_position_kind() -> int | None:
    """A new site is a 博爱家园 unless staff say otherwise."""
    return PositionKind.objects.filter(name=FRATERNITY_HOME).values_list("pk", flat=True).first()


class PositionStandard(models.Model):
    """The standard a kind of position is assessed against in a year; next year's is a copy staff then edit."""

    kind = models.ForeignKey(
        PositionKind, on_delete=models.PROTECT, related_name="standards", verbose_name=_("kind of position")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    issued_by = models.CharField(
        _("issued by"), max_length=100, blank=True, help_text=_("The provincial or city society that set it.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("position standard")
        verbose_name_plural = _("position standards")
        ordering = ["kind__order", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"], name="projects_standard_one_per_kind_and_year",
                violation_error_message=_("This kind of position already has a standard for that year."),
            ),
        ]

    def __str__(self):
        return f"{self.kind} · {self.year} · {self.title}"


class StandardItem(models.Model):
    standard = models.ForeignKey(
        PositionStandard, on_delete=models.CASCADE, related_name="items", verbose_name=_("standard")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("item"), max_length=300)
    evidence = models.TextField(_("what counts as evidence"), blank=True)

    class Meta:
        verbose_name = _("item of a standard")
        verbose_name_plural = _("items of a standard")
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "order"], name="projects_standard_item_order_unique"),
        ]

    def __str__(self):
        return f"{self.order}. {self.text}"


class Assessment(models.Model):
    """A site assessed on a day against its kind's standard; the latest one on or before a day gives its status."""

    class Result(models.TextChoices):
        IN_PROGRESS = "in_progress", pgettext_lazy("assessment result", "being established")
        PASSED = "passed", pgettext_lazy("assessment result", "meets the standard")
        FAILED = "failed", pgettext_lazy("assessment result", "failed the re-check")

    site = models.ForeignKey(
        "projects.Site", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("site")
    )
    standard = models.ForeignKey(
        PositionStandard, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("standard")
    )
    assessed_on = models.DateField(_("assessed on"))
    assessors = models.TextField(_("assessors"), blank=True, help_text=_("Who assessed, one per line."))
    result = models.CharField(_("result"), max_length=20, choices=Result, default=Result.IN_PROGRESS)
    notes = models.TextField(_("notes for staff"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.site} · {self.assessed_on.isoformat()} · {self.get_result_display()}"


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="items", verbose_name=_("assessment")
    )
    item = models.ForeignKey(
        StandardItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item of the standard")
    )
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessed item")
        verbose_name_plural = _("assessed items")
        ordering = ["assessment", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="projects_assessment_item_once"),
        ]

    def __str__(self):
        return str(self.item)


class AssessmentEvidence(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("assessment")
    )
    # Photos and documents of a place's assessment: for staff, on no public page.
    file = models.FileField(
        _("file"), upload_to="projects/assessments/%Y/", validators=[validate_document], storage=private_storage
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.caption or self.file.name.rsplit("/", 1)[-1]


# A position no assessment has looked at yet, beside the results of Assessment.
NOT_ASSESSED = "not_assessed"


def result_on(day, site=None):
    """The result of a site's latest assessment on or before `day` (the site is `site`, or the outer query's row),
    or NOT_ASSESSED: an expression, so that a list of sites costs one query."""
    latest = Assessment.objects.filter(site=OuterRef("pk") if site is None else site, assessed_on__lte=day)
    latest = latest.order_by("-assessed_on", "-pk").values("result")[:1]
    return Coalesce(Subquery(latest), Value(NOT_ASSESSED), output_field=models.CharField())
