"""Where the branch built something: 博爱家园 sites and their facilities."""


from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.images import PhotoField, thumbnail_spec
from redcross.models import Located
from redcross.validators import validate_phone

from .positions import PositionKind, default_position_kind


class Site(Located):
    """A 博爱家园 community or another place where the branch built something."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Fraternity Home community")
        SCHOOL = "school", _("school")
        VILLAGE = "village", _("village")
        HOSPITAL = "hospital", _("hospital")
        PARK = "park", _("park")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        SURVEYED = "surveyed", _("surveyed")
        PILOT = "pilot", _("pilot")
        BUILT = "built", _("built")
        CLOSED = "closed", pgettext_lazy("site status", "closed")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMMUNITY)
    position_kind = models.ForeignKey(
        PositionKind, on_delete=models.PROTECT, related_name="sites", default=default_position_kind,
        verbose_name=_("kind of position"),
    )
    community = models.CharField(_("community"), max_length=100, blank=True)
    town = models.CharField(_("street or town"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SURVEYED)
    # The dates the status changed: the reports count a site as it stood at the end of their period.
    started_on = models.DateField(
        _("on the books since"), default=timezone.localdate,
        help_text=_("The day the branch took the site on (surveyed or chosen as a pilot)."),
    )
    built_on = models.DateField(_("built on"), null=True, blank=True, help_text=_("Required once the site is built."))
    closed_on = models.DateField(
        pgettext_lazy("site", "closed on"), null=True, blank=True, help_text=_("Required once the site is closed.")
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=100, blank=True, help_text=_("As visitors read it, e.g. 周二至周日 9:00–17:00.")
    )
    phone = models.CharField(_("phone for visitors"), max_length=20, blank=True, validators=[validate_phone])
    publish_consent = models.BooleanField(
        _("consent to publish"), default=False,
        help_text=_("For kinds that need it (memorial places): the families or donors agreed to this page."),
    )
    consent_note = models.CharField(
        _("consent on record"), max_length=200, blank=True, help_text=_("Who agreed, when, and to what.")
    )
    partners = models.TextField(_("partner organisations"), blank=True, help_text=_("One per line."))
    description = models.TextField(_("description"), blank=True)
    cover = PhotoField(_("cover photo"), upload_to="projects/sites/", blank=True)
    cover_thumbnail = thumbnail_spec("cover")
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta(Located.Meta):
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["name"]
        constraints = [
            *Located.Meta.constraints,
            models.CheckConstraint(
                condition=Q(built_on__isnull=True) | Q(built_on__gte=models.F("started_on")),
                name="projects_site_built_after_start",
                violation_error_message=_("A site cannot be built before the branch took it on."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("started_on")),
                name="projects_site_closed_after_start",
                violation_error_message=_("A site cannot close before the branch took it on."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:site_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.BUILT and self.built_on is None:
            errors["built_on"] = _("Give the day the site was built.")
        if self.status in (self.Status.SURVEYED, self.Status.PILOT) and self.built_on is not None:
            errors["built_on"] = _("Only a built or closed site has a day it was built.")
        if self.status == self.Status.CLOSED and self.closed_on is None:
            errors["closed_on"] = _("Give the day the site closed.")
        if self.status != self.Status.CLOSED and self.closed_on is not None:
            errors["closed_on"] = _("Only a closed site has a closing day.")
        if errors:
            raise ValidationError(errors)

    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


def in_service_on(day, prefix: str = "") -> Q:
    """Facilities (through `prefix`, e.g. "facilities__") opened by `day` and not yet out of service on it."""
    return (Q(**{f"{prefix}opened_on__isnull": True}) | Q(**{f"{prefix}opened_on__lte": day})) & (
        Q(**{f"{prefix}retired_on__isnull": True}) | Q(**{f"{prefix}retired_on__gt": day})
    )


class FacilityKind(models.Model):
    """Kinds of facility (博爱广场, 博爱书屋 …): a list staff can extend."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("kind of facility")
        verbose_name_plural = _("kinds of facility")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Facility(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="facilities", verbose_name=_("site"))
    kind = models.ForeignKey(FacilityKind, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("kind"))
    name = models.CharField(_("name"), max_length=100)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    area = models.DecimalField(
        _("area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    retired_on = models.DateField(
        _("out of service since"), null=True, blank=True,
        help_text=_("Leave empty while the facility is in service."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["site", "kind__order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(area__gte=0), name="projects_facility_area_not_negative"),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | Q(opened_on__isnull=True)
                | Q(retired_on__gte=models.F("opened_on")),
                name="projects_facility_retired_after_opening",
                violation_error_message=_("A facility cannot go out of service before it opened."),
            ),
        ]

    def __str__(self):
        return f"{self.site} · {self.name}"

    @property
    def in_service(self) -> bool:
        today = timezone.localdate()
        return (self.opened_on is None or self.opened_on <= today) and (
            self.retired_on is None or self.retired_on > today
        )
