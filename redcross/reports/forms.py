from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import periods
from .models import Report


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=Report.Kind.choices, initial=periods.YEAR)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    number = forms.IntegerField(
        label=_("Quarter or month"), min_value=1, max_value=12, required=False,
        help_text=_("1–4 for a quarter, 1–12 for a month."),
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Produce the report"), css_class="btn-danger w-100"))

    def clean(self):
        data = super().clean()
        kind, year, number = data.get("kind"), data.get("year"), data.get("number")
        if kind in (periods.YEAR, periods.QUARTER, periods.MONTH) and not year:
            raise forms.ValidationError(_("Give the year."))
        if kind == periods.QUARTER and not (number and number <= 4):
            raise forms.ValidationError(_("Give the quarter: 1, 2, 3 or 4."))
        if kind == periods.MONTH and not number:
            raise forms.ValidationError(_("Give the month: 1 to 12."))
        if kind == periods.RANGE:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Give the first and the last day of the range."))
            if end < start:
                raise forms.ValidationError(_("The range ends before it starts."))
            data["period"] = periods.Period(periods.RANGE, start, end)
        elif kind == periods.YEAR:
            data["period"] = periods.year(year)
        elif kind == periods.QUARTER:
            data["period"] = periods.quarter(year, number)
        elif kind == periods.MONTH:
            data["period"] = periods.month(year, number)
        return data
