"""Training bases (培训基地): where they are, what they hold, who pays for them."""

from datetime import timedelta
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from redcross.choices import FundingSource
from redcross.images import PhotoField, thumbnail_spec
from redcross.models import Located
from redcross.private import private_storage
from redcross.uploads import validate_document
from redcross.validators import validate_one_line, validate_phone

AGREEMENT_WARNING_DAYS = 90
# The kind of Red Cross position (projects.PositionKind) that training bases are, by name: training never imports
# projects.
TRAINING_BASE_KIND = "应急救护培训基地"


class Base(Located):
    """A training base or classroom (培训基地/教室)."""

    class Position(models.TextChoices):
        EAST = "east", _("east")
        WEST = "west", _("west")
        SOUTH = "south", _("south")
        NORTH = "north", _("north")
        CENTRE = "centre", _("centre")

    class Agreement(models.TextChoices):
        FREE_LONG_TERM = "free_long_term", _("free long-term use")
        LEASE = "lease", _("lease")
        OWN = "own", _("own premises")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.CharField(_("position in the city"), max_length=10, choices=Position, blank=True)
    host = models.CharField(_("host organisation"), max_length=100)
    address = models.CharField(_("address"), max_length=200)
    town = models.CharField(
        _("street or town"), max_length=100, blank=True, validators=[validate_one_line],
        help_text=_("The street or town the dashboard counts the base's sessions under, as for the positions."),
    )
    rooms = models.PositiveSmallIntegerField(_("rooms"), default=1)
    seats = models.PositiveIntegerField(_("seats"), default=30)
    standardised = models.BooleanField(_("meets the provincial standard"), default=False)
    standardised_since = models.DateField(_("standard met since"), null=True, blank=True)
    standardised_until = models.DateField(
        _("standard no longer met since"), null=True, blank=True,
        help_text=_("For a base that met the standard and no longer does: the reports count it until that day."),
    )
    manager = models.CharField(_("managed by"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True, validators=[validate_phone])
    agreement = models.CharField(_("use agreement"), max_length=20, choices=Agreement, default=Agreement.OWN)
    agreement_start = models.DateField(_("agreement starts"), null=True, blank=True)
    agreement_end = models.DateField(_("agreement ends"), null=True, blank=True)
    agreement_file = models.FileField(
        _("signed agreement"), upload_to="training/agreements/", blank=True, validators=[validate_document],
        storage=private_storage,
    )
    opening_notes = models.TextField(_("opening notes"), blank=True)
    directions = models.TextField(
        _("directions"), blank=True, help_text=_("How to find the room: building, floor, entrance, parking.")
    )
    cover = PhotoField(_("photo"), upload_to="training/bases/", blank=True)
    cover_thumbnail = thumbnail_spec("cover")
    published = models.BooleanField(_("published"), default=False)
    opened_on = models.DateField(_("in service since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # `position` above is the part of the city; this is the Red Cross position (红十字阵地) the base also is.
    red_cross_position = models.OneToOneField(
        "projects.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="training_base",
        limit_choices_to=Q(position_kind__name=TRAINING_BASE_KIND) | Q(position_kind__receives_groups=True),
        verbose_name=_("Red Cross position"),
        help_text=_("The base's record among the Red Cross positions, where it has one. Once linked, group visits "
                    "to the base are booked and recorded under the position's bookings, not as visits here."),
    )
    history = HistoricalRecords()

    class Meta(Located.Meta):
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")
        ordering = ["name"]
        constraints = [
            *Located.Meta.constraints,
            models.CheckConstraint(
                condition=Q(agreement_end__isnull=True) | Q(agreement_start__isnull=True)
                | Q(agreement_end__gte=models.F("agreement_start")),
                name="training_base_agreement_ends_after_start",
                violation_error_message=_("The agreement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(standardised=False) | Q(standardised_since__isnull=False),
                name="training_base_standard_has_date",
                violation_error_message=_("Give the date since when the base meets the provincial standard."),
            ),
            models.CheckConstraint(
                condition=Q(standardised_until__isnull=True)
                | Q(standardised=False, standardised_since__isnull=False,
                    standardised_until__gt=models.F("standardised_since")),
                name="training_base_standard_lost_after_met",
                violation_error_message=_("A base loses the standard after it met it, and then no longer meets it."),
            ),
            models.CheckConstraint(
                condition=Q(standardised=True) | Q(standardised_since__isnull=True)
                | Q(standardised_until__isnull=False),
                name="training_base_standard_lost_has_date",
                violation_error_message=_("A base that no longer meets the standard has the day it stopped."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="training_base_closed_after_opening",
                violation_error_message=_("A base cannot close before it opened."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("training:base_detail", args=[self.pk])

    def agreement_ends_soon(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.agreement_end is not None and today <= self.agreement_end <= today + timedelta(
            days=AGREEMENT_WARNING_DAYS
        )


class Equipment(models.Model):
    base = models.ForeignKey(Base, on_delete=models.CASCADE, related_name="equipment", verbose_name=_("base"))
    name = models.CharField(_("equipment"), max_length=100, help_text=_("e.g. adult manikin, AED trainer"))
    count = models.PositiveIntegerField(_("count"), default=1)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["base", "name"], name="training_equipment_unique_name")]

    def __str__(self):
        return f"{self.name} × {self.count}"


class BaseFunding(models.Model):
    """Money spent to build or equip a base, by source (自筹, 省补 …)."""

    base = models.ForeignKey(Base, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("base"))
    source = models.CharField(_("source"), max_length=20, choices=FundingSource)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    spent_on = models.DateField(_("spent on"))
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("money spent on the base")
        verbose_name_plural = _("money spent on the base")
        ordering = ["spent_on"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="training_basefunding_positive")]

    def __str__(self):
        return f"{self.get_source_display()} ¥{self.amount}"
