"""The demo city `seed_demo` builds: believable, consistent, and with figures on every front for the last two
years and this one. Seeded once for the module (the `demo` fixture); each test's writes are rolled back."""

import datetime as dt
import re

from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

PLACEHOLDER = re.compile(r"第\d+篇|（演示）|演示数据|\d$")


def test_seed_demo_builds_a_believable_city_once_and_scales(demo, settings):
    from projects.models import Activity, Project, Site
    from publicity.models import Placement, WeChatPost
    from redcross.reports.models import OpeningTotal
    from training.models import Certificate, Registration, Session

    settings.DEBUG = True
    models = (Site, Project, Activity, Session, Registration, Certificate, Placement, WeChatPost, OpeningTotal)
    counts = [model.objects.count() for model in models]
    call_command("seed_demo", verbosity=0)
    assert [model.objects.count() for model in models] == counts
    assert Project.objects.filter(status="completed", fundings__source="provincial").exists()
    assert set(Site.objects.values_list("name", flat=True)) >= {"东湖社区", "西园社区"}

    call_command("seed_demo", scale=2, verbosity=0)
    assert Site.objects.count() == counts[0] * 2
    assert Activity.objects.count() == counts[2] * 2


def test_seed_demo_gives_the_source_report_its_own_figures_for_its_year(demo):
    from redcross.models import BranchProfile
    from redcross.reports import figures, periods
    from training.models import Base

    since = figures.collect(periods.year(2020))["since"]
    assert (since["national"], since["research_articles"], since["provincial_municipal"], since["local"]) == (
        24, 2, 15, 71)
    assert (since["wechat_articles"], since["wechat_videos"]) == (812, 92)
    assert (since["correspondents"], since["bases"], since["standard_bases"]) == (13, 5, 2)
    assert since["followers"] > 2000 and since["best_rank"] == 1
    assert sorted(Base.objects.values_list("position", flat=True)) == ["centre", "east", "north", "south", "west"]
    profile = BranchProfile.load()
    assert profile.wechat_started_on.year == profile.training_started_on.year == 2013
    assert profile.correspondents_started_on == dt.date(2019, 4, 18)


def test_seed_demo_covers_the_last_two_years_and_this_one_on_every_front(demo):
    from projects.models import Activity, FundingLine
    from publicity.models import Article, Placement, WeChatPost
    from redcross.reports import figures, periods

    this_year = timezone.localdate().year
    for year in (this_year - 2, this_year - 1, this_year):
        assert Activity.objects.filter(date__year=year).count() >= 20, year
        assert FundingLine.objects.filter(received_on__year=year).exists(), year
        assert Placement.objects.filter(published_on__year=year).count() >= 50, year
        assert WeChatPost.objects.filter(published_on__year=year).count() >= 80, year
        assert Article.objects.filter(published_at__year=year).count() >= 10, year
    last_year = figures.collect(periods.year(this_year - 1))["current"]
    recorded = ("sites", "bases", "standard_bases", "correspondents", "activities", "participants", "volunteers",
                "volunteer_hours", "beneficiaries", "books", "sessions", "trainees", "certificates",
                "elder_care_trainees", "visits", "visitors", "placements", "national", "provincial_red_cross",
                "research_articles", "local", "wechat_articles", "wechat_videos", "reposts", "followers", "best_rank",
                "news_articles")
    assert [key for key in recorded if not last_year[key]] == []
    assert 1500 <= last_year["trainees"] <= 3500 and 20 <= last_year["sessions"] <= 80
    before = figures.collect(periods.year(this_year - 2))["current"]
    assert last_year["trainees"] > before["trainees"] and last_year["activities"] > before["activities"]


def test_seed_demo_figures_are_consistent(demo):
    from projects.models import Activity, Project
    from publicity.models import Article, Placement, WeChatPost
    from training.models import Certificate, Course, Registration, Session

    today, now = timezone.localdate(), timezone.now()
    passed = Registration.objects.filter(
        session__course__kind=Course.Kind.FIRST_AIDER, session__status=Session.Status.HELD,
        status=Registration.Status.CONFIRMED, attended=True, passed=True,
    )
    assert 0 < Certificate.objects.count() <= passed.count()
    for certificate in Certificate.objects.select_related("session", "course"):
        assert certificate.course.kind == Course.Kind.FIRST_AIDER
        assert passed.filter(session=certificate.session, trainee=certificate.trainee_id).exists()
        assert timezone.localdate(certificate.session.starts_at) <= certificate.issued_on <= today

    sessions = Session.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        attended=Count("registrations", filter=Q(registrations__attended=True)),
    )
    assert not sessions.filter(confirmed__gt=F("seats")).exists()
    assert not sessions.filter(attended__gt=F("confirmed")).exists()
    assert not Session.objects.filter(starts_at__gt=now).exclude(status__in=["planned", "open"]).exists()
    assert Session.objects.filter(starts_at__gt=now, status="open", public_signup=True).exists()
    assert not Registration.objects.filter(created_at__gt=F("session__starts_at")).exists()

    for model, field in ((Activity, "date"), (Placement, "published_on"), (WeChatPost, "published_on"),
                         (Certificate, "issued_on")):
        assert not model.objects.filter(**{f"{field}__gt": today}).exists(), model
    assert not Article.objects.filter(published_at__gt=now).exists()
    for activity in Activity.objects.filter(volunteers__gt=0):
        assert 2 <= activity.volunteer_hours / activity.volunteers <= 4
        assert activity.participants > 0 and activity.beneficiaries > 0
    for project in Project.objects.all():
        received = sum(line.amount for line in project.fundings.all())
        assert sum(line.amount for line in project.spendings.all()) <= received, project


def test_seed_demo_names_and_titles_read_as_real_ones(demo):
    from projects.models import Activity, Site
    from publicity.models import Article, Correspondent, Story, WeChatPost
    from training.models import Session, Trainee

    texts = [
        *Trainee.objects.values_list("name", flat=True), *Correspondent.objects.values_list("name", flat=True),
        *Site.objects.values_list("name", flat=True), *Activity.objects.values_list("title", flat=True),
        *Session.objects.values_list("title", flat=True), *Story.objects.values_list("title", flat=True),
        *WeChatPost.objects.values_list("title", flat=True), *Article.objects.values_list("title", flat=True),
        *Article.objects.values_list("body", flat=True),
    ]
    assert [text for text in texts if PLACEHOLDER.search(text)] == []
    names = Trainee.objects.values_list("name", flat=True)
    assert names.distinct().count() > 0.8 * names.count()
    assert all(2 <= len(name) <= 3 for name in names)
