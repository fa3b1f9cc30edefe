"""The branch's news on the portal, with images."""


from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.images import PhotoField, thumbnail_spec
from redcross.sanitize import clean_html


class Article(models.Model):
    """The portal's own news (新闻动态)."""

    class Category(models.TextChoices):
        NEWS = "news", _("work news")
        NOTICE = "notice", _("notices")
        TRAINING = "training", _("training")
        FRATERNITY = "fraternity", _("Fraternity Homes")
        VOLUNTEERS = "volunteers", pgettext_lazy("news category", "volunteers")
        DISCLOSURE = "disclosure", _("public disclosure")

    title = models.CharField(_("title"), max_length=150)
    category = models.CharField(_("category"), max_length=20, choices=Category, default=Category.NEWS)
    summary = models.CharField(
        _("summary"), max_length=200, blank=True, help_text=_("Shown in lists and when the page is shared in WeChat.")
    )
    cover = PhotoField(_("cover image"), upload_to="publicity/news/%Y/", blank=True)
    cover_thumbnail = thumbnail_spec("cover")
    body = models.TextField(
        _("body"),
        help_text=_("HTML: paragraphs, headings, lists, links, images and tables are kept; anything else, "
                    "scripts above all, is removed when saved."),
    )
    author = models.CharField(_("author"), max_length=50, blank=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published = models.BooleanField(_("published"), default=False)
    activity = models.ForeignKey(
        "projects.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles",
        verbose_name=_("related activity"),
    )
    session = models.ForeignKey(
        "training.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles",
        verbose_name=_("related training session"),
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles",
        verbose_name=_("related project"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["published", "-published_at"], name="publicity_article_listing")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publicity:article_detail", args=[self.pk])


class ArticleImage(models.Model):
    """An image uploaded for use in an article's body."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="images", verbose_name=pgettext_lazy("news", "article")
    )
    image = PhotoField(_("image"), upload_to="publicity/news/%Y/")
    caption = models.CharField(_("caption"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.image.name.rsplit("/", 1)[-1]
