"""The finance office's screens for donations and their uses: stored through the services, refusals shown on the
page with nothing stored, the list at the same cost for 1 or 30 gifts, the donor's phone masked on it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from projects import services
from projects.models import Allocation, Donation, FundingLine
from tests.admin_forms import inline
from tests.factories import StaffFactory
from tests.projects.factories import ProjectFactory
from tests.projects.test_donations import USED, goods_gift, money_gift

pytestmark = pytest.mark.django_db
ADD = "/admin/projects/donation/add/"
LIST = "/admin/projects/donation/"


def change_url(donation: Donation) -> str:
    return f"/admin/projects/donation/{donation.pk}/change/"


def donation_form(**values) -> dict:
    return {
        "receipt_number": "SZ2025-0100", "receipt_issued": "on", "received_on": "2025-03-01", "kind": "money",
        "channel": "bank_transfer", "amount": "1000.00", "goods": "", "quantity": "", "unit": "", "estimated_value": "",
        "donor_kind": "person", "donor_name": "张三", "publish_name": "masked", "consent_on": "",
        "phone": "13812345678", "address": "人民路 1 号", "direction": "undirected", "project": "", "site": "",
        "purpose": "", "note": "", **values,
    }


def use_row(**values) -> dict:
    return {"allocated_on": USED.isoformat(), "amount": "", "quantity": "", "target": "general", "project": "",
            "description": "", "people_helped": "", "note": "", **values}


def stored_row(allocation: Allocation, **values) -> dict:
    return use_row(id=allocation.pk, donation=allocation.donation_id, amount=f"{allocation.amount}",
                   target=allocation.target, project=allocation.project_id or "",
                   description=allocation.description, **values)


def test_a_gift_and_its_use_for_a_project_are_added_on_one_page(admin_client, admin_user):
    project = ProjectFactory()
    response = admin_client.post(ADD, {
        **donation_form(),
        **inline("allocations", [use_row(amount="300.00", target="project", project=project.pk)]),
    })

    assert response.status_code == 302
    gift = Donation.objects.get()
    assert (gift.receipt_number, gift.amount, gift.created_by) == ("SZ2025-0100", Decimal("1000.00"), admin_user)
    allocation = gift.allocations.get()
    assert allocation.funding_line == FundingLine.objects.get(project=project)
    assert services.money_totals(project)[0] == Decimal("300.00")
    assert services.remaining(gift) == Decimal("700.00")


def test_a_use_beyond_what_remains_is_shown_on_the_page_and_nothing_of_the_page_is_stored(admin_client):
    gift = money_gift("1000.00")
    first = services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, amount=Decimal("600.00"), target="general", description="助学"))

    response = admin_client.post(change_url(gift), {
        **donation_form(receipt_number=gift.receipt_number, note="已核对"),
        **inline("allocations", [stored_row(first), use_row(amount="500.00", description="救灾")], initial=1),
    })

    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist nonform" in page and "400.00" in page and "500.00" in page
    assert gift.allocations.get() == first
    gift.refresh_from_db()
    assert gift.note == "" and services.remaining(gift) == Decimal("400.00")


def test_a_gift_dated_in_the_future_is_refused_next_to_its_date(admin_client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = admin_client.post(ADD, {**donation_form(received_on=tomorrow.isoformat()), **inline("allocations", [])})

    assert response.status_code == 200
    assert "errors field-received_on" in response.content.decode()
    assert not Donation.objects.exists()


def test_a_receipt_number_already_recorded_is_refused_on_the_page(admin_client):
    money_gift(receipt_number="SZ2025-0100")
    response = admin_client.post(ADD, {**donation_form(), **inline("allocations", [])})

    assert response.status_code == 200
    assert gettext("A donation with this receipt number is already recorded.") in response.content.decode()
    assert Donation.objects.count() == 1


def test_removing_a_use_on_the_page_removes_its_funding_line(admin_client):
    project = ProjectFactory()
    gift = money_gift("1000.00")
    allocation = services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, amount=Decimal("300.00"), target="project", project=project))

    response = admin_client.post(change_url(gift), {
        **donation_form(receipt_number=gift.receipt_number),
        **inline("allocations", [stored_row(allocation, DELETE="on")], initial=1),
    })

    assert response.status_code == 302
    assert not Allocation.objects.exists() and not FundingLine.objects.exists()


def test_the_list_costs_the_same_queries_for_one_gift_or_thirty_and_masks_the_phone(admin_client):
    def listed() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(LIST)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    gift = money_gift(phone="13812345678")
    services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, amount=Decimal("100.00"), target="general", description="助学"))
    listed()  # the first page of a session also reads what later pages find in the cache
    one, page = listed()
    assert "138****5678" in page and "13812345678" not in page
    assert "¥900.00" in page

    for index in range(29):
        given = money_gift(f"{100 + index}.00", donor_name=f"捐赠人{index}", phone="13900000000")
        services.allocation_save(allocation=Allocation(
            donation=given, allocated_on=USED, amount=Decimal("50.00"), target="general", description="助学"))
    thirty, page = listed()
    assert page.count("139****0000") == 29
    assert thirty == one


def test_a_gift_of_goods_shows_what_was_used_and_what_remains(admin_client):
    gift = goods_gift(quantity="50", value="5000.00")
    services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, quantity=Decimal("20"), target="relief", description="急救包发放",
        people_helped=20))

    assert admin_client.get(ADD).status_code == 200
    page = admin_client.get(change_url(gift)).content.decode()
    assert "20个" in page and "30个" in page and "¥2,000.00" in page and "¥3,000.00" in page
    assert "急救包发放" in page
    assert admin_client.get(f"/admin/projects/donation/{gift.pk}/history/").status_code == 200


def test_staff_who_only_read_see_the_phone_masked_and_no_address(client):
    reader = StaffFactory(username="donation-reader")
    reader.user_permissions.set(Permission.objects.filter(
        content_type__app_label="projects", codename__in=["view_donation", "view_allocation"]))
    gift = money_gift(phone="13812345678", address="人民路 8 号")
    client.force_login(reader)

    page = client.get(change_url(gift)).content.decode()
    assert "138****5678" in page and "13812345678" not in page and "人民路 8 号" not in page
    assert client.post(change_url(gift), donation_form(receipt_number=gift.receipt_number)).status_code == 403


def test_the_page_names_who_recorded_the_gift_without_a_link_to_their_account(client, projects_officer):
    finance_officer = StaffFactory(role="财务管理员", username="finance-clerk", first_name="财务专员")
    gift = services.donation_save(donation=Donation(
        receipt_number="SZ2025-0200", received_on=dt.date(2025, 3, 1), amount=Decimal("100.00"), donor_name="张三"),
        by=finance_officer)
    client.force_login(projects_officer)

    page = client.get(change_url(gift)).content.decode()
    assert "财务专员" in page
    assert f"/admin/auth/user/{finance_officer.pk}/" not in page
