"""The publicity staff's admin: correspondents, stories and placements, quick placements, news articles."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from publicity.models import (
    Article,
    Correspondent,
    OutletLevel,
    Placement,
    Story,
)
from tests.admin_forms import inline
from tests.publicity.factories import (
    CorrespondentFactory,
    OutletFactory,
    PlacementFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db
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
