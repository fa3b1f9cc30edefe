"""Activities held at the sites, and the photos of sites, facilities and activities."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.images import PhotoField, thumbnail_spec

from .places import Facility, Site


class Activity(models.Model):
    class Kind(models.TextChoices):
        VOLUNTEER_TRAINING = "volunteer_training", _("volunteer pre-service training")
        ELDER_CARE_TRAINING = "elder_care_training", _("elder-care training")
        HOME_VISIT = "home_visit", _("home service visits")
        FIRST_AID_TRAINING = "first_aid_training", _("first-aid training")
        DRAMA = "drama", _("first-aid drama show")
        BOOK_DRIVE = "book_drive", _("book drive")
        VETERANS = "veterans", _("visit to veterans")
        CARING_MOTHERS = "caring_mothers", _("caring mothers pairing")
        OTHER = "other", _("other")

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="activities", verbose_name=_("site"), null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    volunteers = models.PositiveIntegerField(pgettext_lazy("number of people", "volunteers"), default=0)
    volunteer_hours = models.DecimalField(
        _("volunteer hours"), max_digits=8, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), default=0)
    books = models.PositiveIntegerField(
        _("books collected"), null=True, blank=True, help_text=_("Book drives only.")
    )
    published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(books__isnull=True) | Q(kind="book_drive"),
                name="projects_activity_books_only_for_book_drives",
                violation_error_message=_("Only a book drive records a number of books."),
            ),
            models.CheckConstraint(
                condition=Q(volunteer_hours__gte=0), name="projects_activity_hours_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("projects:activity_detail", args=[self.pk])


class Photo(models.Model):
    """A photo of exactly one site, facility or activity."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="photos", null=True, blank=True, verbose_name=_("site")
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="photos", null=True, blank=True,
        verbose_name=_("facility"),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="photos", null=True, blank=True,
        verbose_name=_("activity"),
    )
    image = PhotoField(_("photo"), upload_to="projects/photos/%Y/%m/")
    thumbnail = thumbnail_spec("image")
    caption = models.CharField(_("caption"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(site__isnull=False, facility__isnull=True, activity__isnull=True)
                    | Q(site__isnull=True, facility__isnull=False, activity__isnull=True)
                    | Q(site__isnull=True, facility__isnull=True, activity__isnull=False)
                ),
                name="projects_photo_of_exactly_one_record",
            ),
        ]

    def __str__(self):
        return self.caption or self.image.name.rsplit("/", 1)[-1]
