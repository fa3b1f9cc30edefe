"""A donor looks up their gift on a phone: a wrong name gets the neutral answer, the right one the gift, every use
of it and the thank-you certificate."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext
from playwright.sync_api import expect

from projects import services
from projects.models import Allocation, Donation
from redcross.models import BranchProfile
from tests.pages import no_horizontal_scroll
from tests.projects.factories import ProjectFactory, SiteFactory

# Long enough to need two lines on a phone.
PROJECT = "东湖社区博爱家园建设暨应急救护培训室改造提升项目（二期）"


def a_gift_with_uses() -> Donation:
    site = SiteFactory(name="东湖社区博爱家园")
    project = ProjectFactory(title=PROJECT, sites=[site])
    gift = services.donation_save(
        donation=Donation(
            receipt_number="RC-2025-0001",
            received_on=dt.date(2025, 3, 1),
            amount=Decimal("1000.00"),
            donor_name="王小芳",
            phone="13912345678",
        )
    )
    for values in (
        {"amount": Decimal("300.00"), "target": "project", "project": project},
        {"amount": Decimal("200.00"), "target": "relief", "description": "冬季送温暖：棉被", "people_helped": 40},
    ):
        services.allocation_save(allocation=Allocation(donation=gift, allocated_on=dt.date(2025, 4, 1), **values))
    return gift


def test_a_donor_looks_up_their_gift_and_its_uses_on_a_phone(live_server, page, csp_violations):
    a_gift_with_uses()
    profile = BranchProfile.load()
    profile.donation_certificate_from = Decimal("500.00")
    profile.save()

    page.goto(live_server.url + "/projects/donations/lookup/")
    expect(page.get_by_role("heading", name=gettext("Look up your donation"), level=1)).to_be_visible()
    assert no_horizontal_scroll(page)
    page.get_by_label(gettext("Receipt number")).fill("rc-2025-0001")
    page.get_by_label(gettext("Donor's name")).fill("王小红")
    page.get_by_role("button", name=gettext("Look up")).click()
    expect(page.get_by_text(gettext("No donation matches this receipt number and name."))).to_be_visible()
    expect(page.get_by_text("冬季送温暖")).to_have_count(0)
    assert "rc-2025-0001" not in page.url and "王" not in page.url

    page.get_by_label(gettext("Receipt number")).fill("rc-2025-0001")
    page.get_by_label(gettext("Donor's name")).fill("王小芳")
    page.get_by_role("button", name=gettext("Look up")).click()
    expect(page.get_by_role("heading", name=gettext("Your donation"), level=1)).to_be_visible()
    uses = page.locator("section", has=page.get_by_role("heading", name=gettext("How your gift was used")))
    expect(uses.get_by_role("listitem")).to_have_count(2)
    expect(uses.get_by_role("link", name=PROJECT)).to_be_visible()
    expect(uses.get_by_text("冬季送温暖：棉被")).to_be_visible()
    expect(page.get_by_text("王*芳").first).to_be_visible()
    expect(page.get_by_text("13912345678")).to_have_count(0)
    certificate = page.get_by_role("link", name=gettext("Download your thank-you certificate (PDF)"))
    expect(certificate).to_be_visible()
    assert no_horizontal_scroll(page)

    with page.expect_download() as download:
        certificate.click()
    assert download.value.suggested_filename == "donation-certificate-RC-2025-0001.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    assert csp_violations == []
