"""捐赠公示 on a phone: a citizen reads a month's donations with the donors named as they chose, goes back a month,
and follows a directed gift to its project's page and the site's money."""

import datetime as dt
import re

from django.utils.translation import gettext
from playwright.sync_api import expect

from projects.donation_names import public_receipt
from tests.pages import no_horizontal_scroll
from tests.projects.donating import SECRETS, anonymous, consented, gift, use
from tests.projects.factories import ProjectFactory, SiteFactory

# Long enough to need two lines on a phone.
COMPANY = "南通市崇川区江海医疗器械科技发展有限公司（第二分公司）"


def test_a_citizen_reads_a_months_donations_and_follows_one_to_its_project(live_server, page, csp_violations):
    site = SiteFactory(name="东湖社区博爱家园")
    project = ProjectFactory(title="东湖社区博爱书屋", sites=[site])
    october = gift(dt.date(2025, 10, 8), "1200.00", direction="project", project=project)
    use(october, dt.date(2025, 10, 25), "1200.00", target="project", project=project)
    gift(dt.date(2025, 11, 3), "888.00")
    anonymous(dt.date(2025, 11, 5), "500.00")
    consented(dt.date(2025, 11, 12), "123456789.00", donor_name=COMPANY, donor_kind="organisation")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name=re.compile(gettext("Donations disclosed"))).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025年11月")
    gifts = page.locator(".donation-list")
    expect(gifts.get_by_text("欧**辉")).to_be_visible()
    expect(gifts.get_by_text(gettext("Anonymous donor"))).to_be_visible()
    expect(gifts.get_by_text(COMPANY)).to_be_visible()
    expect(gifts.get_by_text("¥123,456,789.00")).to_be_visible()
    for secret in SECRETS.values():
        expect(page.get_by_text(secret)).to_have_count(0)
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name="← 2025年10月").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025年10月")
    expect(page.locator(".donation-list").get_by_text("¥1,200.00")).to_be_visible()
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name=re.compile(gettext("Uses this month"))).click()
    expect(page.locator(".donation-list")).to_contain_text(public_receipt(october.receipt_number))
    assert no_horizontal_scroll(page)

    page.locator(".donation-list").get_by_role("link", name="东湖社区博爱书屋").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("东湖社区博爱书屋")
    expect(page.locator(".donation-list").get_by_text("欧**辉")).to_be_visible()
    assert no_horizontal_scroll(page)

    page.get_by_role("link", name="东湖社区博爱家园").click()
    money = page.locator(f"#project-{project.pk}")
    expect(money).to_be_in_viewport()
    expect(money.get_by_role("link", name=re.compile(gettext("Donations for this project")))).to_be_visible()
    assert no_horizontal_scroll(page)
    assert csp_violations == []
