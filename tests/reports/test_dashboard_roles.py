"""Each role sees its own fronts and lists on the dashboard, decided from the permissions a person holds."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redcross.reports.dashboard import dashboard_for
from tests.factories import StaffFactory
from tests.projects.visiting import Clock
from tests.reports.test_dashboard_data import build

pytestmark = pytest.mark.django_db
FRONTS = ["projects", "positions", "donations", "training", "publicity"]
TRAINING_LISTS = {"sessions_soon", "agreements_ending", "certificates_expiring"}
REPORT_LISTS = {"reports_out_of_date", "reports_failed"}


@pytest.fixture
def scene(monkeypatch):
    build(Clock(monkeypatch))


def seen(user) -> tuple[list[str], set[str]]:
    dashboard = dashboard_for(user)
    return [front["key"] for front in dashboard["fronts"]], {found["key"] for found in dashboard["attention"]}


def test_leadership_sees_every_front_and_every_list(scene, leader):
    fronts, lists = seen(leader)
    assert fronts == FRONTS
    assert lists == TRAINING_LISTS | REPORT_LISTS | {"projects_waiting", "bookings_requested", "messages_failed"}
    assert dashboard_for(leader)["can_make_report"] is True


def test_a_training_manager_sees_training_only(scene, training_officer):
    fronts, lists = seen(training_officer)
    assert fronts == ["training"]
    assert lists == TRAINING_LISTS | REPORT_LISTS | {"messages_failed"}
    dashboard = dashboard_for(training_officer)
    assert [column["key"] for column in dashboard["area_columns"]] == ["sessions"]
    assert all(set(row["counts"]) == {"sessions"} for row in dashboard["areas"])


def test_a_projects_manager_sees_projects_positions_and_the_donations_they_read_but_no_training(
    scene, projects_officer
):
    fronts, lists = seen(projects_officer)
    assert fronts == ["projects", "positions", "donations"]
    assert lists == REPORT_LISTS | {"projects_waiting", "bookings_requested"}


def test_finance_sees_donations_and_publicity_sees_publicity(scene, finance_officer, publicity_officer):
    assert seen(finance_officer)[0] == ["donations"]
    assert seen(publicity_officer)[0] == ["publicity"]


def test_a_group_made_up_by_an_administrator_gets_the_fronts_its_rights_open(scene):
    group = Group.objects.create(name="培训统计")
    group.permissions.set([Permission.objects.get(content_type__app_label="training", codename="view_session")])
    user = StaffFactory(username="statistician")
    user.groups.set([group])
    # An attention list needs the right to the records it lists: the sessions, not the bases' or the certificates'.
    assert seen(user) == (["training"], {"sessions_soon"} | REPORT_LISTS)


def test_a_front_shows_no_list_of_records_its_reader_may_not_open(scene):
    group = Group.objects.create(name="阵地评估员")
    group.permissions.set([Permission.objects.get(content_type__app_label="projects", codename="view_assessment")])
    user = StaffFactory(username="assessor")
    user.groups.set([group])
    fronts, lists = seen(user)
    assert fronts == ["positions"] and "bookings_requested" not in lists


def test_a_staff_member_without_rights_sees_an_empty_dashboard(scene, django_assert_num_queries):
    user = StaffFactory(username="newcomer", is_staff=False)
    with django_assert_num_queries(2):  # their permissions, by user and by group
        dashboard = dashboard_for(user)
    assert (dashboard["fronts"], dashboard["areas"], dashboard["attention"]) == ([], [], [])
    assert dashboard["can_make_report"] is False
    assert dashboard["downloads"] == {"year": None, "quarter": None, "month": None}


def test_the_dashboard_changes_nothing(scene, leader):
    with CaptureQueriesContext(connection) as captured:
        dashboard_for(leader)
    reads = ("SELECT", "SAVEPOINT", "RELEASE")
    writes = [query["sql"] for query in captured if not query["sql"].lstrip().upper().startswith(reads)]
    assert writes == []
