"""The publicity staff's admin: correspondents, stories and placements, scoring, the leaderboard, news."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from publicity.models import (
    Article,
    Commendation,
    Correspondent,
    OutletLevel,
    Placement,
    ScoringRule,
    ScoringScheme,
    Story,
    StoryKind,
)
from tests.admin_forms import inline
from tests.publicity.factories import (
    CorrespondentFactory,
    OutletFactory,
    PlacementFactory,
    StoryFactory,
    WeChatPostFactory,
)

pytestmark = pytest.mark.django_db
LEADERBOARD = "/admin/publicity/correspondent/leaderboard/"
EXCEL = "/admin/publicity/correspondent/leaderboard/excel/"
QUICK_ADD = "/admin/publicity/placement/quick-add/"


def story_form(**values):
    return {"title": "市红十字会开展应急救护培训进社区活动", "kind": "news", "submitted_on": "2025-03-01",
            "staff_authors": "", "text": "", "attachment": "", "link": "", **values}


def test_a_publicity_officer_enters_a_correspondent_with_a_masked_phone_in_the_list(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/correspondent/add/", {
        "name": "王记者", "kind": "media", "organisation": "示例日报社", "phone": "13812345678", "photo": "",
        "batch": "", "appointed_on": "2019-04-18", "term_ends": "2021-04-17", "status": "active", "ended_on": "",
    })
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    correspondent = Correspondent.objects.get(name="王记者")
    assert (correspondent.phone, correspondent.term_ends) == ("13812345678", dt.date(2021, 4, 17))
    assert correspondent.history.count() == 1

    page = client.get("/admin/publicity/correspondent/").content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page


def test_a_term_ending_before_the_appointment_is_refused(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/correspondent/add/", {
        "name": "王记者", "kind": "media", "organisation": "", "phone": "", "photo": "", "batch": "",
        "appointed_on": "2019-04-18", "term_ends": "2019-01-01", "status": "active", "ended_on": "",
    })
    assert response.status_code == 200
    assert not Correspondent.objects.exists()


def test_an_appointment_ends_with_the_day_it_ended(client, publicity_officer):
    wang = CorrespondentFactory(name="王记者", appointed_on=dt.date(2019, 4, 18))
    client.force_login(publicity_officer)
    url = f"/admin/publicity/correspondent/{wang.pk}/change/"
    form = {"name": "王记者", "kind": "media", "organisation": "示例日报社", "phone": "", "photo": "", "batch": "",
            "appointed_on": "2019-04-18", "term_ends": ""}

    for status, ended_on in [("ended", ""), ("active", "2025-06-30")]:
        response = client.post(url, {**form, "status": status, "ended_on": ended_on})
        assert response.status_code == 200, status
        assert response.context["adminform"].form.errors["__all__"] == [
            "已解聘的通讯员须填写解聘日期，在聘的不填。"], status
    response = client.post(url, {**form, "status": "ended", "ended_on": "2019-01-01"})
    assert response.context["adminform"].form.errors["__all__"] == ["解聘日期不能早于聘任日期。"]
    wang.refresh_from_db()
    assert (wang.status, wang.ended_on) == (Correspondent.Status.ACTIVE, None)

    response = client.post(url, {**form, "status": "ended", "ended_on": "2025-06-30"})
    assert response.status_code == 302
    wang.refresh_from_db()
    assert (wang.status, wang.ended_on) == (Correspondent.Status.ENDED, dt.date(2025, 6, 30))


def test_a_meeting_appoints_several_correspondents_on_its_date(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/appointmentbatch/add/", {
        "meeting": "红十字信息宣传工作座谈会", "date": "2019-04-18", "note": "",
        **inline("correspondents", [
            {"name": "王记者", "kind": "media", "organisation": "示例日报社", "appointed_on": "", "term_ends": "",
             "status": "active", "ended_on": ""},
            {"name": "李志愿", "kind": "volunteer", "organisation": "", "appointed_on": "2019-05-01",
             "term_ends": "", "status": "active", "ended_on": ""},
        ]),
    })
    assert response.status_code == 302
    assert list(Correspondent.objects.order_by("appointed_on").values_list("name", "appointed_on",
                                                                           "batch__meeting")) == [
        ("王记者", dt.date(2019, 4, 18), "红十字信息宣传工作座谈会"),
        ("李志愿", dt.date(2019, 5, 1), "红十字信息宣传工作座谈会"),
    ]


def test_a_story_is_entered_with_two_placements_and_shows_on_its_correspondents_page(client, publicity_officer):
    wang = CorrespondentFactory(name="王记者")
    national = OutletFactory(name="人民网", level=OutletLevel.NATIONAL)
    local = OutletFactory(name="示例日报", level=OutletLevel.LOCAL)
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/story/add/", {
        **story_form(correspondents=[wang.pk]),
        **inline("placements", [
            {"outlet": national.pk, "published_on": "2025-03-05", "where": "https://example.cn/a",
             "reposted_by_headquarters": "on"},
            {"outlet": local.pk, "published_on": "2025-03-06", "where": "第 2 版"},
        ]),
    })
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    story = Story.objects.get()
    assert list(story.correspondents.all()) == [wang]
    assert list(story.placements.order_by("published_on").values_list("outlet__name", "reposted_by_headquarters")) \
        == [("人民网", True), ("示例日报", False)]

    page = client.get(f"/admin/publicity/correspondent/{wang.pk}/change/").content.decode()
    assert story.title in page
    assert "人民网" in page and "示例日报" in page


def test_a_placement_without_an_outlet_is_refused_and_nothing_is_saved(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/story/add/", {
        **story_form(),
        **inline("placements", [{"outlet": "", "published_on": "2025-03-05", "where": "第 2 版"}]),
    })
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["outlet"]
    assert not Story.objects.exists() and not Placement.objects.exists()


def test_a_placement_is_quick_added_by_the_story_title_and_the_form_is_ready_for_the_next(client, publicity_officer):
    story = StoryFactory(title="博爱家园项目落户东湖社区")
    outlet = OutletFactory(name="示例日报")
    client.force_login(publicity_officer)
    assert client.get(QUICK_ADD).status_code == 200

    response = client.post(QUICK_ADD, {"story": "", "story_title": " 博爱家园项目落户东湖社区 ", "outlet": outlet.pk,
                                       "published_on": "2025-03-08", "where": "第 3 版"})
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.story, placement.outlet, placement.published_on, placement.where) == (
        story, outlet, dt.date(2025, 3, 8), "第 3 版")

    next_row = client.get(response.url)
    assert next_row.context["form"].initial == {"story": str(story.pk), "published_on": dt.date(2025, 3, 8)}
    assert "博爱家园项目落户东湖社区" in next_row.content.decode()  # the story kept, and the list of the last entries

    other = OutletFactory(name="省红十字会网站", level=OutletLevel.PROVINCIAL_RED_CROSS)
    response = client.post(QUICK_ADD, {"story": story.pk, "story_title": "", "outlet": other.pk,
                                       "published_on": "2025-03-08"})
    assert response.status_code == 302
    assert Placement.objects.filter(story=story).count() == 2


def test_a_quick_placement_with_an_unknown_title_or_twice_the_same_is_refused(client, publicity_officer):
    story = StoryFactory(title="博爱家园项目落户东湖社区")
    outlet = OutletFactory(name="示例日报")
    PlacementFactory(story=story, outlet=outlet, published_on=dt.date(2025, 3, 8))
    client.force_login(publicity_officer)

    response = client.post(QUICK_ADD, {"story_title": "没有这篇稿件", "outlet": outlet.pk,
                                       "published_on": "2025-03-09"})
    assert response.status_code == 200
    assert response.context["form"].errors["story_title"]

    response = client.post(QUICK_ADD, {"story": story.pk, "outlet": outlet.pk, "published_on": "2025-03-08"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()

    response = client.post(QUICK_ADD, {"story": story.pk, "published_on": "2025-03-09"})
    assert response.status_code == 200
    assert "outlet" in response.context["form"].errors
    assert Placement.objects.count() == 1


def test_two_rules_for_the_same_level_and_kind_are_refused_clearly(client, publicity_officer):
    client.force_login(publicity_officer)
    data = {
        "year": "2025", "repost_headquarters_bonus": "5", "repost_provincial_bonus": "2", "note": "",
        **inline("rules", [
            {"level": "national", "story_kind": "", "points": "10"},
            {"level": "local", "story_kind": "", "points": "2"},
            {"level": "national", "story_kind": "", "points": "8"},
        ]),
    }
    response = client.post("/admin/publicity/scoringscheme/add/", data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors().as_data()
    assert [error.code for error in errors] == ["duplicate_rule"]  # said in words, not as Django's unique check
    assert not ScoringScheme.objects.exists()

    data["rules-2-story_kind"] = "research"
    assert client.post("/admin/publicity/scoringscheme/add/", data).status_code == 302
    assert ScoringRule.objects.count() == 3


@pytest.fixture
def year_of_placements():
    """2025: 王 has a national and a local placement, 李 shares the national one and has a research article."""
    scheme = ScoringScheme.objects.create(year=2025, repost_headquarters_bonus=Decimal("5"))
    for level, kind, points in [(OutletLevel.NATIONAL, "", 10), (OutletLevel.LOCAL, "", 2),
                                (OutletLevel.PROVINCIAL_RED_CROSS, "", 4)]:
        ScoringRule.objects.create(scheme=scheme, level=level, story_kind=kind, points=Decimal(points))
    wang, li, zhang = (CorrespondentFactory(name=name, organisation="示例日报社")
                       for name in ("王记者", "李志愿", "张自媒"))
    national = OutletFactory(name="人民网", level=OutletLevel.NATIONAL)
    local = OutletFactory(name="示例日报", level=OutletLevel.LOCAL)
    system = OutletFactory(name="省红十字会网站", level=OutletLevel.PROVINCIAL_RED_CROSS)
    shared = StoryFactory(correspondents=[wang, li])
    PlacementFactory(story=shared, outlet=national, reposted_by_headquarters=True)  # 15 each
    PlacementFactory(story=StoryFactory(correspondents=[wang]), outlet=local)       # 2
    PlacementFactory(story=StoryFactory(kind=StoryKind.RESEARCH, correspondents=[li]), outlet=system)  # 4
    PlacementFactory(story=StoryFactory(), outlet=local)                             # the staff's own story
    PlacementFactory(story=StoryFactory(correspondents=[zhang]), outlet=national, published_on=dt.date(2024, 6, 1))
    return {"wang": wang, "li": li, "zhang": zhang}


def test_the_leaderboard_ranks_the_years_correspondents(client, publicity_officer, year_of_placements):
    client.force_login(publicity_officer)
    response = client.get(LEADERBOARD, {"year": "2025"})
    assert response.status_code == 200
    assert [(row["rank"], row["name"], row["placements"], row["points"]) for row in response.context["rows"]] == [
        (1, "李志愿", 2, Decimal("19.0")),
        (2, "王记者", 2, Decimal("17.0")),
    ]
    page = response.content.decode()
    assert page.index("李志愿") < page.index("王记者")
    assert "张自媒" not in page
    assert [row["name"] for row in client.get(LEADERBOARD, {"year": "2024"}).context["rows"]] == ["张自媒"]


def test_changing_the_scheme_in_the_admin_moves_the_leaderboard(client, publicity_officer, year_of_placements):
    scheme = ScoringScheme.objects.get(year=2025)
    rules = list(scheme.rules.order_by("pk"))
    client.force_login(publicity_officer)
    response = client.post(f"/admin/publicity/scoringscheme/{scheme.pk}/change/", {
        "year": "2025", "repost_headquarters_bonus": "0", "repost_provincial_bonus": "0", "note": "",
        **inline("rules", [
            {"id": rule.pk, "scheme": scheme.pk, "level": rule.level, "story_kind": rule.story_kind,
             "points": "20" if rule.level == OutletLevel.LOCAL else str(rule.points)}
            for rule in rules
        ], initial=len(rules)),
    })
    assert response.status_code == 302
    board = client.get(LEADERBOARD, {"year": "2025"}).context["rows"]
    assert [(row["name"], row["points"]) for row in board] == [("王记者", Decimal("30.0")), ("李志愿", Decimal("14.0"))]


def test_commending_two_people_from_the_leaderboard_creates_two_commendations_once(
    client, publicity_officer, year_of_placements
):
    wang, li = year_of_placements["wang"], year_of_placements["li"]
    client.force_login(publicity_officer)
    data = {"correspondents": [li.pk, wang.pk], "title": "优秀通讯员", "meeting_on": "2026-03-20"}
    response = client.post(f"{LEADERBOARD}?year=2025", data)
    assert response.status_code == 302
    assert sorted(Commendation.objects.values_list("year", "correspondent__name", "title", "meeting_on")) == [
        (2025, "李志愿", "优秀通讯员", dt.date(2026, 3, 20)),
        (2025, "王记者", "优秀通讯员", dt.date(2026, 3, 20)),
    ]
    assert client.post(f"{LEADERBOARD}?year=2025", data).status_code == 302
    assert Commendation.objects.count() == 2
    assert client.get(LEADERBOARD, {"year": "2025"}).context["rows"][0]["commendations"] == "优秀通讯员"


def test_only_people_on_the_years_leaderboard_can_be_commended(client, publicity_officer, year_of_placements):
    client.force_login(publicity_officer)
    response = client.post(f"{LEADERBOARD}?year=2025", {"correspondents": [year_of_placements["zhang"].pk],
                                                        "title": "优秀通讯员", "meeting_on": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["correspondents"]
    response = client.post(f"{LEADERBOARD}?year=2025", {"title": "优秀通讯员", "meeting_on": ""})
    assert response.context["form"].errors["correspondents"]
    assert not Commendation.objects.exists()


def test_the_excel_export_counts_the_years_placements_by_level_and_by_correspondent(
    client, publicity_officer, year_of_placements
):
    client.force_login(publicity_officer)
    response = client.get(EXCEL, {"year": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    by_level, by_person = workbook.worksheets
    assert by_level.freeze_panes == "A2" and by_person.freeze_panes == "A2"

    rows = list(by_level.values)
    assert len(rows[0]) == len(StoryKind) + 2
    totals = {level: row[-1] for level, row in zip(OutletLevel, rows[1:], strict=False)}
    assert totals == {OutletLevel.NATIONAL: 1, OutletLevel.HEADQUARTERS: 0, OutletLevel.PROVINCIAL: 0,
                      OutletLevel.PROVINCIAL_RED_CROSS: 1, OutletLevel.PREFECTURE: 0, OutletLevel.LOCAL: 2,
                      OutletLevel.OTHER: 0}
    research = 1 + list(StoryKind).index(StoryKind.RESEARCH)
    assert rows[1 + list(OutletLevel).index(OutletLevel.PROVINCIAL_RED_CROSS)][research] == 1
    assert rows[-1][-1] == 4  # the total row

    people = list(by_person.values)
    national, local = (3 + list(OutletLevel).index(level) for level in (OutletLevel.NATIONAL, OutletLevel.LOCAL))
    assert [(row[0], row[1], row[national], row[local], row[-2], row[-1]) for row in people[1:]] == [
        (1, "李志愿", 1, 0, 2, 19),
        (2, "王记者", 1, 1, 2, 17),
    ]
    assert isinstance(people[1][-2], int)


def test_a_training_officer_cannot_open_the_publicity_admin(client, training_officer, year_of_placements):
    client.force_login(training_officer)
    for url in ["/admin/publicity/correspondent/", "/admin/publicity/story/add/", LEADERBOARD, EXCEL, QUICK_ADD,
                "/admin/publicity/wechatpost/import/", "/admin/publicity/wechatpost/export/",
                "/admin/publicity/article/"]:
        assert client.get(url).status_code == 403, url
    story = Story.objects.first()
    response = client.post(QUICK_ADD, {"story": story.pk, "outlet": story.placements.first().outlet_id,
                                       "published_on": "2025-12-01"})
    assert response.status_code == 403
    assert client.post(f"{LEADERBOARD}?year=2025", {
        "correspondents": [year_of_placements["wang"].pk], "title": "优秀通讯员", "meeting_on": ""}).status_code == 403
    assert Placement.objects.count() == 5 and not Commendation.objects.exists()


def test_leadership_sees_the_publicity_admin_but_cannot_change_it(client, leader, year_of_placements):
    wang = year_of_placements["wang"]
    wang.phone = "13812345678"
    wang.save()
    WeChatPostFactory()
    client.force_login(leader)
    for url in ["/admin/publicity/correspondent/", "/admin/publicity/story/", "/admin/publicity/placement/",
                "/admin/publicity/wechatpost/", "/admin/publicity/article/", LEADERBOARD, EXCEL]:
        assert client.get(url).status_code == 200, url
    wang.phone = "13912345678"
    wang.save()
    history = wang.history.order_by("history_id").last()
    page_of_wang = f"/admin/publicity/correspondent/{wang.pk}/"
    for url in [f"{page_of_wang}change/", f"{page_of_wang}history/", f"{page_of_wang}history/{history.history_id}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "139****5678" in page and "13912345678" not in page and "13812345678" not in page, url

    for url in ["/admin/publicity/story/add/", QUICK_ADD, "/admin/publicity/wechatpost/import/"]:
        assert client.get(url).status_code == 403, url
    response = client.post(f"/admin/publicity/correspondent/{wang.pk}/change/", {
        "name": "改名", "kind": "media", "organisation": "", "phone": "", "photo": "", "batch": "",
        "appointed_on": "2019-04-18", "term_ends": "", "status": "ended", "ended_on": "2025-12-31",
    })
    assert response.status_code == 403
    response = client.post(f"{LEADERBOARD}?year=2025", {"correspondents": [wang.pk], "title": "优秀通讯员",
                                                        "meeting_on": ""})
    assert response.status_code == 403
    wang.refresh_from_db()
    assert wang.name == "王记者"
    assert not Commendation.objects.exists()


def jpeg(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_an_article_records_its_author_account_and_shows_the_address_of_its_images(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/article/add/", {
        "title": "我会举办救护员培训班", "category": "training", "summary": "", "cover": "",
        "body": "<p>正文</p>", "author": "宣传科", "published_at_0": "2025-05-01",
        "published_at_1": "09:00:00", "published": "on", "activity": "", "session": "", "project": "",
        **inline("images", [{"image": jpeg("现场.jpg"), "caption": "培训现场"}]),
    })
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    article = Article.objects.get()
    assert article.created_by == publicity_officer
    image = article.images.get()

    page = client.get(reverse("admin:publicity_article_change", args=[article.pk])).content.decode()
    assert image.image.url in page
