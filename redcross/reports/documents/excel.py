"""The Excel report: when its data was taken, a sheet per front (this period, a year earlier, the change, since the
start), and the lists behind the figures.

The lists hold titles, sites and places as staff and imports wrote them: they are stored as text cells, never as
formulas (see redcross.spreadsheets).
"""

from datetime import date, datetime

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from projects.summary import activity_rows, allocation_rows, donation_rows, position_rows
from publicity.summary import placement_rows
from redcross.spreadsheets import printable, xlsx_bytes
from training.summary import session_rows

from .. import labels
from ..figures import FACTS, FRONTS
from ..group_visits import group_visit_rows
from .text import change

HEADER = Font(bold=True)
MONEY_FORMAT, COUNT_FORMAT = "#,##0.00", "#,##0"


def _sheet(workbook, title: str, headers: list[str], rows: list[list], widths: list[int], formats=None):
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = HEADER
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        sheet.append(printable(row))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for column, number_format in (formats or {}).items():
        for cell in sheet[column][1:]:
            cell.number_format = number_format
    return sheet


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def _donation_sheets(workbook, start: date, end: date) -> None:
    """The donations received in the period, with what was used of each by its end, and the period's uses."""
    with translation.override("zh-hans"):  # the donor's name as published: 爱心人士 for an anonymous gift
        gifts = [[row["date"], row["receipt_number"], row["donor"], labels.DONOR_KIND[row["donor_kind"]],
                  labels.DONATION_KIND[row["kind"]], row["goods"], row["value"],
                  "：".join(filter(None, (labels.DIRECTION[row["direction"]], row["directed_to"]))),
                  row["allocated"], row["remaining"]] for row in donation_rows(start, end)]
        uses = [[row["date"], row["receipt_number"], row["donor"], labels.USE_TARGET[row["target"]], row["used_for"],
                 row["quantity"], row["value"], row["people_helped"]] for row in allocation_rows(start, end)]
    money = dict.fromkeys("GIJ", MONEY_FORMAT)
    _sheet(workbook, *labels.DONATIONS_SHEET, gifts, [12, 16, 20, 10, 8, 20, 16, 28, 16, 16],
           {"A": "yyyy-mm-dd", **money})
    _sheet(workbook, *labels.USES_SHEET, uses, [12, 16, 20, 10, 32, 12, 14, 10], {"A": "yyyy-mm-dd", "G": MONEY_FORMAT})


def render(data: dict, made_at: datetime) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = labels.ABOUT_SHEET
    about.append([data["period"]["name"]])
    about["A1"].font = HEADER
    about.append([labels.stamp(data, made_at)])
    about.column_dimensions["A"].width = 90
    start, end = date.fromisoformat(data["period"]["start"]), date.fromisoformat(data["period"]["counted_to"])
    with translation.override("zh-hans"):
        for front, (label, _compute) in FRONTS.items():
            facts = [fact for fact in FACTS if fact.front == front]
            rows = [[str(fact.label), str(fact.unit), data["current"][fact.key], data["previous"][fact.key],
                     change(data["current"][fact.key], data["previous"][fact.key], fact.key) or "—",
                     data["since"][fact.key]] for fact in facts]
            sheet = _sheet(workbook, str(label), labels.front_headers(data["period"]), rows, [44, 8, 18, 18, 24, 18])
            for row, fact in enumerate(facts, start=2):
                for column in "CDF":
                    sheet[f"{column}{row}"].number_format = MONEY_FORMAT if fact.money else COUNT_FORMAT
    activities = [[row["date"], row["title"], row["kind"], row["site__name"] or "", row["participants"],
                   row["volunteers"], float(row["volunteer_hours"]), row["beneficiaries"], row["books"]]
                  for row in activity_rows(start, end)]
    _sheet(workbook, "活动清单", ["日期", "活动", "类型", "站点", "参与人数", "志愿者人数", "志愿服务时长", "受益人数",
                                 "募集图书"], activities, [12, 36, 16, 16, 10, 10, 12, 10, 10], {"A": "yyyy-mm-dd"})
    sessions = [[_local(row["starts_at"]), row["course__name"], row["place"] or "", row["audience"], row["organiser"],
                 row["trainees"]] for row in session_rows(start, end)]
    _sheet(workbook, "培训清单", ["时间", "课程", "地点", "培训对象", "组织单位", "培训人数"], sessions,
           [18, 20, 26, 12, 20, 10], {"A": "yyyy-mm-dd hh:mm"})
    with translation.override("zh-hans"):
        positions = [[row["name"], row["position_kind__name"], row["town"],
                      labels.POSITION_STATUS[row["position_status"]], row["last_assessed_on"]]
                     for row in position_rows(end)]
        visits = [[row["date"], row["place"], row["organisation"], row["age_group"], row["visitors"]]
                  for row in group_visit_rows(start, end)]
    _sheet(workbook, labels.POSITIONS_SHEET[0], labels.POSITIONS_SHEET[1], positions, [28, 18, 16, 16, 14],
           {"E": "yyyy-mm-dd"})
    _sheet(workbook, labels.VISITS_SHEET[0], labels.VISITS_SHEET[1], visits, [12, 28, 28, 16, 10], {"A": "yyyy-mm-dd"})
    _donation_sheets(workbook, start, end)
    placements = [[row["published_on"], row["story__title"], row["story__kind"], row["outlet__name"],
                   row["outlet__level"]] for row in placement_rows(start, end)]
    _sheet(workbook, "用稿清单", ["刊发日期", "稿件", "类型", "媒体", "媒体级别"], placements, [12, 44, 10, 20, 16],
           {"A": "yyyy-mm-dd"})
    return xlsx_bytes(workbook)
