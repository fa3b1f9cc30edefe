"""training.summary against a small year counted by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.training.factories import (
    BaseFactory,
    CertificateFactory,
    CourseFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    VisitFactory,
    at,
)
from training.models import BaseFunding, Course, Session
from training.summary import summary

pytestmark = pytest.mark.django_db
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def year():
    park = BaseFactory(name="气象科普园基地", seats=40, standardised=True, standardised_since=dt.date(2019, 12, 1),
                       opened_on=dt.date(2019, 12, 1))
    school = BaseFactory(name="中专校教室", seats=50, opened_on=dt.date(2014, 9, 1))
    BaseFactory(name="已关闭教室", seats=20, opened_on=dt.date(2013, 1, 1), closed_on=dt.date(2024, 12, 31))
    BaseFactory(name="新建基地", seats=30, opened_on=dt.date(2026, 3, 1))
    BaseFunding.objects.create(base=park, source="provincial", amount=Decimal("70000"), spent_on=dt.date(2025, 3, 1))
    BaseFunding.objects.create(base=park, source="self_raised", amount=Decimal("5000.50"),
                               spent_on=dt.date(2024, 3, 1))

    awareness = CourseFactory()
    first_aider = FirstAiderCourseFactory()
    elder = CourseFactory(name="养老照护培训", kind=Course.Kind.ELDER_CARE)
    held = Session.Status.HELD

    # Held at the park with names: 3 registered, 2 attended.
    with_names = SessionFactory(course=first_aider, base=park, status=held, audience="residents",
                                starts_at=at("2025-03-10 09:00"), ends_at=at("2025-03-11 17:00"))
    for attended in (True, True, False):
        RegistrationFactory(session=with_names, attended=attended, passed=attended)
    # Held on site at a company without names: headcount 120.
    SessionFactory(course=awareness, base=None, venue="开发区某公司", status=held, audience="employees", headcount=120,
                   starts_at=at("2025-06-01 09:00"), ends_at=at("2025-06-01 12:00"))
    # Elder care at the school, 25 without names; 31 December 23:30 China time is still 2025.
    SessionFactory(course=elder, base=school, status=held, audience="residents", headcount=25,
                   starts_at=at("2025-12-31 23:30"), ends_at=at("2026-01-01 01:00"))
    # Not counted: planned, cancelled, and held in 2024.
    SessionFactory(course=awareness, base=park, status=Session.Status.OPEN, starts_at=at("2025-07-01 09:00"),
                   ends_at=at("2025-07-01 12:00"))
    SessionFactory(course=awareness, base=park, status=Session.Status.CANCELLED, headcount=50,
                   starts_at=at("2025-08-01 09:00"), ends_at=at("2025-08-01 12:00"))
    SessionFactory(course=awareness, base=park, status=held, headcount=80, starts_at=at("2024-12-31 23:00"),
                   ends_at=at("2025-01-01 01:00"))

    CertificateFactory(course=first_aider, issued_on=dt.date(2025, 3, 12))
    CertificateFactory(course=first_aider, issued_on=dt.date(2025, 3, 12))
    CertificateFactory(course=first_aider, issued_on=dt.date(2024, 11, 1))

    VisitFactory(base=park, date=dt.date(2025, 4, 1), headcount=45)
    VisitFactory(base=park, date=dt.date(2025, 5, 20), headcount=38)
    VisitFactory(base=school, date=dt.date(2025, 9, 9), headcount=20)
    VisitFactory(base=park, date=dt.date(2026, 1, 5), headcount=50)


def test_sessions_and_trainees_by_course_audience_and_place(year):
    sessions = summary(*YEAR_2025)["sessions"]
    assert (sessions["sessions"], sessions["trainees"]) == (3, 147)
    assert sessions["by_course_kind"]["first_aider"] == {"sessions": 1, "trainees": 2}
    assert sessions["by_course_kind"]["awareness"] == {"sessions": 1, "trainees": 120}
    assert sessions["by_course_kind"]["instructor"] == {"sessions": 0, "trainees": 0}
    assert sessions["by_audience"] == {"employees": {"sessions": 1, "trainees": 120},
                                       "residents": {"sessions": 2, "trainees": 27}}
    assert sessions["by_place"] == {"中专校教室": {"sessions": 1, "trainees": 25},
                                    "开发区某公司": {"sessions": 1, "trainees": 120},
                                    "气象科普园基地": {"sessions": 1, "trainees": 2}}


def test_first_aiders_elder_care_and_visits(year):
    figures = summary(*YEAR_2025)
    assert figures["first_aiders"] == {"certificates": 2, "certified_people": 2}
    assert figures["elder_care_trainees"] == 25
    assert figures["visits"]["visits"] == 3 and figures["visits"]["visitors"] == 103
    assert figures["visits"]["by_base"]["气象科普园基地"] == {"visits": 2, "visitors": 83}


def test_bases_in_service_standardised_seats_and_money(year):
    bases = summary(*YEAR_2025)["bases"]
    assert (bases["in_service"], bases["standardised"], bases["seats"]) == (2, 1, 90)
    assert bases["money_by_source"]["provincial"] == Decimal("70000.00")
    assert bases["money_by_source"]["self_raised"] == Decimal("0.00")
    assert bases["money"] == Decimal("70000.00")
    since_start = summary(dt.date(2000, 1, 1), dt.date(2025, 12, 31))["bases"]
    assert since_start["money"] == Decimal("75000.50")


def test_a_base_that_lost_the_standard_after_the_period_counts_as_standardised_in_it(year):
    BaseFactory(name="社区教室", seats=30, opened_on=dt.date(2018, 1, 1), standardised=False,
                standardised_since=dt.date(2020, 1, 1), standardised_until=dt.date(2026, 2, 1))
    BaseFactory(name="年末摘牌教室", seats=30, opened_on=dt.date(2018, 1, 1), standardised=False,
                standardised_since=dt.date(2020, 1, 1), standardised_until=dt.date(2025, 12, 31))
    BaseFactory(name="明年达标基地", seats=30, opened_on=dt.date(2018, 1, 1), standardised=True,
                standardised_since=dt.date(2026, 1, 15))
    bases = summary(*YEAR_2025)["bases"]
    assert (bases["in_service"], bases["standardised"]) == (5, 2)
    assert summary(dt.date(2026, 2, 1), dt.date(2026, 2, 28))["bases"]["standardised"] == 2
    assert summary(dt.date(2025, 6, 1), dt.date(2025, 6, 30))["bases"]["standardised"] == 3


def test_a_session_marked_held_but_not_yet_begun_is_not_counted(year):
    now = timezone.now()
    period = (timezone.localdate() - dt.timedelta(days=10), timezone.localdate() + dt.timedelta(days=30))
    SessionFactory(status=Session.Status.HELD, headcount=30, starts_at=now - dt.timedelta(days=1),
                   ends_at=now - dt.timedelta(days=1) + dt.timedelta(hours=3))
    SessionFactory(status=Session.Status.HELD, headcount=40, starts_at=now + dt.timedelta(days=2),
                   ends_at=now + dt.timedelta(days=2, hours=3))
    sessions = summary(*period)["sessions"]
    assert (sessions["sessions"], sessions["trainees"]) == (1, 30)


def test_the_figures_cost_the_same_queries_for_more_rows(year):
    with CaptureQueriesContext(connection) as small:
        summary(*YEAR_2025)
    for day in range(1, 21):
        session = SessionFactory(status=Session.Status.HELD, starts_at=at(f"2025-09-{day:02d} 09:00"),
                                 ends_at=at(f"2025-09-{day:02d} 12:00"))
        RegistrationFactory(session=session, attended=True)
        VisitFactory(date=dt.date(2025, 9, day))
    with CaptureQueriesContext(connection) as large:
        summary(*YEAR_2025)
    assert len(large) == len(small)


def test_trainees_are_counted_per_month_in_china_time(year):
    assert summary(*YEAR_2025)["trainees_by_month"] == [
        {"month": "2025-03", "sessions": 1, "trainees": 2},
        {"month": "2025-06", "sessions": 1, "trainees": 120},
        {"month": "2025-12", "sessions": 1, "trainees": 25},
    ]
