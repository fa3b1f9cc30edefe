"""The figures of a report: the three fronts' summaries for the period, a year earlier, and since records began."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from projects import summary as projects_summary
from publicity import summary as publicity_summary
from training import summary as training_summary

from .periods import Period

SINCE = date(1990, 1, 1)  # "since records began" (成立以来 / 开通至今): earlier than any record


@dataclass(frozen=True)
class Fact:
    key: str
    front: str
    label: Any
    unit: Any
    value: Callable[[dict], Any]
    money: bool = False


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


FACTS = [
    Fact("sites", "projects", _("Fraternity Home and project sites"), _("sites"), lambda f: f["sites"]["total"]),
    Fact("sites_built", "projects", _("sites built"), _("sites"), lambda f: f["sites"]["by_status"]["built"]),
    Fact("facilities_new", "projects", _("new facilities"), _("facilities"), lambda f: f["facilities"]["new"]),
    Fact("facilities_in_service", "projects", _("facilities in service"), _("facilities"),
         lambda f: f["facilities"]["in_service"]),
    Fact("projects_completed", "projects", _("projects completed and accepted"), _("projects"),
         lambda f: f["projects"]["steps_in_period"]["completed"]),
    Fact("projects_approved", "projects", _("projects approved"), _("projects"),
         lambda f: f["projects"]["steps_in_period"]["approved"]),
    Fact("money_received", "projects", _("project money received"), _("yuan"), lambda f: f["money"]["received"],
         money=True),
    Fact("money_provincial", "projects", _("of which provincial subsidy"), _("yuan"),
         lambda f: f["money"]["received_by_source"]["provincial"], money=True),
    Fact("money_self_raised", "projects", _("of which self-raised"), _("yuan"),
         lambda f: f["money"]["received_by_source"]["self_raised"], money=True),
    Fact("money_spent", "projects", _("project money spent"), _("yuan"), lambda f: f["money"]["spent"], money=True),
    Fact("activities", "projects", _("activities"), _("activities"), lambda f: f["activities"]["total"]["count"]),
    Fact("participants", "projects", _("participants in activities"), _("people"),
         lambda f: f["activities"]["total"]["participants"]),
    Fact("volunteers", "projects", _("volunteers in activities"), _("people"),
         lambda f: f["activities"]["total"]["volunteers"]),
    Fact("volunteer_hours", "projects", _("volunteer hours"), _("hours"),
         lambda f: f["activities"]["total"]["volunteer_hours"]),
    Fact("beneficiaries", "projects", _("beneficiaries"), _("people"),
         lambda f: f["activities"]["total"]["beneficiaries"]),
    Fact("books", "projects", _("books collected"), _("books"), lambda f: f["activities"]["total"]["books"]),
    Fact("sessions", "training", _("training sessions held"), _("sessions"), lambda f: f["sessions"]["sessions"]),
    Fact("trainees", "training", _("people trained"), _("people"), lambda f: f["sessions"]["trainees"]),
    Fact("awareness_trainees", "training", _("trained in first-aid awareness"), _("people"),
         lambda f: f["sessions"]["by_course_kind"]["awareness"]["trainees"]),
    Fact("first_aider_trainees", "training", _("trained as first-aiders"), _("people"),
         lambda f: f["sessions"]["by_course_kind"]["first_aider"]["trainees"]),
    Fact("certificates", "training", _("first-aider certificates issued"), _("certificates"),
         lambda f: f["first_aiders"]["certificates"]),
    Fact("elder_care_trainees", "training", _("trained in elder care"), _("people"),
         lambda f: f["elder_care_trainees"]),
    Fact("visits", "training", _("group visits to the bases"), _("visits"), lambda f: f["visits"]["visits"]),
    Fact("visitors", "training", _("visitors"), _("people"), lambda f: f["visits"]["visitors"]),
    Fact("bases", "training", _("training bases in service"), _("bases"), lambda f: f["bases"]["in_service"]),
    Fact("standard_bases", "training", _("bases meeting the provincial standard"), _("bases"),
         lambda f: f["bases"]["standardised"]),
    Fact("seats", "training", _("seats at the bases"), _("seats"), lambda f: f["bases"]["seats"]),
    Fact("base_money", "training", _("money spent on the bases"), _("yuan"), lambda f: f["bases"]["money"],
         money=True),
    Fact("placements", "publicity", _("placements"), _("placements"), lambda f: f["placements"]["total"]),
    Fact("national", "publicity", _("placements in national media"), _("placements"),
         lambda f: f["placements"]["by_level"]["national"]),
    Fact("headquarters", "publicity", _("placements with headquarters"), _("placements"),
         lambda f: f["placements"]["by_level"]["headquarters"]),
    Fact("research_articles", "publicity", _("research articles"), _("articles"),
         lambda f: f["placements"]["research_articles"]),
    Fact("provincial_municipal", "publicity", _("placements in provincial and municipal media"), _("placements"),
         lambda f: f["placements"]["by_level"]["provincial"] + f["placements"]["by_level"]["prefecture"]),
    Fact("local", "publicity", _("placements in local city media"), _("placements"),
         lambda f: f["placements"]["by_level"]["local"]),
    Fact("correspondents", "publicity", _("active special correspondents"), _("people"),
         lambda f: f["correspondents"]["active"]),
    Fact("wechat_articles", "publicity", _("WeChat articles"), _("posts"), lambda f: f["wechat"]["by_kind"]["article"]),
    Fact("wechat_videos", "publicity", _("WeChat videos"), _("posts"), lambda f: f["wechat"]["by_kind"]["video"]),
    Fact("wechat_reads", "publicity", _("WeChat reads"), _("reads"), lambda f: f["wechat"]["reads"]),
    Fact("reposts", "publicity", _("posts reposted by the provincial society or headquarters"), _("posts"),
         lambda f: f["wechat"]["reposted_by_provincial"] + f["wechat"]["reposted_by_headquarters"]),
    Fact("followers", "publicity", _("WeChat followers"), _("people"), lambda f: f["wechat"]["followers"]),
    Fact("best_rank", "publicity", _("best ranking among the province's Red Cross accounts"), "",
         lambda f: f["wechat"]["best_rank"]),
    Fact("news_articles", "publicity", _("news published on the portal"), _("articles"),
         lambda f: f["news_articles"]),
]
FRONTS = {
    "projects": (_("Humanitarian projects"), projects_summary.summary),
    "training": (_("First-aid and elder-care training"), training_summary.summary),
    "publicity": (_("Publicity"), publicity_summary.summary),
}


def summaries(start: date, end: date) -> dict[str, dict]:
    return {front: compute(start, end) for front, (_label, compute) in FRONTS.items()}


def facts_of(summaries_by_front: dict[str, dict]) -> dict[str, Any]:
    return {fact.key: _number(fact.value(summaries_by_front[fact.front])) for fact in FACTS}


def collect(period: Period) -> dict:
    """Everything a report shows, as plain JSON-ready data."""
    current = summaries(period.start, period.end)
    earlier = period.year_earlier()
    return {
        "period": {"kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat(),
                   "name": period.name, "earlier": earlier.name},
        "current": facts_of(current),
        "previous": facts_of(summaries(earlier.start, earlier.end)),
        "since": facts_of(summaries(SINCE, period.end)),
        "trainees_by_month": current["training"]["trainees_by_month"],
        "by_level": dict(current["publicity"]["placements"]["by_level"]),
        "money_by_source": {source: _number(amount)
                            for source, amount in current["projects"]["money"]["received_by_source"].items()},
        "top_correspondents": [
            {"rank": row["rank"], "name": row["name"], "placements": row["placements"],
             "points": _number(row["points"])}
            for row in current["publicity"]["correspondents"]["top"]
        ],
    }
