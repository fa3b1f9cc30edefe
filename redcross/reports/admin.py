from django.contrib import admin

from .models import Report, SentenceTemplate


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "start", "end", "status", "scheduled", "requested_by", "requested_at")
    list_filter = ("status", "kind", "scheduled")
    date_hierarchy = "end"
    readonly_fields = ("kind", "start", "end", "status", "error", "requested_by", "requested_at", "scheduled",
                       "attempts", "started_at", "finished_at", "docx", "xlsx", "pdf")
    exclude = ("figures",)

    def has_add_permission(self, request):
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
