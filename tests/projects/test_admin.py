import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from projects.models import (
    Activity,
    Facility,
    FacilityKind,
    FundingLine,
    PositionKind,
    Project,
    Site,
    SpendingLine,
)
from tests.admin_forms import empty_inlines, inline
from tests.projects.factories import ProjectFactory, SiteFactory
from tests.spreadsheets import xlsx

pytestmark = pytest.mark.django_db
PROJECT_INLINES = ("fundings", "spendings", "attachments", "transitions")


def site_form(**values):
    return {
        "name": "东湖社区", "kind": "community", "status": "pilot", "started_on": "2024-05-01", "built_on": "",
        "closed_on": "", "published": "on", "community": "东湖社区", "town": "城东街道", "address": "东湖路 8 号",
        "latitude": "", "longitude": "", "partners": "东湖社区居委会", "description": "",
        "position_kind": PositionKind.objects.get(name="博爱家园").pk, **values,
    }


def project_form(**values):
    return {"title": "红十字助老活动中心", "kind": "elderly_care", "year": "2025", "funding": "applied_upward",
            "published": "on", "description": "", "budget": "140000.00", **values}


def test_a_projects_officer_enters_a_site_with_its_facilities(client, projects_officer):
    client.force_login(projects_officer)
    data = {
        **site_form(),
        **inline("facilities", [
            {"kind": FacilityKind.objects.get(name="博爱广场").pk, "name": "博爱广场", "opened_on": "2025-03-01",
             "area": "1200", "opening_hours": "全天开放", "retired_on": ""},
            {"kind": FacilityKind.objects.get(name="博爱书屋").pk, "name": "博爱书屋", "opened_on": "2025-03-01",
             "area": "60.5", "opening_hours": "周一至周五 8:30-17:00", "retired_on": "2025-10-08"},
        ]),
        **empty_inlines("photos"),
    }
    response = client.post("/admin/projects/site/add/", data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    site = Site.objects.get(name="东湖社区")
    assert site.started_on == dt.date(2024, 5, 1)
    assert list(site.facilities.values_list("name", "area", "retired_on")) == [
        ("博爱广场", Decimal("1200.00"), None), ("博爱书屋", Decimal("60.50"), dt.date(2025, 10, 8))]
    assert [facility.in_service for facility in site.facilities.all()] == [True, False]
    assert site.history.count() == 1


def site_errors(response) -> dict:
    assert response.status_code == 200
    return response.context["adminform"].form.errors


def test_a_site_saved_as_built_needs_the_day_it_was_built(client, projects_officer):
    client.force_login(projects_officer)
    response = client.post("/admin/projects/site/add/", {**site_form(status="built"), **empty_inlines(
        "facilities", "photos")})
    assert site_errors(response)["built_on"] == ["请填写建成日期。"]
    assert "请填写建成日期。" in response.content.decode()
    assert not Site.objects.exists()

    response = client.post("/admin/projects/site/add/", {**site_form(status="built", built_on="2024-04-01"),
                                                         **empty_inlines("facilities", "photos")})
    assert site_errors(response)["__all__"] == ["建成日期不能早于建点日期。"]  # taken on 2024-05-01
    assert not Site.objects.exists()

    response = client.post("/admin/projects/site/add/", {**site_form(status="built", built_on="2025-06-18"),
                                                         **empty_inlines("facilities", "photos")})
    assert response.status_code == 302
    assert Site.objects.get().built_on == dt.date(2025, 6, 18)


def test_a_closed_site_needs_its_closing_day_and_only_a_closed_one_has_one(client, projects_officer):
    site = SiteFactory(name="东湖社区", started_on=dt.date(2024, 5, 1), built_on=dt.date(2024, 10, 1))
    client.force_login(projects_officer)
    url = f"/admin/projects/site/{site.pk}/change/"
    form = {**site_form(built_on="2024-10-01"), **empty_inlines("facilities", "photos")}

    response = client.post(url, {**form, "status": "closed"})
    assert site_errors(response)["closed_on"] == ["请填写撤销日期。"]
    response = client.post(url, {**form, "status": "built", "closed_on": "2026-03-01"})
    assert site_errors(response)["closed_on"] == ["只有已撤销的站点才填写撤销日期。"]
    site.refresh_from_db()
    assert (site.status, site.closed_on) == (Site.Status.BUILT, None)

    response = client.post(url, {**form, "status": "closed", "closed_on": "2026-03-01"})
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.status, site.closed_on) == (Site.Status.CLOSED, dt.date(2026, 3, 1))


def test_a_non_image_photo_is_refused_and_nothing_is_saved(client, projects_officer):
    client.force_login(projects_officer)
    data = {
        **site_form(),
        **empty_inlines("facilities"),
        **inline("photos", [{"image": SimpleUploadedFile("cover.jpg", b"not an image at all"), "caption": "",
                             "order": "0"}]),
    }
    response = client.post("/admin/projects/site/add/", data)
    assert response.status_code == 200
    assert "请上传一张有效的图片" in response.content.decode()
    assert not Site.objects.exists()


def test_a_funded_project_moves_through_its_life_cycle_with_admin_actions(client, projects_officer):
    client.force_login(projects_officer)
    response = client.post("/admin/projects/project/add/", {
        **project_form(),
        **inline("fundings", [{"source": "provincial", "amount": "70000.00", "received_on": "2025-04-01"}]),
        **empty_inlines("fundings-2", "spendings", "attachments", "transitions"),
    })
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.status == Project.Status.DRAFT

    for action, on in [("mark_applied", "2025-01-10"), ("mark_approved", "2025-03-01"),
                       ("mark_implementing", "2025-04-01"), ("mark_completed", "2025-12-20")]:
        response = client.post("/admin/projects/project/", {
            "action": action, "_selected_action": [project.pk], "on": on, "note": "", "index": "0",
        }, follow=True)
        assert response.status_code == 200
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    assert list(project.transitions.values_list("to_status", "on", "by")) == [
        ("applied", dt.date(2025, 1, 10), projects_officer.pk),
        ("approved", dt.date(2025, 3, 1), projects_officer.pk),
        ("implementing", dt.date(2025, 4, 1), projects_officer.pk),
        ("completed", dt.date(2025, 12, 20), projects_officer.pk),
    ]
    page = client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert "¥140,000.00" in page and "¥70,000.00" in page


def test_an_impossible_transition_from_the_admin_says_why(client, projects_officer):
    client.force_login(projects_officer)
    project = ProjectFactory()
    response = client.post("/admin/projects/project/", {
        "action": "mark_approved", "_selected_action": [project.pk], "on": "", "note": "", "index": "0",
    }, follow=True)
    assert "须先申报，才能批准" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    assert not project.transitions.exists()


def test_spending_beyond_money_received_is_refused_unless_confirmed(client, projects_officer):
    client.force_login(projects_officer)
    project = ProjectFactory()
    data = {
        **project_form(),
        **inline("fundings", [{"source": "provincial", "amount": "1000.00", "received_on": "2025-04-01"}]),
        **inline("spendings", [{"source": "provincial", "amount": "1500.00", "purpose": "书架",
                                "spent_on": "2025-05-01"}]),
        **empty_inlines("fundings-2", "attachments", "transitions"),
    }
    url = f"/admin/projects/project/{project.pk}/change/"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "超过已到位资金 ¥1,000.00" in response.content.decode()
    assert not FundingLine.objects.exists() and not SpendingLine.objects.exists()

    data["spendings-0-confirmed_over_received"] = "on"
    assert client.post(url, data).status_code == 302
    assert SpendingLine.objects.get().amount == Decimal("1500.00")


def test_a_negative_amount_is_refused_in_the_admin(client, projects_officer):
    client.force_login(projects_officer)
    project = ProjectFactory()
    response = client.post(f"/admin/projects/project/{project.pk}/change/", {
        **project_form(),
        **inline("fundings", [{"source": "provincial", "amount": "-100", "received_on": "2025-04-01"}]),
        **empty_inlines("fundings-2", "spendings", "attachments", "transitions"),
    })
    assert response.status_code == 200
    assert "确保该值大于或等于0.01" in response.content.decode()
    assert not FundingLine.objects.exists()



ACTIVITY_HEADERS = ["日期", "标题", "类型", "站点", "参与人数", "志愿者人数", "志愿服务时长", "受益人数", "募集图书",
                    "简介", "已发布"]


def import_activities(client, upload):
    return client.post("/admin/projects/activity/import/", {"format": "0", "resource": "0", "import_file": upload})


def test_an_activity_spreadsheet_is_previewed_then_imported(client, projects_officer):
    SiteFactory(name="东湖社区")
    client.force_login(projects_officer)
    response = import_activities(client, xlsx([
        ACTIVITY_HEADERS,
        ["2025-04-23", "世界读书日募集图书", "募集图书", "东湖社区", 10, 3, 6.5, 40, 120, "", 1],
        ["2025-08-01", "八一慰问老兵", "慰问老兵", "东湖社区", 6, 6, 12, 12, None, "", 1],
    ]))
    assert response.status_code == 200
    assert not Activity.objects.exists()
    confirm = response.context["confirm_form"]
    response = client.post("/admin/projects/activity/process_import/", confirm.initial)
    assert response.status_code == 302
    assert list(Activity.objects.order_by("date").values_list("kind", "books")) == [("book_drive", 120),
                                                                                   ("veterans", None)]


def test_a_spreadsheet_with_a_bad_row_shows_the_row_and_imports_nothing(client, projects_officer):
    SiteFactory(name="东湖社区")
    client.force_login(projects_officer)
    response = import_activities(client, xlsx([
        ACTIVITY_HEADERS,
        ["2025-04-23", "世界读书日募集图书", "募集图书", "东湖社区", 10, 3, 6.5, 40, 120, "", 1],
        ["2025-08-01", "八一慰问老兵", "跳广场舞", "东湖社区", 6, 6, 12, 12, None, "", 1],
        ["2025-09-01", "岗前培训", "志愿者岗前培训", "东湖社区", 6, 6, 12, 12, 50, "", 1],
    ]))
    page = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert "“跳广场舞”不是以下选项之一" in page
    assert "只有募集图书活动才记录图书数量" in page
    assert not Activity.objects.exists()


def test_a_spreadsheet_with_wrong_columns_is_refused_clearly(client, projects_officer):
    client.force_login(projects_officer)
    response = import_activities(client, xlsx([["Date", "Name"], ["2025-01-01", "x"]]))
    page = response.content.decode()
    assert response.context.get("confirm_form") is None
    assert "文件的列与要求不符" in page
    assert not Activity.objects.exists()


def test_sites_export_to_an_excel_file_with_chinese_headers(client, projects_officer):
    SiteFactory(name="东湖社区", status=Site.Status.PILOT)
    client.force_login(projects_officer)
    response = client.post("/admin/projects/site/export/", {"format": "0", "resource": "0", **{
        f"siteresource_{name}": "on" for name in ("name", "kind", "status")
    }})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("名称", "类型", "状态")
    assert rows[1][:3] == ("东湖社区", "博爱家园社区", "试点")


def test_a_training_officer_cannot_touch_projects(client, training_officer):
    client.force_login(training_officer)
    assert client.get("/admin/projects/site/").status_code == 403
    assert client.post("/admin/projects/site/add/", site_form()).status_code == 403
    assert not Site.objects.exists()


def test_leadership_sees_projects_but_cannot_change_them(client, leader):
    project = ProjectFactory()
    client.force_login(leader)
    assert client.get("/admin/projects/project/").status_code == 200
    response = client.post("/admin/projects/project/", {
        "action": "mark_applied", "_selected_action": [project.pk], "index": "0"})
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    assert response.status_code in (200, 302, 403)
    assert Facility.objects.count() == 0
