"""The year-end report on the Red Cross positions: sentences per kind in the shape of the source report, group
visits counted once for the positions and the training bases, the lists in Excel, and late records that make a
finished year's report out of date."""

import datetime as dt
import io
import re
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from projects.models import Assessment, PositionStandard, StandardItem
from projects.services import (
    assessment_save,
    booking_decide,
    booking_held,
    standard_item_save,
    standard_save,
)
from redcross.reports import periods
from redcross.reports.figures import collect
from redcross.reports.group_visits import group_visits
from redcross.reports.models import Report
from redcross.reports.services import report_build, report_request
from tests.projects.visiting import Clock, held_visit, position, position_kind, request, slot_at
from tests.training.factories import BaseFactory, mobile
from training.models import Visit
from training.services import catalogue_save

pytestmark = pytest.mark.django_db
Result = Assessment.Result
SCHOOL, HALL = "红十字模范学校", "急救逃生体验场馆"
YEAR = periods.year(2025)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def standard(kind: str) -> PositionStandard:
    made = standard_save(standard=PositionStandard(kind=position_kind(kind), year=2024, title=f"{kind}标准",
                                                   issued_by="市红十字会"))
    standard_item_save(item=StandardItem(standard=made, order=1, text="有红十字标识", evidence="照片"))
    return made


def assess(site, of: PositionStandard, day: str, result=Result.PASSED) -> Assessment:
    items = {item.pk: (result == Result.PASSED, "") for item in of.items.all()}
    return assessment_save(assessment=Assessment(site=site, standard=of, assessed_on=dt.date.fromisoformat(day),
                                                 result=result, assessors="张三"), items=items)


def base_visit(day: str, headcount: int, organisation: str = "实验小学四年级") -> Visit:
    base = BaseFactory(name="气象科普园基地")
    return catalogue_save(record=Visit(base=base, date=dt.date.fromisoformat(day), organisation=organisation,
                                       headcount=headcount))


def built(period=YEAR) -> Report:
    report, _created = report_request(period=period, queue=False)
    return report_build(report_id=report.pk)


@pytest.fixture
def positions_in_2025(clock):
    """Three model schools (one meeting the standard since 2024, one new in 2025, one being established), an
    experience hall new in 2025 with two group visits, and a group at a training base."""
    schools, halls = standard(SCHOOL), standard(HALL)
    first, second, third = (position(name, SCHOOL) for name in ("实验小学", "第二中学", "城南小学"))
    assess(first, schools, "2024-06-01")
    assess(second, schools, "2025-03-01", Result.IN_PROGRESS)
    assess(second, schools, "2025-09-01")
    assess(third, schools, "2025-04-01", Result.IN_PROGRESS)
    hall = position("市急救逃生体验馆", HALL)
    assess(hall, halls, "2025-02-01")
    held_visit(clock, hall, "2025-05-20", headcount=40, attended=38, n=1, organisation="东湖小学")
    held_visit(clock, hall, "2025-10-15", headcount=50, attended=45, n=2, organisation="第一中学")
    base_visit("2025-06-01", 45)
    return YEAR


def document_text(report: Report) -> str:
    return "\n".join(paragraph.text for paragraph in Document(report.docx.path).paragraphs)


def test_the_group_visits_of_the_bases_and_the_positions_are_counted_once_together(positions_in_2025):
    visits = group_visits(YEAR.start, YEAR.end)
    assert (visits["visits"], visits["visitors"]) == (3, 38 + 45 + 45)
    assert visits["at_bases"] == {"visits": 1, "visitors": 45}
    assert visits["at_positions"] == {"visits": 2, "visitors": 83}
    data = collect(YEAR)
    assert (data["current"]["visits"], data["current"]["visitors"]) == (3, 128)
    current = data["current"]
    assert (current["positions_passed"], current["positions_new"], current["assessments"]) == (3, 2, 4)
    rows = [(row["kind"], row["passed"], row["new"], row["assessments"], row["visitors"]) for row in data["positions"]]
    assert rows == [(HALL, 1, 1, 1, 83), (SCHOOL, 2, 1, 3, 0)]


def test_the_year_end_report_says_each_kind_of_position_in_the_shape_of_the_source_report(positions_in_2025):
    text = document_text(built())
    assert "全市建成红十字模范学校2所，2025年新增1所，另有1所正在创建，2025年开展评估3次。" in text
    assert ("全市建成急救逃生体验场馆1个，2025年新增1个，2025年开展评估1次，接待团体参观体验2场次、83人次。"
            in text)
    assert "2025年，各红十字阵地和培训基地共接待中小学生等团体参观体验3场次、128人次（2024年无）。" in text
    # Said once, with the positions, in the first section; kinds without positions are not named.
    first, second = text.index("一、重视人道项目申报"), text.index("二、强化救护培训效果")
    assert first < text.index("全市建成红十字模范学校") < second
    assert text.count("团体参观体验3场次") == 1 and "各培训基地接待" not in text
    assert "冠名医疗机构" not in text and "博爱文化主题公园" not in text


def test_a_kind_with_no_position_meeting_the_standard_yet_is_said_as_being_established(clock):
    assess(position("城南小学", SCHOOL), standard(SCHOOL), "2025-04-01", Result.IN_PROGRESS)
    text = document_text(built())
    assert "全市有红十字模范学校1所，其中1所正在创建，2025年开展评估1次。" in text
    assert "全市建成红十字模范学校" not in text and "团体参观体验" not in text


def test_the_excel_report_lists_the_positions_and_the_group_visits_without_a_contact(positions_in_2025, clock):
    # A park taken on after the year, and its visit: in no list of 2025.
    park = position("红十字文化公园", "博爱文化主题公园", started_on=dt.date(2026, 1, 2))
    held_visit(clock, park, "2026-01-10", headcount=20, attended=20, n=3)
    workbook = load_workbook(io.BytesIO(built().xlsx.read()))
    positions = list(workbook["阵地清单"].iter_rows(values_only=True))
    assert positions[0] == ("名称", "类型", "街道（乡镇）", "期末状态", "最近评估日期")
    assert {row[0]: row[1:] for row in positions[1:]} == {
        "市急救逃生体验馆": (HALL, "城东街道", "达标", dt.datetime(2025, 2, 1)),
        "实验小学": (SCHOOL, "城东街道", "达标", dt.datetime(2024, 6, 1)),
        "第二中学": (SCHOOL, "城东街道", "达标", dt.datetime(2025, 9, 1)),
        "城南小学": (SCHOOL, "城东街道", "创建中", dt.datetime(2025, 4, 1)),
    }
    visits = list(workbook["参观清单"].iter_rows(values_only=True))
    assert visits[0] == ("日期", "参观地点", "单位", "年龄段", "参观人数")
    assert [(row[0], row[1], row[2], row[4]) for row in visits[1:]] == [
        (dt.datetime(2025, 5, 20), "市急救逃生体验馆", "东湖小学", 38),
        (dt.datetime(2025, 6, 1), "气象科普园基地", "实验小学四年级", 45),
        (dt.datetime(2025, 10, 15), "市急救逃生体验馆", "第一中学", 45),
    ]
    assert visits[1][3] and visits[2][3] is None  # an age group is asked of bookings only
    cells = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row]
    assert not [cell for cell in cells if re.search(r"1[3-9]\d{9}", cell)]
    assert not [cell for cell in cells if "王老师" in cell]
    assert mobile(1) not in " ".join(cells)


def test_an_assessment_recorded_late_makes_the_finished_years_report_out_of_date(
    positions_in_2025, django_capture_on_commit_callbacks
):
    report = built()
    hall = position("新体验馆", HALL)
    with django_capture_on_commit_callbacks(execute=True):
        assess(hall, PositionStandard.objects.get(kind__name=HALL), "2026-01-10")
    report.refresh_from_db()
    assert report.out_of_date_since is None  # dated after the year: its report stays true

    with django_capture_on_commit_callbacks(execute=True):
        assess(hall, PositionStandard.objects.get(kind__name=HALL), "2025-12-20")
    report.refresh_from_db()
    assert report.out_of_date_since is not None
    assert built().figures["current"]["assessments"] == 5


def test_a_visit_recorded_as_held_after_the_year_makes_its_report_out_of_date(
    positions_in_2025, clock, django_capture_on_commit_callbacks
):
    hall = position("新体验馆", HALL)
    clock.set("2025-12-20 10:00")
    on_the_last_days = booking_decide(booking=request(slot_at(hall, dt.date(2025, 12, 30)), 30, n=5), confirm=True)
    next_spring = booking_decide(booking=request(slot_at(hall, dt.date(2026, 3, 1)), 30, n=6), confirm=True)
    clock.set("2026-03-02 09:00")
    booking_held(booking=next_spring, attended=28)
    clock.set(None)
    report = built()
    assert report.figures["current"]["visitors"] == 128  # confirmed, not yet recorded as held: not counted

    with django_capture_on_commit_callbacks(execute=True):
        booking_held(booking=next_spring, attended=29)  # a visit of 2026 corrected
    report.refresh_from_db()
    assert report.out_of_date_since is None

    with django_capture_on_commit_callbacks(execute=True):
        booking_held(booking=on_the_last_days, attended=27)
    report.refresh_from_db()
    assert report.out_of_date_since is not None
    assert built().figures["current"]["visitors"] == 128 + 27


def test_the_pdf_says_the_positions_as_the_word_file_does(positions_in_2025):
    report = built()
    text = subprocess.run(["pdftotext", report.pdf.path, "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)  # lines wrap anywhere in Chinese text
    assert "全市建成红十字模范学校2所，2025年新增1所，另有1所正在创建" in flat
    assert "各红十字阵地和培训基地共接待中小学生等团体参观体验3场次、128人次" in flat
