"""{% dashboard %}: the admin's first screen, each role's fronts of work, what needs attention and the downloads."""

from decimal import Decimal

from django import template

from redcross.formats import yuan

from .. import dashboard_svg
from ..dashboard import dashboard_for

register = template.Library()

# The three summaries offered for download, in the order they are shown.
DOWNLOAD_KINDS = ("year", "quarter", "month")


@register.inclusion_tag("admin/dashboard/dashboard.html", takes_context=True)
def dashboard(context):
    request = context["request"]
    data = dashboard_for(request.user)
    downloads = data.get("downloads") or {}
    return {
        "dashboard": data,
        "areas": area_rows(data.get("areas") or (), data.get("area_columns") or ()),
        "downloads": [(kind, downloads.get(kind)) for kind in DOWNLOAD_KINDS],
        "make_report": data.get("make_report") if data.get("can_make_report") else None,
        "has_attention": any(group.get("count") for group in data.get("attention") or ()),
        "app_list": context.get("app_list"),
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "user": request.user,
    }


def area_rows(areas, columns) -> list[dict]:
    """Each street or town with its counts as (column, number) pairs in the columns' order, for the template."""
    return [{**area, "counted": [(column, (area.get("counts") or {}).get(column["key"], 0)) for column in columns]}
            for area in areas]


@register.filter
def figure_value(figure: dict) -> str:
    """A figure as read: money as ¥1,234.00, a count with thousands separators."""
    return amount(figure.get("value"), money=figure.get("money", False))


@register.filter
def previous_value(figure: dict) -> str:
    return amount(figure.get("previous"), money=figure.get("money", False))


def amount(value, *, money: bool = False) -> str:
    if value is None:
        return "—"
    if money:
        return yuan(value)
    value = Decimal(str(value))
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@register.filter
def trend(figure: dict) -> str:
    """up, down, same, new (nothing last year) or none (no figure last year): the change's direction, for CSS."""
    if figure.get("previous") is None:
        return "none"
    change = figure.get("change")
    if change is None:
        return "new"
    return "up" if change > 0 else "down" if change < 0 else "same"


@register.filter
def percent(change) -> str:
    if change is None:
        return ""
    return f"{abs(float(change)):,.1f}".removesuffix(".0") + "%"


@register.simple_tag
def chart(front: dict):
    return dashboard_svg.chart_svg(front.get("series"), key=front.get("key") or "chart")
