"""The words of a report: sentences from staff-editable templates, filled with figures as leadership writes them.

A sentence template is written in clauses, one per line. A figure with nothing recorded (none, or 0) is left out of
the sentence rather than stated as a fact: the line that holds it is dropped, or, inside full-width brackets, only
the bracket. Lines are joined with "，", a line ending in "。" closes a sentence, and a line ending in "，" leads in
(“2025年，”): it stays only when a clause follows it in its sentence.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from redcross.models import BranchProfile

from ..facts import RANK
from ..figures import FACT_BY_KEY, FACTS, FRONTS
from ..models import SentenceTemplate
from ..periods import chinese_date

SECTIONS = ("projects", "training", "publicity", "closing")
# The sentences a section is made of, when more than its own: the positions and the donations close the projects
# section.
PARAGRAPHS = {"projects": ("projects", "positions", "donations")}
MISSING = "\u2063"  # what a figure with nothing recorded renders as, until its clause is dropped
NOTHING_RECORDED = "本期暂无记录。"
SMALL_BASE = 10  # below this, a change reads "由 N 增至 M" rather than as a percentage


class Words(str):
    """A figure in words: false, and marked, when nothing was recorded, so `{% if %}` and the clauses see it."""

    def __new__(cls, text: str | None):
        return super().__new__(cls, MISSING if text is None else text)

    def __bool__(self):
        return str(self) != MISSING


def number(value, money: bool = False) -> str:
    """1,234 · 140,000.00 (yuan) · — where nothing was recorded (0 stays 0): the tables' form."""
    if value is None:
        return "—"
    if money:
        return f"{Decimal(str(value)):,.2f}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def spoken(value, money: bool = False) -> str | None:
    """A figure as a sentence states it: 1234 · 14万 (yuan, from ten thousand) · 3.5; None when nothing recorded."""
    if value is None or value == 0:
        return None
    if money and value >= 10000:
        return f"{Decimal(str(value)) / 10000:.2f}".rstrip("0").rstrip(".") + "万"
    if money:
        return f"{Decimal(str(value)):.2f}".rstrip("0").rstrip(".")
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def change(current, previous, key: str = "", earlier: str = "") -> str:
    """How a figure moved against a year earlier, in a table cell (earlier="") or as a clause naming the year.

    Ranks compare as better or worse; against a very small base the two figures are named ("由3处增至9处"); "" when
    there is nothing to compare.
    """
    if current is None or previous is None or (current == 0 and previous == 0):
        return ""
    fact = FACT_BY_KEY.get(key)
    unit = str(fact.unit) if fact is not None else ""
    of = f"{earlier}的" if earlier else ""
    if fact is not None and fact.kind == RANK:
        if current == previous:
            return f"与{earlier}同为第{current}名" if earlier else "持平"
        return f"由{of}第{previous}名{'升' if current < previous else '降'}至第{current}名"
    money = fact is not None and fact.money
    if current == previous:
        return f"与{earlier}持平" if earlier else "持平"
    if previous == 0:
        return f"{earlier}无" if earlier else "新增"
    if previous < SMALL_BASE and not money:
        verb = "增" if current > previous else "减"
        return f"由{of}{spoken(previous) or 0}{unit}{verb}至{spoken(current) or 0}{unit}"
    ratio = (current - previous) / previous * 100
    if abs(ratio) < 0.05:
        return f"与{earlier}持平" if earlier else "持平"
    return f"{'比' + earlier if earlier else ''}{'增长' if ratio > 0 else '下降'}{abs(ratio):.1f}%"


def _words(values: dict) -> dict[str, Words]:
    return {key: Words(spoken(value, key in FACT_BY_KEY and FACT_BY_KEY[key].money)) for key, value in values.items()}


def _month(iso: str | None) -> str | None:
    if not iso:
        return None
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月"


def _position_words(row: dict) -> dict:
    """A kind of position's figures in words, as `positions` rows of the sentences: {{ row.kind }}, {{ row.unit }}
    (its measure word), {{ row.passed }} (达标), {{ row.new }}, {{ row.in_progress }}, {{ row.failed }},
    {{ row.not_assessed }}, {{ row.total }}, {{ row.assessments }}, {{ row.visits }}, {{ row.visitors }}."""
    return {key: value if key in ("kind", "unit") else Words(spoken(value)) for key, value in row.items()}


def taken_words(data: dict) -> str:
    """数据截至2026年11月29日10:05: the moment the report's records were read, in Asia/Shanghai."""
    moment = datetime.fromisoformat(data["period"]["taken_at"])
    return f"数据截至{chinese_date(moment.date())}{moment:%H:%M}"


def context(data: dict) -> dict:
    period = data["period"]
    current, previous = data["current"], data["previous"]
    counted_to = date.fromisoformat(period.get("counted_to", period["end"]))
    start = date.fromisoformat(period["start"])
    is_open = period.get("open", False)
    span = f"{chinese_date(start)}至{counted_to.month}月{counted_to.day}日" if is_open else period["name"]
    return {
        **_words(current),
        "since": _words(data["since"]),
        "previous": _words(previous),
        "change": {key: Words(change(current[key], previous[key], key, period["earlier"]) or None) for key in current},
        "period": span,
        "period_name": period["name"],
        "earlier": period["earlier"],
        "end": chinese_date(counted_to),
        "started": {origin: Words(_month(day)) for origin, day in data.get("started", {}).items()},
        "positions": [_position_words(row) for row in data.get("positions", [])],
        "branch": BranchProfile.load().name,
        "is_year": period["kind"] == "year",
        "is_open": is_open,
    }


def compose(text: str) -> str:
    """The rendered template as sentences: clauses holding a missing figure dropped, the rest joined."""
    text = re.sub(f"（[^（）]*{MISSING}[^（）]*）", "", text)
    lines = text.splitlines()
    if len(lines) == 1:
        return "" if MISSING in text else text
    sentences, lead, clauses = [], [], []
    for number_, line in enumerate(lines, start=1):
        clause = line.strip()
        if clause and MISSING not in clause:
            if clause.endswith("，") and not clauses:
                lead.append(clause.rstrip("，"))
            else:
                clauses.append(clause.rstrip("，。；、"))
        if clause.endswith("。") or number_ == len(lines):
            if clauses:
                sentences.append("，".join(lead + clauses) + "。")
            lead, clauses = [], []
    return "".join(sentences)


def sentences(data: dict) -> dict[str, str]:
    """Every sentence template rendered with the report's figures, in Chinese."""
    with translation.override("zh-hans"):
        values = Context(context(data), autoescape=False)
        return {row.key: compose(Template(row.text).render(values).strip()) for row in SentenceTemplate.objects.all()}


def document_title(data: dict, texts: dict[str, str]) -> str:
    return texts.get("title_year" if data["period"]["kind"] == "year" else "title_brief", data["period"]["name"])


def body(data: dict, texts: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    """The opening and the (heading, paragraph) sections: the year-end report for a year, a brief otherwise."""
    prefix = "" if data["period"]["kind"] == "year" else "brief_"
    sections = SECTIONS if not prefix else SECTIONS[:-1]
    return texts.get(f"{prefix}opening", ""), [
        (texts.get(f"{prefix}{key}_heading", ""),
         "".join(texts.get(f"{prefix}{part}", "") for part in PARAGRAPHS.get(key, (key,))) or NOTHING_RECORDED)
        for key in sections
    ]


def table_rows(data: dict) -> list[tuple[str, str, str, str, str, str]]:
    """(front, label, this period, a year earlier, change, since the start) for every fact."""
    with translation.override("zh-hans"):
        return [
            (str(FRONTS[fact.front][0]), f"{fact.label}" + (f"（{fact.unit}）" if str(fact.unit) else ""),
             number(data["current"][fact.key], fact.money), number(data["previous"][fact.key], fact.money),
             change(data["current"][fact.key], data["previous"][fact.key], fact.key) or "—",
             number(data["since"][fact.key], fact.money))
            for fact in FACTS
        ]
