import re

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .admin_support import RecordOnlyAdmin, error_text
from .masking import mask_phone
from .models import BranchProfile, TextMessage
from .sms.outbox import HIDDEN, SECRET_PARAMS, text_resend
from .sms.texts import PARAM_LABELS
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
        (_("Donations"), {"fields": ("donation_certificate_from",)}),
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


# A link's long part (a sign-up's signed address, a certificate's token) opens that page to whoever reads it.
LINK_SECRET = re.compile(r"(https?://\S*?/)[^/\s]{20,}")


def without_link_secrets(text: str) -> str:
    return LINK_SECRET.sub("\\1…", text)


@admin.register(TextMessage)
class TextMessageAdmin(RecordOnlyAdmin):
    """What citizens were sent, read only: mobile numbers masked, one-time codes and the secret part of links
    hidden. Staff allowed to change text messages send one again (a new message); nothing else is typed here."""

    list_display = ("created_at", "kind", "mobile_shown", "status", "sent_at", "answer_shown")
    list_filter = ("kind", "status")
    date_hierarchy = "created_at"
    fields = ("kind", "mobile_shown", "text_shown", "params_shown", "status", "attempts", "created_at", "sent_at",
              "backend", "answer_code", "answer_detail", "reference", "subject_type", "subject_id", "resent_from",
              "queued_by")
    readonly_fields = fields
    list_select_related = ("subject_type",)
    actions = ["resend"]

    def has_resend_permission(self, request):
        return request.user.has_perm("redcross.change_textmessage")

    @admin.display(description=_("mobile"))
    def mobile_shown(self, message):
        return mask_phone(message.mobile)

    @admin.display(description=_("provider's answer"))
    def answer_shown(self, message):
        return " ".join(part for part in (message.answer_code, message.answer_detail) if part) or "—"

    @staticmethod
    def _secrets(message) -> list[str]:
        values = dict(message.params)
        return [str(values[name]) for name in SECRET_PARAMS.get(message.kind, ())
                if values.get(name) and values[name] != HIDDEN]

    @admin.display(description=pgettext_lazy("text message", "text"))
    def text_shown(self, message):
        text = message.text
        for secret in self._secrets(message):
            text = text.replace(secret, HIDDEN)
        return without_link_secrets(text)

    @admin.display(description=_("template values"))
    def params_shown(self, message):
        secret = SECRET_PARAMS.get(message.kind, ())
        return "; ".join(
            f"{PARAM_LABELS.get(name, name)}: {HIDDEN if name in secret else without_link_secrets(str(value))}"
            for name, value in dict(message.params).items()
        ) or "—"

    @admin.action(description=_("Send the chosen messages again"), permissions=["resend"])
    def resend(self, request, queryset):
        sent = 0
        for message in queryset:
            try:
                text_resend(message=message, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{message}: {error_text(error)}", messages.ERROR)
            else:
                sent += 1
        if sent:
            self.message_user(request, ngettext("%(count)d message is being sent again.",
                                                "%(count)d messages are being sent again.", sent) % {"count": sent},
                              messages.SUCCESS)
