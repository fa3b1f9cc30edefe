from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.admin.helpers import ActionForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from redcross.admin_support import date_input
from redcross.validators import validate_mobile, validate_one_line, validate_resident_id

from .models import Base, Course, Registration, Session


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50, validators=[validate_one_line])
    mobile = forms.CharField(
        label=_("Mobile number"), max_length=20, validators=[validate_one_line, validate_mobile],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    resident_id = forms.CharField(
        label=_("Resident ID number"), max_length=18, required=False,
        validators=[validate_one_line, validate_resident_id],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.CharField(label=_("School or workplace"), max_length=100, required=False,
                                   validators=[validate_one_line])
    consent = forms.BooleanField(label=_("I agree to the use of my personal information for this training"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if session.course.certifies:
            self.fields["resident_id"].required = True
            self.fields["resident_id"].help_text = _(
                "Needed for the certificate of this course; it is never shown in full on the portal."
            )
            self.fields["resident_id"].error_messages["required"] = _(
                "This course leads to a certificate: please give your resident ID number."
            )
        else:
            del self.fields["resident_id"]  # asked only for a certificate
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("training:privacy"), _("Read the privacy notice")
        )
        self.helper = FormHelper()
        self.helper.form_action = reverse("training:sign_up", args=[session.pk])
        self.helper.add_input(Submit("submit", _("Sign up"), css_class="btn-danger w-100"))


class CertificateCheckForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=30, validators=[validate_one_line])
    name = forms.CharField(label=_("Holder's name"), max_length=50, validators=[validate_one_line])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("training:certificate_check")
        self.helper.add_input(Submit("submit", _("Check"), css_class="btn-danger w-100"))


class SessionFilterForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.all(), required=False, label=_("Course"),
                                    empty_label=_("All courses"))
    base = forms.ModelChoiceField(queryset=Base.objects.filter(published=True), required=False, label=_("Base"),
                                  empty_label=_("All bases"))


# The staff's forms in the admin


class IssueDateForm(forms.Form):
    issued_on = forms.DateField(
        label=_("certificates dated"), required=False, widget=date_input(),
        help_text=_("Empty: the session's last day."),
    )


class SessionActionForm(ActionForm, IssueDateForm):
    """Beside the session actions: the date certificates are issued on."""

    field_order = ["action", "issued_on"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=200, required=False,
        help_text=_("Needed to confirm someone when every seat is taken."),
        widget=forms.TextInput(attrs={"size": 12, "placeholder": _("reason for confirming beyond the seats")}),
    )


class RegistrationActionForm(ActionForm, ReasonForm):
    """Beside the registration actions: why someone is confirmed beyond the seats."""

    field_order = ["action", "reason"]


class RosterImportForm(ImportForm):
    session = forms.ModelChoiceField(
        label=_("session"),
        queryset=Session.objects.exclude(status=Session.Status.CANCELLED).select_related("course"),
        help_text=_("The people of the file are registered for this session: confirmed while seats remain, "
                    "then on the waiting list."),
    )
    field_order = ["session", "resource", "import_file", "format"]


class RosterConfirmImportForm(ConfirmImportForm):
    session = forms.ModelChoiceField(queryset=Session.objects.all(), widget=forms.HiddenInput)


class StaffRegistrationForm(forms.ModelForm):
    """Staff register a known trainee for a session; the status follows the seats, as for a citizen."""

    class Meta:
        model = Registration
        fields = ["session", "trainee"]
