from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from . import labels
from .models import Report, SentenceTemplate


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """To read: a report is asked for on the reports page and produced by the services, which alone set its status."""

    list_display = ("__str__", "kind", "start", "end", "status", "scheduled", "requested_by", "requested_at")
    list_filter = ("status", "kind", "scheduled")
    date_hierarchy = "end"
    readonly_fields = ("kind", "start", "end", "status", "error", "requested_by", "requested_at", "scheduled",
                       "queued_at", "attempts", "started_at", "finished_at", "downloads")
    fields = readonly_fields

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


@admin.register(SentenceTemplate)
class SentenceTemplateAdmin(admin.ModelAdmin):
    list_display = ("key", "description")
    search_fields = ("key", "description", "text")
    readonly_fields = ("key",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
