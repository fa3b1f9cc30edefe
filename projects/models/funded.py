"""Projects applied for and funded, their life cycle, the money received and spent, their paperwork."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.choices import FundingSource
from redcross.private import private_storage
from redcross.uploads import validate_document

from .places import Facility, Site

ZERO = Decimal("0.00")
POSITIVE = [MinValueValidator(Decimal("0.01"))]


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount of yuan above zero."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, validators=POSITIVE, **kwargs)


class Project(models.Model):
    """A humanitarian project (人道项目): applied for or self-funded, approved, implemented, accepted."""

    class Kind(models.TextChoices):
        FRATERNITY_HOME = "fraternity_home", _("Fraternity Home building")
        BRIDGE = "bridge", _("Fraternity bridge")
        HEALTH_STATION = "health_station", _("Fraternity health station")
        WARD = "ward", _("Fraternity ward")
        READING_ROOM = "reading_room", _("Fraternity reading room")
        TRAINING_BASE = "training_base", _("first-aid training base")
        ELDERLY_CARE = "elderly_care", _("elderly care centre")
        OTHER = "other", _("other")

    class Funding(models.TextChoices):
        SELF_RAISED = "self_raised", _("self-raised")
        APPLIED_UPWARD = "applied_upward", _("applied upward")

    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        APPLIED = "applied", _("applied")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("not approved")
        IMPLEMENTING = "implementing", _("being implemented")
        COMPLETED = "completed", _("completed and accepted")

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.FRATERNITY_HOME)
    sites = models.ManyToManyField(Site, related_name="projects", verbose_name=_("sites"), blank=True)
    facilities = models.ManyToManyField(
        Facility, related_name="projects", verbose_name=_("facilities built"), blank=True,
        help_text=_("Each project adds a service platform: the facilities it built or improved."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    funding = models.CharField(
        _("how it is funded"), max_length=20, choices=Funding, default=Funding.APPLIED_UPWARD
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False)
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=12, decimal_places=2, default=ZERO, validators=[MinValueValidator(0)]
    )
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="projects_project_budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.title}（{self.year}）"


class ProjectTransition(models.Model):
    """One step of a project's life cycle: when, by whom, from which status to which."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("project")
    )
    from_status = models.CharField(pgettext_lazy("status change", "from"), max_length=20, choices=Project.Status)
    to_status = models.CharField(pgettext_lazy("status change", "to"), max_length=20, choices=Project.Status)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["on", "recorded_at"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class FundingLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("project"))
    source = models.CharField(_("source"), max_length=20, choices=FundingSource)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    received_on = models.DateField(_("received on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("money received")
        verbose_name_plural = _("money received")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="projects_funding_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_source_display()} ¥{self.amount}"


class SpendingLine(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="spendings", verbose_name=_("project")
    )
    source = models.CharField(_("paid from"), max_length=20, choices=FundingSource)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    spent_on = models.DateField(_("spent on"))
    confirmed_over_received = models.BooleanField(
        _("confirmed beyond the money received"), default=False,
        help_text=_("Tick to record spending beyond what the project has received so far."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("money spent")
        verbose_name_plural = _("money spent")
        ordering = ["spent_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="projects_spending_amount_positive"),
        ]

    def __str__(self):
        return f"{self.purpose} ¥{self.amount}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("application form")
        APPROVAL = "approval", _("approval letter")
        ACCEPTANCE = "acceptance", _("acceptance report")
        OTHER = "other", _("other")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    # Application forms, approval letters and acceptance reports: paperwork for staff, on no public page.
    file = models.FileField(
        _("file"), upload_to="projects/attachments/%Y/", validators=[validate_document], storage=private_storage
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file.name.rsplit('/', 1)[-1]}"
