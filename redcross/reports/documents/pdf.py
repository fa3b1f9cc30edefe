"""The PDF report: the Word text, the figures table and three charts, with Chinese glyphs embedded."""

from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from redcross.choices import FundingSource
from redcross.pdf import pdf_bytes

from .. import labels
from ..figures import FRONTS
from .charts import bar_chart
from .text import body, document_title, table_rows


def charts(data: dict) -> list[str]:
    """The three charts, in Chinese: call with zh-hans active."""
    trained = {row["month"]: row["trainees"] for row in data["trainees_by_month"]}
    months = [(month, trained.get(month, 0)) for month in months_of(data["period"])]
    levels = [(labels.LEVELS[level], count) for level, count in data["by_level"].items()]
    sources = [(str(FundingSource(source).label), float(amount or 0))
               for source, amount in data["money_by_source"].items()]
    # Built from numbers and fixed labels, escaped by bar_chart.
    return [
        mark_safe(bar_chart(labels.TRAINEES_CHART[0], months or [("—", 0)], labels.TRAINEES_CHART[1])),  # noqa: S308
        mark_safe(bar_chart(labels.PLACEMENTS_CHART[0], levels, labels.PLACEMENTS_CHART[1])),  # noqa: S308
        mark_safe(bar_chart(labels.MONEY_CHART[0], sources, labels.MONEY_CHART[1])),  # noqa: S308
    ]


def months_of(period: dict) -> list[str]:
    """Every month of the period up to the last day counted, as 2025-03: a month with no training shows as 0."""
    first, last = date.fromisoformat(period["start"]), date.fromisoformat(period.get("counted_to", period["end"]))
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(f"{day:%Y-%m}")
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def render(data: dict, texts: dict[str, str], made_at) -> bytes:
    opening, sections = body(data, texts)
    with translation.override("zh-hans"):
        html = render_to_string("reports/report_pdf.html", {
            "title": document_title(data, texts),
            "stamp": labels.stamp(data, made_at),
            "opening": opening,
            "sections": sections,
            "charts": charts(data),
            "rows": table_rows(data),
            "fronts": [str(label) for label, _compute in FRONTS.values()],
            "headers": labels.figure_headers(data["period"]),
            "table_heading": labels.TABLE_HEADING,
            "charts_heading": labels.CHARTS_HEADING,
        })
    return pdf_bytes(html)
