"""The demo city's year, quarter and month reports against its records counted here one by one, with a record
at 23:30 on the period's last day and one at 00:10 on the next day's. The city is seeded once for the module (the
`demo` fixture); each test's own records are rolled back after it."""

import datetime as dt

import pytest
from django.utils import timezone

from projects.models import Activity
from publicity.models import Article, Placement, WeChatPost
from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.services import report_build
from tests.projects.factories import ActivityFactory, SiteFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import SessionFactory, at
from training.models import Session


@pytest.mark.parametrize("period", [periods.year(2025), periods.quarter(2025, 4), periods.month(2025, 10)],
                         ids=["year", "quarter", "month"])
def test_the_demo_citys_report_is_its_records_counted_one_by_one(demo, period):
    site = SiteFactory(started_on=dt.date(2023, 1, 1), built_on=dt.date(2023, 6, 1))
    for moment in (at(f"{period.end} 23:30"), at(f"{period.end + dt.timedelta(days=1)} 00:10")):
        ActivityFactory(site=site, date=moment.date(), participants=17)
        SessionFactory(status="held", starts_at=moment, headcount=23, public_signup=False)
        ArticleFactory(published_at=moment)

    def inside(day):
        return period.start <= day <= period.end

    held = [session for session in Session.objects.prefetch_related("registrations")
            if session.status == "held" and inside(timezone.localtime(session.starts_at).date())]
    activities = [activity for activity in Activity.objects.all() if inside(activity.date)]
    expected = {
        "activities": len(activities),
        "participants": sum(activity.participants for activity in activities),
        "sessions": len(held),
        "trainees": sum(sum(r.attended for r in session.registrations.all()) or session.headcount or 0
                        for session in held),
        "placements": sum(inside(placement.published_on) for placement in Placement.objects.all()),
        "wechat_articles": sum(inside(post.published_on) and post.kind == "article"
                               for post in WeChatPost.objects.all()),
        "news_articles": sum(article.published and article.published_at is not None
                             and inside(timezone.localtime(article.published_at).date())
                             for article in Article.objects.all()),
    }
    report = report_build(report_id=Report.objects.create(kind=period.kind, start=period.start, end=period.end).pk)
    assert {key: report.figures["current"][key] for key in expected} == expected
    assert all(expected.values())
