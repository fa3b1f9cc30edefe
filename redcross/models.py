from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .images import LogoField
from .validators import validate_phone

PROFILE_CACHE_KEY = "redcross:branch-profile"


class Located(models.Model):
    """A place on the map (GCJ-02, as Amap shows it), or nowhere: both coordinates or neither."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="%(app_label)s_%(class)s_location_complete",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]


class BranchProfile(models.Model):
    """The branch's own profile: exactly one row, edited by staff, shown by the public shell."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID, editable=False)
    name = models.CharField(_("name"), max_length=100, default=_("City Red Cross Society"))
    short_name = models.CharField(_("short name"), max_length=30, default=_("Red Cross"))
    name_en = models.CharField(
        _("name in English"), max_length=150, blank=True, help_text=_("Shown on the English pages when given.")
    )
    code = models.CharField(
        _("branch code"), max_length=10, default="RC",
        help_text=_("Letters or digits that begin every certificate number, e.g. HA for 海安."),
        validators=[RegexValidator(r"^[A-Z0-9]{1,10}$", _("Use capital letters and digits only."))],
    )
    logo = LogoField(_("logo"), upload_to="branch/", blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    wechat_name = models.CharField(_("WeChat official account"), max_length=60, blank=True)
    wechat_qr = LogoField(_("WeChat QR code"), upload_to="branch/", blank=True)
    icp_number = models.CharField(
        _("ICP filing number"), max_length=60, blank=True, help_text=_("For example 苏ICP备12345678号-1.")
    )
    # Where "since the start" (成立以来 / 开通至今) begins for each front's figures in the reports.
    projects_started_on = models.DateField(
        _("humanitarian projects started"), null=True, blank=True,
        help_text=_("The first project or 博爱家园 site, even before the portal."),
    )
    training_started_on = models.DateField(
        _("training started"), null=True, blank=True, help_text=_("The first training classroom or base.")
    )
    correspondents_started_on = models.DateField(
        _("correspondent team founded"), null=True, blank=True,
        help_text=_("Placements are counted “since the team was founded” from this day."),
    )
    wechat_started_on = models.DateField(
        _("WeChat account opened"), null=True, blank=True,
        help_text=_("Posts are counted “since the account opened” from this day."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("branch profile")
        verbose_name_plural = _("branch profile")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="branch_profile_single_row"),
        ]

    def __str__(self):
        return str(self.name)

    def save(self, *args, **kwargs):
        self.id = self.SINGLETON_ID
        super().save(*args, **kwargs)
        cache.delete(PROFILE_CACHE_KEY)

    @classmethod
    def load(cls) -> "BranchProfile":
        profile = cache.get(PROFILE_CACHE_KEY)
        if profile is None:
            profile, _created = cls.objects.get_or_create(id=cls.SINGLETON_ID)
            cache.set(PROFILE_CACHE_KEY, profile, 300)
        return profile

    def display_name(self, language_code: str) -> str:
        if language_code != "zh-hans" and self.name_en:
            return self.name_en
        return str(self.name)
