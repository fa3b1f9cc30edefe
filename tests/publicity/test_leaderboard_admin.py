"""The publicity staff's scoring: the scheme's rules, the year's leaderboard, commendations and its Excel file,
and who may open them."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from publicity import services
from publicity.models import (
    Commendation,
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
    scheme = services.scoring_scheme_save(scheme=ScoringScheme(year=2025, repost_headquarters_bonus=Decimal("5")))
    services.scoring_rules_save(scheme=scheme, rules=[
        ScoringRule(scheme=scheme, level=level, story_kind=kind, points=Decimal(points))
        for level, kind, points in [(OutletLevel.NATIONAL, "", 10), (OutletLevel.LOCAL, "", 2),
                                    (OutletLevel.PROVINCIAL_RED_CROSS, "", 4)]
    ])
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
    services.correspondent_save(correspondent=wang)
    WeChatPostFactory()
    client.force_login(leader)
    for url in ["/admin/publicity/correspondent/", "/admin/publicity/story/", "/admin/publicity/placement/",
                "/admin/publicity/wechatpost/", "/admin/publicity/article/", LEADERBOARD, EXCEL]:
        assert client.get(url).status_code == 200, url
    wang.phone = "13912345678"
    services.correspondent_save(correspondent=wang)
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
