"""Sites, the facilities built there, the kinds of facility, and activities: entered by hand or imported."""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redcross.admin_support import inline_changes

from .. import services
from ..models import Activity, Facility, FacilityKind, Site, VisitSlot, in_service_on
from ..resources import ActivityResource, FacilityResource, SiteResource
from .base import PhotoInline, ServiceAdmin, SpreadsheetAdmin
from .visits import UpcomingSlotInline


class SitePhotoInline(PhotoInline):
    fk_name = "site"


class FacilityPhotoInline(PhotoInline):
    fk_name = "facility"


class ActivityPhotoInline(PhotoInline):
    fk_name = "activity"


class FacilityInline(admin.TabularInline):
    model = Facility
    fields = ("kind", "name", "opened_on", "retired_on", "area", "opening_hours")
    extra = 0
    show_change_link = True


class InServiceFilter(admin.SimpleListFilter):
    title = _("in service")
    parameter_name = "in_service"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            today = Q(pk__in=queryset.filter(in_service_on(timezone.localdate())).values("pk"))
            return queryset.filter(today if self.value() == "yes" else ~today)
        return queryset


@admin.register(Site)
class SiteAdmin(SpreadsheetAdmin):
    resource_classes = [SiteResource]
    list_display = ("name", "position_kind", "kind", "status", "town", "facility_count", "published")
    list_filter = ("position_kind", "status", "kind", "published", "town")
    list_select_related = ("position_kind",)
    search_fields = ("name", "community", "town", "address", "partners")
    list_editable = ("published",)
    inlines = [FacilityInline, SitePhotoInline]
    fieldsets = (
        (None, {"fields": ("name", "position_kind", "kind", "published")}),
        (_("Status"), {
            "fields": ("status", ("started_on", "built_on", "closed_on")),
            "description": _("The reports count a site as it stood at the end of their period, from these days."),
        }),
        (_("Where"), {"fields": ("community", "town", "address", ("latitude", "longitude"))}),
        (_("About"), {"fields": ("partners", "description", "cover")}),
        (_("For visitors"), {
            "fields": ("opening_hours", "phone", ("publish_consent", "consent_note")),
            "description": _("Shown on the position's public page with what visitors do there. A kind published only "
                             "with consent (memorial places) keeps the page hidden until the consent is ticked."),
        }),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(facility_count=Count("facilities"))

    def get_inlines(self, request, obj):
        if obj is not None and obj.position_kind.receives_groups:
            return [*self.inlines, UpcomingSlotInline]
        return self.inlines

    def save_formset(self, request, form, formset, change):
        if formset.model is not VisitSlot:
            return super().save_formset(request, form, formset, change)
        stored, _removed = inline_changes(formset)
        for slot in stored:
            services.slot_save(slot=slot, by=request.user)
        return None

    @admin.display(description=_("facilities"), ordering="facility_count")
    def facility_count(self, site):
        return site.facility_count


@admin.register(FacilityKind)
class FacilityKindAdmin(ServiceAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name",)


@admin.register(Facility)
class FacilityAdmin(SpreadsheetAdmin):
    resource_classes = [FacilityResource]
    list_display = ("name", "site", "kind", "opened_on", "retired_on", "area", "in_service")
    list_filter = ("kind", InServiceFilter, "site")
    list_select_related = ("site", "kind")
    search_fields = ("name", "site__name")
    autocomplete_fields = ("site",)
    date_hierarchy = "opened_on"
    inlines = [FacilityPhotoInline]

    @admin.display(description=_("in service"), boolean=True)
    def in_service(self, facility):
        return facility.in_service


@admin.register(Activity)
class ActivityAdmin(SpreadsheetAdmin):
    resource_classes = [ActivityResource]
    list_display = ("title", "kind", "date", "site", "participants", "volunteers", "volunteer_hours",
                    "beneficiaries", "published")
    list_filter = ("kind", "published", "site")
    list_select_related = ("site",)
    search_fields = ("title", "description", "site__name")
    autocomplete_fields = ("site",)
    date_hierarchy = "date"
    inlines = [ActivityPhotoInline]
