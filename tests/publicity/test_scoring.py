import datetime as dt
from decimal import Decimal

import pytest

from publicity.models import OutletLevel, ScoringRule, ScoringScheme, StoryKind
from publicity.scoring import leaderboard
from tests.publicity.factories import CorrespondentFactory, OutletFactory, PlacementFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme():
    scheme = ScoringScheme.objects.create(year=2025, repost_headquarters_bonus=Decimal("5"),
                                          repost_provincial_bonus=Decimal("2"))
    for level, kind, points in [(OutletLevel.NATIONAL, "", 10), (OutletLevel.LOCAL, "", 2),
                                (OutletLevel.PROVINCIAL_RED_CROSS, StoryKind.RESEARCH, 8),
                                (OutletLevel.PROVINCIAL_RED_CROSS, "", 4)]:
        ScoringRule.objects.create(scheme=scheme, level=level, story_kind=kind, points=Decimal(points))
    return scheme


def test_the_leaderboard_scores_placements_by_level_kind_and_reposts(scheme):
    wang, li, zhang = (CorrespondentFactory(name=name) for name in ("王记者", "李志愿", "张自媒"))
    national = OutletFactory(name="人民网", level=OutletLevel.NATIONAL)
    local = OutletFactory(name="示例日报", level=OutletLevel.LOCAL)
    system = OutletFactory(name="省红十字会网站", level=OutletLevel.PROVINCIAL_RED_CROSS)

    shared = StoryFactory(correspondents=[wang, li])
    PlacementFactory(story=shared, outlet=national, reposted_by_headquarters=True)   # 10 + 5 each
    PlacementFactory(story=shared, outlet=local)                                     # 2 each
    research = StoryFactory(kind=StoryKind.RESEARCH, correspondents=[zhang])
    PlacementFactory(story=research, outlet=system, reposted_by_provincial=True)     # 8 + 2
    PlacementFactory(story=StoryFactory(correspondents=[li]), outlet=system)         # 4
    PlacementFactory(story=StoryFactory(correspondents=[zhang]), outlet=national,
                     published_on=dt.date(2024, 12, 31))                              # other year
    PlacementFactory(story=StoryFactory(), outlet=national)                          # staff story

    board = leaderboard(2025)
    assert [(row["rank"], row["name"], row["placements"], row["points"]) for row in board] == [
        (1, "李志愿", 3, Decimal("21.0")),
        (2, "王记者", 2, Decimal("17.0")),
        (3, "张自媒", 1, Decimal("10.0")),
    ]
    assert [row["name"] for row in leaderboard(2025, limit=1)] == ["李志愿"]


def test_without_a_scheme_placements_are_counted_but_score_nothing():
    PlacementFactory(story=StoryFactory(correspondents=[CorrespondentFactory(name="王记者")]))
    assert [(row["name"], row["placements"], row["points"]) for row in leaderboard(2025)] == [
        ("王记者", 1, Decimal("0.0"))
    ]


def test_changing_the_scheme_recomputes_the_leaderboard(scheme):
    PlacementFactory(story=StoryFactory(correspondents=[CorrespondentFactory(name="王记者")]),
                     outlet=OutletFactory(level=OutletLevel.LOCAL))
    assert leaderboard(2025)[0]["points"] == Decimal("2.0")
    ScoringRule.objects.filter(scheme=scheme, level=OutletLevel.LOCAL).update(points=Decimal("3.5"))
    assert leaderboard(2025)[0]["points"] == Decimal("3.5")
