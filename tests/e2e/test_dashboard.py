"""The admin's first screen in Chromium: the demo city's dashboard for leadership on a desktop and a phone, and for a
training manager on a phone; screenshots in /tmp/dashboard-shots/ for a person to look at."""

import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from redcross.demo import DEMO_PASSWORD
from tests.pages import no_horizontal_scroll

SHOTS = Path(tempfile.gettempdir()) / "dashboard-shots"
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def seeded_city(transactional_db, settings):
    call_command("seed_demo", force=True, verbosity=0)


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/admin/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".dash")).to_be_visible()


def charts_drawn(page) -> int:
    """Charts the browser laid out with a size: each front's SVG, visible and not empty."""
    return page.evaluate("""[...document.querySelectorAll('svg.dash-chart')]
        .filter(svg => { const box = svg.getBoundingClientRect(); return box.width > 100 && box.height > 50; })
        .length""")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_leadership_sees_every_front_on_a_desktop_and_a_phone(live_server, page, csp_violations, seeded_city):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, "demo-leader")
    fronts = page.locator(".dash-front")
    expect(fronts).to_have_count(5)
    expect(page.locator("svg.dash-chart title").first).to_have_count(1)
    assert charts_drawn(page) == 5
    assert no_horizontal_scroll(page)
    expect(page.locator(".dash-make button")).to_be_visible()
    expect(page.locator(".dash-records > summary")).to_be_visible()
    shoot(page, "leader-desktop.png")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(fronts).to_have_count(5)
    assert charts_drawn(page) == 5
    assert no_horizontal_scroll(page)
    shoot(page, "leader-phone.png")
    assert csp_violations == []


def test_a_training_manager_sees_training_on_a_phone(live_server, page, csp_violations, seeded_city):
    log_in(page, live_server, "demo-training")
    expect(page.locator(".dash-front")).to_have_count(1)
    expect(page.locator("#front-training")).to_be_visible()
    assert charts_drawn(page) == 1
    assert no_horizontal_scroll(page)
    page.locator(".dash-records > summary").click()
    expect(page.locator(".dash-records .app-training")).to_be_visible()
    assert no_horizontal_scroll(page)
    shoot(page, "training-phone.png")
    assert csp_violations == []
