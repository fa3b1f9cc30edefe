"""The public disclosure of donations (捐赠公示): a month's gifts and uses with their totals, a directed project's
page, the Excel files, and what never leaves the server: a phone, an address, a note, or a name not published."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils.translation import gettext

from projects.donation_names import public_receipt
from projects.models import Donation, PositionKind
from redcross.formats import yuan
from tests.projects.donating import (
    CONSENTED,
    OCTOBER,
    OCTOBER_PAGE,
    SECRETS,
    gift,
    xlsx_text,
)
from tests.projects.factories import ProjectFactory, SiteFactory

pytestmark = pytest.mark.django_db


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_month_lists_its_gifts_with_names_as_published_and_amounts_in_full(client, october):
    page = html(client, OCTOBER_PAGE)
    assert "欧**辉" in page and CONSENTED in page and "江海医疗器械有限公司" in page
    assert gettext("Anonymous donor") in page
    assert "¥1,200.00" in page and "¥500.00" in page and "¥8,000.00" in page and "急救包" in page and "40个" in page
    assert public_receipt(october["masked"].receipt_number) in page and "东湖社区博爱书屋" in page
    assert public_receipt(october["early"].receipt_number) not in page  # received in September
    assert "银行转账" in page or gettext("bank transfer") in page


def test_a_month_lists_its_uses_by_receipt_and_published_name(client, october, school_project):
    page = html(client, OCTOBER_PAGE + "?list=used")
    assert "台风受灾群众慰问" in page and "社区急救培训" in page and "¥1,000.00" in page and "10个" in page
    assert f'href="/projects/donations/projects/{school_project.pk}/"' in page
    assert public_receipt(october["early"].receipt_number) in page and "欧**辉" in page
    assert "¥800.00" not in page  # used in November


def test_the_month_totals_are_those_the_database_counts_as_of_the_months_end(client, october):
    totals = client.get(OCTOBER_PAGE).context["totals"]
    first, last = dt.date(2025, 10, 1), dt.date(2025, 10, 31)
    month = Donation.objects.filter(received_on__range=(first, last))
    assert totals.received_money == month.aggregate(total=Sum("amount"))["total"] == Decimal("3700.00")
    assert totals.received_goods == Decimal("8000.00")
    assert totals.used_value == Decimal("1000.00") + Decimal("1200.00") + Decimal("2000.00")
    # September's 3,000 and October's 3,700 less October's uses of money; November's use is not counted yet.
    assert totals.remaining_money == Decimal("6700.00") - Decimal("2200.00")
    assert totals.remaining_goods == Decimal("6000.00")
    assert (totals.received_count, totals.used_count) == (4, 3)
    page = html(client, OCTOBER_PAGE)
    assert yuan(totals.remaining_money) in page and yuan(totals.received_money) in page


def test_a_month_links_to_the_nearest_months_with_gifts_or_uses(client, october):
    page = html(client, OCTOBER_PAGE)
    assert 'href="/projects/donations/2025/9/"' in page and 'href="/projects/donations/2025/11/"' in page
    november = html(client, "/projects/donations/2025/11/")
    assert gettext("No donation was received this month.") in november
    assert 'href="/projects/donations/2025/10/"' in november


def test_the_disclosure_opens_on_the_latest_month_with_a_gift(client, october):
    response = client.get("/projects/donations/")
    assert response.status_code == 200
    assert response.context["period"].first == dt.date(2025, 10, 1)


def test_the_disclosure_opens_before_any_gift_without_an_error(client):
    page = html(client, "/projects/donations/")
    assert gettext("No donation was received this month.") in page


@pytest.mark.parametrize(
    "url",
    [
        "/projects/donations/2025/13/",
        "/projects/donations/2025/0/",
        "/projects/donations/1999/5/",
        "/projects/donations/2999/1/",
        "/projects/donations/abc/1/",
        "/projects/donations/2025/x/",
        "/projects/donations/" + "9" * 5000 + "/1/",
        "/projects/donations/2025/13/excel/",
        "/projects/donations/1999/excel/",
        "/projects/donations/3000/excel/",
        "/projects/donations/projects/abc/",
    ],
)
def test_a_month_that_is_not_one_is_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc&month=1",
        "?year=2025&month=13",
        "?year=2025",
        "?month=7",
        "?year=1999&month=1",
        "?year=2025&month=%00",
        "?year=" + "9" * 100 + "&month=1",
        "?year=2999&month=1",
    ],
)
def test_a_month_choice_that_is_not_one_gives_a_notice(client, october, query):
    page = html(client, "/projects/donations/" + query)
    assert gettext("There is no disclosure for that month; the latest month is shown.") in page


def test_the_month_choice_goes_to_the_months_page(client):
    response = client.get("/projects/donations/?year=2025&month=10")
    assert (response.status_code, response["Location"]) == (302, OCTOBER_PAGE)


@pytest.mark.parametrize("query", ["?page=abc", "?page=999", "?list=nonsense", "?list=used&page=-1"])
def test_odd_list_choices_still_show_a_list(client, october, query):
    assert client.get(OCTOBER_PAGE + query).status_code == 200


def test_a_directed_project_page_lists_its_gifts_and_uses_and_links_to_the_sites_money(client, october, school_project):
    url = f"/projects/donations/projects/{school_project.pk}/"
    page = html(client, url)
    site = school_project.sites.get()
    assert f'href="/projects/sites/{site.pk}/#project-{school_project.pk}"' in page
    assert "欧**辉" in page and "¥1,200.00" in page
    assert yuan(Decimal("2000.00")) in page  # used for it: 1,200 + 800
    uses = html(client, url + "?list=used")
    assert CONSENTED in uses and "¥800.00" in uses and "台风受灾群众慰问" not in uses
    site_page = html(client, site.get_absolute_url())
    assert f'id="project-{school_project.pk}"' in site_page and f'href="{url}"' in site_page


def test_a_project_without_gifts_has_no_donation_page_nor_a_link_to_one(client, october):
    site = SiteFactory()
    project = ProjectFactory(sites=[site])
    assert client.get(f"/projects/donations/projects/{project.pk}/").status_code == 404
    assert "/projects/donations/projects/" not in html(client, site.get_absolute_url())


def test_a_project_whose_site_is_not_public_has_no_donation_page_and_is_not_named(client):
    memorial = SiteFactory(name="遗体捐献者纪念园", position_kind=PositionKind.objects.get(name="捐献缅怀纪念场所"))
    hidden_site = SiteFactory(name="未发布社区", published=False)
    unpublished = ProjectFactory(title="未公开项目", sites=[SiteFactory()], published=False)
    for project in (
        ProjectFactory(title="纪念园修缮", sites=[memorial]),
        ProjectFactory(title="内部项目", sites=[hidden_site]),
        unpublished,
    ):
        gift(OCTOBER, direction="project", project=project)
        assert client.get(f"/projects/donations/projects/{project.pk}/").status_code == 404
    gift(OCTOBER, direction="site", site=memorial)
    page = html(client, OCTOBER_PAGE)
    for secret in ("遗体捐献者纪念园", "纪念园修缮", "内部项目", "未公开项目", "/projects/donations/projects/"):
        assert secret not in page


def every_public_response(client, project) -> dict[str, bytes]:
    urls = [
        "/",
        "/projects/",
        "/projects/donations/",
        OCTOBER_PAGE,
        OCTOBER_PAGE + "?list=used",
        "/projects/donations/2025/9/",
        "/projects/donations/2025/11/?list=used",
        f"/projects/donations/projects/{project.pk}/",
        f"/projects/donations/projects/{project.pk}/?list=used",
        project.sites.get().get_absolute_url(),
        "/en/projects/donations/2025/10/",
    ]
    responses = {url: client.get(url) for url in urls}
    for url in ("/projects/donations/2025/10/excel/", "/projects/donations/2025/excel/"):
        responses[url] = client.get(url)
    assert all(response.status_code == 200 for response in responses.values())
    return {url: response.content for url, response in responses.items()}


def test_no_phone_address_note_or_unpublished_name_leaves_in_a_page_or_a_file(client, october, school_project):
    # Nor a whole receipt number: with a name it opens the donor lookup, and a masked name is public.
    receipts = list(Donation.objects.values_list("receipt_number", flat=True))
    for url, content in every_public_response(client, school_project).items():
        text = xlsx_text(content) if url.endswith("excel/") else content.decode()
        for secret in [*SECRETS.values(), *receipts]:
            assert secret not in text, (url, secret)


def test_the_excel_files_hold_the_month_and_the_year_as_published_and_when_the_data_was_taken(client, october):
    response = client.get("/projects/donations/2025/10/excel/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    month = xlsx_text(response.content)
    assert "欧**辉" in month and CONSENTED in month and gettext("Anonymous donor") in month
    assert "台风受灾群众慰问" in month and "1200" in month
    assert gettext("Data taken at %(taken)s.").split("%")[0] in month
    year = xlsx_text(client.get("/projects/donations/2025/excel/").content)
    assert public_receipt(october["early"].receipt_number) in year and "¥" not in year


def test_a_formula_typed_as_a_purpose_stays_text_in_the_excel(client):
    gift(OCTOBER, direction="purpose", purpose='=HYPERLINK("http://x","y")')
    month = xlsx_text(client.get("/projects/donations/2025/10/excel/").content)
    assert "<f>" not in month and "HYPERLINK" in month
