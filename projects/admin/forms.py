"""What the group visit actions ask before they run (how many weeks, the reason, how many came), and the page that
asks it."""

from django import forms
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

# The marker of the intermediate page's own submit: without it an action only shows its question.
APPLY = "apply"


class WeeksForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("number of weeks"), min_value=1, max_value=26, initial=4, help_text=_("From 1 to 26."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("reason given"), max_length=300, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Sent to each contact person by text message."),
    )


class AttendedForm(forms.Form):
    """One number per visit: the visitors who came, the number booked to start with."""

    def __init__(self, bookings, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for booking in bookings:
            self.fields[f"attended_{booking.pk}"] = forms.IntegerField(
                label=str(booking), min_value=1, max_value=5000, initial=booking.attended or booking.headcount,
            )

    def attended(self) -> dict[int, int]:
        return {int(name.removeprefix("attended_")): count for name, count in self.cleaned_data.items()}


def asked(request) -> dict | None:
    """The answers of an action's intermediate page once submitted; None while it is still to be shown."""
    return request.POST if APPLY in request.POST else None


def action_page(
    modeladmin, request, records, form, *, action: str, title, intro, submit, listed: bool = True,
) -> TemplateResponse:
    """The page an action shows to ask its question about the selected records (listed above the form unless the
    form names each); submitted, it runs the action again on the same records."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title, "intro": intro, "submit": submit, "form": form, "records": records, "action": action,
        "listed": listed,
        "opts": modeladmin.opts, "apply": APPLY, "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, "admin/projects/action_form.html", context)
