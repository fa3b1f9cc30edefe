"""The words a leader would sign: changes that read in the right direction and unit, nothing stated that was not
recorded, and exports named for the day in China."""

import datetime as dt

import pytest
from django.utils import translation

from redcross.reports.documents.text import change, compose, context, spoken
from redcross.reports.figures import FACTS

pytestmark = pytest.mark.django_db


def test_a_better_rank_reads_as_a_rise_and_a_worse_one_as_a_fall():
    with translation.override("zh-hans"):
        assert change(1, 2, "best_rank", "2024年") == "由2024年的第2名升至第1名"
        assert change(3, 1, "best_rank", "2024年") == "由2024年的第1名降至第3名"
        assert change(1, 2, "best_rank") == "由第2名升至第1名"


def test_a_change_against_a_small_base_names_both_figures_in_their_unit():
    with translation.override("zh-hans"):
        assert change(534, 3, "beneficiaries", "2024年") == "由2024年的3人次增至534人次"
        assert change(5, 3, "bases", "2024年") == "由2024年的3处增至5处"
        assert change(120, 100, "trainees", "2024年") == "比2024年增长20.0%"
        assert change(80, 100, "volunteer_hours") == "下降20.0%"
        assert change(7, 0, "placements", "2024年") == "2024年无"
        assert change(0, 0, "placements", "2024年") == ""


def test_every_figure_has_a_unit_of_its_own():
    with translation.override("zh-hans"):
        units = {fact.key: str(fact.unit) for fact in FACTS}
    assert units["volunteer_hours"] == "小时" and units["correspondents"] == "人" and units["followers"] == "人"
    assert units["placements"] == "条" and units["research_articles"] == "篇" and units["trainees"] == "人次"
    assert units["money_received"] == "元" and units["sites"] == "处" and units["projects_approved"] == "个"


def test_a_figure_with_nothing_recorded_leaves_its_clause_and_its_bracket_out():
    text = compose("2025年，\n发送图文消息\u2063条\n视频12条（\u2063）\n被转发\u2063次。\n门户网站发布新闻\u2063篇。")
    assert text == "2025年，视频12条。"
    assert compose("2025年，\n发送图文消息\u2063条。") == ""
    assert spoken(0) is None and spoken(None) is None and spoken(140000, money=True) == "14万"


def test_an_open_periods_words_say_to_which_day_it_is_counted():
    data = {
        "period": {"kind": "year", "start": "2026-01-01", "end": "2026-12-31", "name": "2026年",
                   "earlier": "上年同期", "open": True, "counted_to": "2026-11-29",
                   "taken_at": "2026-11-29T10:05+08:00"},
        "current": {"trainees": 10}, "previous": {"trainees": 8}, "since": {"trainees": 10}, "started": {},
    }
    with translation.override("zh-hans"):
        words = context(data)
    assert words["end"] == "2026年11月29日" and words["period"] == "2026年1月1日至11月29日"
    assert words["change"]["trainees"] == "由上年同期的8人次增至10人次"


def test_an_export_made_at_half_past_midnight_is_named_for_that_day(client, projects_officer, monkeypatch):
    from django.utils import timezone

    moment = dt.datetime(2026, 11, 28, 16, 30, tzinfo=dt.UTC)  # 00:30 on the 29th in China
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr("import_export.mixins.now", lambda: moment)  # the library's own name for the clock
    client.force_login(projects_officer)
    response = client.post("/admin/projects/site/export/", {"format": "0", "resource": "0", "siteresource_name": "on"})
    assert response.status_code == 200
    assert "2026-11-29" in response["Content-Disposition"]


def test_the_monthly_chart_shows_every_month_counted_even_without_training():
    from redcross.reports.documents.pdf import months_of

    assert months_of({"start": "2025-01-01", "end": "2025-12-31"}) == [f"2025-{n:02d}" for n in range(1, 13)]
    assert months_of({"start": "2026-01-01", "end": "2026-12-31", "counted_to": "2026-11-29"})[-1] == "2026-11"
