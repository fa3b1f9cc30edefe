"""The publicity staff's forms. A rule a service holds is asked of the service here too, so that its refusal
shows next to the field and the staff keep what they typed; the write itself is the service's."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export.forms import ImportForm

from redcross.admin_support import add_errors, date_input

from . import services
from .models import Article, Correspondent, Outlet, Placement, ScoringRule, Story

# Correspondents and their appointment


class BatchAppointmentForm(forms.ModelForm):
    """A correspondent appointed at a meeting is appointed on the meeting's date unless another is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed_on"].required = False
        self.fields["appointed_on"].help_text = _("Empty: the date of the meeting.")

    def clean(self):
        cleaned = super().clean()
        batch = cleaned.get("batch")
        cleaned["appointed_on"] = services.appointment_date(
            appointed_on=cleaned.get("appointed_on"), batch=batch if batch is not None and batch.date else None,
        )
        if not cleaned["appointed_on"] and "appointed_on" not in self.errors:
            self.add_error("appointed_on", _("Give the date of appointment, or the meeting's date above."))
        return cleaned


# Placements


class QuickPlacementForm(forms.Form):
    """One placement in one row: the story (chosen, or its exact title typed), the outlet and the date."""

    story = forms.ModelChoiceField(
        queryset=Story.objects.all(), label=_("story"), required=False,
        widget=AutocompleteSelect(Placement._meta.get_field("story"), admin.site),
    )
    story_title = forms.CharField(label=_("or its exact title"), max_length=200, required=False)
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.all(), label=_("outlet"),
        widget=AutocompleteSelect(Placement._meta.get_field("outlet"), admin.site),
    )
    published_on = forms.DateField(label=_("published on"), widget=date_input())
    where = forms.CharField(label=_("link or page"), max_length=300, required=False)
    reposted_by_provincial = forms.BooleanField(label=_("reposted by the provincial society"), required=False)
    reposted_by_headquarters = forms.BooleanField(label=_("reposted by headquarters"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("story") and not cleaned.get("story_title") and "story" not in self.errors:
            self.add_error("story", _("Choose the story, or type its title."))
        return cleaned


# Scoring and commendations


class RuleFormSet(forms.BaseInlineFormSet):
    """One rule per outlet level and kind of story (the rule of `services.scoring_rules_save`)."""

    def clean(self):
        rules = [
            ScoringRule(level=form.cleaned_data["level"], story_kind=form.cleaned_data.get("story_kind", ""))
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("level")
        ]
        services.scoring_rules_check(rules)
        super().clean()


class CommendForm(forms.Form):
    correspondents = forms.ModelMultipleChoiceField(
        queryset=Correspondent.objects.none(), label=_("correspondents"),
        error_messages={"required": _("Tick the correspondents to commend.")},
    )
    title = forms.CharField(
        label=pgettext_lazy("honorary title", "title"), max_length=50, initial=services.EXCELLENT_CORRESPONDENT
    )
    meeting_on = forms.DateField(label=_("commended at the meeting of"), required=False, widget=date_input())

    def __init__(self, *args, board: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        # Only people on the year's leaderboard can be chosen.
        self.fields["correspondents"].queryset = Correspondent.objects.filter(
            pk__in=[row["correspondent_id"] for row in board]
        )


class CommendationForm(forms.ModelForm):
    """One commendation entered by hand, by the rule of the leaderboard's commendation."""

    def clean(self):
        cleaned = super().clean()
        try:
            services.commendation_check(year=cleaned.get("year"), meeting_on=cleaned.get("meeting_on"))
        except ValidationError as error:
            add_errors(self, error)
        return cleaned


# WeChat


class GuessFormatImportForm(ImportForm):
    """The file's format is taken from its name when none is chosen (.xlsx or .csv)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.import_formats = formats
        self.fields["format"].required = False
        self.fields["format"].help_text = _("Empty: taken from the file's name (.xlsx or .csv).")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload and not cleaned.get("format"):
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            found = [str(index) for index, file_format in enumerate(self.import_formats)
                     if file_format().get_extension() == extension]
            if found:
                cleaned["format"] = found[0]
            else:
                self.add_error("format", _("Choose the format of the file: .xlsx or .csv."))
        return cleaned


# News


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "category", "summary", "cover", "body", "author", "published_at", "published", "activity",
                  "session", "project"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        services.article_body_check(body)
        return body
