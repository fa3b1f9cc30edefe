import copy
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .images import LogoField
from .masking import mask_phone
from .validators import validate_phone

PROFILE_CACHE_KEY = "redcross:branch-profile"
# The profile as this process last read it, for a second: every page rendered and every text message signed reads
# it. A save in this process forgets it at once (and at the commit); other processes see it within the second, and
# before they render a page under a new content version (redcross.pagecache.content_version forgets it).
PROFILE_MEMO_SECONDS = 1.0
_profile_memo: dict = {"profile": None, "until": 0.0}


def forget_profile() -> None:
    _profile_memo["profile"] = None


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
    donation_certificate_from = models.DecimalField(
        _("thank-you certificates from (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("A donor whose gift is worth at least this much (goods by their estimated value) can download "
                    "a thank-you certificate. Empty: no certificates."),
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
        self.forget()
        # Once more when every process can read the new row: one that read the old meanwhile stored it again.
        transaction.on_commit(self.forget)

    @staticmethod
    def forget() -> None:
        cache.delete(PROFILE_CACHE_KEY)
        forget_profile()

    @classmethod
    def load(cls) -> "BranchProfile":
        now = time.monotonic()
        profile, until = _profile_memo["profile"], _profile_memo["until"]  # once: another thread may forget it
        if profile is None or now >= until:
            profile = cache.get(PROFILE_CACHE_KEY)
            if profile is None:
                profile, _created = cls.objects.get_or_create(id=cls.SINGLETON_ID)
                cache.set(PROFILE_CACHE_KEY, profile, 300)
            _profile_memo.update(profile=profile, until=now + PROFILE_MEMO_SECONDS)
        return copy.copy(profile)  # a caller's change to its copy stays its own

    def display_name(self, language_code: str) -> str:
        if language_code != "zh-hans" and self.name_en:
            return self.name_en
        return str(self.name)


class TextMessage(models.Model):
    """One text message to a citizen: queued once under its key, sent at most once, the provider's answer kept."""

    class Kind(models.TextChoices):
        LOGIN_CODE = "login_code", _("one-time code")
        SIGNUP_CONFIRMED = "signup_confirmed", _("sign-up confirmed")
        SIGNUP_WAITING = "signup_waiting", _("on the waiting list")
        PROMOTED = "promoted", _("moved up from the waiting list")
        REMINDER = "reminder", _("reminder the day before")
        SESSION_CHANGED = "session_changed", _("session changed")
        SESSION_CANCELLED = "session_cancelled", _("session cancelled")
        CERTIFICATE_ISSUED = "certificate_issued", _("certificate issued")
        VISIT_REQUESTED = "visit_requested", _("group visit requested")
        VISIT_CONFIRMED = "visit_confirmed", _("group visit confirmed")
        VISIT_DECLINED = "visit_declined", _("group visit declined")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("text message", "waiting to be sent")
        SENDING = "sending", pgettext_lazy("text message", "being sent")
        RETRY = "retry", pgettext_lazy("text message", "to be tried again")
        SENT = "sent", pgettext_lazy("text message", "sent")
        FAILED = "failed", pgettext_lazy("text message", "failed")

    key = models.CharField(
        _("key"), max_length=120, unique=True,
        help_text=_("What the message is about; one message per key, so nothing is sent twice."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    mobile = models.CharField(_("mobile"), max_length=11)
    text = models.CharField(pgettext_lazy("text message", "text"), max_length=500)
    params = models.JSONField(_("template values"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    backend = models.CharField(_("sent through"), max_length=30, blank=True)
    answer_code = models.CharField(_("provider's code"), max_length=100, blank=True)
    answer_detail = models.CharField(_("provider's answer"), max_length=500, blank=True)
    reference = models.CharField(_("provider's reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("what it is about"),
    )
    subject_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    resent_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="resends",
        verbose_name=_("resent from"),
    )
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("queued by"),
    )

    class Meta:
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="redcross_text_subject")]

    def __str__(self):
        return f"{self.get_kind_display()} → {mask_phone(self.mobile)}"
