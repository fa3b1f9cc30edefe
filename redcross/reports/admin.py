from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import labels
from .models import OpeningTotal, Report, SentenceTemplate
from .services import opening_total_delete, opening_total_save, report_request


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """To read: a report is asked for on the reports page and produced by the services, which alone set its status."""

    list_display = ("__str__", "kind", "start", "end", "status", "taken_at", "up_to_date", "scheduled",
                    "requested_by", "requested_at")
    list_filter = ("status", "kind", "scheduled", ("out_of_date_since", admin.EmptyFieldListFilter))
    date_hierarchy = "end"
    readonly_fields = ("kind", "start", "end", "status", "error", "requested_by", "requested_at", "scheduled",
                       "queued_at", "attempts", "started_at", "taken_at", "finished_at", "out_of_date_since",
                       "downloads")
    fields = readonly_fields
    actions = ["renew"]

    @admin.display(description=_("up to date"), boolean=True)
    def up_to_date(self, report):
        return None if report.status != Report.Status.READY else report.out_of_date_since is None

    @admin.action(description=_("Make a new version of the selected reports' periods"), permissions=["download"])
    def renew(self, request, queryset):
        periods = {report.period for report in queryset}
        made = sum(report_request(period=period, by=request.user)[1] for period in periods)
        self.message_user(request, _("%(count)d new versions are being produced.") % {"count": made})

    @admin.display(description=_("files"))
    def downloads(self, report):
        if report.status != Report.Status.READY:
            return "—"
        return format_html_join(
            " · ", '<a href="{}">{}</a>',
            ((reverse("reports:download", args=[report.pk, kind]), label)
             for kind, (label, _content_type) in labels.FILES.items()),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_download_permission(self, request):
        return request.user.has_perm("reports.download_report")


@admin.register(SentenceTemplate)
class SentenceTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "description")
    search_fields = ("key", "description", "text")
    readonly_fields = ("key",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OpeningTotal)
class OpeningTotalAdmin(SimpleHistoryAdmin):
    """Totals from before the portal; the reports add them to their running totals (see figures.since_start)."""

    list_display = ("figure", "value", "as_of", "source")
    list_filter = ("figure",)
    search_fields = ("source",)
    date_hierarchy = "as_of"
    fields = ("figure", "value", "as_of", "source")

    def save_model(self, request, obj, form, change):
        opening_total_save(total=obj)

    def delete_model(self, request, obj):
        opening_total_delete(total=obj)

    def delete_queryset(self, request, queryset):
        for total in queryset:
            opening_total_delete(total=total)
