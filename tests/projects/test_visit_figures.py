"""The positions' figures of a period: group visits held, counted on their slot's day with the visitors who came,
and the positions as they stood at the period's end."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import NOT_ASSESSED, Assessment, PositionStandard, StandardItem
from projects.services import (
    assessment_save,
    booking_cancel,
    booking_decide,
    site_save,
    standard_item_save,
    standard_save,
)
from projects.summary import assessments_by_kind, group_visit_rows, group_visits, position_rows, summary
from tests.projects.visiting import Clock, held_visit, position, position_kind, request, slot_at

pytestmark = pytest.mark.django_db
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
PARK, HALL = "博爱文化主题公园", "急救逃生体验场馆"


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def visited(clock):
    """Two positions visited in 2025, with bookings that never became visits and visits of other years."""
    hall = position("市急救逃生体验馆", HALL)
    park = position("红十字文化公园", PARK, town="城西街道")
    held_visit(clock, hall, "2025-03-12", headcount=40, attended=38, n=1, organisation="实验小学")
    held_visit(clock, hall, "2025-11-05", headcount=50, attended=45, n=2, organisation="第二中学")
    held_visit(clock, park, "2025-06-01", headcount=30, attended=31, n=3, organisation="老年大学")
    # On the year's last day, recorded as held only in January: a 2025 visit.
    held_visit(clock, hall, "2025-12-31", headcount=20, attended=19, n=4, organisation="幼儿园",
               recorded="2026-01-03 09:00")
    # Visits of 2024 and 2026.
    held_visit(clock, park, "2024-12-31", headcount=60, attended=60, n=5)
    held_visit(clock, park, "2026-01-01", headcount=70, attended=70, n=6)
    # Asked for in 2025 and never held: declined, cancelled, confirmed but not recorded as held.
    clock.set("2025-08-01 10:00")
    slot = slot_at(hall, dt.date(2025, 9, 9))
    booking_decide(booking=request(slot, headcount=25, n=7), confirm=False, reason="当天闭馆")
    booking_cancel(booking=request(slot, headcount=35, n=8))
    booking_decide(booking=request(slot, headcount=15, n=9), confirm=True)
    clock.set(None)
    return hall, park


def test_visits_held_in_the_period_count_the_visitors_who_came_by_kind_and_by_position(visited):
    figures = group_visits(*YEAR_2025)
    assert (figures["visits"], figures["visitors"]) == (4, 38 + 45 + 31 + 19)
    assert figures["by_kind"] == [
        {"kind": PARK, "visits": 1, "visitors": 31},
        {"kind": HALL, "visits": 3, "visitors": 38 + 45 + 19},
    ]
    assert {row["position"]: row for row in figures["by_position"]} == {
        "市急救逃生体验馆": {"position": "市急救逃生体验馆", "kind": HALL, "visits": 3, "visitors": 102},
        "红十字文化公园": {"position": "红十字文化公园", "kind": PARK, "visits": 1, "visitors": 31},
    }


def test_declined_cancelled_and_unrecorded_bookings_are_no_visits_but_are_counted_as_bookings(visited):
    figures = group_visits(dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert (figures["visits"], figures["visitors"]) == (0, 0)
    assert figures["by_kind"] == [] and figures["by_position"] == []
    assert figures["bookings"] == {"requested": 0, "confirmed": 1, "declined": 1, "cancelled": 1, "held": 0}


def test_a_visit_counts_on_its_days_period_whenever_it_was_recorded(visited):
    assert group_visits(dt.date(2025, 12, 31), dt.date(2025, 12, 31))["visitors"] == 19
    january = group_visits(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert (january["visits"], january["visitors"]) == (1, 70)
    assert group_visits(dt.date(2024, 1, 1), dt.date(2024, 12, 31))["visitors"] == 60


def test_the_visit_list_has_one_row_per_visit_and_never_a_contact(visited):
    rows = group_visit_rows(*YEAR_2025)
    assert [(row["date"], row["place"], row["organisation"], row["visitors"]) for row in rows] == [
        (dt.date(2025, 3, 12), "市急救逃生体验馆", "实验小学", 38),
        (dt.date(2025, 6, 1), "红十字文化公园", "老年大学", 31),
        (dt.date(2025, 11, 5), "市急救逃生体验馆", "第二中学", 45),
        (dt.date(2025, 12, 31), "市急救逃生体验馆", "幼儿园", 19),
    ]
    assert all(set(row) == {"date", "place", "organisation", "age_group", "visitors"} for row in rows)
    assert all(row["age_group"] for row in rows)


def test_the_visit_figures_cost_the_same_queries_for_more_visits(visited, clock):
    with CaptureQueriesContext(connection) as few:
        group_visits(*YEAR_2025)
    for n in range(10):
        held_visit(clock, position(f"纪念园{n}", "捐献缅怀纪念场所", publish_consent=True),
                   f"2025-05-{n + 1:02d}", headcount=10, attended=9, n=20 + n)
    with CaptureQueriesContext(connection) as many:
        figures = group_visits(*YEAR_2025)
    assert len(many) == len(few) and figures["visits"] == 14


def _standard(kind_name: str) -> PositionStandard:
    made = standard_save(standard=PositionStandard(kind=position_kind(kind_name), year=2024, title="标准",
                                                   issued_by="市红十字会"))
    standard_item_save(item=StandardItem(standard=made, order=1, text="有红十字标识", evidence="照片"))
    return made


def _assess(site, standard, day: str, result) -> Assessment:
    items = {item.pk: (result == Assessment.Result.PASSED, "") for item in standard.items.all()}
    return assessment_save(assessment=Assessment(site=site, standard=standard, assessed_on=dt.date.fromisoformat(day),
                                                 result=result), items=items)


def test_positions_as_of_the_periods_end_with_their_latest_assessment_then():
    Result = Assessment.Result
    park_standard = _standard(PARK)
    old = position("老公园", PARK, started_on=dt.date(2023, 1, 1))
    new = position("新公园", PARK, started_on=dt.date(2025, 2, 1))
    _assess(old, park_standard, "2024-05-01", Result.PASSED)
    _assess(new, park_standard, "2025-03-01", Result.IN_PROGRESS)
    _assess(new, park_standard, "2025-10-01", Result.PASSED)
    _assess(old, park_standard, "2026-02-01", Result.FAILED)  # after the period: not its status then
    later = position("明年公园", PARK, started_on=dt.date(2026, 1, 5))
    closed = position("旧公园", PARK, started_on=dt.date(2020, 1, 1))
    closed.status, closed.closed_on = closed.Status.CLOSED, dt.date(2025, 6, 1)
    site_save(site=closed)

    rows = position_rows(dt.date(2025, 12, 31))
    assert {row["name"]: (row["position_kind__name"], row["town"], row["position_status"], row["last_assessed_on"])
            for row in rows} == {
        "新公园": (PARK, "城东街道", Result.PASSED, dt.date(2025, 10, 1)),
        "老公园": (PARK, "城东街道", Result.PASSED, dt.date(2024, 5, 1)),
    }
    assert len(rows) == 2  # not yet taken on, or closed by then: not a position of 2025's end
    assert {row["name"]: row["position_status"] for row in position_rows(dt.date(2026, 3, 1))} == {
        "新公园": Result.PASSED, "老公园": Result.FAILED, later.name: NOT_ASSESSED}
    assert assessments_by_kind(*YEAR_2025) == {PARK: 2}

    positions = summary(*YEAR_2025)["positions"]
    assert positions["by_kind"] == [{"kind": PARK, "unit": "处", "total": 2, NOT_ASSESSED: 0, "in_progress": 0,
                                     "passed": 2, "failed": 0, "new": 1}]
    assert positions["assessments"] == {"in_progress": 1, "passed": 1, "failed": 0}
    assert positions["assessments_by_kind"] == {PARK: 2}
