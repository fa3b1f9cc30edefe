"""The publicity staff's screens: correspondents, stories and their placements, scoring, WeChat, news.

Besides the usual lists and forms: a one-row quick entry of placements, the year's leaderboard with the
commendation of correspondents chosen from it, the year's placements in Excel, and the WeChat backend's
spreadsheets imported with a row-by-row preview.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from redcross.masking import mask_phone
from redcross.sanitize import unsafe_parts

from . import services
from .models import (
    AppointmentBatch,
    Article,
    ArticleImage,
    Commendation,
    Correspondent,
    Outlet,
    Placement,
    ScoringRule,
    ScoringScheme,
    Story,
    WeChatAccount,
    WeChatMonth,
    WeChatPost,
    WeChatRanking,
)
from .resources import WeChatMonthResource, WeChatPostResource, placements_workbook
from .scoring import leaderboard

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISO_DATE = "%Y-%m-%d"


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's error shown next to the form's field it is about, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Correspondents and their appointment


class MaskedPhoneHistory(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        if change.field == "phone":
            return mask_phone(value)
        return super().prepare_delta_change_value(change, value)


@admin.register(Correspondent)
class CorrespondentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "organisation", "batch", "appointed_on", "term_ends", "status", "phone_shown",
                    "placement_count")
    list_filter = ("status", "kind", "batch", "appointed_on")
    list_select_related = ("batch",)
    search_fields = ("name", "organisation", "=phone")
    autocomplete_fields = ("batch",)
    readonly_fields = ("phone_shown", "stories_shown", "add_story_link")

    def get_fieldsets(self, request, obj=None):
        # Someone who may only look sees the mobile number masked, like everywhere else.
        phone = "phone" if self.has_change_permission(request, obj) else "phone_shown"
        fieldsets = [
            (None, {"fields": ("name", "kind", "organisation", phone, "photo")}),
            (_("Appointment"), {"fields": ("batch", ("appointed_on", "term_ends"), "status")}),
        ]
        if obj is not None:
            stories = ("stories_shown", "add_story_link") if request.user.has_perm("publicity.add_story") else (
                "stories_shown",)
            fieldsets.append((_("Stories and their placements"), {"fields": stories}))
        return fieldsets

    def get_queryset(self, request):
        # Explicit ordering: the default one is dropped from a grouped query (autocomplete lists page on it).
        return super().get_queryset(request).annotate(placement_count=Count("stories__placements")).order_by("name")

    def get_historical_record_context_helper(self, request, historical_record):
        if self.has_change_permission(request):
            return super().get_historical_record_context_helper(request, historical_record)
        return MaskedPhoneHistory(self.model, historical_record)

    def get_urls(self):
        return [
            path("leaderboard/", self.admin_site.admin_view(self.leaderboard_view),
                 name="publicity_correspondent_leaderboard"),
            path("leaderboard/excel/", self.admin_site.admin_view(self.leaderboard_excel_view),
                 name="publicity_correspondent_leaderboard_excel"),
            *super().get_urls(),
        ]

    @admin.display(description=_("mobile number"))
    def phone_shown(self, correspondent):
        return mask_phone(correspondent.phone) or "—"

    @admin.display(description=_("placements"), ordering="placement_count")
    def placement_count(self, correspondent):
        return correspondent.placement_count

    @admin.display(description=_("stories"))
    def stories_shown(self, correspondent):
        """The correspondent's stories with their placements, as links: both are entered on the story's page."""
        stories = correspondent.stories.prefetch_related("placements__outlet").order_by("-submitted_on", "-pk")
        if not stories:
            return "—"
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (format_html('<a href="{}">{}</a>', reverse("admin:publicity_story_change", args=[story.pk]), story.title),
             story.get_kind_display(), story.submitted_on.isoformat(), self.placements_of(story))
            for story in stories
        ))
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("title"), _("kind"), _("submitted on"), _("placements"), rows,
        )

    @staticmethod
    def placements_of(story):
        placements = story.placements.all()
        if not placements:
            return "—"
        return format_html_join(
            mark_safe("<br>"), '<a href="{}">{} · {} · {}</a>',
            ((reverse("admin:publicity_placement_change", args=[placement.pk]), placement.outlet,
              placement.outlet.get_level_display(), placement.published_on.isoformat())
             for placement in placements),
        )

    @admin.display(description=_("New story"))
    def add_story_link(self, correspondent):
        url = reverse("admin:publicity_story_add") + "?" + urlencode({"correspondents": correspondent.pk})
        return format_html('<a class="addlink" href="{}">{}</a>', url,
                           _("Add a story by this correspondent, with its placements"))

    def leaderboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        year = chosen_year(request)
        board = leaderboard(year)
        may_commend = request.user.has_perm("publicity.add_commendation")
        if request.method == "POST":
            if not may_commend:
                raise PermissionDenied
            form = CommendForm(request.POST, board=board)
            if form.is_valid():
                try:
                    created = services.commendations_create(
                        year=year, correspondents=form.cleaned_data["correspondents"],
                        meeting_on=form.cleaned_data["meeting_on"], title=form.cleaned_data["title"],
                    )
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    self.report_commendations(request, year, form.cleaned_data["correspondents"], created)
                    return redirect(f"{request.path}?{urlencode({'year': year})}")
        else:
            form = CommendForm(board=board)
        chosen = {str(value) for value in (form["correspondents"].value() or [])}
        held: dict[int, list[str]] = {}
        for correspondent_id, title in Commendation.objects.filter(year=year).values_list("correspondent_id",
                                                                                          "title"):
            held.setdefault(correspondent_id, []).append(title)
        rows = [{**row, "chosen": str(row["correspondent_id"]) in chosen,
                 "commendations": "、".join(held.get(row["correspondent_id"], []))} for row in board]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Leaderboard of %(year)s") % {"year": year},
            "year": year,
            "years": leaderboard_years(year),
            "rows": rows,
            "form": form,
            "may_commend": may_commend,
            "scheme": ScoringScheme.objects.filter(year=year).first(),
            "may_add_scheme": request.user.has_perm("publicity.add_scoringscheme"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publicity/leaderboard.html", context)

    def report_commendations(self, request, year, chosen, created) -> None:
        if created:
            self.message_user(request, ngettext(
                "%(count)d correspondent commended for %(year)s.",
                "%(count)d correspondents commended for %(year)s.", len(created),
            ) % {"count": len(created), "year": year}, messages.SUCCESS)
        already = len(chosen) - len(created)
        if already:
            self.message_user(request, ngettext(
                "%(count)d correspondent already held this title for %(year)s and was left as is.",
                "%(count)d correspondents already held this title for %(year)s and were left as they were.",
                already,
            ) % {"count": already, "year": year}, messages.WARNING)

    def leaderboard_excel_view(self, request):
        if not (self.has_view_permission(request) and request.user.has_perm("publicity.view_placement")):
            raise PermissionDenied
        year = chosen_year(request)
        response = HttpResponse(placements_workbook(year), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"placements-{year}.xlsx"
        )
        return response


def parse_date_or_none(text: str):
    try:
        return parse_date(text)
    except ValueError:
        return None


def chosen_year(request) -> int:
    """The year asked for in the address, or this year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def leaderboard_years(year: int) -> list[int]:
    years = {day.year for day in Placement.objects.dates("published_on", "year")}
    years.update(ScoringScheme.objects.values_list("year", flat=True))
    years.update({timezone.localdate().year, year})
    return sorted(years, reverse=True)


class CommendForm(forms.Form):
    correspondents = forms.ModelMultipleChoiceField(
        queryset=Correspondent.objects.none(), label=_("correspondents"),
        error_messages={"required": _("Tick the correspondents to commend.")},
    )
    title = forms.CharField(label=_("title"), max_length=50, initial=services.EXCELLENT_CORRESPONDENT)
    meeting_on = forms.DateField(label=_("commended at the meeting of"), required=False, widget=date_input())

    def __init__(self, *args, board: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        # Only people on the year's leaderboard can be chosen.
        self.fields["correspondents"].queryset = Correspondent.objects.filter(
            pk__in=[row["correspondent_id"] for row in board]
        )


class BatchAppointmentForm(forms.ModelForm):
    """A correspondent appointed at a meeting is appointed on the meeting's date unless another is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed_on"].required = False
        self.fields["appointed_on"].help_text = _("Empty: the date of the meeting.")

    def clean(self):
        cleaned = super().clean()
        batch = cleaned.get("batch")
        if not cleaned.get("appointed_on") and batch is not None and batch.date:
            cleaned["appointed_on"] = batch.date
        if not cleaned.get("appointed_on") and "appointed_on" not in self.errors:
            self.add_error("appointed_on", _("Give the date of appointment, or the meeting's date above."))
        return cleaned


class CorrespondentInline(admin.TabularInline):
    model = Correspondent
    form = BatchAppointmentForm
    fields = ("name", "kind", "organisation", "appointed_on", "term_ends", "status")
    extra = 0
    show_change_link = True


@admin.register(AppointmentBatch)
class AppointmentBatchAdmin(SimpleHistoryAdmin):
    list_display = ("date", "meeting", "correspondent_count")
    search_fields = ("meeting", "note")
    date_hierarchy = "date"
    inlines = [CorrespondentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(correspondent_count=Count("correspondents")).order_by("-date")

    @admin.display(description=_("correspondents"), ordering="correspondent_count")
    def correspondent_count(self, batch):
        return batch.correspondent_count


# Outlets, stories and placements


@admin.register(Outlet)
class OutletAdmin(SimpleHistoryAdmin):
    list_display = ("name", "level", "kind", "placement_count")
    list_filter = ("level", "kind")
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(placement_count=Count("placements")).order_by("name")

    @admin.display(description=_("placements"), ordering="placement_count")
    def placement_count(self, outlet):
        return outlet.placement_count


class PlacementInline(admin.TabularInline):
    model = Placement
    fields = ("outlet", "published_on", "where", "reposted_by_provincial", "reposted_by_headquarters")
    autocomplete_fields = ("outlet",)
    extra = 1


@admin.register(Story)
class StoryAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "submitted_on", "authors_shown", "placement_count")
    list_filter = ("kind", "correspondents")
    search_fields = ("title", "correspondents__name", "staff_authors")
    date_hierarchy = "submitted_on"
    autocomplete_fields = ("correspondents",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PlacementInline]
    fieldsets = (
        (None, {"fields": ("title", "kind", "submitted_on")}),
        (_("Authors"), {"fields": ("correspondents", "staff_authors")}),
        (_("Content"), {"fields": ("text", "attachment", "link")}),
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(placement_count=Count("placements", distinct=True))
            .prefetch_related("correspondents").order_by("-submitted_on", "-pk")
        )

    @admin.display(description=_("authors"))
    def authors_shown(self, story):
        names = [correspondent.name for correspondent in story.correspondents.all()]
        if story.staff_authors:
            names.append(story.staff_authors)
        return "、".join(names) or "—"

    @admin.display(description=_("placements"), ordering="placement_count")
    def placement_count(self, story):
        return story.placement_count


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


@admin.register(Placement)
class PlacementAdmin(SimpleHistoryAdmin):
    list_display = ("published_on", "story", "outlet", "outlet_level", "story_kind", "reposted_by_provincial",
                    "reposted_by_headquarters")
    list_filter = ("outlet__level", "outlet", "story__kind", "reposted_by_provincial", "reposted_by_headquarters")
    list_select_related = ("story", "outlet")
    search_fields = ("story__title", "outlet__name", "story__correspondents__name")
    autocomplete_fields = ("story", "outlet")
    date_hierarchy = "published_on"

    def get_urls(self):
        return [
            path("quick-add/", self.admin_site.admin_view(self.quick_add_view),
                 name="publicity_placement_quick_add"),
            *super().get_urls(),
        ]

    @admin.display(description=_("outlet level"), ordering="outlet__level")
    def outlet_level(self, placement):
        return placement.outlet.get_level_display()

    @admin.display(description=_("kind of story"), ordering="story__kind")
    def story_kind(self, placement):
        return placement.story.get_kind_display()

    def quick_add_view(self, request):
        """Saves one row and comes back to an empty row, keeping the story and the date for the next outlet."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = QuickPlacementForm(request.POST)
            if form.is_valid():
                try:
                    placement = services.placement_quick_add(**form.cleaned_data)
                except ValidationError as error:
                    add_errors(form, error)
                else:
                    self.log_addition(request, placement, [{"added": {}}])
                    self.message_user(request, format_html(
                        _("Placement saved: {placement}."),
                        placement=format_html('<a href="{}">{}</a>', reverse(
                            "admin:publicity_placement_change", args=[placement.pk]), placement),
                    ), messages.SUCCESS)
                    keep = {"story": placement.story_id, "published_on": placement.published_on.isoformat()}
                    return redirect(f"{request.path}?{urlencode(keep)}")
        else:
            story = request.GET.get("story", "")
            form = QuickPlacementForm(initial={
                "story": story if story.isdigit() else None,
                "published_on": parse_date_or_none(request.GET.get("published_on", "")) or timezone.localdate(),
            })
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Quick entry of placements"),
            "form": form,
            "media": self.media + form.media,
            "recent": Placement.objects.select_related("story", "outlet").order_by("-pk")[:10],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/publicity/placement_quick_add.html", context)


# Scoring and commendations


class RuleFormSet(forms.BaseInlineFormSet):
    """One rule per outlet level and kind of story, said plainly rather than as a database error."""

    def clean(self):
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            level, kind = form.cleaned_data.get("level"), form.cleaned_data.get("story_kind", "")
            if not level:
                continue
            if (level, kind) in seen:
                rule = ScoringRule(level=level, story_kind=kind)
                raise ValidationError(
                    _("There are two rules for %(level)s and %(kind)s: keep one of them."),
                    params={"level": rule.get_level_display(),
                            "kind": rule.get_story_kind_display() if kind else _("any kind of story")},
                    code="duplicate_rule",
                )
            seen[(level, kind)] = form
        super().clean()


class ScoringRuleInline(admin.TabularInline):
    model = ScoringRule
    formset = RuleFormSet
    fields = ("level", "story_kind", "points")
    extra = 0


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(SimpleHistoryAdmin):
    list_display = ("year", "repost_headquarters_bonus", "repost_provincial_bonus", "rule_count", "leaderboard_link")
    inlines = [ScoringRuleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rule_count=Count("rules"))

    @admin.display(description=_("rules"), ordering="rule_count")
    def rule_count(self, scheme):
        return scheme.rule_count

    @admin.display(description=_("leaderboard"))
    def leaderboard_link(self, scheme):
        url = reverse("admin:publicity_correspondent_leaderboard") + "?" + urlencode({"year": scheme.year})
        return format_html('<a href="{}">{}</a>', url, _("Leaderboard of %(year)s") % {"year": scheme.year})


@admin.register(Commendation)
class CommendationAdmin(SimpleHistoryAdmin):
    list_display = ("year", "title", "correspondent", "meeting_on")
    list_filter = ("year", "title")
    list_select_related = ("correspondent",)
    search_fields = ("correspondent__name", "title")
    autocomplete_fields = ("correspondent",)


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


class WeChatImportAdmin(ImportExportModelAdmin):
    """Spreadsheets from the WeChat backend: previewed row by row; a file with any bad row imports nothing."""

    formats = [XLSX, CSV]
    to_encoding = "utf-8-sig"  # so that Excel opens an exported CSV with its Chinese intact
    import_form_class = GuessFormatImportForm
    import_template_name = "admin/publicity/wechat_import.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), "column_help": self.resource_classes[0].column_help}

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(request, _("Nothing was imported: the file no longer passes the checks. Import it "
                                         "again to see the rows in question."), messages.ERROR)
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)


@admin.register(WeChatAccount)
class WeChatAccountAdmin(SimpleHistoryAdmin):
    list_display = ("name", "owner", "opened_on", "post_count")
    search_fields = ("name", "owner")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts"))

    @admin.display(description=_("number of posts"), ordering="post_count")
    def post_count(self, account):
        return account.post_count


@admin.register(WeChatPost)
class WeChatPostAdmin(WeChatImportAdmin):
    resource_classes = [WeChatPostResource]
    list_display = ("published_on", "title", "account", "kind", "topic", "reads", "reposted_by_provincial",
                    "reposted_by_headquarters")
    list_filter = ("account", "kind", "topic", "reposted_by_provincial", "reposted_by_headquarters")
    list_select_related = ("account",)
    search_fields = ("title",)
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WeChatMonth)
class WeChatMonthAdmin(WeChatImportAdmin):
    resource_classes = [WeChatMonthResource]
    list_display = ("month_shown", "account", "followers", "new_followers", "lost_followers", "reads")
    list_filter = ("account",)
    list_select_related = ("account",)
    date_hierarchy = "month"

    @admin.display(description=_("month"), ordering="month")
    def month_shown(self, month):
        return f"{month.month:%Y-%m}"


@admin.register(WeChatRanking)
class WeChatRankingAdmin(admin.ModelAdmin):
    list_display = ("month_shown", "account", "rank", "scope", "source")
    list_filter = ("account", "scope", "rank")
    list_select_related = ("account",)
    search_fields = ("scope", "source")
    date_hierarchy = "month"

    @admin.display(description=_("month"), ordering="month")
    def month_shown(self, ranking):
        return f"{ranking.month:%Y-%m}"


# News


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    fields = ("image", "caption", "address")
    readonly_fields = ("address",)
    extra = 1

    @admin.display(description=_("address to paste into the body"))
    def address(self, image):
        if not image.pk or not image.image:
            return _("Shown once the article is saved.")
        return format_html('<code>&lt;img src="{}" alt="{}"&gt;</code>', image.image.url, image.caption)


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "category", "summary", "cover", "body", "author", "published_at", "published", "activity",
                  "session", "project"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if found := unsafe_parts(body):
            raise forms.ValidationError(
                _("The body holds code that could run in readers' browsers (%(found)s): remove it and save again."),
                params={"found": "、".join(found)}, code="unsafe_html",
            )
        return body


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleForm
    list_display = ("title", "category", "published", "published_at", "author", "created_by")
    list_filter = ("published", "category")
    list_editable = ("published",)
    list_select_related = ("created_by",)
    search_fields = ("title", "summary", "author")
    date_hierarchy = "published_at"
    autocomplete_fields = ("activity", "session", "project")
    inlines = [ArticleImageInline]
    fieldsets = (
        (None, {"fields": ("title", "category", "summary", "cover", "body")}),
        (_("Publication"), {"fields": ("author", "published_at", "published")}),
        (_("Related"), {"fields": ("activity", "session", "project")}),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

