import datetime as dt

from playwright.sync_api import expect

from redcross.reports.models import Report
from redcross.reports.services import report_build
from tests.factories import STAFF_PASSWORD, StaffFactory
from tests.pages import no_horizontal_scroll


def test_leadership_downloads_a_report_and_asks_for_another_on_a_phone(live_server, page, transactional_db):
    StaffFactory(username="leader", role="领导")
    ready = Report.objects.create(kind="month", start=dt.date(2025, 7, 1), end=dt.date(2025, 7, 31))
    report_build(report_id=ready.pk)

    page.goto(live_server.url + "/reports/")
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="统计报告")).to_be_visible()
    assert no_horizontal_scroll(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert "2025年7月" in download.value.suggested_filename

    page.get_by_label("时段").select_option("quarter")
    page.get_by_label("年份").fill("2025")
    page.get_by_label("季度或月份").fill("3")
    page.get_by_role("button", name="生成报告").click()
    expect(page.get_by_role("heading", name="2025年第三季度")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("报告正在生成")
    assert Report.objects.filter(kind="quarter", start=dt.date(2025, 7, 1)).count() == 1
    assert no_horizontal_scroll(page)


def test_an_out_of_date_report_is_made_again_with_one_tap_on_a_phone(live_server, page, transactional_db):
    from tests.projects.factories import ActivityFactory

    StaffFactory(username="leader", role="领导")
    report = report_build(report_id=Report.objects.create(
        kind="month", start=dt.date(2025, 7, 1), end=dt.date(2025, 7, 31)).pk)
    ActivityFactory(date=dt.date(2025, 7, 30))  # entered after the report was made, dated inside its month

    page.goto(live_server.url + report.get_absolute_url())
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("数据已过时")).to_be_visible()
    expect(page.get_by_text("数据截至").first).to_be_visible()
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="重新生成").click()
    expect(page.get_by_role("status").first).to_contain_text("正在生成新版本")
    expect(page.get_by_role("heading", name="该期间的其他版本")).to_be_visible()
    assert Report.objects.filter(kind="month", start=dt.date(2025, 7, 1)).count() == 2
