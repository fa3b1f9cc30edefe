from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from redcross.validators import normalize_phone, validate_mobile, validate_one_line

from .models import GroupBooking, VisitSlot


class BookingForm(forms.Form):
    """A school's or organisation's request to visit a position in one slot, as typed on a phone."""

    organisation = forms.CharField(
        label=_("School or organisation"), max_length=100, validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=50, validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    mobile = forms.CharField(
        label=_("Mobile number"), max_length=20, validators=[validate_one_line, validate_mobile],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    headcount = forms.IntegerField(
        label=_("Number of visitors"), min_value=1, max_value=2000,
        help_text=_("Everyone who comes, teachers and staff included."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    age_group = forms.ChoiceField(label=_("Age group"), choices=[("", "---------"), *GroupBooking.AgeGroup.choices])
    note = forms.CharField(
        label=_("Anything we should know"), max_length=300, required=False, validators=[validate_one_line],
        help_text=_("For example wheelchair users, or the grade of the pupils."),
    )
    consent = forms.BooleanField(label=_("I agree that the branch uses this mobile number for this visit"))

    def __init__(self, *args, slot: VisitSlot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = _(
            "The number is used only to tell you by text message about this booking (received, confirmed or "
            "declined); it is never shown in full on the portal."
        )
        self.helper = FormHelper()
        self.helper.form_action = reverse("projects:book_visit", args=[slot.pk])
        self.helper.add_input(Submit("submit", _("Send the request"), css_class="btn-danger w-100"))

    def clean_mobile(self) -> str:
        return normalize_phone(self.cleaned_data["mobile"])

    def booking(self) -> GroupBooking:
        """The request as typed, for booking_request to store."""
        data = self.cleaned_data
        return GroupBooking(
            organisation=data["organisation"].strip(), contact_name=data["contact_name"].strip(),
            mobile=data["mobile"], headcount=data["headcount"], age_group=data["age_group"], note=data["note"].strip(),
        )
