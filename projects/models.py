from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.choices import FundingSource
from redcross.images import PhotoField, thumbnail_spec
from redcross.models import Located
from redcross.private import private_storage
from redcross.uploads import validate_document

ZERO = Decimal("0.00")


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
    community = models.CharField(_("community"), max_length=100, blank=True)
    town = models.CharField(_("street or town"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SURVEYED)
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

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:site_detail", args=[self.pk])

    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


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
    in_service = models.BooleanField(_("in service"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["site", "kind__order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(area__gte=0), name="projects_facility_area_not_negative"),
        ]

    def __str__(self):
        return f"{self.site} · {self.name}"


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
    from_status = models.CharField(_("from"), max_length=20, choices=Project.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=Project.Status)
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
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
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
