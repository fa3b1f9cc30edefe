"""Outlets, stories and their placements, and the one-row quick entry of placements."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from redcross.admin_support import add_errors, inline_changes

from .. import selectors, services
from ..forms import QuickPlacementForm
from ..models import Outlet, Placement, Story
from .common import ServiceAdmin


@admin.register(Outlet)
class OutletAdmin(ServiceAdmin):
    list_display = ("name", "level", "kind", "placement_count")
    list_filter = ("level", "kind")
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(placement_count=Count("placements")).order_by("name")

    def save_model(self, request, obj, form, change):
        services.outlet_save(outlet=obj)

    @admin.display(description=_("placements"), ordering="placement_count")
    def placement_count(self, outlet):
        return outlet.placement_count


class PlacementInline(admin.TabularInline):
    model = Placement
    fields = ("outlet", "published_on", "where", "reposted_by_provincial", "reposted_by_headquarters")
    autocomplete_fields = ("outlet",)
    extra = 1


@admin.register(Story)
class StoryAdmin(ServiceAdmin):
    list_display = ("title", "kind", "submitted_on", "authors_shown", "placement_count")
    list_filter = ("kind", "correspondents")
    search_fields = ("title", "correspondents__name", "staff_authors")
    date_hierarchy = "submitted_on"
    autocomplete_fields = ("correspondents",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PlacementInline]
    fieldsets = (
        (None, {"fields": ("title", "kind", "submitted_on")}),
        (_("Authors"), {"fields": ("correspondents", "staff_authors")}),
        (_("Content"), {"fields": ("text", "attachment", "link")}),
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(placement_count=Count("placements", distinct=True))
            .prefetch_related("correspondents").order_by("-submitted_on", "-pk")
        )

    def save_model(self, request, obj, form, change):
        services.story_save(story=obj, correspondents=form.cleaned_data.get("correspondents"))

    def save_related(self, request, form, formsets, change):
        # The authors are set by story_save, not by the form.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        changed, removed = inline_changes(formset)
        for placement in removed:
            services.placement_delete(placement=placement)
        for placement in changed:
            services.placement_save(placement=placement)

    @admin.display(description=_("authors"))
    def authors_shown(self, story):
        names = [correspondent.name for correspondent in story.correspondents.all()]
        if story.staff_authors:
            names.append(story.staff_authors)
        return "、".join(names) or "—"

    @admin.display(description=_("placements"), ordering="placement_count")
    def placement_count(self, story):
        return story.placement_count


@admin.register(Placement)
class PlacementAdmin(ServiceAdmin):
    list_display = ("published_on", "story", "outlet", "outlet_level", "story_kind", "reposted_by_provincial",
                    "reposted_by_headquarters")
    list_filter = ("outlet__level", "outlet", "story__kind", "reposted_by_provincial", "reposted_by_headquarters")
    list_select_related = ("story", "outlet")
    search_fields = ("story__title", "outlet__name", "story__correspondents__name")
    autocomplete_fields = ("story", "outlet")
    date_hierarchy = "published_on"

    def get_urls(self):
        return [
            path("quick-add/", self.admin_site.admin_view(self.quick_add_view),
                 name="publicity_placement_quick_add"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        services.placement_save(placement=obj)

    def delete_model(self, request, obj):
        services.placement_delete(placement=obj)

    def delete_queryset(self, request, queryset):
        for placement in queryset:
            services.placement_delete(placement=placement)

    @admin.display(description=_("outlet level"), ordering="outlet__level")
    def outlet_level(self, placement):
        return placement.outlet.get_level_display()

    @admin.display(description=_("kind of story"), ordering="story__kind")
    def story_kind(self, placement):
        return placement.story.get_kind_display()

    def quick_add_view(self, request):
        """Saves one row and comes back to an empty row, keeping the story and the date for the next outlet."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = QuickPlacementForm(request.POST)
            if form.is_valid():
                try:
                    placement = services.placement_quick_add(**form.cleaned_data)
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    self.log_addition(request, placement, [{"added": {}}])
                    self.message_user(request, format_html(
                        _("Placement saved: {placement}."),
                        placement=format_html('<a href="{}">{}</a>', reverse(
                            "admin:publicity_placement_change", args=[placement.pk]), placement),
                    ), messages.SUCCESS)
                    keep = {"story": placement.story_id, "published_on": placement.published_on.isoformat()}
                    return redirect(f"{request.path}?{urlencode(keep)}")
        else:
            story = request.GET.get("story", "")
            form = QuickPlacementForm(initial={
                "story": story if story.isdigit() else None,
                "published_on": parse_date_or_none(request.GET.get("published_on", "")) or timezone.localdate(),
            })
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Quick entry of placements"),
            "form": form,
            "media": self.media + form.media,
            "recent": selectors.recent_placements(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publicity/placement_quick_add.html", context)


def parse_date_or_none(text: str):
    try:
        return parse_date(text)
    except ValueError:
        return None
