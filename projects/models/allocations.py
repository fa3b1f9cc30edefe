"""The uses of a donation (捐赠使用): for a project, where the use is also that project's funding line, for a relief
distribution, or for general purposes. Written only by `projects.services.donations`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from redcross.validators import validate_one_line

from .funded import POSITIVE, ZERO, FundingLine, Project, money_field


class Allocation(models.Model):
    """A use of part of a donation, on a day: money by amount, goods by quantity (their value pro rata of the
    estimate, worked out by the service). For a project it is also the project's funding line, which it keeps in
    step and which goes with it."""

    class Target(models.TextChoices):
        PROJECT = "project", _("a project")
        RELIEF = "relief", _("a relief distribution")
        GENERAL = "general", _("general purposes")

    donation = models.ForeignKey(
        "projects.Donation", on_delete=models.PROTECT, related_name="allocations", verbose_name=_("donation"),
    )
    allocated_on = models.DateField(_("date"))
    amount = money_field(_("amount (yuan)"), null=True, blank=True, help_text=_("Of a gift of money."))
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, null=True, blank=True, validators=POSITIVE,
        help_text=_("Of a gift of goods, in its unit."),
    )
    value = models.DecimalField(
        _("value (yuan)"), max_digits=12, decimal_places=2, default=ZERO, editable=False,
        help_text=_("The amount, or for goods their share of the estimated value."),
    )
    target = models.CharField(_("used for"), max_length=10, choices=Target, default=Target.PROJECT)
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="donation_allocations",
        verbose_name=_("project"),
    )
    description = models.CharField(
        _("what it was used for"), max_length=200, blank=True, validators=[validate_one_line],
        help_text=_("For relief: what was given and to whom. For general purposes: the purpose."),
    )
    people_helped = models.PositiveIntegerField(_("people helped"), null=True, blank=True)
    funding_line = models.OneToOneField(
        FundingLine, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="allocation",
        verbose_name=_("the project's funding line"),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, validators=[validate_one_line],
        help_text=_("For a gift directed to a purpose: how this use serves it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("use of a donation")
        verbose_name_plural = _("uses of donations")
        ordering = ["allocated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, quantity__isnull=True) | Q(amount__isnull=True, quantity__gt=0),
                name="projects_allocation_amount_or_quantity",
                violation_error_message=_("A use of money has an amount; a use of goods has a quantity."),
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="projects_allocation_value_not_negative"),
            models.CheckConstraint(
                condition=Q(target="project", project__isnull=False)
                | Q(target="relief", project__isnull=True, people_helped__gte=1, funding_line__isnull=True)
                & ~Q(description="")
                | Q(target="general", project__isnull=True, funding_line__isnull=True) & ~Q(description=""),
                name="projects_allocation_target_complete",
                violation_error_message=_("A use names its project, or says what it was used for (and for relief, "
                                          "how many people were helped)."),
            ),
        ]

    def __str__(self):
        return f"{self.donation.receipt_number} → {self.get_target_display()} ¥{self.value:,.2f}"

    def clean(self):
        super().clean()
        if self.target != self.Target.PROJECT:
            self.project = None
        if self.target != self.Target.RELIEF:
            self.people_helped = None
        errors = {}
        if self.target == self.Target.PROJECT and self.project_id is None:
            errors["project"] = _("Choose the project.")
        if self.target in (self.Target.RELIEF, self.Target.GENERAL) and not self.description.strip():
            errors["description"] = _("Say what it was used for.")
        if self.target == self.Target.RELIEF and not self.people_helped:
            errors["people_helped"] = _("Give the number of people helped.")
        if errors:
            raise ValidationError(errors)
