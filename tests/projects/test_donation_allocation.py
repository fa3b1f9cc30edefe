"""Uses of one donation saved at the same moment by many staff: together they never exceed the gift.

Each thread has its own database connection and transaction, released together by a barrier; the donation's row
lock must make them count one after the other."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext

from projects import services
from projects.models import Allocation, Donation, FundingLine
from projects.models.donations import RECEIPT_TAKEN
from tests.projects.factories import ProjectFactory
from tests.projects.test_donations import USED, goods_gift, money_gift

pytestmark = pytest.mark.django_db(transaction=True)
STORED = "stored"


def together(count: int, work) -> list:
    """Run `work(index)` in `count` threads released at once; each thread's outcome: STORED or the error raised."""
    barrier = threading.Barrier(count)
    outcomes, outcomes_lock = [], threading.Lock()

    def run(index):
        try:
            barrier.wait(timeout=60)
            work(index)
            outcome = STORED
        except Exception as error:  # noqa: BLE001 - every outcome is asserted on by the test
            outcome = error
        finally:
            connection.close()
        with outcomes_lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == count, "a thread did not finish"
    return outcomes


def refused(outcomes: list) -> list[ValidationError]:
    errors = [outcome for outcome in outcomes if outcome != STORED]
    assert all(isinstance(error, ValidationError) for error in errors), errors
    return errors


def test_twenty_uses_of_100_saved_at_once_from_a_gift_of_1000_store_exactly_ten():
    gift = money_gift("1000.00")
    outcomes = together(20, lambda index: services.allocation_save(allocation=Allocation(
        donation=Donation.objects.get(pk=gift.pk), allocated_on=USED, amount=Decimal("100.00"), target="general",
        description=f"救助第{index}户")))

    assert outcomes.count(STORED) == 10
    assert {error.code for error in refused(outcomes)} == {"over_allocated"}
    assert Allocation.objects.filter(donation=gift).count() == 10
    assert services.remaining(gift) == Decimal("0.00")


def test_uses_for_a_project_saved_at_once_make_as_many_funding_lines_as_the_gift_covers():
    project = ProjectFactory()
    gift = money_gift("1000.00")
    outcomes = together(20, lambda index: services.allocation_save(allocation=Allocation(
        donation=Donation.objects.get(pk=gift.pk), allocated_on=USED, amount=Decimal("100.00"), target="project",
        project=project)))

    assert outcomes.count(STORED) == 10 and len(refused(outcomes)) == 10
    assert FundingLine.objects.filter(project=project, allocation__donation=gift).count() == 10
    assert services.money_totals(project)[0] == Decimal("1000.00")
    assert services.remaining(gift) == Decimal("0.00")


def test_goods_used_by_quantity_at_once_never_exceed_the_quantity_and_their_values_add_up():
    gift = goods_gift(quantity="50", value="5000.00")
    outcomes = together(20, lambda index: services.allocation_save(allocation=Allocation(
        donation=Donation.objects.get(pk=gift.pk), allocated_on=USED, quantity=Decimal("5"), target="relief",
        description="急救包发放", people_helped=5)))

    assert outcomes.count(STORED) == 10 and len(refused(outcomes)) == 10
    annotated = Donation.objects.with_use().get(pk=gift.pk)
    assert (annotated.allocated, annotated.remaining) == (Decimal("50.00"), Decimal("0.00"))
    assert annotated.allocated_value == Decimal("5000.00") and annotated.remaining_value == 0


def test_two_uses_raised_at_once_are_never_both_stored_beyond_the_gift():
    gift = money_gift("1000.00")
    first = services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, amount=Decimal("400.00"), target="general", description="一"))
    second = services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, amount=Decimal("400.00"), target="general", description="二"))

    def raise_to_600(index):
        allocation = Allocation.objects.get(pk=(first, second)[index].pk)
        allocation.amount = Decimal("600.00")
        services.allocation_save(allocation=allocation)

    outcomes = together(2, raise_to_600)

    assert outcomes.count(STORED) == 1 and len(refused(outcomes)) == 1
    assert sorted(Allocation.objects.values_list("amount", flat=True)) == [Decimal("400.00"), Decimal("600.00")]
    assert services.remaining(gift) == Decimal("0.00")


def test_one_receipt_number_recorded_twice_at_once_is_stored_once_and_the_other_told_why():
    def record(index):
        services.donation_save(donation=Donation(
            receipt_number="SZ2025-0001", received_on=dt.date(2025, 3, 1), amount=Decimal("100.00"),
            donor_name=f"捐赠人{index}"))

    outcomes = together(2, record)

    assert outcomes.count(STORED) == 1
    [error] = refused(outcomes)
    assert error.message_dict == {"receipt_number": [gettext(RECEIPT_TAKEN)]}
    assert Donation.objects.count() == 1
