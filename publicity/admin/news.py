"""The portal's news articles and the images used in their bodies."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from redcross.admin_support import inline_changes

from .. import services
from ..forms import ArticleForm
from ..models import Article, ArticleImage
from .common import ServiceAdmin


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    fields = ("image", "caption", "address")
    readonly_fields = ("address",)
    extra = 1

    @admin.display(description=_("address to paste into the body"))
    def address(self, image):
        if not image.pk or not image.image:
            return _("Shown once the article is saved.")
        return format_html('<code>&lt;img src="{}" alt="{}"&gt;</code>', image.image.url, image.caption)


@admin.register(Article)
class ArticleAdmin(ServiceAdmin):
    form = ArticleForm
    list_display = ("title", "category", "published", "published_at", "author", "created_by")
    list_filter = ("published", "category")
    list_editable = ("published",)
    list_select_related = ("created_by",)
    search_fields = ("title", "summary", "author")
    date_hierarchy = "published_at"
    autocomplete_fields = ("activity", "session", "project")
    inlines = [ArticleImageInline]
    fieldsets = (
        (None, {"fields": ("title", "category", "summary", "cover", "body")}),
        (_("Publication"), {"fields": ("author", "published_at", "published")}),
        (_("Related"), {"fields": ("activity", "session", "project")}),
    )

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        changed, removed = inline_changes(formset)
        for image in removed:
            services.article_image_delete(image=image)
        for image in changed:
            services.article_image_save(image=image)
