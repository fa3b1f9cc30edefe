"""Browser tests: Debian's Chromium driven by Playwright at a phone's viewport, against a live server."""

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail("Browser tests need Debian's chromium at /usr/bin/chromium: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "is_mobile": True,
        "has_touch": True,
        "locale": "zh-CN",
        "device_scale_factor": 2,
    }


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Live-server tests run on committed data, emptied after each: put back what data migrations wrote.

    (The roles come back by themselves: flushing the database sends post_migrate.)
    """
    import_module("projects.migrations.0002_facility_kinds").add_kinds(apps, None)
    import_module("projects.migrations.0005_positions").add_position_kinds(apps, None)
    import_module("projects.migrations.0007_group_visits").memorial_places_need_consent(apps, None)
    import_module("projects.migrations.0009_measure_words").add_measure_words(apps, None)


@pytest.fixture
def csp_violations(page):
    """Messages of the browser about anything the Content-Security-Policy blocked on the page."""
    messages = []
    page.on("console", lambda message: messages.append(message.text)
            if "Content Security Policy" in message.text else None)
    return messages
