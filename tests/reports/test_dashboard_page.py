"""The admin's first screen: each role's fronts with their figures and charts, drawn on the server, CSP-safe."""

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from redcross.reports.dashboard_svg import chart_svg
from redcross.reports.models import Report
from tests.factories import StaffFactory

MONTHS = [f"{number}月" for number in range(1, 13)]


def a_front(key="training", label="两护培训", *, figures=None, series_label="培训人次"):
    return {
        "key": key, "label": label,
        "figures": figures or [
            {"key": "trainees", "label": "培训人次", "unit": "人次", "value": 1234, "previous": 1000, "change": 23.4,
             "money": False},
        ],
        "series": {"label": series_label, "unit": "人次", "months": MONTHS,
                   "this_year": [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, None],
                   "last_year": [5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 105, 115]},
    }


def sample(*, fronts=None, attention=None, downloads=None, can_make_report=False, areas=None, area_columns=None):
    return {
        "taken_at": timezone.make_aware(dt.datetime(2026, 11, 29, 9, 30)),
        "period": {"name": "2026年1月1日至11月29日", "earlier": "上年同期", "year": 2026},
        "fronts": [a_front()] if fronts is None else fronts,
        "areas": areas or [],
        "area_columns": area_columns or [],
        "attention": attention or [],
        "downloads": downloads or {"year": None, "quarter": None, "month": None},
        "can_make_report": can_make_report,
        "make_report": {"url": reverse("reports:list"), "kind": "year", "year": 2026} if can_make_report else None,
    }


@pytest.fixture
def shown(monkeypatch):
    """Make the dashboard show the given data, whatever the database holds."""
    def show(data):
        monkeypatch.setattr("redcross.reports.templatetags.dashboard.dashboard_for", lambda user, now=None: data)
    return show


def admin_index(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.forms.append(dict(attrs))


def post_forms(page: str) -> list[str]:
    parser = Forms()
    parser.feed(page)
    return [form.get("action") for form in parser.forms if (form.get("method") or "get").lower() == "post"]


def fronts_shown(page: str) -> list[str]:
    return re.findall(r'<h2 class="dash-front__title" id="front-(\w+)">', page)


def test_leadership_sees_every_front_with_its_figures_and_a_chart_drawn_on_the_server(client, demo):
    from django.contrib.auth import get_user_model

    from redcross.reports.dashboard import dashboard_for

    leader = get_user_model().objects.get(username="demo-leader")
    page = admin_index(client, leader)
    data = dashboard_for(leader)
    assert fronts_shown(page) == ["projects", "positions", "donations", "training", "publicity"]
    for front in data["fronts"]:
        assert str(front["label"]) in page
        for figure in front["figures"]:
            assert str(figure["label"]) in page
    assert page.count('<svg class="dash-chart"') == len(data["fronts"])
    assert page.count("<title id=\"chart-") == len(data["fronts"])


def test_a_training_manager_sees_training_only(client, demo):
    from django.contrib.auth import get_user_model

    page = admin_index(client, get_user_model().objects.get(username="demo-training"))
    assert fronts_shown(page) == ["training"]
    assert page.count('<svg class="dash-chart"') == 1


@pytest.mark.django_db
def test_a_figure_shows_its_value_unit_and_change_in_words(client, leader, shown):
    shown(sample(fronts=[a_front("donations", "捐赠", figures=[
        {"key": "received", "label": "捐赠到账", "unit": "元", "value": Decimal("1234567.50"),
         "previous": Decimal("1000000"), "change": 23.5, "money": True},
        {"key": "donors", "label": "捐赠人次", "unit": "人次", "value": 80, "previous": 100, "change": -20.0,
         "money": False},
        {"key": "uses", "label": "救助人次", "unit": "人次", "value": 12, "previous": None, "change": None,
         "money": False},
        {"key": "new", "label": "新增项目", "unit": "个", "value": 3, "previous": 0, "change": None, "money": False},
    ])]))
    page = admin_index(client, leader)
    assert "¥1,234,567.50" in page
    assert gettext("%(earlier)s: %(previous)s") % {"earlier": "上年同期", "previous": "¥1,000,000.00"} in page
    assert '<span aria-hidden="true">↑</span> ' + gettext("up %(percent)s") % {"percent": "23.5%"} in page
    assert '<span aria-hidden="true">↓</span> ' + gettext("down %(percent)s") % {"percent": "20%"} in page
    assert gettext("no figure for last year") in page
    assert gettext("none last year") in page
    assert "2026年1月1日至11月29日" in page


@pytest.mark.django_db
def test_the_chart_escapes_labels_from_the_data(client, leader, shown):
    shown(sample(fronts=[a_front(label="<b>培训</b>", series_label="<script>alert(1)</script>")]))
    page = admin_index(client, leader)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>培训</b>" not in page


def test_a_chart_is_svg_with_a_title_a_legend_and_no_bar_for_months_not_begun():
    svg = str(chart_svg(a_front()["series"], key="training"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="chart-training-title chart-training-desc"' in svg
    title = gettext("%(label)s (%(unit)s)") % {"label": "培训人次", "unit": "人次"}
    assert f'<title id="chart-training-title">{title}</title>' in svg
    assert gettext("This year") in svg and gettext("Last year") in svg
    assert "12月" in svg
    # Two legend swatches, 12 bars of last year and 11 of this year: December has not begun.
    assert svg.count("dash-chart__bar--last") == 1 + 12
    assert svg.count("dash-chart__bar--this") == 1 + 11
    assert "style" not in svg


def test_a_chart_of_nothing_recorded_still_draws_its_axes():
    series = {"label": "场次", "unit": "场", "months": MONTHS, "this_year": [0] * 3 + [None] * 9,
              "last_year": [0] * 12}
    svg = str(chart_svg(series, key="sessions"))
    assert "<svg" in svg and "dash-chart__grid" in svg
    assert "nan" not in svg.lower()


@pytest.mark.django_db
def test_a_staff_member_with_no_front_sees_the_records_and_no_error(client, shown):
    shown(sample(fronts=[]))
    page = admin_index(client, StaffFactory(username="nobody"))
    assert gettext("Your account has no front of work to show figures for. The records you may open are listed "
                   "below.") in page
    assert "<details class=\"dash-records\" open>" in page
    assert "dash-chart" not in page


@pytest.mark.django_db
def test_attention_lists_each_item_with_its_link_and_says_when_nothing_needs_it(client, leader, shown):
    shown(sample(attention=[{"key": "sessions", "title": "7天内的培训", "count": 3, "items": [
        {"text": "救护员培训（第12期）", "url": "/admin/training/session/7/change/", "when": dt.date(2026, 12, 2),
         "note": "余 3 席，候补 2 人"},
    ]}]))
    page = admin_index(client, leader)
    assert '<a href="/admin/training/session/7/change/">救护员培训（第12期）</a>' in page
    assert "余 3 席，候补 2 人" in page
    assert gettext("%(more)s in all") % {"more": 3} in page

    shown(sample(attention=[{"key": "sessions", "title": "7天内的培训", "count": 0, "items": []}]))
    page = admin_index(client, leader)
    assert gettext("Nothing needs your attention.") in page
    assert "7天内的培训" not in page


@pytest.mark.django_db
def test_downloads_link_each_file_and_the_only_data_changing_form_makes_the_report(client, leader, shown):
    today = timezone.localdate()  # this month so far: the latest monthly report, on the demo city's data too
    report = Report.objects.create(kind="month", start=today.replace(day=1), end=today, status=Report.Status.READY,
                                   docx="reports/a.docx", xlsx="reports/a.xlsx", pdf="reports/a.pdf")
    page = admin_index(client, leader)
    for kind in ("docx", "xlsx", "pdf"):
        assert f'href="{reverse("reports:download", args=[report.pk, kind])}"' in page
    logout = reverse("admin:logout")
    assert sorted(post_forms(page)) == sorted([logout, reverse("reports:list")])
    year = today.year
    assert 'name="kind" value="year"' in page and f'name="year" value="{year}"' in page

    client.post(reverse("reports:list"), {"kind": "year", "year": year})
    assert Report.objects.filter(kind="year", start=dt.date(year, 1, 1)).exists()

    shown(sample(can_make_report=False))
    assert post_forms(admin_index(client, leader)) == [logout]


@pytest.mark.django_db
def test_the_dashboard_needs_no_inline_script_or_style(client, leader, shown):
    shown(sample(areas=[{"name": "城东街道", "counts": {"activities": 3}, "total": 3}],
                 area_columns=[{"key": "activities", "label": "开展活动", "unit": "次"}]))
    client.force_login(leader)
    response = client.get(reverse("admin:index"))
    page = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert not re.search(r"<style|\sstyle=", page)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert all("src=" in attrs and not body.strip() for attrs, body in scripts), scripts
    assert re.search(r'<link rel="stylesheet" href="/static/css/dashboard\.[^"]*css">', page)
    assert "城东街道" in page and "开展活动 3次" in page


@pytest.mark.django_db
def test_an_apps_own_index_keeps_its_list_without_the_dashboard(client, leader):
    client.force_login(leader)
    page = client.get(reverse("admin:app_list", args=["training"])).content.decode()
    assert 'class="dash"' not in page and "/static/css/dashboard" not in page
    assert reverse("admin:training_session_changelist") in page
