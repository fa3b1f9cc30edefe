"""Correspondents and their appointment, outlets, stories and where they were placed, scoring and commendations."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.images import PhotoField
from redcross.private import private_storage
from redcross.uploads import validate_document
from redcross.validators import validate_mobile


class OutletLevel(models.TextChoices):
    """Levels of the media a story is placed in, highest first (the order of the year-end report)."""

    NATIONAL = "national", _("national media")
    HEADQUARTERS = "headquarters", _("Red Cross Society of China")
    PROVINCIAL = "provincial", _("provincial media")
    PROVINCIAL_RED_CROSS = "provincial_red_cross", _("provincial Red Cross system")
    PREFECTURE = "prefecture", _("municipal media")
    LOCAL = "local", _("local city media")
    OTHER = "other", _("self-media and other")


class StoryKind(models.TextChoices):
    NEWS = "news", _("news")
    RESEARCH = "research", _("research article")
    FEATURE = "feature", _("feature")
    PHOTO = "photo", _("photo story")
    VIDEO = "video", _("video")


class AppointmentBatch(models.Model):
    """A meeting at which several correspondents were appointed at once."""

    meeting = models.CharField(_("meeting"), max_length=150)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("appointment batch")
        verbose_name_plural = _("appointment batches")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.meeting}"


class Correspondent(models.Model):
    class Kind(models.TextChoices):
        MEDIA = "media", _("media professional")
        VOLUNTEER = "volunteer", _("volunteer")
        SELF_MEDIA = "self_media", _("self-media author")
        STAFF = "staff", _("staff")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("term ended")

    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    batch = models.ForeignKey(
        AppointmentBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="correspondents",
        verbose_name=_("appointed at"),
    )
    appointed_on = models.DateField(_("appointed on"))
    term_ends = models.DateField(_("term ends"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.ACTIVE)
    ended_on = models.DateField(
        _("appointment ended on"), null=True, blank=True,
        help_text=_("The day the appointment ended, early or at the end of the term."),
    )
    phone = models.CharField(_("mobile number"), max_length=11, blank=True, validators=[validate_mobile])
    photo = PhotoField(_("photo"), upload_to="publicity/correspondents/", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("special correspondent")
        verbose_name_plural = _("special correspondents")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_ends__isnull=True) | Q(term_ends__gt=models.F("appointed_on")),
                name="publicity_correspondent_term_after_appointment",
                violation_error_message=_("The term must end after the appointment."),
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True) | Q(status="ended", ended_on__isnull=False),
                name="publicity_correspondent_ended_has_date",
                violation_error_message=_("An ended appointment has the day it ended, an active one has none."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("appointed_on")),
                name="publicity_correspondent_ended_after_appointment",
                violation_error_message=_("An appointment cannot end before it began."),
            ),
        ]

    def __str__(self):
        return self.name


class Outlet(models.Model):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("newspaper")
        TV = "tv", _("television")
        RADIO = "radio", _("radio")
        WEBSITE = "website", _("website")
        WECHAT = "wechat", _("WeChat account")
        MAGAZINE = "magazine", _("magazine")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=30, choices=OutletLevel)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Story(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StoryKind, default=StoryKind.NEWS)
    correspondents = models.ManyToManyField(
        Correspondent, related_name="stories", blank=True, verbose_name=_("correspondents")
    )
    staff_authors = models.CharField(_("staff authors"), max_length=100, blank=True)
    submitted_on = models.DateField(_("submitted on"))
    text = models.TextField(_("text"), blank=True)
    # A manuscript as submitted, for staff: the public reads the outlet's placement or the portal's article.
    attachment = models.FileField(
        _("attachment"), upload_to="publicity/stories/%Y/", blank=True, validators=[validate_document],
        storage=private_storage,
    )
    link = models.URLField(_("link"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self):
        return self.title


class Placement(models.Model):
    """A story published by an outlet (用稿): the figures "by level" count these."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="placements", verbose_name=_("story"))
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="placements", verbose_name=_("outlet"))
    published_on = models.DateField(_("published on"))
    where = models.CharField(_("link or page"), max_length=300, blank=True)
    reposted_by_headquarters = models.BooleanField(_("reposted by headquarters"), default=False)
    reposted_by_provincial = models.BooleanField(_("reposted by the provincial society"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "outlet", "published_on"], name="publicity_placement_once",
                violation_error_message=_("This story is already recorded in this outlet on this day."),
            ),
        ]

    def __str__(self):
        return f"{self.story} · {self.outlet} · {self.published_on:%Y-%m-%d}"


class ScoringScheme(models.Model):
    """A year's rules of the correspondents' scoring (考评奖励办法)."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    repost_headquarters_bonus = models.DecimalField(
        _("bonus when headquarters reposts"), max_digits=6, decimal_places=1, default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    repost_provincial_bonus = models.DecimalField(
        _("bonus when the provincial society reposts"), max_digits=6, decimal_places=1, default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scoring scheme")
        verbose_name_plural = _("scoring schemes")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class ScoringRule(models.Model):
    """Points for a placement at a level; a rule for one kind of story wins over the rule for any kind."""

    scheme = models.ForeignKey(ScoringScheme, on_delete=models.CASCADE, related_name="rules", verbose_name=_("scheme"))
    level = models.CharField(_("outlet level"), max_length=30, choices=OutletLevel)
    story_kind = models.CharField(
        _("kind of story"), max_length=20, choices=StoryKind, blank=True, help_text=_("Empty: any kind.")
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")
        ordering = ["scheme", "level", "story_kind"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "level", "story_kind"], name="publicity_rule_once"),
        ]

    def __str__(self):
        return f"{self.get_level_display()} {self.get_story_kind_display() or '*'}: {self.points}"


class Commendation(models.Model):
    """A year's excellent correspondent (优秀通讯员), chosen from the leaderboard."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    correspondent = models.ForeignKey(
        Correspondent, on_delete=models.PROTECT, related_name="commendations", verbose_name=_("correspondent")
    )
    title = models.CharField(pgettext_lazy("honorary title", "title"), max_length=50, default="优秀通讯员")
    meeting_on = models.DateField(_("commended at the meeting of"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "correspondent__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "correspondent", "title"], name="publicity_commendation_once"),
        ]

    def __str__(self):
        return f"{self.year} {self.title} {self.correspondent}"
