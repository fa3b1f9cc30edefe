"""Group visits to a position (参观预约): the time slots a place offers, and the bookings of schools and
organisations in them."""

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.validators import validate_mobile


class VisitSlot(models.Model):
    """A time on a day when a position receives groups, for up to `capacity` visitors in all."""

    site = models.ForeignKey(
        "projects.Site", on_delete=models.PROTECT, related_name="visit_slots", verbose_name=_("position")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text=_("Visitors in all, across every group booked into this slot."),
    )
    note = models.CharField(_("note for visitors"), max_length=200, blank=True)
    open = models.BooleanField(
        pgettext_lazy("visit slot", "open for bookings"), default=True,
        help_text=_("Untick to take no more requests; bookings already made stay."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit slot")
        verbose_name_plural = _("visit slots")
        ordering = ["date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="projects_visit_slot_ends_after_start",
                violation_error_message=_("A slot must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["site", "date", "starts_at"], name="projects_visit_slot_once",
                violation_error_message=_("This position already has a slot starting then."),
            ),
        ]

    def __str__(self):
        return f"{self.site} · {self.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def starts(self) -> datetime:
        """The moment the visit begins, in the branch's time zone."""
        return timezone.make_aware(datetime.combine(self.date, self.starts_at))


class GroupBooking(models.Model):
    """A school's or organisation's request to visit in a slot, and what became of it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("group booking", "awaiting confirmation")
        CONFIRMED = "confirmed", pgettext_lazy("group booking", "confirmed")
        DECLINED = "declined", pgettext_lazy("group booking", "declined")
        CANCELLED = "cancelled", pgettext_lazy("group booking", "cancelled")
        HELD = "held", pgettext_lazy("group booking", "visited")

    class AgeGroup(models.TextChoices):
        PRESCHOOL = "preschool", _("pre-school children")
        PRIMARY = "primary", _("primary school pupils")
        SECONDARY = "secondary", _("secondary school pupils")
        STUDENTS = "students", _("university students")
        ADULTS = "adults", _("adults")
        SENIORS = "seniors", _("older people")
        MIXED = "mixed", _("mixed ages")

    # The bookings that take places in their slot.
    HOLDING = (Status.REQUESTED, Status.CONFIRMED, Status.HELD)

    slot = models.ForeignKey(VisitSlot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot"))
    organisation = models.CharField(_("school or organisation"), max_length=100)
    contact_name = models.CharField(_("contact person"), max_length=50)
    mobile = models.CharField(_("mobile"), max_length=11, validators=[validate_mobile])
    headcount = models.PositiveSmallIntegerField(
        _("number of visitors"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup)
    note = models.CharField(_("anything we should know"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REQUESTED)
    reason = models.CharField(
        _("reason given"), max_length=300, blank=True, help_text=_("Told to the requester when a booking is declined.")
    )
    attended = models.PositiveSmallIntegerField(
        _("visitors who came"), null=True, blank=True, validators=[MaxValueValidator(5000)]
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group visit booking")
        verbose_name_plural = _("group visit bookings")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["slot", "status"], name="projects_booking_slot_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="held", attended__isnull=False) | (~Q(status="held") & Q(attended__isnull=True)),
                name="projects_booking_attended_once_held",
                violation_error_message=_("Only a held visit records how many came, and it must."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.slot}"
