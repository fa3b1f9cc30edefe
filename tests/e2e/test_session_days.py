"""A session over two days, as a citizen sees it on a phone, and the calendar file they take away."""

import re
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from tests.pages import no_horizontal_scroll
from tests.training.factories import BaseFactory, FirstAiderCourseFactory, SessionFactory, at
from training.models import Instructor


def test_a_citizen_sees_a_two_day_session_as_it_is_and_adds_it_to_the_calendar(
    live_server, page, transactional_db, csp_violations
):
    base = BaseFactory(name="人力资源产业园救护培训基地", address="高新区创业路 66 号",
                       directions="产业园 B 座 1 楼东侧，正门右手边有红十字标识；园区停车场免费。")
    course = FirstAiderCourseFactory(what_to_bring="请带身份证和笔，穿平底鞋。")
    session = SessionFactory(course=course, base=base, title="周末市民救护员培训班",
                             starts_at=at("2099-12-19 08:30"), ends_at=at("2099-12-20 17:30"))
    session.instructors.set([Instructor.objects.create(name="周建华", phone="13912345678")])

    page.goto(live_server.url + "/training/sessions/")
    card = page.locator(".card", has_text="周末市民救护员培训班")
    expect(card).to_contain_text("2099年12月19日 08:30")
    expect(card).to_contain_text("12月20日 17:30")
    assert no_horizontal_scroll(page)

    # Opened from a share in WeChat: straight onto the session's page, nothing before it.
    page.goto(live_server.url + session.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("周末市民救护员培训班")
    when = page.locator("dd", has_text="2099年12月19日 08:30")
    expect(when).to_contain_text("12月20日 17:30")
    expect(page.locator("dd", has_text="周建华")).to_be_visible()
    expect(page.get_by_text("请带身份证和笔，穿平底鞋。")).to_be_visible()
    expect(page.get_by_text(re.compile("产业园 B 座 1 楼东侧"))).to_be_visible()
    assert "13912345678" not in page.content()
    assert no_horizontal_scroll(page)

    calendar_link = page.locator("a[href$='/calendar.ics']")
    expect(calendar_link).to_be_visible()
    with page.expect_download() as download_info:
        calendar_link.click()
    download = download_info.value
    assert download.suggested_filename == "周末市民救护员培训班.ics"
    event = Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")[0]
    assert str(event["summary"]) == "周末市民救护员培训班"
    assert event.decoded("dtstart") == at("2099-12-19 08:30") and event.decoded("dtend") == at("2099-12-20 17:30")
    assert "高新区创业路 66 号" in str(event["location"])
    assert csp_violations == []
