"""Group visits, the bookings: listed with the visit's time and position; confirmed, declined with a reason, recorded
as held with the number who came, or cancelled, each through its service. Staff enter a request taken by phone
through the same service as the public form. Nothing on a booking's page is typed once it is made.

The contact's mobile number is masked on the list, and on the page for anyone who may not act on the booking; the
projects staff see it whole there, to call the school.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from redcross.admin_support import PersonalDataSearch, apply_each, masked_history
from redcross.masking import mask_phone

from .. import services
from ..models import GroupBooking, VisitSlot
from ..position_selectors import with_places
from .forms import AttendedForm, DeclineForm, action_page, asked
from .visits import VisitAdmin, WhenFilter

MaskedMobileHistory = masked_history({"mobile": mask_phone})
# What staff type for a request taken by phone; then what the booking's page shows, all of it read only.
ENTERED = ("slot", "organisation", "contact_name", "mobile", "headcount", "age_group", "note")
RECORDED = ("status", "reason", "attended", "decided_at", "decided_by", "created_at")


class VisitDayFilter(WhenFilter):
    date_field = "slot__date"


def upcoming_open_slots():
    slots = VisitSlot.objects.filter(
        date__gte=timezone.localdate(), open=True, site__position_kind__receives_groups=True)
    return with_places(slots).select_related("site").order_by("date", "starts_at", "site__name")


def slot_label(slot: VisitSlot) -> str:
    return _("%(slot)s (%(free)s places free)") % {"slot": slot, "free": slot.free}


@admin.register(GroupBooking)
class GroupBookingAdmin(PersonalDataSearch, VisitAdmin):
    list_display = ("visit_time", "position", "organisation", "headcount", "age_group", "status", "created_at",
                    "mobile_shown")
    list_filter = ("status", ("slot__site", admin.RelatedOnlyFieldListFilter), VisitDayFilter, "age_group")
    list_select_related = ("slot__site",)
    search_fields = ("organisation", "contact_name", "slot__site__name")
    personal_search_fields = ("=mobile",)
    date_hierarchy = "slot__date"
    actions = ["confirm", "decline", "record_held", "cancel"]

    def may_see_mobile(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def may_search_personal_data(self, request) -> bool:
        return self.may_see_mobile(request)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ENTERED
        mobile = "mobile_whole" if self.may_see_mobile(request, obj) else "mobile_shown"
        return (*(mobile if name == "mobile" else name for name in ENTERED), *RECORDED)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # a booking is declined or cancelled, never removed: its places and texts are on record

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "slot":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        field = super().formfield_for_foreignkey(db_field, request, queryset=upcoming_open_slots(), **kwargs)
        field.label_from_instance = slot_label
        return field

    def save_model(self, request, obj, form, change):
        if not change:  # a booking's page has nothing to type: its steps are the actions
            services.booking_request(slot=obj.slot, booking=obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        nothing_to_save = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**nothing_to_save, **(extra_context or {})})

    def get_historical_record_context_helper(self, request, historical_record):
        if self.may_see_mobile(request):
            return super().get_historical_record_context_helper(request, historical_record)
        return MaskedMobileHistory(self.model, historical_record)

    @admin.display(description=_("visit time"), ordering="slot__date")
    def visit_time(self, booking):
        slot = booking.slot
        return f"{slot.date:%Y-%m-%d} {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"

    @admin.display(description=_("position"), ordering="slot__site__name")
    def position(self, booking):
        return booking.slot.site

    @admin.display(description=_("mobile"))
    def mobile_shown(self, booking):
        return mask_phone(booking.mobile)

    @admin.display(description=_("mobile"))
    def mobile_whole(self, booking):
        return booking.mobile

    @staticmethod
    def selected(queryset):
        return queryset.select_related("slot__site")

    def report(self, request, done: int, text: str) -> None:
        """`text` says what became of the `done` bookings; the refused ones were reported one by one."""
        if done:
            self.message_user(request, text % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Confirm the visit"), permissions=["change"])
    def confirm(self, request, queryset):
        done = apply_each(self, request, self.selected(queryset), lambda booking: services.booking_decide(
            booking=booking, confirm=True, by=request.user))
        self.report(request, done, ngettext(
            "%(count)d booking confirmed; the contact person is told by text message.",
            "%(count)d bookings confirmed; each contact person is told by text message.", done))

    @admin.action(description=_("Decline, giving the reason"), permissions=["change"])
    def decline(self, request, queryset):
        bookings = self.selected(queryset)
        form = DeclineForm(asked(request))
        if not form.is_valid():
            return action_page(
                self, request, bookings, form, action="decline", title=_("Decline group visits"),
                intro=_("Each contact person is told by text message that the visit cannot take place, and why."),
                submit=pgettext_lazy("group booking", "Decline"),
            )
        done = apply_each(self, request, bookings, lambda booking: services.booking_decide(
            booking=booking, confirm=False, reason=form.cleaned_data["reason"], by=request.user))
        self.report(request, done, ngettext(
            "%(count)d booking declined; the contact person is told why by text message.",
            "%(count)d bookings declined; each contact person is told why by text message.", done))
        return None

    @admin.action(description=_("Record as held, with the number who came"), permissions=["change"])
    def record_held(self, request, queryset):
        bookings = list(self.selected(queryset))
        form = AttendedForm(bookings, asked(request))
        if not form.is_valid():
            return action_page(
                self, request, bookings, form, action="record_held", title=_("Record group visits as held"),
                intro=_("Give the number of visitors who came to each visit: the figures count them, not the number "
                        "booked."),
                submit=_("Save the numbers"), listed=False,
            )
        attended = form.attended()
        done = apply_each(self, request, bookings, lambda booking: services.booking_held(
            booking=booking, attended=attended[booking.pk], by=request.user))
        self.report(request, done, ngettext(
            "%(count)d visit recorded as held.", "%(count)d visits recorded as held.", done))
        return None

    @admin.action(description=_("Cancel the booking"), permissions=["change"])
    def cancel(self, request, queryset):
        done = apply_each(self, request, self.selected(queryset), lambda booking: services.booking_cancel(
            booking=booking, by=request.user))
        self.report(request, done, ngettext("%(count)d booking cancelled.", "%(count)d bookings cancelled.", done))
