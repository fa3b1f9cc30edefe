"""The WeChat official account: posts, monthly figures and rankings."""


from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class WeChatAccount(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    owner = models.CharField(_("run by"), max_length=100, blank=True)
    opened_on = models.DateField(pgettext_lazy("WeChat account", "opened on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("WeChat official account")
        verbose_name_plural = _("WeChat official accounts")
        ordering = ["opened_on"]

    def __str__(self):
        return self.name


class WeChatPost(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        VIDEO = "video", _("video")

    class Topic(models.TextChoices):
        EVENTS = "events", _("important activities")
        RESCUE = "rescue", _("first aid and rescue")
        RECRUITMENT = "recruitment", _("volunteer recruitment")
        PROFILES = "profiles", _("volunteers and team members")
        FUNDRAISING = "fundraising", _("fundraising disclosure")
        OTHER = "other", _("other")

    account = models.ForeignKey(
        WeChatAccount, on_delete=models.CASCADE, related_name="posts", verbose_name=_("account")
    )
    published_on = models.DateField(_("published on"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.ARTICLE)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic, default=Topic.EVENTS)
    reads = models.PositiveIntegerField(_("reads"), default=0)
    reposted_by_provincial = models.BooleanField(_("reposted by the provincial society"), default=False)
    reposted_by_headquarters = models.BooleanField(_("reposted by headquarters"), default=False)
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("WeChat post")
        verbose_name_plural = _("WeChat posts")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "published_on", "title"], name="publicity_post_once"),
        ]

    def __str__(self):
        return self.title


class WeChatMonth(models.Model):
    """An account's statistics of one month, as the WeChat backend exports them."""

    account = models.ForeignKey(
        WeChatAccount, on_delete=models.CASCADE, related_name="months", verbose_name=_("account")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    followers = models.PositiveIntegerField(_("followers at month end"))
    new_followers = models.PositiveIntegerField(_("new followers"), default=0)
    lost_followers = models.PositiveIntegerField(_("lost followers"), default=0)
    reads = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("WeChat monthly statistics")
        verbose_name_plural = _("WeChat monthly statistics")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["account", "month"], name="publicity_month_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="publicity_month_first_day",
                                   violation_error_message=_("Give the first day of the month.")),
        ]

    def __str__(self):
        return f"{self.account} {self.month:%Y-%m}"


class WeChatRanking(models.Model):
    account = models.ForeignKey(
        WeChatAccount, on_delete=models.CASCADE, related_name="rankings", verbose_name=_("account")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])
    scope = models.CharField(_("among"), max_length=100, default="全省红十字系统公众号")
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("WeChat ranking")
        verbose_name_plural = _("WeChat rankings")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["account", "month", "scope"], name="publicity_ranking_once"),
            models.CheckConstraint(condition=Q(month__day=1), name="publicity_ranking_first_day",
                                   violation_error_message=_("Give the first day of the month.")),
        ]

    def __str__(self):
        return f"{self.account} {self.month:%Y-%m} #{self.rank}"
