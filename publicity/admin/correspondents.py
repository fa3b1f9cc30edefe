"""Correspondents and the meetings that appointed them; the year's leaderboard hangs off their list."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from redcross.admin_support import LifeCycleHistoryAdmin, PersonalDataSearch, inline_changes, masked_history
from redcross.masking import mask_phone

from .. import selectors, services
from ..forms import BatchAppointmentForm
from ..models import AppointmentBatch, Correspondent
from .common import RefusalsAsMessages, ServiceAdmin
from .scoring import LeaderboardViews

MaskedPhoneHistory = masked_history({"phone": mask_phone})


@admin.register(Correspondent)
class CorrespondentAdmin(PersonalDataSearch, LeaderboardViews, ServiceAdmin, LifeCycleHistoryAdmin):
    """History is read, never reverted: it holds the mobile numbers.

    Only staff who may change correspondents, and so see their numbers whole on the form, find them by number.
    """

    list_display = ("name", "kind", "organisation", "batch", "appointed_on", "term_ends", "status", "phone_shown",
                    "placement_count")
    list_filter = ("status", "kind", "batch", "appointed_on")
    list_select_related = ("batch",)
    search_fields = ("name", "organisation")
    personal_search_fields = ("=phone",)
    autocomplete_fields = ("batch",)
    readonly_fields = ("phone_shown", "stories_shown", "add_story_link")

    def may_search_personal_data(self, request) -> bool:
        return self.has_change_permission(request)

    def get_fieldsets(self, request, obj=None):
        # Someone who may only look sees the mobile number masked, like everywhere else.
        phone = "phone" if self.has_change_permission(request, obj) else "phone_shown"
        fieldsets = [
            (None, {"fields": ("name", "kind", "organisation", phone, "photo")}),
            (_("Appointment"), {"fields": ("batch", ("appointed_on", "term_ends"), ("status", "ended_on"))}),
        ]
        if obj is not None:
            stories = ("stories_shown", "add_story_link") if request.user.has_perm("publicity.add_story") else (
                "stories_shown",)
            fieldsets.append((_("Stories and their placements"), {"fields": stories}))
        return fieldsets

    def get_queryset(self, request):
        # Explicit ordering: the default one is dropped from a grouped query (autocomplete lists page on it).
        return super().get_queryset(request).annotate(placement_count=Count("stories__placements")).order_by("name")

    def get_historical_record_context_helper(self, request, historical_record):
        if self.has_change_permission(request):
            return super().get_historical_record_context_helper(request, historical_record)
        return MaskedPhoneHistory(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        services.correspondent_save(correspondent=obj)

    def delete_model(self, request, obj):
        services.correspondent_delete(correspondent=obj)

    def delete_queryset(self, request, queryset):
        for correspondent in queryset:
            services.correspondent_delete(correspondent=correspondent)

    @admin.display(description=_("mobile number"))
    def phone_shown(self, correspondent):
        return mask_phone(correspondent.phone) or "—"

    @admin.display(description=_("placements"), ordering="placement_count")
    def placement_count(self, correspondent):
        return correspondent.placement_count

    @admin.display(description=_("stories"))
    def stories_shown(self, correspondent):
        """The correspondent's stories with their placements, as links: both are entered on the story's page."""
        stories = selectors.stories_of(correspondent)
        if not stories:
            return "—"
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (format_html('<a href="{}">{}</a>', reverse("admin:publicity_story_change", args=[story.pk]), story.title),
             story.get_kind_display(), story.submitted_on.isoformat(), self.placements_of(story))
            for story in stories
        ))
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("title"), _("kind"), _("submitted on"), _("placements"), rows,
        )

    @staticmethod
    def placements_of(story):
        placements = story.placements.all()
        if not placements:
            return "—"
        return format_html_join(
            mark_safe("<br>"), '<a href="{}">{} · {} · {}</a>',
            ((reverse("admin:publicity_placement_change", args=[placement.pk]), placement.outlet,
              placement.outlet.get_level_display(), placement.published_on.isoformat())
             for placement in placements),
        )

    @admin.display(description=_("New story"))
    def add_story_link(self, correspondent):
        url = reverse("admin:publicity_story_add") + "?" + urlencode({"correspondents": correspondent.pk})
        return format_html('<a class="addlink" href="{}">{}</a>', url,
                           _("Add a story by this correspondent, with its placements"))


class CorrespondentInline(admin.TabularInline):
    model = Correspondent
    form = BatchAppointmentForm
    fields = ("name", "kind", "organisation", "appointed_on", "term_ends", "status", "ended_on")
    extra = 0
    show_change_link = True


@admin.register(AppointmentBatch)
class AppointmentBatchAdmin(RefusalsAsMessages, admin.ModelAdmin):
    """A meeting keeps no versions of its own: its history page is the admin's log of changes."""

    list_display = ("date", "meeting", "correspondent_count")
    search_fields = ("meeting", "note")
    date_hierarchy = "date"
    inlines = [CorrespondentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(correspondent_count=Count("correspondents")).order_by("-date")

    def save_model(self, request, obj, form, change):
        services.appointment_batch_save(batch=obj)

    def save_formset(self, request, form, formset, change):
        changed, removed = inline_changes(formset)
        for correspondent in removed:
            services.correspondent_delete(correspondent=correspondent)
        for correspondent in changed:
            services.correspondent_save(correspondent=correspondent)

    @admin.display(description=_("correspondents"), ordering="correspondent_count")
    def correspondent_count(self, batch):
        return batch.correspondent_count
