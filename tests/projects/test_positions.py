import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from projects import services
from projects.models import (
    NOT_ASSESSED,
    Assessment,
    AssessmentItem,
    PositionKind,
    PositionStandard,
    Site,
    StandardItem,
)
from projects.selectors import position_status_on
from projects.services import assessment_save, standard_copy
from projects.summary import assessments_held, positions_on
from tests.projects.factories import SiteFactory

pytestmark = pytest.mark.django_db
Result = Assessment.Result
SEVEN = [
    "博爱家园", "博爱文化主题公园", "捐献缅怀纪念场所", "急救逃生体验场馆",
    "红十字模范学校", "冠名医疗机构", "应急救护培训基地",
]


def kind(name):
    return PositionKind.objects.get(name=name)


def standard(kind_name="冠名医疗机构", year=2024, items=("有红十字标识", "有救护培训", "有志愿服务队")):
    made = services.standard_save(standard=PositionStandard(
        kind=kind(kind_name), year=year, title=f"{kind_name}标准", issued_by="市红十字会"
    ))
    for order, text in enumerate(items, start=1):
        services.standard_item_save(item=StandardItem(standard=made, order=order, text=text, evidence="照片"))
    return made


def all_met(of, met=True):
    return {item.pk: (met, "") for item in of.items.all()}


def assess(site, of, on, result, items=None, by=None):
    return assessment_save(
        assessment=Assessment(site=site, standard=of, assessed_on=on, result=result, assessors="张三"),
        items=all_met(of) if items is None else items, by=by,
    )


@pytest.fixture
def hospital():
    return SiteFactory(name="市第一人民医院", position_kind=kind("冠名医疗机构"), kind=Site.Kind.HOSPITAL)


def test_the_migration_creates_the_seven_kinds_in_order():
    assert list(PositionKind.objects.values_list("name", flat=True)) == SEVEN
    assert list(PositionKind.objects.filter(receives_groups=True).values_list("name", flat=True)) == [
        "博爱文化主题公园", "捐献缅怀纪念场所", "急救逃生体验场馆", "应急救护培训基地"]


def test_a_new_site_is_a_fraternity_home_unless_told_otherwise():
    assert SiteFactory().position_kind.name == "博爱家园"


@pytest.mark.django_db(transaction=True)
def test_a_site_recorded_before_the_kinds_of_position_becomes_a_fraternity_home():
    executor = MigrationExecutor(connection)
    executor.migrate([("projects", "0004_remove_facility_in_service_and_more")])
    old_apps = executor.loader.project_state([("projects", "0004_remove_facility_in_service_and_more")]).apps
    old_apps.get_model("projects", "Site").objects.create(name="老社区", started_on=dt.date(2020, 1, 1))
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Site.objects.get(name="老社区").position_kind.name == "博爱家园"
    assert PositionKind.objects.count() == 7


def test_status_as_of_a_date_follows_the_latest_assessment_by_then(hospital):
    of = standard()
    assert position_status_on(hospital, dt.date(2024, 3, 1)) == NOT_ASSESSED
    assess(hospital, of, dt.date(2024, 3, 1), Result.IN_PROGRESS, items={})
    assess(hospital, of, dt.date(2024, 9, 1), Result.PASSED)
    unmet = {item.pk: (item.order != 1, "标识褪色") for item in of.items.all()}
    assess(hospital, of, dt.date(2025, 3, 1), Result.FAILED, items=unmet)

    assert position_status_on(hospital, dt.date(2024, 2, 29)) == NOT_ASSESSED
    assert position_status_on(hospital, dt.date(2024, 3, 1)) == Result.IN_PROGRESS
    assert position_status_on(hospital, dt.date(2024, 8, 31)) == Result.IN_PROGRESS
    assert position_status_on(hospital, dt.date(2024, 9, 1)) == Result.PASSED
    assert position_status_on(hospital, dt.date(2024, 12, 31)) == Result.PASSED
    assert position_status_on(hospital, dt.date(2025, 3, 1)) == Result.FAILED


def test_a_closed_site_is_no_position_from_its_closing_day():
    site = SiteFactory(status=Site.Status.CLOSED, closed_on=dt.date(2025, 10, 1))
    assert position_status_on(site, dt.date(2025, 9, 30)) == NOT_ASSESSED
    assert position_status_on(site, dt.date(2025, 10, 1)) is None
    assert positions_on(dt.date(2025, 10, 1)) == []


def test_positions_are_counted_by_kind_and_status_as_of_the_day(hospital):
    of = standard()
    other = SiteFactory(position_kind=kind("冠名医疗机构"))
    SiteFactory()  # a 博爱家园 never assessed
    SiteFactory(status=Site.Status.CLOSED, closed_on=dt.date(2024, 12, 1), position_kind=kind("冠名医疗机构"))
    assess(hospital, of, dt.date(2024, 9, 1), Result.PASSED)
    assess(other, of, dt.date(2024, 5, 1), Result.IN_PROGRESS, items={})
    assess(other, of, dt.date(2025, 1, 10), Result.PASSED)

    rows = positions_on(dt.date(2024, 12, 31), start=dt.date(2024, 1, 1))
    assert rows == [
        {"kind": "博爱家园", "unit": "个", "total": 1, NOT_ASSESSED: 1, "in_progress": 0, "passed": 0, "failed": 0,
         "new": 0},
        {"kind": "冠名医疗机构", "unit": "家", "total": 2, NOT_ASSESSED: 0, "in_progress": 1, "passed": 1, "failed": 0,
         "new": 1},
    ]
    rows = positions_on(dt.date(2025, 12, 31), start=dt.date(2025, 1, 1))
    assert rows[1] == {"kind": "冠名医疗机构", "unit": "家", "total": 2, NOT_ASSESSED: 0, "in_progress": 0,
                       "passed": 2, "failed": 0, "new": 1}
    assert assessments_held(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == {
        "in_progress": 1, "passed": 1, "failed": 0}


@pytest.mark.parametrize("sites", [1, 12])
def test_positions_by_kind_and_status_cost_one_query_whatever_the_number_of_sites(
    sites, django_assert_num_queries
):
    of = standard()
    for n in range(sites):
        site = SiteFactory(position_kind=kind("冠名医疗机构"))
        assess(site, of, dt.date(2024, 9, 1), Result.PASSED if n % 2 else Result.IN_PROGRESS, items=all_met(of))
    with django_assert_num_queries(1):
        rows = positions_on(dt.date(2024, 12, 31), start=dt.date(2024, 1, 1))
    assert rows[0]["total"] == sites


def test_a_copied_standard_keeps_the_items_and_leaves_the_old_version_as_it_was():
    old = standard(year=2024)
    new = standard_copy(standard=old, year=2025)
    assert (new.kind, new.year, new.title) == (old.kind, 2025, old.title)
    assert list(new.items.values_list("order", "text", "evidence")) == list(
        old.items.values_list("order", "text", "evidence"))

    first = new.items.get(order=1)
    first.text = "有醒目的红十字标识"
    first.save()
    StandardItem.objects.create(standard=new, order=4, text="有应急救护站")
    assert list(old.items.values_list("text", flat=True)) == ["有红十字标识", "有救护培训", "有志愿服务队"]


def test_a_standard_cannot_be_copied_to_a_year_that_already_has_one():
    old = standard(year=2024)
    standard_copy(standard=old, year=2025)
    with pytest.raises(ValidationError, match="2025"):
        standard_copy(standard=old, year=2025)
    assert PositionStandard.objects.filter(kind=old.kind, year=2025).count() == 1


def test_an_assessment_against_another_kinds_standard_is_refused():
    site = SiteFactory()  # a 博爱家园
    with pytest.raises(ValidationError) as refused:
        assess(site, standard("冠名医疗机构"), dt.date(2024, 9, 1), Result.IN_PROGRESS)
    assert "standard" in refused.value.message_dict
    assert not Assessment.objects.exists()


def test_an_item_of_another_standard_is_refused(hospital):
    of = standard(year=2024)
    school = standard("红十字模范学校", items=("有红十字青少年组织",))
    items = {**all_met(of), school.items.get().pk: (True, "")}
    with pytest.raises(ValidationError) as refused:
        assess(hospital, of, dt.date(2024, 9, 1), Result.PASSED, items=items)
    assert "“冠名医疗机构标准”" in refused.value.message_dict["__all__"][0]
    assert not Assessment.objects.exists()


def test_a_position_meets_the_standard_only_with_every_item_met(hospital):
    of = standard()
    items = {item.pk: (item.order != 2, "") for item in of.items.all()}
    with pytest.raises(ValidationError) as refused:
        assess(hospital, of, dt.date(2024, 9, 1), Result.PASSED, items=items)
    assert "有救护培训" in refused.value.message_dict["result"][0]
    assess(hospital, of, dt.date(2024, 9, 1), Result.IN_PROGRESS, items=items)
    assert AssessmentItem.objects.filter(met=False).count() == 1


def test_an_assessment_cannot_be_dated_in_the_future(hospital):
    with pytest.raises(ValidationError) as refused:
        assess(hospital, standard(year=2024), dt.date.today() + dt.timedelta(days=1), Result.IN_PROGRESS)
    assert "assessed_on" in refused.value.message_dict


def test_the_standard_must_be_the_one_in_force_on_the_day(hospital):
    old, new = standard(year=2023), standard(year=2025)
    # In 2024 the 2023 standard is still in force: the 2025 one is not yet, and from 2025 the old one is no more.
    assess(hospital, old, dt.date(2024, 6, 1), Result.IN_PROGRESS, items={})
    with pytest.raises(ValidationError, match="2023"):
        assess(hospital, new, dt.date(2024, 6, 1), Result.IN_PROGRESS, items={})
    with pytest.raises(ValidationError, match="2025"):
        assess(hospital, old, dt.date(2025, 6, 1), Result.IN_PROGRESS, items={})


def test_every_item_of_the_standard_is_recorded_and_changes_are_kept_in_history(hospital, projects_officer):
    of = standard()
    assessment = assess(hospital, of, dt.date(2024, 9, 1), Result.IN_PROGRESS, items={}, by=projects_officer)
    assert assessment.created_by == projects_officer
    assert list(assessment.items.values_list("met", flat=True)) == [False, False, False]

    assessment.result = Result.PASSED
    assessment_save(assessment=assessment, items=all_met(of), by=projects_officer)
    assert list(assessment.history.values_list("result", "history_user")) == [
        (Result.PASSED, projects_officer.pk), (Result.IN_PROGRESS, projects_officer.pk)]
    assert set(assessment.items.values_list("met", flat=True)) == {True}
