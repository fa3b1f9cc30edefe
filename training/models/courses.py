"""Courses, their instructors and sessions, and the groups visiting a base."""


from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.validators import validate_mobile

from .bases import Base


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
