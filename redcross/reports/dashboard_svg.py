"""The dashboard's month-by-month charts, drawn as SVG on the server: no script, no inline style, readable in Chinese.

Colours and fonts come from classes styled by static/css/dashboard.css; the presentation attributes (fill, stroke)
are what a reader without that stylesheet sees. Every text of the data is escaped.
"""

import math
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 6, 30, 24
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
GRID_LINES = 4
THIS_YEAR_COLOUR, LAST_YEAR_COLOUR, TEXT_COLOUR, GRID_COLOUR = "#c8102e", "#9aa5b1", "#555555", "#dddddd"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value`, so that the axis reads in round steps."""
    if value <= 0:
        return GRID_LINES
    magnitude = 10 ** math.floor(math.log10(value / GRID_LINES))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude * GRID_LINES >= value:
            return step * magnitude * GRID_LINES
    return 10 * magnitude * GRID_LINES


def short_number(value: float) -> str:
    """An axis label: 1200 → 1,200; 35000 → 3.5万; 120000000 → 1.2亿."""
    for size, word in ((100_000_000, _("hundred million")), (10_000, _("ten thousand"))):
        if abs(value) >= size:
            return f"{value / size:.4g}{word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _at(coordinate: float) -> str:
    return f"{coordinate:.1f}"


def _number(value) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, (int, float, Decimal)) else None


def _describe(series: dict, this_year: list, last_year: list) -> str:
    months = series.get("months") or []
    unit = series.get("unit") or ""
    parts = []
    for month, now, then in zip(months, this_year, last_year, strict=False):
        if now is None:
            continue
        parts.append(_("%(month)s: this year %(now)s, last year %(then)s") % {
            "month": month, "now": short_number(now), "then": "—" if then is None else short_number(then)})
    if not parts:
        return _("No month of this year has begun yet.")
    text = _("; ").join(parts)
    return _("Unit: %(unit)s. %(figures)s") % {"unit": unit, "figures": text} if unit else text


def chart_svg(series: dict | None, *, key: str = "chart") -> SafeString:
    """Bars for each month: last year's in grey, this year's in red beside them; months not begun stay empty."""
    if not series:
        return mark_safe("")
    months = list(series.get("months") or [])
    this_year = [_number(value) for value in series.get("this_year") or []]
    last_year = [_number(value) for value in series.get("last_year") or []]
    this_year += [None] * (len(months) - len(this_year))
    last_year += [None] * (len(months) - len(last_year))
    top = nice_ceiling(max([value for value in this_year + last_year if value is not None] or [0]))
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    title = series.get("label") or ""
    if series.get("unit"):
        title = _("%(label)s (%(unit)s)") % {"label": title, "unit": series["unit"]}

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * max(value, 0) / top

    parts = [format_html(
        '<svg class="dash-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}" '
        'xmlns="http://www.w3.org/2000/svg" font-size="11">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>',
        WIDTH, HEIGHT, title_id, desc_id, title_id, title, desc_id, _describe(series, this_year, last_year),
    )]
    parts.append(_legend())
    for line in range(GRID_LINES + 1):
        value = top * line / GRID_LINES
        parts.append(format_html(
            '<line class="dash-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>'
            '<text class="dash-chart__axis" x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
            LEFT, WIDTH - RIGHT, _at(y(value)), _at(y(value)), GRID_COLOUR, LEFT - 4, _at(y(value) + 4), TEXT_COLOUR,
            short_number(value),
        ))
    slot = PLOT_WIDTH / max(len(months), 1)
    bar = slot * 0.36
    for index, month in enumerate(months):
        left = LEFT + slot * index + slot * 0.12
        for offset, value, css, colour in ((0, last_year[index], "last", LAST_YEAR_COLOUR),
                                           (bar, this_year[index], "this", THIS_YEAR_COLOUR)):
            if value is not None:
                parts.append(format_html(
                    '<rect class="dash-chart__bar dash-chart__bar--{}" x="{}" y="{}" width="{}" '
                    'height="{}" fill="{}"/>',
                    css, _at(left + offset), _at(y(value)), _at(bar), _at(TOP + PLOT_HEIGHT - y(value)), colour,
                ))
        parts.append(format_html(
            '<text class="dash-chart__axis" x="{}" y="{}" text-anchor="middle" font-size="10" fill="{}">{}</text>',
            _at(LEFT + slot * (index + 0.5)), HEIGHT - 8, TEXT_COLOUR, month,
        ))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a closing tag, no data
    return mark_safe("".join(parts))  # noqa: S308 - every part went through format_html


def _legend() -> SafeString:
    entries = []
    x = LEFT
    for css, colour, label in (("this", THIS_YEAR_COLOUR, _("This year")), ("last", LAST_YEAR_COLOUR, _("Last year"))):
        entries.append(format_html(
            '<rect class="dash-chart__bar dash-chart__bar--{}" x="{}" y="8" width="12" height="12" fill="{}"/>'
            '<text class="dash-chart__legend" x="{}" y="18" fill="{}">{}</text>',
            css, x, colour, x + 16, TEXT_COLOUR, label,
        ))
        x += 70
    return mark_safe("".join(entries))  # noqa: S308 - built by format_html
