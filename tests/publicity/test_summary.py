"""publicity.summary against placements and WeChat figures counted by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publicity.models import (
    Correspondent,
    OutletLevel,
    ScoringRule,
    ScoringScheme,
    StoryKind,
    WeChatMonth,
    WeChatPost,
    WeChatRanking,
)
from publicity.summary import summary
from tests.publicity.factories import (
    ArticleFactory,
    CorrespondentFactory,
    OutletFactory,
    PlacementFactory,
    StoryFactory,
    WeChatAccountFactory,
    WeChatPostFactory,
)

pytestmark = pytest.mark.django_db
YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def year():
    wang = CorrespondentFactory(name="王记者")
    CorrespondentFactory(name="离任者", status=Correspondent.Status.ENDED, ended_on=dt.date(2025, 3, 1))
    CorrespondentFactory(name="任期已满", term_ends=dt.date(2025, 6, 30))
    CorrespondentFactory(name="明年聘任", appointed_on=dt.date(2026, 2, 1))
    national = OutletFactory(name="人民网", level=OutletLevel.NATIONAL)
    system = OutletFactory(name="省红会网站", level=OutletLevel.PROVINCIAL_RED_CROSS)
    local = OutletFactory(name="示例日报", level=OutletLevel.LOCAL)
    news = StoryFactory(correspondents=[wang])
    for outlet in (national, local, system):
        PlacementFactory(story=news, outlet=outlet)
    research = StoryFactory(kind=StoryKind.RESEARCH, correspondents=[wang])
    PlacementFactory(story=research, outlet=system, published_on=dt.date(2025, 9, 1))
    PlacementFactory(story=research, outlet=local, published_on=dt.date(2025, 12, 31))
    PlacementFactory(story=StoryFactory(), outlet=national, published_on=dt.date(2024, 12, 31))
    scheme = ScoringScheme.objects.create(year=2025)
    ScoringRule.objects.create(scheme=scheme, level=OutletLevel.NATIONAL, points=Decimal("10"))

    team = WeChatAccountFactory(name="救援队公众号")
    branch = WeChatAccountFactory(name="红十字会公众号", opened_on=dt.date(2020, 1, 1))
    WeChatPostFactory(account=team, reads=800, topic=WeChatPost.Topic.RESCUE, reposted_by_provincial=True)
    WeChatPostFactory(account=team, reads=1200, kind=WeChatPost.Kind.VIDEO, reposted_by_headquarters=True)
    WeChatPostFactory(account=branch, reads=300, topic=WeChatPost.Topic.FUNDRAISING)
    WeChatPostFactory(account=branch, reads=999, published_on=dt.date(2026, 1, 1))
    for account, month, followers in [(team, "2025-11-01", 2050), (team, "2025-12-01", 2100),
                                      (branch, "2025-10-01", 400), (team, "2026-01-01", 2200)]:
        WeChatMonth.objects.create(account=account, month=dt.date.fromisoformat(month), followers=followers)
    WeChatRanking.objects.create(account=team, month=dt.date(2025, 3, 1), rank=3)
    WeChatRanking.objects.create(account=team, month=dt.date(2025, 8, 1), rank=1)
    WeChatRanking.objects.create(account=team, month=dt.date(2024, 8, 1), rank=1)

    ArticleFactory(published_at=dt.datetime(2025, 5, 1, 10, tzinfo=dt.UTC))
    ArticleFactory(published_at=dt.datetime(2025, 5, 2, 10, tzinfo=dt.UTC), published=False)


def test_placements_by_level_and_kind(year):
    placements = summary(*YEAR_2025)["placements"]
    assert placements["total"] == 5
    assert placements["by_level"] == {"national": 1, "headquarters": 0, "provincial": 0, "provincial_red_cross": 2,
                                      "prefecture": 0, "local": 2, "other": 0}
    assert placements["by_kind"]["research"] == 2 and placements["research_articles"] == 2
    assert placements["by_level_and_kind"]["provincial_red_cross"]["research"] == 1
    assert placements["by_level_and_kind"]["local"] == {"news": 1, "research": 1, "feature": 0, "photo": 0,
                                                        "video": 0}


def test_correspondents_and_the_top_of_the_leaderboard(year):
    figures = summary(*YEAR_2025)["correspondents"]
    assert figures["active"] == 1
    assert [(row["name"], row["placements"], row["points"]) for row in figures["top"]] == [
        ("王记者", 5, Decimal("10.0"))
    ]


def test_correspondents_are_counted_as_they_stood_at_the_end_of_the_period(year):
    # Their appointment ended after 2025: serving at its end. Ended on its last day: not serving at its end.
    CorrespondentFactory(name="次年离任", status=Correspondent.Status.ENDED, ended_on=dt.date(2026, 1, 10))
    CorrespondentFactory(name="年末离任", status=Correspondent.Status.ENDED, ended_on=dt.date(2025, 12, 31))
    assert summary(*YEAR_2025)["correspondents"]["active"] == 2
    # Mid-2025 the two who left later and the one whose term ran to 30 June were all serving; 离任者 had left.
    assert summary(dt.date(2025, 4, 1), dt.date(2025, 6, 30))["correspondents"]["active"] == 4
    # In 2026 the appointment ended in January is over, and the one appointed in February serves.
    assert summary(dt.date(2026, 1, 1), dt.date(2026, 3, 31))["correspondents"]["active"] == 2


def test_wechat_posts_reposts_followers_and_best_rank(year):
    wechat = summary(*YEAR_2025)["wechat"]
    assert (wechat["posts"], wechat["reads"]) == (3, 2300)
    assert wechat["by_kind"] == {"article": 2, "video": 1}
    assert wechat["by_topic"]["rescue"] == 1 and wechat["by_topic"]["fundraising"] == 1
    assert (wechat["reposted_by_provincial"], wechat["reposted_by_headquarters"]) == (1, 1)
    assert wechat["followers"] == 2500
    assert wechat["best_rank"] == 1
    assert wechat["accounts"] == 2


def test_no_statistics_recorded_is_none_not_zero(year):
    wechat = summary(dt.date(2019, 1, 1), dt.date(2019, 12, 31))["wechat"]
    assert wechat["followers"] is None and wechat["best_rank"] is None
    assert wechat["posts"] == 0


def test_news_articles_published(year):
    assert summary(*YEAR_2025)["news_articles"] == 1


def test_the_figures_cost_the_same_queries_for_more_rows(year):
    with CaptureQueriesContext(connection) as small:
        summary(*YEAR_2025)
    for _ in range(15):
        PlacementFactory(story=StoryFactory(correspondents=[CorrespondentFactory()]))
        WeChatPostFactory()
    with CaptureQueriesContext(connection) as large:
        summary(*YEAR_2025)
    assert len(large) == len(small)
