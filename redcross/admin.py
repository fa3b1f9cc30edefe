from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import BranchProfile
from .validators import validate_one_line

admin.site.site_header = _("Red Cross portal administration")
admin.site.site_title = _("Red Cross portal")
admin.site.index_title = _("Work records")


class AdminLoginForm(AdminAuthenticationForm):
    """Refuses a username that no account can have before authenticate() runs, and with it django-axes, whose record
    of a failed login holds neither more than 255 characters nor a NUL."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        # Django gives the field its max_length after building it, so that length is not checked on its own.
        username.validators = [*username.validators, MaxLengthValidator(username.max_length), validate_one_line]


admin.site.login_form = AdminLoginForm


@admin.register(BranchProfile)
class BranchProfileAdmin(SimpleHistoryAdmin):
    """Exactly one profile: the list goes straight to it, and it can be neither added nor deleted."""

    fieldsets = (
        (None, {"fields": ("name", "short_name", "name_en", "code", "logo")}),
        (_("Contact"), {"fields": ("address", "phone", "email")}),
        (_("WeChat"), {"fields": ("wechat_name", "wechat_qr")}),
        (_("Footer"), {"fields": ("icp_number",)}),
        (_("Where the reports' running totals begin"), {
            "fields": (
                ("projects_started_on", "training_started_on"), ("correspondents_started_on", "wechat_started_on"),
            ),
            "description": _("“Since the start” (成立以来, 开通至今) in the reports counts from these days; "
                             "totals from before the portal are entered as opening totals."),
        }),
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
