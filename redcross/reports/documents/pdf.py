"""The PDF report: the Word text, the figures table and three charts, with Chinese glyphs embedded."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import HTML

from ..figures import FRONTS
from .charts import bar_chart
from .text import body, document_title, table_rows

LEVELS = {"national": "国家级", "headquarters": "总会", "provincial": "省级", "provincial_red_cross": "省红会系统",
          "prefecture": "市级", "local": "本市级", "other": "其他"}
SOURCES = {"self_raised": "自筹", "provincial": "省红会补助", "headquarters": "总会", "government": "政府",
           "donation": "社会捐赠", "other": "其他"}


def charts(data: dict) -> list[str]:
    months = [(row["month"], row["trainees"]) for row in data["trainees_by_month"]]
    return [
        mark_safe(bar_chart("培训人次（按月）", months or [("—", 0)], "人次")),  # noqa: S308 - built from numbers
        mark_safe(bar_chart("用稿数量（按媒体级别）", [(LEVELS[k], v) for k, v in data["by_level"].items()], "条")),  # noqa: S308
        mark_safe(bar_chart("到位资金（按来源）",  # noqa: S308
                            [(SOURCES[k], float(v or 0)) for k, v in data["money_by_source"].items()], "元")),
    ]


def render(data: dict, texts: dict[str, str]) -> bytes:
    opening, sections = body(data, texts)
    with translation.override("zh-hans"):
        html = render_to_string("reports/report_pdf.html", {
            "title": document_title(data, texts),
            "opening": opening,
            "sections": sections,
            "charts": charts(data),
            "rows": table_rows(data),
            "period": data["period"],
            "fronts": [str(label) for label, _compute in FRONTS.values()],
        })
    return HTML(string=html).write_pdf()
