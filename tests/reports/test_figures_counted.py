"""A year's, a quarter's and a month's report against figures counted here, one record at a time, from the records
this test made: many on random days, and some at 23:30 on a period's last day and 00:10 on the next one's first."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from publicity.models import OutletLevel
from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.services import report_build
from tests.projects.factories import ActivityFactory, FundingLineFactory, SiteFactory
from tests.publicity.factories import ArticleFactory, OutletFactory, PlacementFactory, WeChatPostFactory
from tests.training.factories import BaseFactory, SessionFactory, at

pytestmark = pytest.mark.django_db
EDGES = ("2024-12-31", "2025-01-01", "2025-03-31", "2025-04-01", "2025-11-30", "2025-12-01", "2025-12-31",
         "2026-01-01")


def moments(draw: random.Random, count: int) -> list[dt.datetime]:
    """China-time moments: 23:30 on each edge's day and 00:10 on it, and `count` more on random days."""
    edges = [at(f"{day} {time}") for day in EDGES for time in ("00:10", "23:30")]
    first = dt.date(2024, 1, 1)
    spread = [at(f"{first + dt.timedelta(days=draw.randrange(760))} {draw.randrange(7, 21):02d}:15")
              for _ in range(count)]
    return edges + spread


@pytest.fixture
def records():
    draw = random.Random(11)  # noqa: S311 - the same records on every run, not a secret
    site = SiteFactory(started_on=dt.date(2023, 1, 1), built_on=dt.date(2023, 6, 1))
    base = BaseFactory(name="人力资源产业园基地")
    outlets = {level: OutletFactory(name=f"{level}媒体", level=level) for level in OutletLevel.values}
    made = {"activities": [], "sessions": [], "placements": [], "articles": [], "posts": [], "money": []}
    for moment in moments(draw, 60):
        day = moment.date()
        made["activities"].append((day, ActivityFactory(site=site, date=day, participants=draw.randrange(5, 90))))
    for moment in moments(draw, 40):
        made["sessions"].append((moment, SessionFactory(base=base, status="held", starts_at=moment,
                                                        headcount=draw.randrange(10, 60), public_signup=False)))
    for moment in moments(draw, 80):
        level = draw.choice(OutletLevel.values)
        made["placements"].append((moment.date(), level, PlacementFactory(outlet=outlets[level],
                                                                          published_on=moment.date())))
    for moment in moments(draw, 30):
        made["articles"].append((moment, ArticleFactory(published_at=moment)))
        made["posts"].append((moment.date(), WeChatPostFactory(published_on=moment.date())))
    for moment in moments(draw, 20):
        amount = Decimal(draw.randrange(1000, 90000))
        made["money"].append((moment.date(), FundingLineFactory(received_on=moment.date(), amount=amount)))
    return made


def counted_here(made: dict, start: dt.date, end: dt.date) -> dict:
    def inside(day):
        return start <= day <= end

    activities = [activity for day, activity in made["activities"] if inside(day)]
    sessions = [session for moment, session in made["sessions"] if inside(moment.date())]
    placements = [(level, placement) for day, level, placement in made["placements"] if inside(day)]
    return {
        "activities": len(activities),
        "participants": sum(activity.participants for activity in activities),
        "sessions": len(sessions),
        "trainees": sum(session.headcount for session in sessions),
        "placements": len(placements),
        "national": sum(level == "national" for level, _ in placements),
        "provincial_red_cross": sum(level == "provincial_red_cross" for level, _ in placements),
        "local": sum(level == "local" for level, _ in placements),
        "news_articles": sum(inside(moment.date()) for moment, _ in made["articles"]),
        "wechat_articles": sum(inside(day) for day, _ in made["posts"]),
        "money_received": float(sum((line.amount for day, line in made["money"] if inside(day)), Decimal(0))),
    }


@pytest.mark.parametrize("period", [periods.year(2025), periods.quarter(2025, 1), periods.month(2025, 12)],
                         ids=["year", "quarter", "month"])
def test_a_reports_figures_are_the_records_of_its_days_in_china(records, period):
    report = report_build(report_id=Report.objects.create(kind=period.kind, start=period.start, end=period.end).pk)
    earlier = period.year_earlier()
    expected_now = counted_here(records, period.start, period.end)
    expected_then = counted_here(records, earlier.start, earlier.end)
    assert {key: report.figures["current"][key] for key in expected_now} == expected_now
    assert {key: report.figures["previous"][key] for key in expected_then} == expected_then
    level_rows = ("national", "headquarters", "provincial_red_cross", "provincial_municipal", "local",
                  "other_placements")
    assert sum(report.figures["current"][key] for key in level_rows) == report.figures["current"]["placements"]
