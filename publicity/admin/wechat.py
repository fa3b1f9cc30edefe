"""The WeChat accounts, their posts and monthly statistics (spreadsheets of the WeChat backend, imported with a
row-by-row preview) and their rankings."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from redcross.admin_support import LocalDateExport

from .. import services
from ..forms import GuessFormatImportForm
from ..models import WeChatAccount, WeChatMonth, WeChatPost, WeChatRanking
from ..resources import WeChatMonthResource, WeChatPostResource
from .common import RefusalsAsMessages, ServiceAdmin


class WeChatImportAdmin(LocalDateExport, RefusalsAsMessages, ImportExportModelAdmin):
    """Spreadsheets from the WeChat backend: previewed row by row; a file with any bad row imports nothing."""

    formats = [XLSX, CSV]
    to_encoding = "utf-8-sig"  # so that Excel opens an exported CSV with its Chinese intact
    import_form_class = GuessFormatImportForm
    import_template_name = "admin/publicity/wechat_import.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "column_help": self.resource_classes[0].column_help}

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(request, _("Nothing was imported: the file no longer passes the checks. Import it "
                                         "again to see the rows in question."), messages.ERROR)
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)


@admin.register(WeChatAccount)
class WeChatAccountAdmin(ServiceAdmin):
    list_display = ("name", "owner", "opened_on", "post_count")
    search_fields = ("name", "owner")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts"))

    def save_model(self, request, obj, form, change):
        services.wechat_account_save(account=obj)

    @admin.display(description=_("number of posts"), ordering="post_count")
    def post_count(self, account):
        return account.post_count


@admin.register(WeChatPost)
class WeChatPostAdmin(WeChatImportAdmin):
    resource_classes = [WeChatPostResource]
    list_display = ("published_on", "title", "account", "kind", "topic", "reads", "reposted_by_provincial",
                    "reposted_by_headquarters")
    list_filter = ("account", "kind", "topic", "reposted_by_provincial", "reposted_by_headquarters")
    list_select_related = ("account",)
    search_fields = ("title",)
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        services.wechat_post_save(post=obj)


@admin.register(WeChatMonth)
class WeChatMonthAdmin(WeChatImportAdmin):
    resource_classes = [WeChatMonthResource]
    list_display = ("month_shown", "account", "followers", "new_followers", "lost_followers", "reads")
    list_filter = ("account",)
    list_select_related = ("account",)
    date_hierarchy = "month"

    def save_model(self, request, obj, form, change):
        services.wechat_month_save(month=obj)

    @admin.display(description=_("month"), ordering="month")
    def month_shown(self, month):
        return f"{month.month:%Y-%m}"


@admin.register(WeChatRanking)
class WeChatRankingAdmin(RefusalsAsMessages, admin.ModelAdmin):
    list_display = ("month_shown", "account", "rank", "scope", "source")
    list_filter = ("account", "scope", "rank")
    list_select_related = ("account",)
    search_fields = ("scope", "source")
    date_hierarchy = "month"

    def save_model(self, request, obj, form, change):
        services.wechat_ranking_save(ranking=obj)

    @admin.display(description=_("month"), ordering="month")
    def month_shown(self, ranking):
        return f"{ranking.month:%Y-%m}"
