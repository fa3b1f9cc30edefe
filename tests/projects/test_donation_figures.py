"""The donations' figures of a period, computed by the database: received by kind, direction and donor, used by
target, and the balance as of the period's end, which records dated after it never move; and the reports that a
late record makes out of date."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from projects import services
from projects.models import Allocation, Donation
from projects.summary import allocation_rows, donation_rows, donations
from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.services import report_build, report_request
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
FRATERNITY_HOME = "幸福社区博爱家园"


def gift(receipt: str, day: str, amount: str = "", **values) -> Donation:
    """A gift of money of `amount`, or of goods when `goods` is given, received on `day`."""
    fields = {"receipt_number": receipt, "received_on": dt.date.fromisoformat(day), "donor_name": "王建国", **values}
    if amount:
        fields["amount"] = Decimal(amount)
    return services.donation_save(donation=Donation(**fields))


def goods(receipt: str, day: str, quantity: str, value: str, **values) -> Donation:
    return gift(receipt, day, kind="goods", goods="大米", quantity=Decimal(quantity), unit="箱",
                estimated_value=Decimal(value), donor_kind="organisation", donor_name="市粮油公司", **values)


def use(donation: Donation, day: str, *, amount: str = "", quantity: str = "", **values) -> Allocation:
    values = {"target": "general", "description": "应急救护培训耗材", **values}
    return services.allocation_save(allocation=Allocation(
        donation=donation, allocated_on=dt.date.fromisoformat(day), amount=Decimal(amount) if amount else None,
        quantity=Decimal(quantity) if quantity else None, **values))


def a_year_of_donations() -> dict:
    """Four gifts in 2025 — money from a person, money from an organisation directed to a project, goods, an
    anonymous gift directed to a purpose — one in 2024 used in both years, and their uses in 2025."""
    home = ProjectFactory(title=FRATERNITY_HOME)
    ward = ProjectFactory(title="博爱病房", year=2024)
    made = {
        "earlier": gift("RC2024001", "2024-11-01", "5000.00", donor_name="李秀英", phone="13812345678"),
        "person": gift("RC2025001", "2025-02-10", "10000.00", phone="13987654321", address="人民路 1 号",
                       note="老客户"),
        "company": gift("RC2025002", "2025-05-01", "30000.00", donor_kind="organisation", donor_name="恒通科技有限公司",
                        publish_name="full", consent_on=dt.date(2025, 5, 1), direction="project", project=home),
        "rice": goods("RC2025003", "2025-06-15", "100", "8000.00"),
        "anonymous": gift("RC2025004", "2025-12-31", "2000.00", donor_name="", anonymous=True, channel="cash",
                          direction="purpose", purpose="助学"),
    }
    use(made["earlier"], "2024-12-01", amount="2000.00")
    use(made["person"], "2025-03-01", amount="4000.00", target="relief", description="春节慰问困难家庭",
        people_helped=20)
    use(made["company"], "2025-06-01", amount="30000.00", target="project", project=home)
    use(made["rice"], "2025-07-01", quantity="25", target="relief", description="洪灾受灾群众", people_helped=50)
    use(made["earlier"], "2025-09-01", amount="1000.00", target="project", project=ward)
    return made


def records_after_the_year(made: dict) -> None:
    """Recorded today, dated after 2025: a new gift, and uses of 2025's gifts."""
    gift("RC2026001", "2026-01-05", "7000.00", donor_kind="organisation", donor_name="城东商会")
    use(made["person"], "2026-01-10", amount="3000.00")
    use(made["rice"], "2026-02-01", quantity="50")


def test_donations_received_in_the_period_by_kind_direction_and_donor():
    a_year_of_donations()
    figures = donations(*YEAR_2025)
    assert figures["received"] == {
        "value": Decimal("50000.00"), "count": 4,
        "money": Decimal("42000.00"), "money_count": 3, "goods": Decimal("8000.00"), "goods_count": 1,
        "directed": Decimal("32000.00"), "directed_count": 2, "undirected": Decimal("18000.00"), "undirected_count": 2,
    }
    assert figures["by_direction"] == {
        "undirected": {"value": Decimal("18000.00"), "count": 2}, "project": {"value": Decimal("30000.00"), "count": 1},
        "site": {"value": Decimal("0.00"), "count": 0}, "purpose": {"value": Decimal("2000.00"), "count": 1},
    }
    assert figures["by_donor"] == {
        "person": {"value": Decimal("10000.00"), "count": 1},
        "organisation": {"value": Decimal("38000.00"), "count": 2},
        "anonymous": {"value": Decimal("2000.00"), "count": 1},
    }


def test_donations_used_in_the_period_by_target_whatever_year_the_gift_came():
    a_year_of_donations()
    used = donations(*YEAR_2025)["allocated"]
    # A quarter of the rice is a quarter of its estimated value; 2024's gift used in 2025 counts in 2025.
    assert (used["value"], used["count"]) == (Decimal("37000.00"), 4)
    assert (used["project"], used["relief"], used["general"]) == (Decimal("31000.00"), Decimal("6000.00"), 0)
    assert (used["people_helped"], used["projects_helped"]) == (70, 2)
    assert used["by_target"]["relief"] == {"value": Decimal("6000.00"), "count": 2}


def test_the_balance_is_what_was_received_less_what_was_used_by_the_periods_end():
    a_year_of_donations()
    assert donations(*YEAR_2025)["to_date"] == {
        "received": Decimal("55000.00"), "allocated": Decimal("39000.00"), "remaining": Decimal("16000.00"),
        "money_remaining": Decimal("10000.00"), "goods_remaining": Decimal("6000.00"),
    }
    # At the end of 2024 only 2024's gift and its use had happened.
    assert donations(dt.date(2024, 1, 1), dt.date(2024, 12, 31))["to_date"]["remaining"] == Decimal("3000.00")


def test_records_dated_after_a_finished_period_do_not_move_its_figures_or_lists():
    made = a_year_of_donations()
    figures, gifts, uses = donations(*YEAR_2025), donation_rows(*YEAR_2025), allocation_rows(*YEAR_2025)
    records_after_the_year(made)
    assert donations(*YEAR_2025) == figures
    assert donation_rows(*YEAR_2025) == gifts and allocation_rows(*YEAR_2025) == uses
    january = donations(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert (january["received"]["value"], january["allocated"]["value"]) == (Decimal("7000.00"), Decimal("3000.00"))
    assert january["to_date"]["remaining"] == Decimal("16000.00") + 7000 - 3000

    # A gift received in 2025 and recorded only now does change 2025.
    gift("RC2025099", "2025-12-20", "500.00")
    assert donations(*YEAR_2025)["to_date"]["remaining"] == Decimal("16500.00")


def test_the_figures_cost_the_same_two_queries_for_more_records():
    a_year_of_donations()
    with CaptureQueriesContext(connection) as few:
        donations(*YEAR_2025)
    for n in range(5):
        use(gift(f"RC2025{n + 100}", "2025-08-01", "100.00"), "2025-08-02", amount="50.00")
    with CaptureQueriesContext(connection) as many:
        figures = donations(*YEAR_2025)
    assert len(few) == len(many) == 2 and figures["received"]["count"] == 9


def test_the_lists_give_each_gift_with_its_use_by_the_periods_end_and_never_a_phone_or_address():
    made = a_year_of_donations()
    records_after_the_year(made)
    rows = donation_rows(*YEAR_2025)
    assert [(row["receipt_number"], row["donor"], row["donor_kind"], row["kind"], row["value"], row["allocated"],
             row["remaining"]) for row in rows] == [
        ("RC2025001", "王*国", "person", "money", Decimal("10000.00"), Decimal("4000.00"), Decimal("6000.00")),
        ("RC2025002", "恒通科技有限公司", "organisation", "money", Decimal("30000.00"), Decimal("30000.00"), 0),
        ("RC2025003", "市***司", "organisation", "goods", Decimal("8000.00"), Decimal("2000.00"),
         Decimal("6000.00")),
        ("RC2025004", gettext("Anonymous donor"), "anonymous", "money", Decimal("2000.00"), 0, Decimal("2000.00")),
    ]
    assert (rows[1]["direction"], rows[1]["directed_to"]) == ("project", FRATERNITY_HOME)
    assert (rows[2]["goods"], rows[3]["directed_to"]) == ("大米 100箱", "助学")
    assert [(row["receipt_number"], row["target"], row["used_for"], row["quantity"], row["value"],
             row["people_helped"]) for row in allocation_rows(*YEAR_2025)] == [
        ("RC2025001", "relief", "春节慰问困难家庭", "", Decimal("4000.00"), 20),
        ("RC2025002", "project", FRATERNITY_HOME, "", Decimal("30000.00"), None),
        ("RC2025003", "relief", "洪灾受灾群众", "25箱", Decimal("2000.00"), 50),
        ("RC2024001", "project", "博爱病房", "", Decimal("1000.00"), None),
    ]
    text = repr(rows) + repr(allocation_rows(*YEAR_2025))
    assert "138" not in text and "139" not in text and "人民路" not in text and "老客户" not in text


def _built_2025() -> Report:
    report, _created = report_request(period=periods.year(2025), queue=False)
    return report_build(report_id=report.pk)


def test_a_donation_recorded_late_makes_its_periods_report_out_of_date(django_capture_on_commit_callbacks):
    made = a_year_of_donations()
    report = _built_2025()
    with django_capture_on_commit_callbacks(execute=True):
        records_after_the_year(made)
        person = Donation.objects.get(pk=made["person"].pk)
        person.phone, person.address = "13700001111", "新华路 9 号"  # what the reports never read
        services.donation_save(donation=person)
    report.refresh_from_db()
    assert report.out_of_date_since is None  # dated after the year: its report stays true

    with django_capture_on_commit_callbacks(execute=True):
        gift("RC2025099", "2025-12-20", "500.00")
    report.refresh_from_db()
    assert report.out_of_date_since is not None
    assert _built_2025().figures["current"]["donations_remaining"] == 16500


def test_a_use_recorded_late_for_a_day_of_the_period_makes_its_report_out_of_date(django_capture_on_commit_callbacks):
    made = a_year_of_donations()
    report = _built_2025()
    with django_capture_on_commit_callbacks(execute=True):
        use(made["anonymous"], "2025-12-31", amount="500.00", note="资助两名学生")
    report.refresh_from_db()
    assert report.out_of_date_since is not None
    assert _built_2025().figures["current"]["donations_used"] == 37500


def test_the_donations_are_dated_for_the_reports():
    from projects.summary import DATED

    assert DATED[Donation].dates == ("received_on",) and DATED[Allocation].dates == ("allocated_on",)
    assert not {"phone", "address", "note"} & set(DATED[Donation].counted)
