import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.choices import FundingSource
from redcross.images import PhotoField, thumbnail_spec
from redcross.models import Located
from redcross.private import private_storage
from redcross.uploads import validate_document
from redcross.validators import validate_mobile, validate_phone, validate_resident_id

AGREEMENT_WARNING_DAYS = 90


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


class Course(models.Model):
    class Kind(models.TextChoices):
        AWARENESS = "awareness", _("first-aid awareness")
        FIRST_AIDER = "first_aider", _("certified first-aider")
        ELDER_CARE = "elder_care", _("elder care")
        VOLUNTEER = "volunteer", _("volunteer pre-service")
        INSTRUCTOR = "instructor", _("instructor training")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    certifies = models.BooleanField(_("leads to a certificate"), default=False)
    validity_years = models.PositiveSmallIntegerField(
        _("certificate valid for (years)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    description = models.TextField(_("description"), blank=True)
    what_to_bring = models.TextField(
        _("what to bring"), blank=True,
        help_text=_("What trainees bring or wear, e.g. comfortable clothes, a pen, lunch; the default for the "
                    "course's sessions."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(certifies=False) | Q(validity_years__isnull=False),
                name="training_course_certificate_validity",
                violation_error_message=_("A course that leads to a certificate needs the certificate's validity."),
            ),
        ]

    def __str__(self):
        return self.name


class Instructor(models.Model):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    qualification = models.CharField(_("qualification"), max_length=100, blank=True)
    qualification_expires = models.DateField(_("qualification expires"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_mobile])
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Session(models.Model):
    class Audience(models.TextChoices):
        STUDENTS = "students", _("students")
        EMPLOYEES = "employees", _("employees")
        RESIDENTS = "residents", _("residents")
        TEACHERS = "teachers", _("teachers")
        VOLUNTEERS = "volunteers", pgettext_lazy("session audience", "volunteers")
        PUBLIC = "public", _("the public")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open for sign-up")
        FULL = "full", _("full")
        HELD = "held", _("held")
        CANCELLED = "cancelled", pgettext_lazy("session status", "cancelled")

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course"))
    base = models.ForeignKey(
        Base, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("base"), null=True, blank=True
    )
    venue = models.CharField(
        _("outside venue"), max_length=200, blank=True,
        help_text=_("A school, company or community, when not at a base."),
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience, default=Audience.PUBLIC)
    organiser = models.CharField(_("organising unit"), max_length=100, blank=True)
    instructors = models.ManyToManyField(Instructor, related_name="sessions", verbose_name=_("instructors"), blank=True)
    seats = models.PositiveIntegerField(_("seats"), default=30, validators=[MinValueValidator(1)])
    public_signup = models.BooleanField(_("the public may sign up"), default=False)
    signup_deadline = models.DateTimeField(_("sign-up closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    headcount = models.PositiveIntegerField(
        _("headcount without names"), null=True, blank=True,
        help_text=_("For a session held on site for a unit, when the trainees are not registered by name."),
    )
    what_to_bring = models.TextField(_("what to bring"), blank=True, help_text=_("Empty: the course's."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(base__isnull=False) | ~Q(venue=""), name="training_session_has_a_place",
                violation_error_message=_("Choose a base or write the outside venue."),
            ),
        ]

    def __str__(self):
        return f"{self.display_title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.course.name

    @property
    def place(self) -> str:
        return self.base.name if self.base_id else self.venue

    @property
    def to_bring(self) -> str:
        return self.what_to_bring or self.course.what_to_bring

    def signup_open(self, now=None) -> bool:
        now = now or timezone.now()
        deadline = self.signup_deadline or self.starts_at
        return self.public_signup and self.status in (self.Status.OPEN, self.Status.FULL) and now < deadline


class Visit(models.Model):
    """A group visiting a base (参观体验), e.g. a primary school's class at the science park."""

    base = models.ForeignKey(Base, on_delete=models.PROTECT, related_name="visits", verbose_name=_("base"))
    date = models.DateField(_("date"))
    organisation = models.CharField(_("organisation"), max_length=100)
    headcount = models.PositiveIntegerField(_("headcount"), validators=[MinValueValidator(1)])
    activities = models.CharField(_("what they did"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.organisation}"


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
    history = HistoricalRecords()

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
