from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from redcross.validators import validate_mobile, validate_resident_id

from .models import Base, Course


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    mobile = forms.CharField(
        label=_("Mobile number"), max_length=20, validators=[validate_mobile],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    resident_id = forms.CharField(
        label=_("Resident ID number"), max_length=18, required=False, validators=[validate_resident_id],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.CharField(label=_("School or workplace"), max_length=100, required=False)
    consent = forms.BooleanField(label=_("I agree to the use of my personal information for this training"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if session.course.certifies:
            self.fields["resident_id"].required = True
            self.fields["resident_id"].help_text = _(
                "Needed for the certificate of this course; it is never shown in full on the portal."
            )
        else:
            self.fields["resident_id"].help_text = _("Not needed for this course.")
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("training:privacy"), _("Read the privacy notice")
        )
        self.helper = FormHelper()
        self.helper.form_action = reverse("training:sign_up", args=[session.pk])
        self.helper.add_input(Submit("submit", _("Sign up"), css_class="btn-danger w-100"))


class CertificateCheckForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=30)
    name = forms.CharField(label=_("Holder's name"), max_length=50)

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
