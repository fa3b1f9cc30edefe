"""The people trained: their sign-ups, certificates, and the log of staff seeing their personal data whole."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.validators import validate_mobile, validate_resident_id

from .courses import Course, Session


class Trainee(models.Model):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    mobile = models.CharField(_("mobile number"), max_length=11, validators=[validate_mobile])
    resident_id = models.CharField(
        _("resident ID number"), max_length=18, blank=True, validators=[validate_resident_id]
    )
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["resident_id"])

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["name"]
        permissions = [("view_personal_data", _("Can see ID and mobile numbers whole"))]
        constraints = [
            models.UniqueConstraint(fields=["name", "mobile"], name="training_trainee_name_mobile_unique"),
        ]

    def __str__(self):
        return self.name


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    trainee = models.ForeignKey(
        Trainee, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("trainee")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    code = models.CharField(_("confirmation code"), max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    passed = models.BooleanField(_("passed the exam"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consented to the use of personal information"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("added by staff member"), editable=False,
    )
    beyond_seats_reason = models.CharField(
        _("reason for confirming beyond the seats"), max_length=200, blank=True, editable=False
    )
    beyond_seats_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("confirmed beyond the seats by"), editable=False,
    )
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("cancelled by staff member"), editable=False,
    )
    # The history is read by registration (its id) and date: the copies of the other indexed columns are written
    # with every sign-up of a crowd and never looked up.
    history = HistoricalRecords(
        no_db_index=["session", "trainee", "code", "added_by", "beyond_seats_by", "cancelled_by"],
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"], condition=~Q(status="cancelled"),
                name="training_registration_once_per_session",
                violation_error_message=_("This person has already signed up for this session."),
            ),
        ]

    def __str__(self):
        return f"{self.trainee} · {self.session}"

    @property
    def beyond_seats(self) -> bool:
        return bool(self.beyond_seats_reason)

    @staticmethod
    def new_code() -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "".join(secrets.choice(alphabet) for _ in range(8))


class CertificateSequence(models.Model):
    """The last certificate number used in a year, taken under a row lock so that numbers never repeat."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate number sequence")
        verbose_name_plural = _("certificate number sequences")

    def __str__(self):
        return f"{self.year}: {self.last}"


class Certificate(models.Model):
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    trainee = models.ForeignKey(
        Trainee, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("course"))
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("session"), null=True,
        blank=True,
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    token = models.CharField(_("verification token"), max_length=43, unique=True, editable=False)
    revoked = models.BooleanField(_("revoked"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("issued by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")), name="training_certificate_expires_after_issue"
            ),
            models.UniqueConstraint(
                fields=["trainee", "session"], condition=Q(session__isnull=False),
                name="training_certificate_once_per_session",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("training:certificate_verify", args=[self.token])

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    def state(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.revoked:
            return "revoked"
        return "valid" if today <= self.expires_on else "expired"


class PersonalDataAccess(models.Model):
    """Each time a staff member sees a trainee's ID or mobile number whole."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("staff member"))
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, verbose_name=_("trainee"), null=True, blank=True)
    what = models.CharField(_("what was seen"), max_length=200)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} · {self.what}"
