"""The words of a report: sentences from staff-editable templates, filled with figures as leadership reads them."""

from datetime import date
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from redcross.models import BranchProfile

from ..figures import FACTS, FRONTS
from ..models import SentenceTemplate
from ..periods import chinese_date

MONEY = {fact.key for fact in FACTS if fact.money}
SECTIONS = ("projects", "training", "publicity", "closing")


def number(value, money: bool = False) -> str:
    """1,234 · 140,000.00 (yuan) · — where nothing was recorded (0 stays 0)."""
    if value is None:
        return "—"
    if money:
        return f"{Decimal(str(value)):,.2f}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def change(current, previous) -> str:
    if current is None or previous is None:
        return "—"
    if previous == 0:
        return "持平" if current == 0 else "新增"
    ratio = (current - previous) / previous * 100
    if abs(ratio) < 0.05:
        return "持平"
    return f"{'增长' if ratio > 0 else '下降'}{abs(ratio):.1f}%"


def formatted(facts: dict) -> dict:
    return {key: number(value, key in MONEY) for key, value in facts.items()}


def context(data: dict) -> dict:
    current, previous = data["current"], data["previous"]
    return {
        **formatted(current),
        "since": formatted(data["since"]),
        "previous": formatted(previous),
        "change": {key: change(current[key], previous[key]) for key in current},
        "period": data["period"]["name"],
        "earlier": data["period"]["earlier"],
        "end": chinese_date_from_iso(data["period"]["end"]),
        "branch": BranchProfile.load().name,
        "is_year": data["period"]["kind"] == "year",
    }


def chinese_date_from_iso(text: str) -> str:
    return chinese_date(date.fromisoformat(text))


def sentences(data: dict) -> dict[str, str]:
    """Every sentence template rendered with the report's figures, in Chinese."""
    values = Context(context(data), autoescape=False)
    with translation.override("zh-hans"):
        return {row.key: Template(row.text).render(values).strip() for row in SentenceTemplate.objects.all()}


def document_title(data: dict, texts: dict[str, str]) -> str:
    return texts.get("title_year" if data["period"]["kind"] == "year" else "title_brief", data["period"]["name"])


def body(data: dict, texts: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """The opening and the (heading, paragraph) sections: the year-end report for a year, a brief otherwise."""
    prefix = "" if data["period"]["kind"] == "year" else "brief_"
    sections = SECTIONS if not prefix else SECTIONS[:-1]
    return texts.get(f"{prefix}opening", ""), [
        (texts.get(f"{prefix}{key}_heading", ""), texts.get(f"{prefix}{key}", "")) for key in sections
    ]


def table_rows(data: dict) -> list[tuple[str, str, str, str, str, str]]:
    """(front, label, this period, a year earlier, change, since records began) for every fact."""
    with translation.override("zh-hans"):
        return [
            (str(FRONTS[fact.front][0]), f"{fact.label}" + (f"（{fact.unit}）" if str(fact.unit) else ""),
             number(data["current"][fact.key], fact.money), number(data["previous"][fact.key], fact.money),
             change(data["current"][fact.key], data["previous"][fact.key]),
             number(data["since"][fact.key], fact.money))
            for fact in FACTS
        ]
