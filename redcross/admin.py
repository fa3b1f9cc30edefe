from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import BranchProfile

admin.site.site_header = _("Red Cross portal administration")
admin.site.site_title = _("Red Cross portal")
admin.site.index_title = _("Work records")


@admin.register(BranchProfile)
class BranchProfileAdmin(SimpleHistoryAdmin):
    """Exactly one profile: the list goes straight to it, and it can be neither added nor deleted."""

    fieldsets = (
        (None, {"fields": ("name", "short_name", "name_en", "code", "logo")}),
        (_("Contact"), {"fields": ("address", "phone", "email")}),
        (_("WeChat"), {"fields": ("wechat_name", "wechat_qr")}),
        (_("Footer"), {"fields": ("icp_number",)}),
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        if str(object_id) != str(BranchProfile.SINGLETON_ID):
            return None
        profile, _created = BranchProfile.objects.get_or_create(id=BranchProfile.SINGLETON_ID)
        return profile

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return redirect(reverse("admin:redcross_branchprofile_change", args=[BranchProfile.SINGLETON_ID]))
