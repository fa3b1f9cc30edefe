"""Figures as of the period they describe: later changes leave a finished period alone, late entries mark its report
out of date, and a period not yet over is counted to the day its data is taken."""

import datetime as dt

import pytest
from django.utils import timezone
from docx import Document

from projects.models import Facility, FacilityKind, Site
from publicity.models import Correspondent, OutletLevel
from redcross.models import BranchProfile
from redcross.reports import figures, labels, periods
from redcross.reports.models import OpeningTotal, Report
from redcross.reports.services import report_build
from tests.projects.factories import ActivityFactory, FacilityFactory, SiteFactory
from tests.publicity.factories import CorrespondentFactory, OutletFactory, PlacementFactory
from tests.training.factories import BaseFactory, SessionFactory, at

pytestmark = pytest.mark.django_db
STATES = ("sites", "sites_built", "facilities_in_service", "correspondents", "bases", "standard_bases")


def built(report_period) -> Report:
    report = Report.objects.create(kind=report_period.kind, start=report_period.start, end=report_period.end)
    return report_build(report_id=report.pk)


@pytest.fixture
def city_in_2025():
    kind = FacilityKind.objects.get(name="博爱书屋")
    east = SiteFactory(name="东湖社区", started_on=dt.date(2023, 5, 1), built_on=dt.date(2024, 6, 1))
    SiteFactory(name="西园社区", status=Site.Status.PILOT, started_on=dt.date(2025, 3, 1), built_on=None)
    FacilityFactory(site=east, kind=kind, name="博爱书屋", opened_on=dt.date(2024, 6, 1))
    FacilityFactory(site=east, kind=kind, name="博爱小超市", opened_on=dt.date(2025, 9, 1))
    CorrespondentFactory(name="张敏", appointed_on=dt.date(2019, 4, 18))
    CorrespondentFactory(name="李强", appointed_on=dt.date(2025, 4, 18))
    BaseFactory(name="气象科普园基地", opened_on=dt.date(2019, 12, 20), standardised=True,
                standardised_since=dt.date(2019, 12, 20))
    BaseFactory(name="市一中教室", opened_on=dt.date(2015, 9, 1))
    ActivityFactory(site=east, date=dt.date(2025, 10, 9), participants=40)
    return periods.year(2025)


def test_a_finished_years_figures_stay_when_the_city_changes_afterwards(
    city_in_2025, django_capture_on_commit_callbacks
):
    first = built(city_in_2025)
    assert [first.figures["current"][key] for key in STATES] == [2, 1, 2, 2, 2, 1]

    with django_capture_on_commit_callbacks(execute=True):
        east = Site.objects.get(name="东湖社区")
        east.status, east.closed_on = Site.Status.CLOSED, dt.date(2026, 3, 1)
        east.save()
        Site.objects.filter(name="西园社区").update(status=Site.Status.BUILT, built_on=dt.date(2026, 5, 1))
        Facility.objects.filter(name="博爱书屋").update(retired_on=dt.date(2026, 2, 1))
        Correspondent.objects.filter(name="张敏").update(status="ended", ended_on=dt.date(2026, 4, 18))
        base = BaseFactory(name="气象科普园基地")
        base.standardised, base.standardised_until = False, dt.date(2026, 6, 1)
        base.save()
        SiteFactory(name="北苑社区", started_on=dt.date(2026, 1, 5), built_on=dt.date(2026, 6, 1))
        ActivityFactory(site=east, date=dt.date(2026, 1, 1), participants=99)

    again = built(city_in_2025)
    assert again.figures["current"] == first.figures["current"]
    assert again.figures["previous"] == first.figures["previous"]
    first.refresh_from_db()
    assert first.out_of_date_since is None  # nothing dated in 2025 or before changed


def test_the_state_of_a_later_period_reads_the_changes(city_in_2025):
    Site.objects.filter(name="东湖社区").update(status=Site.Status.CLOSED, closed_on=dt.date(2026, 3, 1))
    Facility.objects.filter(name="博爱小超市").update(retired_on=dt.date(2026, 2, 1))
    data = figures.collect(periods.month(2026, 3), at("2026-04-02 09:00"))
    assert (data["current"]["sites"], data["current"]["facilities_in_service"]) == (1, 1)
    assert (data["previous"]["sites"], data["previous"]["sites_built"]) == (2, 1)  # March 2025: 西园 a pilot


def test_a_late_entry_marks_the_report_out_of_date_and_one_click_makes_a_new_version(
    city_in_2025, django_capture_on_commit_callbacks, client, leader
):
    report = built(city_in_2025)
    with django_capture_on_commit_callbacks(execute=True):
        east = Site.objects.get(name="东湖社区")
        ActivityFactory(site=east, date=dt.date(2026, 1, 2))  # after the period: the report stays true
    report.refresh_from_db()
    assert report.out_of_date_since is None

    with django_capture_on_commit_callbacks(execute=True):
        ActivityFactory(site=east, date=dt.date(2025, 12, 31), participants=7)  # entered late, dated in the period
    report.refresh_from_db()
    assert report.out_of_date_since is not None

    client.force_login(leader)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "数据已过时" in page and "重新生成" in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/reports/{report.pk}/renew/")
    new = Report.objects.exclude(pk=report.pk).get()
    assert response.url == new.get_absolute_url()
    report_build(report_id=new.pk)
    assert client.get(f"/reports/{report.pk}/docx/").status_code == 200  # the earlier version stays
    assert "该期间已有更新的版本" in client.get(report.get_absolute_url()).content.decode()


def test_moving_a_record_out_of_a_period_marks_that_periods_report(django_capture_on_commit_callbacks):
    activity = ActivityFactory(date=dt.date(2025, 6, 1))
    report = built(periods.month(2025, 6))
    with django_capture_on_commit_callbacks(execute=True):
        activity.date = dt.date(2025, 8, 1)
        activity.save()
    report.refresh_from_db()
    assert report.out_of_date_since is not None


def test_an_open_period_is_counted_to_the_day_its_data_is_taken_and_says_so():
    now = timezone.localtime()
    this_year = periods.year(now.year)
    SessionFactory(status="held", starts_at=now - dt.timedelta(days=1), headcount=12)
    SessionFactory(status="held", starts_at=now + dt.timedelta(days=21), headcount=30)  # marked held too early
    report = built(this_year)
    data = report.figures
    assert data["period"]["open"] and data["period"]["counted_to"] == now.date().isoformat()
    assert data["current"]["trainees"] == 12
    text = "\n".join(p.text for p in Document(report.docx.path).paragraphs)
    assert f"截至{now.year}年{now.month}月{now.day}日" in text and f"截至{now.year}年12月31日" not in text
    assert "尚未结束" in text.splitlines()[1]
    assert f"（截至{now:%Y%m%d}）" in labels.download_name(report, "pdf")


def test_opening_totals_count_once_and_the_start_dates_say_since_when(django_capture_on_commit_callbacks):
    profile = BranchProfile.load()
    profile.correspondents_started_on, profile.wechat_started_on = dt.date(2019, 4, 18), dt.date(2013, 6, 1)
    profile.save()
    OpeningTotal.objects.create(figure="national", value=24, as_of=dt.date(2020, 11, 26))
    OpeningTotal.objects.create(figure="sites", value=3, as_of=dt.date(2020, 11, 26))
    national = OutletFactory(name="人民网", level=OutletLevel.NATIONAL)
    PlacementFactory(outlet=national, published_on=dt.date(2020, 6, 1))  # already in the opening total
    PlacementFactory(outlet=national, published_on=dt.date(2025, 6, 1))
    PlacementFactory(outlet=national, published_on=dt.date(2018, 6, 1))  # before the team: never counted
    SiteFactory(started_on=dt.date(2025, 2, 1), built_on=dt.date(2025, 5, 1))

    report = built(periods.year(2025))
    since, current = report.figures["since"], report.figures["current"]
    assert since["national"] == 25 and current["national"] == 1
    assert current["sites"] == since["sites"] == 4
    text = "\n".join(p.text for p in Document(report.docx.path).paragraphs)
    assert "自2019年4月特约通讯员队伍成立以来，我会在国家级媒体用稿25条" in text
    assert "我会共有博爱家园及项目站点4处（由2024年的3处增至4处）" in text

    with django_capture_on_commit_callbacks(execute=True):
        total = OpeningTotal.objects.get(figure="national")
        total.value = 30
        total.save()
    report.refresh_from_db()
    assert report.out_of_date_since is not None
