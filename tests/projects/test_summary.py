"""projects.summary against a small city counted by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Activity, FacilityKind, Project, Site
from projects.services import project_transition
from projects.summary import summary
from tests.projects.factories import ActivityFactory, FacilityFactory, FundingLineFactory, ProjectFactory, SiteFactory

pytestmark = pytest.mark.django_db
Status = Project.Status
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def city():
    kind = {name: FacilityKind.objects.get(name=name) for name in ("博爱广场", "博爱书屋", "助老服务站")}
    east = SiteFactory(name="东湖社区", status=Site.Status.BUILT, started_on=dt.date(2023, 5, 1),
                       built_on=dt.date(2024, 6, 1))
    west = SiteFactory(name="西园社区", status=Site.Status.PILOT, started_on=dt.date(2025, 3, 1))
    SiteFactory(name="南河村", status=Site.Status.SURVEYED, kind=Site.Kind.VILLAGE, started_on=dt.date(2025, 9, 1))
    FacilityFactory(site=east, kind=kind["博爱广场"], opened_on=dt.date(2025, 3, 1))
    FacilityFactory(site=east, kind=kind["博爱书屋"], opened_on=dt.date(2024, 6, 1))
    FacilityFactory(site=west, kind=kind["博爱书屋"], opened_on=dt.date(2025, 7, 1), retired_on=dt.date(2025, 11, 1))
    FacilityFactory(site=west, kind=kind["助老服务站"], opened_on=dt.date(2026, 1, 10))

    upward = ProjectFactory(sites=[east])
    for to, on in [(Status.APPLIED, dt.date(2025, 1, 10)), (Status.APPROVED, dt.date(2025, 3, 1)),
                   (Status.IMPLEMENTING, dt.date(2025, 4, 1))]:
        upward = project_transition(project=upward, to=to, on=on)
    ProjectFactory(funding=Project.Funding.SELF_RAISED)
    older = ProjectFactory(year=2024, funding=Project.Funding.SELF_RAISED)
    for to, on in [(Status.APPROVED, dt.date(2024, 3, 1)), (Status.IMPLEMENTING, dt.date(2024, 4, 1)),
                   (Status.COMPLETED, dt.date(2025, 2, 1))]:
        older = project_transition(project=older, to=to, on=on)

    FundingLineFactory(project=upward, source="provincial", amount=Decimal("70000.00"),
                       received_on=dt.date(2025, 4, 1))
    FundingLineFactory(project=upward, source="self_raised", amount=Decimal("12345.67"),
                       received_on=dt.date(2025, 5, 1))
    FundingLineFactory(project=older, source="provincial", amount=Decimal("5000.00"),
                       received_on=dt.date(2024, 12, 31))
    upward.spendings.create(source="provincial", amount=Decimal("60000.00"), purpose="装修",
                            spent_on=dt.date(2025, 6, 1))
    upward.spendings.create(source="self_raised", amount=Decimal("345.67"), purpose="图书",
                            spent_on=dt.date(2025, 7, 1))

    ActivityFactory(site=east, kind=Activity.Kind.BOOK_DRIVE, books=120, participants=10, volunteers=3,
                    volunteer_hours=Decimal("6.5"), beneficiaries=40, date=dt.date(2025, 4, 23))
    ActivityFactory(site=west, kind=Activity.Kind.BOOK_DRIVE, books=80, participants=20, volunteers=4,
                    volunteer_hours=Decimal("8.0"), beneficiaries=25, date=dt.date(2025, 12, 31))
    ActivityFactory(site=east, kind=Activity.Kind.VETERANS, participants=6, volunteers=6,
                    volunteer_hours=Decimal("12.0"), beneficiaries=12, date=dt.date(2025, 8, 1))
    ActivityFactory(site=east, kind=Activity.Kind.VETERANS, date=dt.date(2026, 1, 1))


def test_sites_are_counted_by_status(city):
    figures = summary(*YEAR_2025)["sites"]
    assert figures["total"] == 3
    assert figures["by_status"] == {"surveyed": 1, "pilot": 1, "built": 1, "closed": 0}
    assert (figures["new"], figures["built_in_period"]) == (2, 0)


def test_sites_are_counted_as_they_stood_at_the_end_of_the_period(city):
    # Now built, but built after 2025: a pilot at the end of 2025.
    SiteFactory(name="北苑社区", status=Site.Status.BUILT, started_on=dt.date(2025, 2, 1),
                built_on=dt.date(2026, 3, 1))
    # Closed after 2025: still a built site in it. Closed within 2025: gone by its end.
    SiteFactory(name="老街社区", status=Site.Status.CLOSED, started_on=dt.date(2022, 1, 1),
                built_on=dt.date(2023, 6, 1), closed_on=dt.date(2026, 2, 1))
    SiteFactory(name="旧厂社区", status=Site.Status.CLOSED, started_on=dt.date(2022, 1, 1),
                built_on=dt.date(2023, 6, 1), closed_on=dt.date(2025, 12, 31))
    # Taken on after 2025: not there yet.
    SiteFactory(name="新河村", status=Site.Status.SURVEYED, started_on=dt.date(2026, 1, 5))

    figures = summary(*YEAR_2025)["sites"]
    assert figures["total"] == 5
    assert figures["by_status"] == {"surveyed": 1, "pilot": 2, "built": 2, "closed": 0}
    assert (figures["new"], figures["built_in_period"]) == (3, 0)

    later = summary(dt.date(2026, 1, 1), dt.date(2026, 6, 30))["sites"]
    assert later["total"] == 5
    assert later["by_status"] == {"surveyed": 2, "pilot": 1, "built": 2, "closed": 0}
    assert (later["new"], later["built_in_period"]) == (1, 1)


def test_a_facility_retired_after_the_period_was_in_service_in_it(city):
    site = Site.objects.get(name="东湖社区")
    FacilityFactory(site=site, kind=FacilityKind.objects.get(name="助老服务站"), opened_on=dt.date(2024, 3, 1),
                    retired_on=dt.date(2026, 1, 5))
    figures = summary(*YEAR_2025)["facilities"]
    assert {"kind": "助老服务站", "new": 0, "in_service": 1} in figures["by_kind"]
    assert figures["in_service"] == 3
    # Retired on the period's last day: out of service at its end.
    FacilityFactory(site=site, kind=FacilityKind.objects.get(name="助老服务站"), name="助老餐桌",
                    opened_on=dt.date(2024, 3, 1), retired_on=dt.date(2025, 12, 31))
    assert summary(*YEAR_2025)["facilities"]["in_service"] == 3
    assert summary(dt.date(2026, 1, 1), dt.date(2026, 1, 31))["facilities"]["in_service"] == 3


def test_facilities_new_in_the_period_and_in_service_at_its_end(city):
    figures = summary(*YEAR_2025)["facilities"]
    assert figures["by_kind"] == [
        {"kind": "博爱广场", "new": 1, "in_service": 1},
        {"kind": "博爱书屋", "new": 1, "in_service": 1},
    ]
    assert (figures["new"], figures["in_service"]) == (2, 2)


def test_projects_by_status_funding_and_steps_taken_in_the_period(city):
    figures = summary(*YEAR_2025)["projects"]
    assert figures["total"] == 2
    assert figures["by_status"] == {
        "draft": 1, "applied": 0, "approved": 0, "rejected": 0, "implementing": 1, "completed": 0,
    }
    assert figures["by_funding"] == {"self_raised": 1, "applied_upward": 1}
    assert figures["steps_in_period"] == {
        "draft": 0, "applied": 1, "approved": 1, "rejected": 0, "implementing": 1, "completed": 1,
    }


def test_projects_are_counted_by_their_status_at_the_end_of_the_period(city):
    upward = Project.objects.get(funding=Project.Funding.APPLIED_UPWARD)
    project_transition(project=upward, to=Status.COMPLETED, on=dt.date(2026, 1, 20))
    figures = summary(*YEAR_2025)["projects"]
    assert figures["by_status"] == {
        "draft": 1, "applied": 0, "approved": 0, "rejected": 0, "implementing": 1, "completed": 0,
    }
    assert summary(dt.date(2025, 1, 1), dt.date(2025, 3, 31))["projects"]["by_status"] == {
        "draft": 1, "applied": 0, "approved": 1, "rejected": 0, "implementing": 0, "completed": 0,
    }


def test_money_received_and_spent_by_source(city):
    money = summary(*YEAR_2025)["money"]
    assert money["received_by_source"]["provincial"] == Decimal("70000.00")
    assert money["received_by_source"]["self_raised"] == Decimal("12345.67")
    assert money["received_by_source"]["donation"] == Decimal("0.00")
    assert money["received"] == Decimal("82345.67")
    assert money["spent_by_source"] == {
        "self_raised": Decimal("345.67"), "provincial": Decimal("60000.00"), "headquarters": Decimal("0.00"),
        "government": Decimal("0.00"), "donation": Decimal("0.00"), "other": Decimal("0.00"),
    }
    assert money["spent"] == Decimal("60345.67")


def test_activities_by_kind_with_their_people_hours_and_books(city):
    activities = summary(*YEAR_2025)["activities"]
    assert activities["by_kind"] == [
        {"kind": "book_drive", "count": 2, "participants": 30, "volunteers": 7, "volunteer_hours": Decimal("14.5"),
         "beneficiaries": 65, "books": 200},
        {"kind": "veterans", "count": 1, "participants": 6, "volunteers": 6, "volunteer_hours": Decimal("12.0"),
         "beneficiaries": 12, "books": 0},
    ]
    assert activities["total"] == {
        "count": 3, "participants": 36, "volunteers": 13, "volunteer_hours": Decimal("26.5"), "beneficiaries": 77,
        "books": 200,
    }


def test_a_single_day_counts_what_happened_on_that_day_in_china(city):
    day = dt.date(2025, 12, 31)
    figures = summary(day, day)
    assert figures["activities"]["total"]["count"] == 1
    assert figures["money"]["received"] == Decimal("0.00")


def test_the_figures_cost_the_same_queries_for_more_rows(city):
    with CaptureQueriesContext(connection) as small:
        summary(*YEAR_2025)
    for _ in range(20):
        ActivityFactory(kind=Activity.Kind.DRAMA, date=dt.date(2025, 6, 1))
        FundingLineFactory(source="donation", amount=Decimal("10.00"), received_on=dt.date(2025, 6, 1))
        FacilityFactory(opened_on=dt.date(2025, 6, 1))
    with CaptureQueriesContext(connection) as large:
        summary(*YEAR_2025)
    assert len(large) == len(small)
