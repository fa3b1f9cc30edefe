import datetime as dt

import pytest

from projects import services
from projects.models import Assessment, PositionKind, PositionStandard, StandardItem
from tests.admin_forms import empty_inlines, inline
from tests.projects.factories import SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_standard():
    standard = services.standard_save(standard=PositionStandard(
        kind=PositionKind.objects.get(name="红十字模范学校"), year=2024, title="红十字模范学校创建标准"))
    for order, text in enumerate(("有红十字青少年组织", "有应急救护培训"), start=1):
        services.standard_item_save(item=StandardItem(standard=standard, order=order, text=text))
    return standard


def assessment_form(site, standard, **values):
    return {"site": site.pk, "standard": standard.pk, "assessed_on": "2024-10-01", "assessors": "王五",
            "result": "in_progress", "notes": "", **values}


def test_a_standard_is_copied_to_the_next_year_from_the_list(client, projects_officer, school_standard):
    client.force_login(projects_officer)
    response = client.post("/admin/projects/positionstandard/", {
        "action": "copy_to_next_year", "_selected_action": [school_standard.pk]})
    assert response.status_code == 302
    copy = PositionStandard.objects.get(year=2025)
    assert list(copy.items.values_list("text", flat=True)) == ["有红十字青少年组织", "有应急救护培训"]


def test_an_assessment_entered_in_the_admin_lists_the_items_and_is_passed_once_all_are_met(
    client, projects_officer, school_standard
):
    client.force_login(projects_officer)
    school = SiteFactory(position_kind=PositionKind.objects.get(name="红十字模范学校"))
    response = client.post("/admin/projects/assessment/add/", {
        **assessment_form(school, school_standard), **empty_inlines("items", "evidence")})
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.created_by == projects_officer
    rows = list(assessment.items.order_by("item__order"))
    assert [row.met for row in rows] == [False, False]

    change = f"/admin/projects/assessment/{assessment.pk}/change/"
    items = inline("items", [{"id": row.pk, "assessment": assessment.pk, "met": "on", "note": "已查看"}
                             for row in rows], initial=2)
    response = client.post(change, {**assessment_form(school, school_standard, result="passed"), **items,
                                    **empty_inlines("evidence")})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.result == Assessment.Result.PASSED
    assert set(assessment.items.values_list("met", "note")) == {(True, "已查看")}


def test_a_pass_with_an_unmet_item_is_refused_in_the_admin_and_nothing_changes(
    client, projects_officer, school_standard
):
    client.force_login(projects_officer)
    school = SiteFactory(position_kind=PositionKind.objects.get(name="红十字模范学校"))
    client.post("/admin/projects/assessment/add/", {
        **assessment_form(school, school_standard), **empty_inlines("items", "evidence")})
    assessment = Assessment.objects.get()
    rows = list(assessment.items.order_by("item__order"))
    items = inline("items", [{"id": rows[0].pk, "assessment": assessment.pk, "met": "on", "note": ""},
                             {"id": rows[1].pk, "assessment": assessment.pk, "note": ""}], initial=2)
    response = client.post(f"/admin/projects/assessment/{assessment.pk}/change/", {
        **assessment_form(school, school_standard, result="passed"), **items, **empty_inlines("evidence")},
        follow=True)
    assert "有应急救护培训" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.result == Assessment.Result.IN_PROGRESS
    assert not assessment.items.filter(met=True).exists()


def test_a_school_is_assessed_on_a_day_that_has_come(client, projects_officer, school_standard):
    client.force_login(projects_officer)
    school = SiteFactory(position_kind=PositionKind.objects.get(name="红十字模范学校"))
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    client.post("/admin/projects/assessment/add/", {
        **assessment_form(school, school_standard, assessed_on=tomorrow), **empty_inlines("items", "evidence")})
    assert not Assessment.objects.exists()
