"""The dashboard's data: the reports' own figures for the year so far and the same days of last year, months against
last year's by hand count, where the work happened, what needs attention with the admin page to handle it, a
bounded number of queries whatever the data, and a cache that a staff edit leaves behind.

The scene is written at a fixed moment (NOW, China time) through the services and the factories the other tests use.
"""


import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import Activity, Project
from projects.services import activity_save, project_transition
from redcross.pagecache import forget_local
from redcross.reports import periods
from redcross.reports.dashboard import compute, dashboard_for, versions
from redcross.reports.figures import collect
from redcross.reports.services import report_build, report_request, reports_mark_out_of_date
from tests.projects.donating import gift
from tests.projects.factories import ProjectFactory, SiteFactory
from tests.projects.visiting import Clock, held_visit, position, request, slot_at
from tests.publicity.factories import PlacementFactory
from tests.training.factories import (
    BaseFactory,
    CertificateFactory,
    RegistrationFactory,
    SessionFactory,
    at,
)
from training.models import Registration, Session

NOW = "2026-06-15 10:00"  # China time
TODAY = dt.date(2026, 6, 15)


def activity(day: str, town: str = "城东街道", beneficiaries: int = 30) -> Activity:
    site = SiteFactory(town=town)
    return activity_save(activity=Activity(site=site, kind=Activity.Kind.HOME_VISIT, date=dt.date.fromisoformat(day),
                                           title="入户走访", participants=10, beneficiaries=beneficiaries))


def held_session(starts: str, headcount: int, **fields) -> Session:
    return SessionFactory(starts_at=at(starts), status=Session.Status.HELD, headcount=headcount, public_signup=False,
                          **fields)


def session_soon(starts: str, *, taken: int = 0, waiting: int = 0) -> Session:
    session = SessionFactory(starts_at=at(starts), seats=30)
    for _ in range(taken):
        RegistrationFactory(session=session)
    for _ in range(waiting):
        RegistrationFactory(session=session, status=Registration.Status.WAITING)
    return session


def applied_project(title: str) -> Project:
    project = ProjectFactory(title=title, year=2026)
    return project_transition(project=project, to=Project.Status.APPLIED, on=dt.date(2026, 5, 1))


def build(clock: Clock, n: int = 1) -> None:
    """`n` times: activities in March and May of this year and March and September of last, sessions held in April
    of both years, placements, donations, a group visit held in May, and for attention a session in 3 days and one
    in 10, a base agreement and a certificate ending within 60 days, a project applied for and a visit asked for.
    The clock stands at NOW afterwards."""
    hall = position(name="市急救逃生体验馆", town="城西街道")
    for i in range(n):
        clock.set(None)
        first = i == 0  # full groups and rooms the first time, small ones after: a hundredfold rows, a quick test
        held_visit(clock, hall, f"2026-05-{1 + i % 28:02d}", headcount=40 if first else 2, attended=35 if first else 2,
                   n=i + 1)
        clock.set(NOW)
        activity("2026-03-10")
        activity("2026-03-20", town="城西街道")
        activity("2026-05-20")
        activity("2025-03-05")
        activity("2025-09-01")
        held_session(f"2026-04-{10 + i % 15:02d} 09:00", headcount=20 if first else 2)
        held_session(f"2025-04-{10 + i % 15:02d} 09:00", headcount=15 if first else 2)
        PlacementFactory(published_on=dt.date(2026, 2, 3))
        PlacementFactory(published_on=dt.date(2025, 2, 3))
        gift(dt.date(2026, 1, 20), amount="500.00")
        gift(dt.date(2025, 11, 20), amount="800.00")
        session_soon(f"2026-06-18 {9 + i % 8:02d}:00", taken=2, waiting=1)
        session_soon(f"2026-06-25 {9 + i % 8:02d}:00")
        BaseFactory(agreement_start=dt.date(2024, 1, 1), agreement_end=TODAY + dt.timedelta(days=30))
        BaseFactory(agreement_start=dt.date(2024, 1, 1), agreement_end=TODAY + dt.timedelta(days=90))
        CertificateFactory(issued_on=dt.date(2023, 7, 1), expires_on=TODAY + dt.timedelta(days=20))
        applied_project(f"博爱家园申报{i}")
        request(slot_at(hall, TODAY + dt.timedelta(days=20 + i)), headcount=25, n=100 + i, organisation="第二中学")
    clock.set(NOW)



pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def scene(clock):
    build(clock)
    return clock


def front(dashboard: dict, key: str) -> dict:
    return next(found for found in dashboard["fronts"] if found["key"] == key)


def figure(dashboard: dict, front_key: str, key: str) -> dict:
    return next(found for found in front(dashboard, front_key)["figures"] if found["key"] == key)


def attention(dashboard: dict, key: str) -> dict:
    return next(found for found in dashboard["attention"] if found["key"] == key)


def test_every_figure_is_the_reports_own_for_the_year_so_far_and_the_same_days_of_last_year(scene, leader):
    dashboard = dashboard_for(leader)
    data = collect(periods.year(2026), timezone.now())
    shown = [row for found in dashboard["fronts"] for row in found["figures"]]
    assert len(shown) > 20
    for row in shown:
        assert row["value"] == pytest.approx(data["current"][row["key"]]), row["key"]
        assert row["previous"] == pytest.approx(data["previous"][row["key"]]), row["key"]
    # By hand: three activities by 15 June, one in the same days of 2025 (September's is later in the year).
    activities = figure(dashboard, "projects", "activities")
    assert (activities["value"], activities["previous"], activities["change"]) == (3, 1, 200.0)
    trainees = figure(dashboard, "training", "trainees")
    assert (trainees["value"], trainees["previous"], trainees["change"]) == (20, 15, pytest.approx(33.3))
    received = figure(dashboard, "donations", "donations_received")
    assert (received["value"], received["previous"], received["change"], received["money"]) == (500, 0, None, True)
    assert figure(dashboard, "positions", "visitors")["value"] == 35


def test_the_period_is_named_from_the_first_of_january_to_today(scene, leader):
    dashboard = dashboard_for(leader)
    assert dashboard["period"] == {"name": "2026年1月1日至6月15日", "earlier": "上年同期", "year": 2026}
    assert timezone.localtime(dashboard["taken_at"]).date() == TODAY


def test_each_front_has_its_months_against_last_years_counted_by_hand(scene, leader):
    dashboard = dashboard_for(leader)
    coming = [None] * 6
    activities = front(dashboard, "projects")["series"]
    assert activities["this_year"] == [0, 0, 2, 0, 1, 0, *coming]
    assert activities["last_year"] == [0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert len(activities["months"]) == 12
    trainees = front(dashboard, "training")["series"]
    assert trainees["this_year"] == [0, 0, 0, 20, 0, 0, *coming]
    assert trainees["last_year"] == [0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0]
    assert front(dashboard, "publicity")["series"]["this_year"] == [0, 1, 0, 0, 0, 0, *coming]
    assert front(dashboard, "publicity")["series"]["last_year"][1] == 1
    money = front(dashboard, "donations")["series"]
    assert money["this_year"][0] == 500 and money["last_year"][10] == 800 and sum(money["last_year"]) == 800
    assert front(dashboard, "positions")["series"]["this_year"] == [0, 0, 0, 0, 35, 0, *coming]


def test_the_places_of_the_work_are_listed_by_street_or_town_with_the_most_first(scene, leader):
    areas = dashboard_for(leader)["areas"]
    by_name = {row["name"]: row for row in areas}
    assert by_name["城东街道"]["counts"]["activities"] == 2
    assert by_name["城西街道"]["counts"] == {"activities": 1, "sessions": 0, "visits": 1}
    assert by_name["城西街道"]["total"] == 2
    assert [row["total"] for row in areas] == sorted((row["total"] for row in areas), reverse=True)


def test_sessions_are_placed_by_their_bases_street_or_town(clock, leader):
    clock.set(NOW)
    held_session("2026-04-10 09:00", 3, base=BaseFactory(town="城北街道"))
    held_session("2026-04-11 09:00", 3, base=BaseFactory(town="城北街道"))
    held_session("2026-04-12 09:00", 3, base=BaseFactory(town=""))
    by_name = {row["name"]: row for row in dashboard_for(leader)["areas"]}
    assert by_name["城北街道"]["counts"]["sessions"] == 2
    assert sum(row["counts"].get("sessions", 0) for row in by_name.values()) == 3


def test_more_than_fifteen_places_end_with_one_row_for_the_others(clock, leader):
    clock.set(NOW)
    for number in range(18):
        activity("2026-03-10", town=f"第{number:02d}街道")
    areas = dashboard_for(leader)["areas"]
    assert len(areas) == 16
    assert areas[-1]["others"] is True and areas[-1]["total"] == 3


def test_attention_lists_what_is_soon_with_the_admin_page_that_handles_it(scene, leader):
    dashboard = dashboard_for(leader)
    sessions = attention(dashboard, "sessions_soon")
    assert sessions["count"] == 1  # the session in 3 days, not the one in 10
    (item,) = sessions["items"]
    soon = Session.objects.get(starts_at__date=dt.date(2026, 6, 18))
    assert item["url"] == reverse("admin:training_session_change", args=[soon.pk])
    assert item["when"] == dt.date(2026, 6, 18)
    assert "2" in item["note"] and "30" in item["note"] and "1" in item["note"]
    agreements = attention(dashboard, "agreements_ending")
    assert agreements["count"] == 1 and agreements["items"][0]["when"] == TODAY + dt.timedelta(days=30)
    assert agreements["items"][0]["url"].startswith("/admin/training/base/")
    assert attention(dashboard, "certificates_expiring")["count"] == 1
    waiting = attention(dashboard, "projects_waiting")
    assert waiting["count"] == 1 and waiting["items"][0]["text"] == "博爱家园申报0"
    assert waiting["items"][0]["when"] == dt.date(2026, 5, 1)
    assert waiting["items"][0]["url"] == reverse(
        "admin:projects_project_change", args=[Project.objects.get(title="博爱家园申报0").pk])
    bookings = attention(dashboard, "bookings_requested")
    assert bookings["count"] == 1 and bookings["items"][0]["url"].startswith("/admin/projects/groupbooking/")
    assert attention(dashboard, "reports_out_of_date")["count"] == 0


def test_a_report_out_of_date_is_listed_and_links_to_its_page(clock, leader):
    clock.set(NOW)
    report, _created = report_request(period=periods.month(2026, 5), queue=False)
    report_build(report_id=report.pk)
    assert attention(dashboard_for(leader), "reports_out_of_date")["count"] == 0
    clock.set("2026-06-15 11:00")
    reports_mark_out_of_date(earliest=dt.date(2026, 5, 3))
    cache.clear()  # marked by an update, which leaves no trace for the cache: the entry lives its few minutes
    listed = attention(dashboard_for(leader), "reports_out_of_date")
    assert listed["count"] == 1
    assert listed["items"][0]["url"] == reverse("reports:detail", args=[report.pk])
    assert listed["items"][0]["text"] == "2026年5月"


def test_the_latest_ready_reports_are_offered_with_their_files(clock, leader):
    clock.set(NOW)
    report, _created = report_request(period=periods.month(2026, 5), queue=False)
    report_build(report_id=report.pk)
    downloads = dashboard_for(leader)["downloads"]
    assert downloads["year"] is None and downloads["quarter"] is None
    assert downloads["month"].pk == report.pk
    assert [file["url"] for file in downloads["month"].files] == [
        f"/reports/{report.pk}/{kind}/" for kind in ("docx", "xlsx", "pdf")
    ]


def queries(user) -> int:
    cache.clear()
    forget_local()
    fresh = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as captured:
        dashboard_for(fresh)
    return len(captured)


def test_the_dashboard_costs_as_many_queries_for_a_hundred_times_the_records(clock, leader):
    build(clock, 1)
    once = queries(leader)
    build(clock, 99)
    hundred = queries(leader)
    assert once == hundred
    print(f"dashboard queries, cache cleared: {once} for 1x and 100x the records")  # noqa: T201
    dashboard = dashboard_for(leader)
    assert attention(dashboard, "sessions_soon")["count"] == 100
    assert len(attention(dashboard, "sessions_soon")["items"]) == 8


def test_a_second_look_is_served_from_the_cache_until_staff_change_a_record(
    scene, leader, django_capture_on_commit_callbacks,
):
    assert figure(dashboard_for(leader), "projects", "activities")["value"] == 3
    with CaptureQueriesContext(connection) as captured:
        dashboard_for(leader)
    assert len(captured) == 0
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        activity("2026-06-01")
        activity("2026-06-02")
    assert figure(dashboard_for(leader), "projects", "activities")["value"] == 3  # not yet committed
    assert versions.bump in callbacks  # at the commit, not while the rows are being written
    for callback in callbacks:
        callback()
    assert figure(dashboard_for(leader), "projects", "activities")["value"] == 5


def test_everything_computed_is_the_same_for_every_viewer(scene):
    computed = compute(timezone.now())
    assert set(computed["fronts"]) == {"projects", "positions", "donations", "training", "publicity"}
