"""Donations and their uses, through the services: what a gift must say, what its receipt number allows, where a
directed gift may go, and the project funding lines the uses make, change and remove."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from projects import services
from projects.models import Allocation, Donation, FundingLine
from projects.models.donations import RECEIPT_TAKEN
from redcross.choices import FundingSource
from tests.projects.factories import ProjectFactory, SiteFactory

pytestmark = pytest.mark.django_db
RECEIVED = dt.date(2025, 3, 1)
USED = dt.date(2025, 4, 1)


def money_gift(amount="1000.00", **values) -> Donation:
    return services.donation_save(donation=Donation(**{
        "receipt_number": f"RC{Donation.objects.count() + 1:05d}", "received_on": RECEIVED, "amount": Decimal(amount),
        "donor_name": "张三", **values}))


def goods_gift(quantity="50", value="5000.00", **values) -> Donation:
    return services.donation_save(donation=Donation(**{
        "receipt_number": f"RC{Donation.objects.count() + 1:05d}", "received_on": RECEIVED, "kind": "goods",
        "goods": "急救包", "quantity": Decimal(quantity), "unit": "个", "estimated_value": Decimal(value),
        "donor_kind": "organisation", "donor_name": "某某科技有限公司", **values}))


def use(donation: Donation, amount=None, quantity=None, **values) -> Allocation:
    values = {"target": "general", "description": "应急救护培训耗材", **values}
    return services.allocation_save(allocation=Allocation(
        donation=donation, allocated_on=values.pop("allocated_on", USED),
        amount=None if amount is None else Decimal(amount), quantity=None if quantity is None else Decimal(quantity),
        **values))


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_gift_of_money_is_recorded_with_its_receipt_number_as_printed_and_who_recorded_it(admin_user):
    gift = services.donation_save(donation=Donation(
        receipt_number=" ｓｚ２０２５０００１ ", received_on=RECEIVED, amount=Decimal("500.00"), donor_name="李四",
        phone="138 1234 5678"), by=admin_user)
    gift.refresh_from_db()
    assert (gift.receipt_number, gift.phone, gift.created_by) == ("SZ20250001", "13812345678", admin_user)
    assert gift.channel == Donation.Channel.BANK_TRANSFER and gift.publish_name == Donation.PublishName.MASKED
    assert services.remaining(gift) == Decimal("500.00")


def test_money_needs_an_amount_and_goods_their_description_quantity_unit_and_value():
    error = refusal(lambda: services.donation_save(donation=Donation(
        receipt_number="A1", received_on=RECEIVED, donor_name="张三")))
    assert set(error.message_dict) == {"amount"}
    error = refusal(lambda: services.donation_save(donation=Donation(
        receipt_number="A2", received_on=RECEIVED, donor_name="张三", kind="goods", goods="大米",
        quantity=Decimal("10"), amount=Decimal("100.00"))))
    assert set(error.message_dict) == {"unit", "estimated_value", "amount"}
    assert not Donation.objects.exists()


def test_goods_are_handed_over_and_money_never_is():
    gift = goods_gift(channel="cash")
    assert gift.channel == Donation.Channel.GOODS
    error = refusal(lambda: money_gift(channel="goods"))
    assert set(error.message_dict) == {"channel"}


def test_a_receipt_number_is_recorded_once_and_the_second_is_told_why_in_chinese():
    money_gift(receipt_number="SZ0001")
    error = refusal(lambda: money_gift(receipt_number="sz0001 ", donor_name="王五"))
    assert error.message_dict["receipt_number"] == [gettext(RECEIPT_TAKEN)]
    assert Donation.objects.count() == 1


def test_an_anonymous_gift_needs_no_name_and_is_published_as_anonymous_whatever_was_chosen():
    gift = money_gift(donor_name="", anonymous=True, publish_name="full", consent_on=RECEIVED)
    assert gift.publish_name == Donation.PublishName.ANONYMOUS
    error = refusal(lambda: money_gift(donor_name="  "))
    assert set(error.message_dict) == {"donor_name"}


def test_a_donor_is_named_in_full_only_with_the_day_of_their_consent():
    error = refusal(lambda: money_gift(publish_name="full"))
    assert set(error.message_dict) == {"consent_on"}
    assert money_gift(publish_name="full", consent_on=RECEIVED).publish_name == "full"


def test_no_date_is_in_the_future():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert set(refusal(lambda: money_gift(received_on=tomorrow)).message_dict) == {"received_on"}
    assert set(refusal(lambda: money_gift(publish_name="full", consent_on=tomorrow)).message_dict) == {"consent_on"}
    gift = money_gift()
    refusal(lambda: use(gift, "100", allocated_on=tomorrow))
    refusal(lambda: use(gift, "100", allocated_on=RECEIVED - dt.timedelta(days=1)))
    assert not gift.allocations.exists()


def test_money_is_used_by_amount_and_goods_by_quantity():
    refusal(lambda: use(money_gift(), quantity="3"))
    refusal(lambda: use(goods_gift(), amount="100.00"))
    assert not Allocation.objects.exists()


def test_a_use_beyond_what_remains_is_refused_with_what_remains():
    gift = money_gift("1000.00")
    use(gift, "400.00")
    error = refusal(lambda: use(gift, "700.00"))
    assert "600.00" in messages_of(error) and "700.00" in messages_of(error)
    assert services.remaining(gift) == Decimal("600.00")


def test_goods_are_used_by_quantity_and_their_values_add_up_to_the_estimate():
    gift = goods_gift(quantity="3", value="100.00")
    values = [use(gift, quantity="1").value for _ in range(3)]
    assert values == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    annotated = Donation.objects.with_use().get(pk=gift.pk)
    assert (annotated.remaining, annotated.remaining_value, annotated.allocated_value) == (0, 0, Decimal("100.00"))
    assert "1个" in messages_of(refusal(lambda: use(gift, quantity="1")))


def test_a_gift_directed_to_a_project_is_used_only_for_that_project():
    chosen, other = ProjectFactory(), ProjectFactory()
    gift = money_gift(direction="project", project=chosen)
    error = refusal(lambda: use(gift, "100.00", target="project", project=other))
    assert messages_of(error) == gettext(
        "This gift was directed to the project “%(project)s”: it can only be used for that project."
    ) % {"project": chosen}
    refusal(lambda: use(gift, "100.00", target="relief", people_helped=3))
    use(gift, "100.00", target="project", project=chosen)
    assert list(gift.allocations.values_list("project", flat=True)) == [chosen.pk]


def test_a_gift_directed_to_a_site_is_used_only_for_a_project_at_that_site():
    site = SiteFactory()
    there, elsewhere = ProjectFactory(sites=[site]), ProjectFactory(sites=[SiteFactory()])
    gift = money_gift(direction="site", site=site)
    refusal(lambda: use(gift, "100.00", target="project", project=elsewhere))
    use(gift, "100.00", target="project", project=there)
    assert gift.allocations.get().project == there


def test_a_gift_directed_to_a_purpose_may_go_anywhere_with_a_note_saying_how_it_serves_it():
    gift = money_gift(direction="purpose", purpose="困难家庭救助")
    refusal(lambda: use(gift, "100.00", target="relief", description="米面油", people_helped=10))
    use(gift, "100.00", target="relief", description="米面油", people_helped=10, note="发放给低保家庭")
    assert gift.allocations.count() == 1


def test_a_directed_gift_names_its_project_and_only_that():
    project = ProjectFactory()
    assert set(refusal(lambda: money_gift(direction="project")).message_dict) == {"project"}
    assert "project" in refusal(lambda: money_gift(project=project)).message_dict


def test_a_used_gift_cannot_be_redirected_away_from_its_uses():
    gift = money_gift()
    use(gift, "100.00", target="project", project=ProjectFactory())
    gift.direction, gift.project = "project", ProjectFactory()
    assert set(refusal(lambda: services.donation_save(donation=gift)).message_dict) == {"direction"}


def test_a_use_for_a_project_is_its_funding_line_and_the_projects_money_follows_it():
    first, second = ProjectFactory(), ProjectFactory()
    gift = money_gift("1000.00", receipt_number="SZ0042")
    allocation = use(gift, "300.00", target="project", project=first)
    line = FundingLine.objects.get(project=first)
    assert (line.source, line.amount, line.received_on, line.allocation) == (
        FundingSource.DONATION, Decimal("300.00"), USED, allocation)
    assert "SZ0042" in line.note
    assert services.money_totals(first) == (Decimal("300.00"), Decimal("0.00"))

    allocation.amount, allocation.allocated_on = Decimal("450.00"), dt.date(2025, 4, 2)
    services.allocation_save(allocation=allocation)
    line.refresh_from_db()
    assert (line.amount, line.received_on) == (Decimal("450.00"), dt.date(2025, 4, 2))

    allocation.project = second
    services.allocation_save(allocation=allocation)
    assert services.money_totals(first)[0] == 0 and services.money_totals(second)[0] == Decimal("450.00")
    assert FundingLine.objects.get().allocation == allocation

    allocation.target, allocation.description, allocation.people_helped = "relief", "慰问品", 5
    services.allocation_save(allocation=allocation)
    assert not FundingLine.objects.exists() and services.remaining(gift) == Decimal("550.00")

    allocation.target = "project"
    allocation.project = first
    services.allocation_save(allocation=allocation)
    services.allocation_delete(allocation=allocation)
    assert not FundingLine.objects.exists() and not Allocation.objects.exists()
    assert services.remaining(gift) == Decimal("1000.00")


def test_goods_for_a_project_count_as_money_received_at_their_share_of_the_estimate():
    project = ProjectFactory()
    gift = goods_gift(quantity="50", value="5000.00")
    use(gift, quantity="20", target="project", project=project)
    assert services.money_totals(project)[0] == Decimal("2000.00")
    gift.estimated_value = Decimal("4000.00")
    services.donation_save(donation=gift)
    assert services.money_totals(project)[0] == Decimal("1600.00")
    assert gift.allocations.get().value == Decimal("1600.00")


def test_the_projects_money_services_leave_a_line_made_by_a_donation_to_the_donation():
    project = ProjectFactory()
    allocation = use(money_gift(receipt_number="SZ0077"), "300.00", target="project", project=project)
    line = allocation.funding_line
    error = refusal(lambda: services.funding_update(line=line, data={"amount": Decimal("900.00")}))
    assert "SZ0077" in messages_of(error)
    refusal(lambda: services.funding_delete(line=FundingLine.objects.get(pk=line.pk)))
    services.funding_update(line=FundingLine.objects.get(pk=line.pk), data={"note": "捐赠款已到账"})
    assert FundingLine.objects.get().amount == Decimal("300.00")


def test_a_use_whose_money_was_spent_stays_until_the_spending_is_covered():
    project = ProjectFactory()
    allocation = use(money_gift(), "300.00", target="project", project=project)
    services.spending_add(project=project, source="donation", amount=Decimal("250.00"), purpose="急救箱",
                          spent_on=USED)
    refusal(lambda: services.allocation_delete(allocation=allocation))
    allocation.amount = Decimal("200.00")
    refusal(lambda: services.allocation_save(allocation=allocation))
    assert Allocation.objects.get().amount == Decimal("300.00")
    assert FundingLine.objects.get().amount == Decimal("300.00")


def test_a_used_gift_stays_on_record_and_keeps_enough_to_cover_its_uses():
    gift = money_gift("1000.00")
    use(gift, "600.00")
    assert refusal(lambda: services.donation_delete(donation=gift)).code == "used"
    gift.amount = Decimal("500.00")
    assert set(refusal(lambda: services.donation_save(donation=gift)).message_dict) == {"amount"}
    gift.amount, gift.kind, gift.goods, gift.quantity, gift.unit = None, "goods", "大米", Decimal("10"), "袋"
    gift.estimated_value = Decimal("1000.00")
    assert "kind" in refusal(lambda: services.donation_save(donation=gift)).message_dict
    assert Donation.objects.get().amount == Decimal("1000.00")


def test_a_gift_entered_by_mistake_is_removed():
    services.donation_delete(donation=money_gift())
    assert not Donation.objects.exists()
