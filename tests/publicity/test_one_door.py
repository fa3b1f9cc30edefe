"""One door for every write: the publicity admin's forms, inlines and pages obey the services' rules, and a news
article links only to what the owning app lets a citizen open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from publicity import services
from publicity.models import (
    AppointmentBatch,
    Commendation,
    Correspondent,
    Placement,
    ScoringRule,
    ScoringScheme,
    Story,
)
from tests.admin_forms import inline
from tests.pages import queries_for
from tests.projects.factories import ActivityFactory, ProjectFactory, SiteFactory
from tests.publicity.factories import (
    ArticleFactory,
    CorrespondentFactory,
    OutletFactory,
    PlacementFactory,
    StoryFactory,
)
from tests.training.factories import BaseFactory, SessionFactory
from training.models import Session

pytestmark = pytest.mark.django_db
COMMENDATION_ADD = "/admin/publicity/commendation/add/"
LEADERBOARD = "/admin/publicity/correspondent/leaderboard/"
MEETING_TOO_EARLY = "2025年度通讯员的表彰会议应在2025年或之后召开。"
ALREADY_PLACED = "该稿件当天在该媒体的用稿已登记。"


def story_form(story: Story | None = None, **values) -> dict:
    return {"title": story.title if story else "红十字志愿者走进西园社区", "kind": "news",
            "submitted_on": "2025-03-01", "staff_authors": "", "text": "", "attachment": "", "link": "", **values}


# Commendations


def test_a_commendation_entered_by_hand_before_its_year_is_refused_next_to_the_meeting_date(
    client, publicity_officer
):
    wang = CorrespondentFactory(name="王记者")
    client.force_login(publicity_officer)
    form = {"year": "2025", "correspondent": wang.pk, "title": "优秀通讯员", "meeting_on": "2024-12-20"}
    response = client.post(COMMENDATION_ADD, form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["meeting_on"] == [MEETING_TOO_EARLY]
    assert MEETING_TOO_EARLY in response.content.decode()
    assert not Commendation.objects.exists()

    assert client.post(COMMENDATION_ADD, {**form, "meeting_on": "2026-03-20"}).status_code == 302
    assert list(Commendation.objects.values_list("year", "correspondent__name", "meeting_on")) == [
        (2025, "王记者", dt.date(2026, 3, 20))]


def test_a_commendation_cannot_be_moved_before_its_year_on_its_page(client, publicity_officer):
    commendation = Commendation.objects.create(year=2025, correspondent=CorrespondentFactory(),
                                               meeting_on=dt.date(2026, 3, 20))
    client.force_login(publicity_officer)
    response = client.post(f"/admin/publicity/commendation/{commendation.pk}/change/", {
        "year": "2025", "correspondent": commendation.correspondent_id, "title": "优秀通讯员",
        "meeting_on": "2025-01-01", "_save": "1",
    })
    assert response.status_code == 302
    response = client.post(f"/admin/publicity/commendation/{commendation.pk}/change/", {
        "year": "2026", "correspondent": commendation.correspondent_id, "title": "优秀通讯员",
        "meeting_on": "2025-01-01",
    })
    assert response.status_code == 200
    assert "2026年度通讯员的表彰会议应在2026年或之后召开。" in response.content.decode()
    commendation.refresh_from_db()
    assert (commendation.year, commendation.meeting_on) == (2025, dt.date(2025, 1, 1))


def test_the_leaderboard_refuses_the_same_early_meeting_and_commends_with_a_right_one(client, publicity_officer):
    wang = CorrespondentFactory(name="王记者")
    PlacementFactory(story=StoryFactory(correspondents=[wang]), published_on=dt.date(2025, 3, 5))
    client.force_login(publicity_officer)
    data = {"correspondents": [wang.pk], "title": "优秀通讯员", "meeting_on": "2024-12-20"}
    response = client.post(f"{LEADERBOARD}?year=2025", data)
    assert response.status_code == 200
    assert response.context["form"].errors["meeting_on"] == [MEETING_TOO_EARLY]
    assert not Commendation.objects.exists()

    assert client.post(f"{LEADERBOARD}?year=2025", {**data, "meeting_on": "2026-03-20"}).status_code == 302
    assert Commendation.objects.get().correspondent == wang


# Placements


def test_a_placement_entered_on_the_storys_page_is_written_by_the_service(client, publicity_officer, monkeypatch):
    written = []
    placement_save = services.placement_save

    def spy(*, placement):
        written.append(placement.where)
        return placement_save(placement=placement)

    monkeypatch.setattr(services, "placement_save", spy)
    outlet = OutletFactory(name="示例日报")
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/story/add/", {
        **story_form(),
        **inline("placements", [{"outlet": outlet.pk, "published_on": "2025-03-05", "where": "第 2 版"}]),
    })
    assert response.status_code == 302
    assert written == ["第 2 版"]
    assert Placement.objects.get().story.title == "红十字志愿者走进西园社区"


def test_a_placement_already_recorded_is_refused_with_a_message_on_either_page(client, publicity_officer):
    placement = PlacementFactory(outlet=OutletFactory(name="示例日报"), published_on=dt.date(2025, 3, 5))
    story = placement.story
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/placement/add/", {
        "story": story.pk, "outlet": placement.outlet_id, "published_on": "2025-03-05", "where": "第 3 版",
    })
    assert response.status_code == 200
    assert ALREADY_PLACED in response.content.decode()

    response = client.post(f"/admin/publicity/story/{story.pk}/change/", {
        **story_form(story),
        **inline("placements", [
            {"id": placement.pk, "story": story.pk, "outlet": placement.outlet_id, "published_on": "2025-03-05",
             "where": ""},
            {"story": story.pk, "outlet": placement.outlet_id, "published_on": "2025-03-05", "where": "第 3 版"},
        ], initial=1),
    })
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert list(Placement.objects.values_list("pk", "where")) == [(placement.pk, "")]


def test_a_refusal_that_comes_only_when_saving_undoes_the_whole_story_and_is_shown(
    client, publicity_officer, monkeypatch
):
    def refuse(*, placement):
        raise ValidationError("该稿件当天在该媒体的用稿已登记。")

    monkeypatch.setattr(services, "placement_save", refuse)
    outlet = OutletFactory(name="示例日报")
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/story/add/", {
        **story_form(),
        **inline("placements", [{"outlet": outlet.pk, "published_on": "2025-03-05", "where": ""}]),
    }, follow=True)
    assert response.status_code == 200
    assert ALREADY_PLACED in [str(message) for message in response.context["messages"]]
    assert not Story.objects.exists() and not Placement.objects.exists()


def test_a_placement_changed_on_its_own_page_goes_through_the_service(client, publicity_officer, monkeypatch):
    placement = PlacementFactory(where="")
    calls = []
    placement_save = services.placement_save
    monkeypatch.setattr(services, "placement_save",
                        lambda *, placement: calls.append(placement.pk) or placement_save(placement=placement))
    client.force_login(publicity_officer)
    response = client.post(f"/admin/publicity/placement/{placement.pk}/change/", {
        "story": placement.story_id, "outlet": placement.outlet_id, "published_on": "2025-03-06",
        "where": "第 4 版", "reposted_by_headquarters": "on",
    })
    assert response.status_code == 302
    assert calls == [placement.pk]
    placement.refresh_from_db()
    assert (placement.published_on, placement.where, placement.reposted_by_headquarters) == (
        dt.date(2025, 3, 6), "第 4 版", True)


# Correspondents, scoring


def test_a_meeting_cannot_appoint_a_correspondent_whose_term_ends_before_the_meeting(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/appointmentbatch/add/", {
        "meeting": "红十字信息宣传工作座谈会", "date": "2019-04-18", "note": "",
        **inline("correspondents", [{"name": "王记者", "kind": "media", "organisation": "", "appointed_on": "",
                                     "term_ends": "2019-01-01", "status": "active", "ended_on": ""}]),
    })
    assert response.status_code == 200
    assert "聘期结束日须晚于聘任日期。" in str(response.context["inline_admin_formsets"][0].formset.errors)
    assert not AppointmentBatch.objects.exists() and not Correspondent.objects.exists()


def test_a_correspondents_past_version_is_shown_but_never_put_back(client, publicity_officer):
    wang = CorrespondentFactory(name="王记者", phone="13812345678")
    wang.phone = "13912345678"
    wang.save()
    first = wang.history.order_by("history_id").first()
    client.force_login(publicity_officer)
    url = f"/admin/publicity/correspondent/{wang.pk}/history/{first.history_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "王记者", "kind": "media", "organisation": "", "phone": "13812345678",
                                 "photo": "", "batch": "", "appointed_on": "2019-04-18", "term_ends": "",
                                 "status": "active", "ended_on": ""})
    assert response.status_code == 403
    wang.refresh_from_db()
    assert wang.phone == "13912345678"


def test_a_rule_replaced_in_one_save_keeps_one_rule_per_level(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/scoringscheme/add/", {
        "year": "2025", "repost_headquarters_bonus": "0", "repost_provincial_bonus": "0", "note": "",
        **inline("rules", [{"level": "national", "story_kind": "", "points": "10"}]),
    })
    assert response.status_code == 302
    rule = ScoringRule.objects.get()
    response = client.post(f"/admin/publicity/scoringscheme/{rule.scheme_id}/change/", {
        "year": "2025", "repost_headquarters_bonus": "0", "repost_provincial_bonus": "0", "note": "",
        **inline("rules", [
            {"id": rule.pk, "scheme": rule.scheme_id, "level": "national", "story_kind": "", "points": "10",
             "DELETE": "on"},
            {"scheme": rule.scheme_id, "level": "national", "story_kind": "", "points": "12"},
        ], initial=1),
    })
    assert response.status_code == 302
    assert list(ScoringRule.objects.values_list("level", "points")) == [("national", 12)]


def test_the_service_refuses_a_second_rule_for_the_same_level_and_kind():
    rule = ScoringRule(level="national", story_kind="", points=10)
    services.scoring_rules_save(scheme=services.scoring_scheme_save(scheme=ScoringScheme(year=2025)), rules=[rule])
    with pytest.raises(ValidationError) as refused:
        services.scoring_rules_save(scheme=rule.scheme, rules=[ScoringRule(level="national", story_kind="",
                                                                           points=8)])
    assert refused.value.error_list[0].code == "duplicate_rule"
    assert ScoringRule.objects.count() == 1


# News: links asked of the owning apps


def related_of(client, article) -> str:
    page = client.get(article.get_absolute_url()).content.decode()
    return page.split('<aside class="related">', 1)[1].split("</aside>", 1)[0] if 'class="related"' in page else ""


@pytest.mark.parametrize("make", [
    lambda: {"activity": ActivityFactory(title="未发布的活动", published=False)},
    lambda: {"activity": ActivityFactory(title="未发布家园的活动", site=SiteFactory(published=False))},
    lambda: {"session": SessionFactory(title="未发布基地的培训班", base=BaseFactory(published=False))},
    lambda: {"session": SessionFactory(title="筹备中的培训班", status=Session.Status.PLANNED)},
    lambda: {"session": SessionFactory(title="不公开报名的培训班", public_signup=False)},
    lambda: {"project": ProjectFactory(title="未公开的项目", published=False)},
], ids=["unpublished activity", "activity of an unpublished site", "session at an unpublished base",
        "planned session", "session without public sign-up", "unpublished project"])
def test_an_article_names_nothing_a_citizen_cannot_open(client, make):
    related = make()
    article = ArticleFactory(**related)
    record = next(iter(related.values()))
    page = client.get(article.get_absolute_url()).content.decode()
    assert getattr(record, "title", "") not in page
    if hasattr(record, "get_absolute_url"):
        assert record.get_absolute_url() not in page
    assert 'class="related"' not in page


def test_an_article_links_to_the_public_activity_and_session_and_names_the_public_project(client):
    activity = ActivityFactory(title="慰问老兵活动")
    session = SessionFactory(title="周末应急救护普及班")
    project = ProjectFactory(title="东湖社区博爱家园建设项目")
    article = ArticleFactory(activity=activity, session=session, project=project)
    related = related_of(client, article)
    assert f'<a href="{activity.get_absolute_url()}">慰问老兵活动</a>' in related
    assert f'<a href="{session.get_absolute_url()}">周末应急救护普及班</a>' in related
    assert "<li>东湖社区博爱家园建设项目</li>" in related
    for url in (activity.get_absolute_url(), session.get_absolute_url()):
        assert client.get(url).status_code == 200, url


def test_the_related_links_cost_at_most_one_query_each(client):
    alone = ArticleFactory()
    linked = ArticleFactory(activity=ActivityFactory(), session=SessionFactory(), project=ProjectFactory())
    assert queries_for(client, linked.get_absolute_url()) <= queries_for(client, alone.get_absolute_url()) + 3
