"""Group visits, the slots: on their own list and, the upcoming ones, on the page of a position that receives groups.

Every save goes through `services.slot_save`, whose refusals (a capacity below the places already booked) are shown
on the form; "repeat weekly" asks how many weeks and calls `services.slots_repeat`.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from redcross.admin_support import LifeCycleHistoryAdmin, apply_each

from .. import services
from ..models import Site, VisitSlot
from ..position_selectors import with_places
from .base import RefusalsOnTheForm
from .forms import WeeksForm, action_page, asked


class VisitAdmin(LifeCycleHistoryAdmin, RefusalsOnTheForm):
    """History to read and never to revert; a service stores each form, and its refusals are shown on the form."""


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"
    date_field = "date"

    def lookups(self, request, model_admin):
        return [("today", _("today")), ("week", _("within 7 days")), ("upcoming", _("from today on")),
                ("past", _("before today"))]

    def queryset(self, request, queryset):
        today, field = timezone.localdate(), self.date_field
        days = {
            "today": {field: today},
            "week": {f"{field}__range": (today, today + timedelta(days=6))},
            "upcoming": {f"{field}__gte": today},
            "past": {f"{field}__lt": today},
        }
        if self.value() in days:
            return queryset.filter(**days[self.value()])
        return queryset


def receiving_sites():
    return Site.objects.filter(position_kind__receives_groups=True).order_by("name")


class UpcomingSlotInline(admin.TabularInline):
    """On the page of a position that receives groups: its slots from today on, with the places still free."""

    model = VisitSlot
    fields = ("date", "starts_at", "ends_at", "capacity", "note", "open", "free_places")
    readonly_fields = ("free_places",)
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("upcoming visit slots")

    def get_queryset(self, request):
        return with_places(super().get_queryset(request).filter(date__gte=timezone.localdate()))

    @admin.display(description=_("free places"))
    def free_places(self, slot):
        return slot.free if slot.pk else "—"


@admin.register(VisitSlot)
class VisitSlotAdmin(VisitAdmin):
    list_display = ("site", "date", "starts_at", "ends_at", "capacity", "taken", "free", "open")
    list_filter = (("site", admin.RelatedOnlyFieldListFilter), WhenFilter, "open")
    list_select_related = ("site",)
    search_fields = ("site__name", "note")
    date_hierarchy = "date"
    ordering = ("-date", "starts_at")
    readonly_fields = ("taken", "free")
    actions = ["repeat_weekly"]

    def get_fields(self, request, obj=None):
        fields = ("site", "date", ("starts_at", "ends_at"), "capacity", "note", "open")
        return fields if obj is None else (*fields, "taken", "free")

    def get_queryset(self, request):
        return with_places(super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = receiving_sites()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False  # bookings point at their slot: untick "open for bookings" instead

    @admin.display(description=_("places taken"), ordering="taken")
    def taken(self, slot):
        return slot.taken

    @admin.display(description=_("free places"), ordering="free")
    def free(self, slot):
        return slot.free

    def save_model(self, request, obj, form, change):
        services.slot_save(slot=obj, by=request.user)

    @admin.action(description=_("Repeat weekly for a number of weeks"), permissions=["add"])
    def repeat_weekly(self, request, queryset):
        slots = queryset.select_related("site__position_kind")
        form = WeeksForm(asked(request))
        if not form.is_valid():
            return action_page(
                self, request, slots, form, action="repeat_weekly", title=_("Repeat visit slots weekly"),
                intro=_("Each slot is copied to the same weekday and time of the weeks that follow; a day that "
                        "already has it is skipped."),
                submit=_("Make the slots"),
            )
        made = []
        repeated = apply_each(self, request, slots, lambda slot: made.extend(
            services.slots_repeat(slot=slot, weeks=form.cleaned_data["weeks"], by=request.user)))
        if made:
            self.message_user(request, ngettext("%(count)d slot made.", "%(count)d slots made.", len(made)) % {
                "count": len(made)}, messages.SUCCESS)
        elif repeated:
            self.message_user(request, _("No slot was made: each of those weeks already has it."), messages.WARNING)
        return None
