"""The words of a report that are not its sentences: headings, column headers, chart titles, file kinds and names.

Defined once, here, and used by the Word, Excel and PDF files, the download view and the admin. The documents are
Chinese official documents whatever the language of the page that asked for them, so these are Chinese text.
"""

from datetime import date, datetime

from django.utils import timezone

from redcross.admin_support import PDF_TYPE, XLSX_TYPE

from .models import Report
from .periods import chinese_date

FIGURE, UNIT, CHANGE, SINCE = "指标", "单位", "同比", "开展以来累计"
TABLE_HEADING = "附表：主要数据"
CHARTS_HEADING = "图表"
ABOUT_SHEET = "说明"

# (title, unit) of the PDF's charts.
TRAINEES_CHART = ("培训人次（按月）", "人次")
PLACEMENTS_CHART = ("用稿数量（按媒体级别）", "条")
MONEY_CHART = ("到位资金（按来源）", "元")
# Outlet levels as short as a chart's bar labels need them; the reports read publicity only through its summary.
LEVELS = {"national": "国家级", "headquarters": "总会", "provincial": "省级", "provincial_red_cross": "省红会系统",
          "prefecture": "市级", "local": "本市级", "other": "其他"}

# A position's status as of a day (projects.summary.position_rows), in the words of the branch's standards.
POSITION_STATUS = {"not_assessed": "未评估", "in_progress": "创建中", "passed": "达标", "failed": "复核未通过"}
# (title, headers) of the Excel lists of positions and of group visits; a visit's contact person is never listed.
POSITIONS_SHEET = ("阵地清单", ["名称", "类型", "街道（乡镇）", "期末状态", "最近评估日期"])
VISITS_SHEET = ("参观清单", ["日期", "参观地点", "单位", "年龄段", "参观人数"])
# (title, headers) of the Excel lists of donations and of their uses: the donor as published, never a phone or address.
DONATIONS_SHEET = ("捐赠明细", ["接收日期", "票据号", "捐赠方", "捐赠方类型", "类别", "物资及数量", "金额或折价（元）",
                                "捐赠方向", "期末已使用（元）", "期末结余（元）"])
USES_SHEET = ("捐赠使用", ["使用日期", "票据号", "捐赠方", "用途", "使用对象", "物资数量", "金额（元）", "救助人次"])
DONATION_KIND = {"money": "资金", "goods": "物资"}
DONOR_KIND = {"person": "个人", "organisation": "单位", "anonymous": "匿名"}
DIRECTION = {"undirected": "非定向", "project": "定向项目", "site": "定向站点", "purpose": "定向用途"}
USE_TARGET = {"project": "项目", "relief": "救助", "general": "一般用途"}

# The report's files: kind → (name shown on links, content type).
FILES = {
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("Excel", XLSX_TYPE),
    "pdf": ("PDF", PDF_TYPE),
}


def stamp(data: dict, made_at: datetime) -> str:
    """When the data was taken and the file made, and, for a period not yet over, the last day counted."""
    taken = datetime.fromisoformat(data["period"]["taken_at"])
    made = timezone.localtime(made_at)
    words = f"数据截至{chinese_date(taken.date())}{taken:%H:%M}，生成于{chinese_date(made.date())}{made:%H:%M}"
    if data["period"].get("open"):
        counted = date.fromisoformat(data["period"]["counted_to"])
        words += f"；{data['period']['name']}尚未结束，数据统计至{chinese_date(counted)}"
    return words + "。"


def figure_headers(period: dict) -> list[str]:
    """The header of the figures table of the Word and PDF files: figure, this period, a year earlier, change,
    since records began."""
    return [FIGURE, period["name"], period["earlier"], CHANGE, SINCE]


def front_headers(period: dict) -> list[str]:
    """The header of an Excel sheet of one front's figures."""
    return [FIGURE, UNIT, period["name"], period["earlier"], CHANGE, SINCE]


def download_name(report: Report, kind: str) -> str:
    """2025年红十字会工作总结.docx for a year, 简报 (brief) for a shorter period; a version made before its period
    ended, or one of several, is named for the day its data was taken (in Asia/Shanghai)."""
    name = f"{report.period.name}红十字会工作{'总结' if report.kind == Report.Kind.YEAR else '简报'}"
    if report.taken_at is not None:
        taken = timezone.localtime(report.taken_at)
        if taken.date() <= report.end:
            name += f"（截至{taken:%Y%m%d}）"
        else:
            name += f"（{taken:%Y%m%d}版）"
    return f"{name}.{kind}"
