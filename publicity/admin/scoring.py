"""Scoring schemes, the year's leaderboard (with the commendation of correspondents chosen from it and the year's
placements in Excel) and the commendations."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from redcross.admin_support import XLSX_TYPE, add_errors, attachment, inline_changes

from .. import selectors, services
from ..forms import CommendationForm, CommendForm, RuleFormSet
from ..models import Commendation, ScoringRule, ScoringScheme
from ..resources import placements_workbook
from ..scoring import leaderboard
from .common import ServiceAdmin, chosen_year


class LeaderboardViews:
    """The leaderboard's pages, on the correspondents' admin: reached from their list."""

    def get_urls(self):
        return [
            path("leaderboard/", self.admin_site.admin_view(self.leaderboard_view),
                 name="publicity_correspondent_leaderboard"),
            path("leaderboard/excel/", self.admin_site.admin_view(self.leaderboard_excel_view),
                 name="publicity_correspondent_leaderboard_excel"),
            *super().get_urls(),
        ]

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
        held = selectors.commendations_held(year)
        rows = [{**row, "chosen": str(row["correspondent_id"]) in chosen,
                 "commendations": "、".join(held.get(row["correspondent_id"], []))} for row in board]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Leaderboard of %(year)s") % {"year": year},
            "year": year,
            "years": selectors.leaderboard_years(year),
            "rows": rows,
            "form": form,
            "may_commend": may_commend,
            "scheme": selectors.scheme_of(year),
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
        return attachment(placements_workbook(year), XLSX_TYPE, f"placements-{year}.xlsx")


class ScoringRuleInline(admin.TabularInline):
    model = ScoringRule
    formset = RuleFormSet
    fields = ("level", "story_kind", "points")
    extra = 0


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(ServiceAdmin):
    list_display = ("year", "repost_headquarters_bonus", "repost_provincial_bonus", "rule_count", "leaderboard_link")
    inlines = [ScoringRuleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rule_count=Count("rules"))

    def save_model(self, request, obj, form, change):
        services.scoring_scheme_save(scheme=obj)

    def save_formset(self, request, form, formset, change):
        changed, removed = inline_changes(formset)
        services.scoring_rules_save(scheme=form.instance, rules=changed, removed=removed)

    @admin.display(description=_("rules"), ordering="rule_count")
    def rule_count(self, scheme):
        return scheme.rule_count

    @admin.display(description=_("leaderboard"))
    def leaderboard_link(self, scheme):
        url = reverse("admin:publicity_correspondent_leaderboard") + "?" + urlencode({"year": scheme.year})
        return format_html('<a href="{}">{}</a>', url, _("Leaderboard of %(year)s") % {"year": scheme.year})


@admin.register(Commendation)
class CommendationAdmin(ServiceAdmin):
    form = CommendationForm
    list_display = ("year", "title", "correspondent", "meeting_on")
    list_filter = ("year", "title")
    list_select_related = ("correspondent",)
    search_fields = ("correspondent__name", "title")
    autocomplete_fields = ("correspondent",)

    def save_model(self, request, obj, form, change):
        services.commendation_save(commendation=obj)
