"""The finance office's monthly spreadsheet of donations: previewed row by row with nothing stored, stored through the
service on confirmation, the same file twice adding nothing, every refusal in Chinese on its Excel row and column
with nothing of the file stored, and only the finance office importing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from projects import services
from projects.donation_resources import DonationResource
from projects.models import Donation
from tests.projects.factories import ProjectFactory, SiteFactory
from tests.spreadsheets import xlsx

pytestmark = pytest.mark.django_db
IMPORT = "/admin/projects/donation/import/"
PROCESS = "/admin/projects/donation/process_import/"
EXPORT = "/admin/projects/donation/export/"
FIELDS = list(DonationResource().fields)


def column(name: str) -> str:
    return DonationResource().fields[name].column_name


def money_row(**values) -> dict:
    return {"receipt_number": "SZ2025-0301", "received_on": "2025-03-01", "kind": "资金", "channel": "银行转账",
            "amount": 5000, "donor_kind": "单位", "donor_name": "示例纺织有限公司", "publish_name": "全名",
            "consent_on": "2025-03-01", "phone": "0513 8601 2345", "address": "工业园区 8 号", **values}


def goods_row(**values) -> dict:
    return {"receipt_number": "SZ2025-0302", "received_on": "2025年3月5日", "kind": "物资", "goods": "急救包",
            "quantity": 120, "unit": "个", "estimated_value": "9,600", "donor_name": "张伟", "anonymous": "是",
            "purpose": "应急救护培训", **values}


def sheet(*rows: dict | None):
    """An upload with every column of the import; None is a blank line."""
    header = [column(name) for name in FIELDS]
    return xlsx([header, *([(row or {}).get(name, "") for name in FIELDS] for row in rows)])


def preview(client, upload):
    return client.post(IMPORT, {"format": "0", "resource": "0", "import_file": upload})


def confirm(client, response):
    assert response.context.get("confirm_form") is not None, refusals(response)
    assert client.post(PROCESS, response.context["confirm_form"].initial).status_code == 302


def refusals(response) -> dict[int, set[str]]:
    return {row.number: set(row.field_specific_errors) for row in response.context["result"].invalid_rows}


def kinds_of_rows(response) -> list[str]:
    return [row.import_type for row in response.context["result"].rows]


def chinese(message: str, **values) -> str:
    with override("zh-hans"):
        return gettext(message) % values


def test_the_preview_shows_each_row_and_stores_nothing(client, finance_officer):
    ProjectFactory(title="实验小学红十字应急救护体验角")
    client.force_login(finance_officer)
    response = preview(client, sheet(money_row(project="实验小学红十字应急救护体验角"), goods_row()))

    assert response.status_code == 200
    assert kinds_of_rows(response) == ["new", "new"]
    page = response.content.decode()
    assert "SZ2025-0301" in page and "示例纺织有限公司" in page and "急救包" in page
    assert not Donation.objects.exists()


def test_confirming_stores_each_row_through_the_service_as_the_person_who_imported(client, finance_officer):
    project = ProjectFactory(title="实验小学红十字应急救护体验角")
    site = SiteFactory(name="北苑社区")
    client.force_login(finance_officer)
    confirm(client, preview(client, sheet(
        money_row(receipt_number=" ｓｚ２０２５－０３０１ ", project=project.title),
        goods_row(),
        money_row(receipt_number="SZ2025-0303", channel="现金", amount="800", donor_kind="个人", donor_name="李娜",
                  publish_name="", consent_on="", phone="", address="", site="北苑社区"),
    )))

    gifts = {gift.receipt_number: gift for gift in Donation.objects.all()}
    assert set(gifts) == {"SZ2025-0301", "SZ2025-0302", "SZ2025-0303"}
    money, goods, cash = gifts["SZ2025-0301"], gifts["SZ2025-0302"], gifts["SZ2025-0303"]
    assert (money.amount, money.direction, money.project, money.publish_name, money.phone) == (
        Decimal("5000.00"), "project", project, "full", "051386012345")
    assert (goods.kind, goods.channel, goods.quantity, goods.estimated_value, goods.received_on) == (
        "goods", "goods", Decimal("120.00"), Decimal("9600.00"), dt.date(2025, 3, 5))
    assert (goods.anonymous, goods.publish_name, goods.direction, goods.purpose) == (
        True, "anonymous", "purpose", "应急救护培训")
    assert (cash.channel, cash.publish_name, cash.direction, cash.site, cash.receipt_issued) == (
        "cash", "masked", "site", site, True)
    assert {gift.created_by for gift in gifts.values()} == {finance_officer}
    assert money.history.get().history_user == finance_officer


def test_importing_the_same_file_again_adds_nothing_and_a_changed_row_updates_its_donation(client, finance_officer):
    client.force_login(finance_officer)
    confirm(client, preview(client, sheet(money_row(), goods_row())))
    first = dict(Donation.objects.values_list("receipt_number", "pk"))

    again = preview(client, sheet(money_row(receipt_number="ｓｚ2025-0301 "), goods_row()))
    assert kinds_of_rows(again) == ["skip", "skip"]
    confirm(client, again)
    changed = preview(client, sheet(money_row(amount="5500.00", note="补记"), goods_row()))
    assert kinds_of_rows(changed) == ["update", "skip"]
    confirm(client, changed)

    assert dict(Donation.objects.values_list("receipt_number", "pk")) == first
    gift = Donation.objects.get(receipt_number="SZ2025-0301")
    assert (gift.amount, gift.note, gift.created_by) == (Decimal("5500.00"), "补记", finance_officer)


def test_refused_rows_are_named_by_their_excel_row_and_column_in_chinese(client, finance_officer):
    client.force_login(finance_officer)
    response = preview(client, sheet(
        money_row(),
        money_row(receipt_number="SZ2025-0310", received_on="2025-13-01"),
        None,
        money_row(receipt_number="SZ2025-0311", project="不存在的项目"),
        money_row(receipt_number="SZ2025-0312", goods="大米"),
        money_row(receipt_number="SZ2025-0313", amount="-200"),
        money_row(receipt_number="sz2025-0301"),
    ))

    assert response.context.get("confirm_form") is None
    assert refusals(response) == {
        3: {column("received_on")}, 5: {column("project")}, 6: {column("goods")}, 7: {column("amount")},
        8: {column("receipt_number")},
    }
    page = response.content.decode()
    for message in (
        chinese("“%(value)s” is not a date; write it as 2025-07-01.", value="2025-13-01"),
        chinese("There is no %(model)s named “%(name)s”.", model=chinese("project"), name="不存在的项目"),
        chinese("Only goods have this: leave it empty for money."),
        chinese("Receipt number %(number)s is already on row %(row)s of this file: each donation has one row.",
                number="SZ2025-0301", row=2),
    ):
        assert message in page, message
    assert "Traceback" not in page and "DoesNotExist" not in page
    assert not Donation.objects.exists()


def test_a_row_the_service_refuses_stores_nothing_of_the_file(client, finance_officer):
    client.force_login(finance_officer)
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    response = preview(client, sheet(money_row(), goods_row(received_on=tomorrow.isoformat())))
    assert refusals(response) == {3: {column("received_on")}}
    assert not Donation.objects.exists()


def test_a_row_that_turns_bad_after_the_preview_stores_nothing_of_the_file(client, finance_officer):
    project = ProjectFactory(title="东湖社区博爱书屋图书更新")
    client.force_login(finance_officer)
    response = preview(client, sheet(goods_row(), money_row(project=project.title)))
    assert response.context.get("confirm_form") is not None
    project.title = "东湖社区博爱书屋"
    services.project_save(project=project)

    client.post(PROCESS, response.context["confirm_form"].initial)
    assert not Donation.objects.exists()


def test_only_the_finance_office_imports_and_an_export_never_carries_the_donors_contact(
        client, finance_officer, projects_officer, leader):
    for reader in (projects_officer, leader):
        client.force_login(reader)
        assert client.get(IMPORT).status_code == 403
        assert preview(client, sheet(money_row())).status_code == 403
    assert not Donation.objects.exists()

    client.force_login(finance_officer)
    assert client.get(IMPORT).status_code == 200
    confirm(client, preview(client, sheet(money_row(note="财务内部备注"))))

    client.force_login(leader)
    response = client.post(EXPORT, {"format": "0", "resource": "0",
                                    **{f"donationresource_{name}": "on" for name in FIELDS}})
    header, *rows = load_workbook(io.BytesIO(response.content)).active.values
    assert column("receipt_number") in header and column("donor_name") in header
    assert not {column("phone"), column("address"), column("note")} & set(header)
    assert not any(cell in ("051386012345", "工业园区 8 号", "财务内部备注") for row in rows for cell in row)


def test_an_exported_file_imports_again_as_unchanged(client, finance_officer):
    client.force_login(finance_officer)
    confirm(client, preview(client, sheet(money_row(), goods_row())))
    response = client.post(EXPORT, {"format": "0", "resource": "0",
                                    **{f"donationresource_{name}": "on" for name in FIELDS}})
    exported = [list(row) for row in load_workbook(io.BytesIO(response.content)).active.values]

    again = preview(client, xlsx(exported))
    assert kinds_of_rows(again) == ["skip", "skip"]
    assert Donation.objects.count() == 2
