"""Donor lookup (捐赠查询): the receipt number and the donor's name show the gift and every use of it; nothing else
says which of the two was wrong, guesses are limited per address and per number, and nothing personal is shown."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from projects import services
from projects.donation_lookup import certificate_token, lookup_token
from projects.models import Allocation, Donation
from redcross.models import BranchProfile
from tests.projects.factories import ProjectFactory, SiteFactory

pytestmark = pytest.mark.django_db
URL = "/projects/donations/lookup/"
RECEIVED = dt.date(2025, 3, 1)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def donation(**values) -> Donation:
    return services.donation_save(
        donation=Donation(
            **{
                "receipt_number": "RC-2025-0001",
                "received_on": RECEIVED,
                "amount": Decimal("1000.00"),
                "donor_name": "王小芳",
                "phone": "13912345678",
                "address": "人民路 8 号 3 单元",
                "note": "内部备注：老捐赠人",
                **values,
            }
        )
    )


def used(gift: Donation, amount=None, quantity=None, **values) -> Allocation:
    return services.allocation_save(
        allocation=Allocation(
            donation=gift,
            allocated_on=values.pop("allocated_on", dt.date(2025, 4, 1)),
            amount=None if amount is None else Decimal(amount),
            quantity=None if quantity is None else Decimal(quantity),
            **values,
        )
    )


@pytest.fixture
def gift_with_uses():
    site = SiteFactory(name="东湖社区博爱家园")
    project = ProjectFactory(title="东湖社区博爱家园建设", sites=[site])
    hidden = ProjectFactory(title="未公开的筹备项目", published=False)
    gift = donation()
    used(gift, "300.00", target="project", project=project)
    used(
        gift,
        "200.00",
        target="relief",
        description="冬季送温暖：棉被",
        people_helped=40,
        allocated_on=dt.date(2025, 5, 1),
    )
    used(gift, "100.00", target="general", description="应急救护培训耗材", allocated_on=dt.date(2025, 6, 1))
    used(gift, "50.00", target="project", project=hidden, allocated_on=dt.date(2025, 7, 1))
    return gift, site


def look_up(client, number, name, address="203.0.113.5"):
    return client.post(URL, {"receipt_number": number, "name": name}, REMOTE_ADDR=address)


def without_csrf(response) -> str:
    return CSRF_INPUT.sub("", response.content.decode())


def test_the_donor_sees_the_gift_and_every_use_of_it_with_what_remains(client, gift_with_uses):
    gift, site = gift_with_uses
    response = look_up(client, " ｒｃ-2025-0001 ", " 王 小芳 ")
    page = response.content.decode()

    assert response.status_code == 200
    assert "RC-2025-0001" in page and "2025年3月1日" in page and "¥1,000.00" in page
    assert "王*芳" in page and "王小芳" not in page  # the name as published: masked without consent
    assert f'<a href="{site.get_absolute_url()}">东湖社区博爱家园建设</a>' in page
    assert "冬季送温暖：棉被" in page and "40" in page and "应急救护培训耗材" in page
    # A use for a project not yet published says so, as the disclosure pages do, without its title or a link.
    assert "未公开的筹备项目" not in page and gettext("a project not shown to the public") in page
    for amount in ("¥300.00", "¥200.00", "¥100.00", "¥50.00", "¥650.00", "¥350.00"):
        assert amount in page, amount
    for private in ("13912345678", "139****5678", "人民路 8 号", "内部备注"):
        assert private not in page, private


def test_the_answer_is_stored_by_no_cache_and_holds_nothing_in_its_address(client, gift_with_uses):
    response = look_up(client, "RC-2025-0001", "王小芳")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response.request["PATH_INFO"] == URL and not response.request.get("QUERY_STRING")
    assert "RC-2025-0001" not in response.content.decode().split("<main")[0]  # not in the share card's og:url


def test_a_wrong_name_gets_the_same_answer_word_for_word_as_an_unknown_number(client, gift_with_uses):
    wrong_name = look_up(client, "RC-2025-0001", "王小红")
    unknown_number = look_up(client, "RC-2025-9999", "王小芳")
    assert wrong_name.status_code == unknown_number.status_code == 200
    assert without_csrf(wrong_name) == without_csrf(unknown_number)
    page = without_csrf(wrong_name)
    assert gettext("No donation matches this receipt number and name.") in page
    assert "RC-2025-0001" not in page and "王" not in page.split("<main")[1] and "¥" not in page


def test_a_gift_published_in_full_shows_the_full_name(client):
    donation(publish_name="full", consent_on=dt.date(2025, 2, 20))
    assert "王小芳" in look_up(client, "rc-2025-0001", "王小芳").content.decode()


def test_goods_show_their_quantity_value_and_what_is_left_and_names_ignore_case_and_spaces(client):
    gift = donation(
        receipt_number="GD-7",
        kind="goods",
        goods="急救包",
        quantity=Decimal("50"),
        unit="个",
        estimated_value=Decimal("5000.00"),
        amount=None,
        donor_kind="organisation",
        donor_name="Acme 科技有限公司",
    )
    used(gift, quantity="20", target="relief", description="社区应急演练", people_helped=120)
    page = look_up(client, "gd-7", "acme科技有限公司").content.decode()
    assert "急救包 50个" in page and "¥5,000.00" in page and "20个" in page and "¥2,000.00" in page
    assert "30个" in page and "¥3,000.00" in page


def test_an_anonymous_gift_cannot_be_looked_up_and_the_page_says_so(client):
    donation(receipt_number="NM-1", donor_name="", anonymous=True)
    donation(receipt_number="NM-2", donor_name="王五", anonymous=True)  # named to staff, anonymous to the public
    form = client.get(URL).content.decode()
    notice = gettext("A gift made anonymously cannot be looked up here: please call the branch with your receipt.")
    assert notice in form
    # Nobody can confirm a guess at who gave anonymously: the answer is the one for a wrong name.
    guesses = (("NM-1", gettext("Anonymous donor")), ("NM-1", "爱心人士"), ("NM-1", "匿名"), ("NM-2", "王五"))
    for number, name in guesses:
        page = look_up(client, number, name).content.decode()
        assert gettext("No donation matches this receipt number and name.") in page
        assert "NM-2" not in page


def test_lookups_are_limited_per_address_with_a_chinese_page(client, settings, gift_with_uses):
    settings.RATELIMIT_DONATION_LOOKUP = "3/h"
    for n in range(3):
        assert look_up(client, f"RC-2025-{n:04d}", "王小芳").status_code == 200
    refused = look_up(client, "RC-2025-0001", "王小芳")
    assert refused.status_code == 429
    assert "请稍候" in refused.content.decode() and "¥1,000.00" not in refused.content.decode()
    assert look_up(client, "RC-2025-0001", "王小芳", address="198.51.100.1").status_code == 200


def test_lookups_are_limited_per_receipt_number_from_any_address(client, settings, gift_with_uses):
    settings.RATELIMIT_DONATION_LOOKUP_RECEIPT = "2/h"
    assert look_up(client, "RC-2025-0001", "王小红", address="203.0.113.1").status_code == 200
    assert look_up(client, "rc-2025-0001", "王小明", address="203.0.113.2").status_code == 200
    refused = look_up(client, "ＲＣ-2025-0001", "王小芳", address="203.0.113.3")
    assert refused.status_code == 429 and "请稍候" in refused.content.decode()
    assert look_up(client, "RC-2025-0002", "王小芳", address="203.0.113.3").status_code == 200


@pytest.mark.parametrize(
    "number, name",
    [
        ("", "王小芳"),
        ("RC-2025-0001", ""),
        ("   ", "   "),
        ("R" * 41, "王小芳"),
        ("RC-2025-0001", "王" * 101),
        ("RC-2025\x07-0001", "王小芳"),
        ("RC-2025-0001", "王小\x00芳"),
        ("RC-2025-0001", "王小\n芳"),
    ],
)
def test_bad_input_gets_a_form_error_and_shows_no_donation(client, gift_with_uses, number, name):
    response = look_up(client, number, name)
    assert response.status_code == 400
    page = response.content.decode()
    assert "invalid-feedback" in page and "¥1,000.00" not in page


def test_the_qr_code_page_opens_the_donation_by_its_signed_address_only(client, gift_with_uses):
    gift, _site = gift_with_uses
    profile = BranchProfile.load()
    profile.donation_certificate_from = Decimal("500.00")
    profile.save()
    response = client.get(f"{URL}{lookup_token(gift)}/")
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "王*芳" in page and "冬季送温暖：棉被" in page and "certificate.pdf" not in page
    assert gettext("This page was opened from the QR code printed on a thank-you certificate.") in page
    assert client.get(f"{URL}{lookup_token(gift)[:-2]}xx/").status_code == 404
    assert client.get(f"{URL}{certificate_token(gift)}/").status_code == 404  # a token of another purpose


@pytest.mark.parametrize("threshold, offered", [(None, False), ("1000.00", True), ("1000.01", False)])
def test_the_answer_offers_the_certificate_from_the_branch_threshold(client, gift_with_uses, threshold, offered):
    profile = BranchProfile.load()
    profile.donation_certificate_from = None if threshold is None else Decimal(threshold)
    profile.save()
    page = look_up(client, "RC-2025-0001", "王小芳").content.decode()
    assert (gettext("Download your thank-you certificate (PDF)") in page) is offered
    assert ("certificate.pdf" in page) is offered


def test_the_answer_costs_the_same_queries_for_one_use_or_many(client):
    def queries(receipt, uses):
        gift = donation(receipt_number=receipt)
        project = ProjectFactory(sites=[SiteFactory(), SiteFactory()])
        for n in range(uses):
            used(gift, "10.00", target="project", project=project, allocated_on=dt.date(2025, 4, 1 + n))
        look_up(client, receipt, "王小芳")
        with CaptureQueriesContext(connection) as captured:
            assert look_up(client, receipt, "王小芳").status_code == 200
        return len(captured)

    assert queries("Q-1", 1) == queries("Q-2", 6)


def test_the_lookup_and_the_disclosure_lead_to_each_other(client):
    donation(received_on=RECEIVED)
    assert 'href="/projects/donations/"' in client.get(URL).content.decode()
    month = client.get(f"/projects/donations/{RECEIVED.year}/{RECEIVED.month}/").content.decode()
    assert f'href="{URL}"' in month
