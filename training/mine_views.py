"""我的报名: ask for a code with a mobile number, enter it, see the sign-ups; every page for this visitor only."""

import re
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from redcross.masking import mask_phone
from redcross.validators import normalize_phone, validate_mobile, validate_one_line

from . import mine
from .views import limited, registration_token, too_many

CODE_RE = re.compile(r"^[0-9]{6}$")


class MobileForm(forms.Form):
    mobile = forms.CharField(
        label=gettext_lazy("Mobile number"), max_length=20, validators=[validate_one_line],
        error_messages={"required": gettext_lazy("Enter the mobile number you signed up with.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("training:mine_code")
        self.helper.add_input(Submit("submit", gettext_lazy("Send me a code"), css_class="btn-danger w-100"))

    def clean_mobile(self) -> str:
        # Full-width digits, as some input methods type them, are the same number.
        mobile = normalize_phone(unicodedata.normalize("NFKC", self.cleaned_data["mobile"]))
        validate_mobile(mobile)
        if not mobile.isascii():  # digits of other scripts pass \d
            raise forms.ValidationError(_("Enter an 11-digit mobile number starting with 13 to 19."),
                                        code="mobile_format")
        return mobile


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the text message"), max_length=12,
        error_messages={"required": gettext_lazy("Enter the 6-digit code from the text message.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("training:mine_check")
        self.helper.add_input(Submit("submit", gettext_lazy("See my sign-ups"), css_class="btn-danger w-100"))

    def clean_code(self) -> str:
        code = "".join(unicodedata.normalize("NFKC", self.cleaned_data["code"]).split())
        if not CODE_RE.match(code):
            raise forms.ValidationError(_("The code has 6 digits."), code="code_format")
        return code


def _per_number(mobile: str):
    return lambda group, request: mobile


def _start(request, form: MobileForm, status: int = 200):
    return render(request, "training/mine_start.html", {"form": form}, status=status)


def _code_page(request, mobile: str, form: CodeForm, status: int = 200):
    return render(request, "training/mine_code.html", {
        "form": form, "masked_mobile": mask_phone(mobile), "minutes": mine.CODE_SECONDS // 60,
    }, status=status)


@never_cache
@require_safe
def my_sign_ups(request):
    mobile = mine.signed_in_mobile(request)
    if mobile is None:
        return _start(request, MobileForm())
    found = mine.sign_ups_of(mobile)
    for registration in (*found.upcoming, *found.past):
        registration.token = registration_token(registration)
    return render(request, "training/mine.html", {
        "found": found, "masked_mobile": mask_phone(mobile), "latest": mine.LATEST,
        "minutes": mine.SIGNED_IN_SECONDS // 60,
    })


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code_request(request):
    if request.method != "POST":
        return redirect("training:mine")
    if limited(request, "training.mine.code", settings.RATELIMIT_LOGIN_CODE_ADDRESS):
        return too_many(request)
    form = MobileForm(request.POST)
    if not form.is_valid():
        return _start(request, form, status=400)
    mobile = form.cleaned_data["mobile"]
    # Counted for every well-formed number, known or not, so that the limit tells nothing either.
    if is_ratelimited(request, group="training.mine.code.mobile", key=_per_number(mobile),
                      rate=settings.RATELIMIT_LOGIN_CODE, increment=True):
        form.add_error("mobile", _("Many codes have been asked for this number in a short time. Please try again "
                                   "later."))
        return _start(request, form, status=429)
    mine.code_request(mobile=mobile)
    mine.pending_remember(request, mobile)
    return redirect("training:mine_check")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code_check(request):
    mobile = mine.pending_mobile(request)
    if mobile is None:  # no code asked for in this browser, or asked too long ago
        return redirect("training:mine")
    if request.method != "POST":
        return _code_page(request, mobile, CodeForm())
    if limited(request, "training.mine.check", settings.RATELIMIT_LOGIN_CODE_ADDRESS):
        return too_many(request)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, mobile, form, status=400)
    if not mine.code_check(mobile=mobile, code=form.cleaned_data["code"]):
        form.add_error("code", _("This code is wrong or no longer valid. Check it, or ask for a new code."))
        return _code_page(request, mobile, form, status=400)
    mine.sign_in(request, mobile)
    return redirect("training:mine")


@never_cache
@require_POST
def sign_out(request):
    mine.sign_out(request)
    messages.success(request, _("You have signed out of My sign-ups."))
    return redirect("training:mine")
