import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from redcross.models import BranchProfile
from redcross.roles import EXPLICIT_ONLY, FINANCE_MODELS, LEADERSHIP, ROLES

ROLE_NAMES = ["项目管理员", "培训管理员", "宣传管理员", "财务管理员", "领导"]
CHANGE_URL = "/admin/redcross/branchprofile/1/change/"


def perms_of(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def all_perms(app_label: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for codename in Permission.objects.filter(content_type__app_label=app_label).values_list(
            "codename", flat=True
        )
    }


def test_a_fresh_install_has_the_four_roles(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ROLE_NAMES)
    assert [role.name for role in ROLES] == ROLE_NAMES


@pytest.mark.parametrize(("group_name", "app_label"), [
    ("项目管理员", "projects"), ("培训管理员", "training"), ("宣传管理员", "publicity"),
])
def test_each_officer_manages_exactly_their_own_app(db, group_name, app_label):
    perms = perms_of(group_name)
    kept_by_finance = {f"projects.{action}_{model.split('.')[1]}" for model in FINANCE_MODELS
                       for action in ("add", "change", "delete")}
    assert {perm for perm in all_perms(app_label)
            if perm.split(".")[1] not in EXPLICIT_ONLY and perm not in kept_by_finance} <= perms
    assert not perms & kept_by_finance
    assert not any(perm.split(".")[1] in EXPLICIT_ONLY for perm in perms)
    others = {"projects", "training", "publicity"} - {app_label}
    assert not any(perm.split(".")[0] in others for perm in perms)
    assert not any(perm.startswith(("auth.", "django_celery_beat.", "axes.")) for perm in perms)


def test_finance_keeps_donations_and_reads_what_they_go_to(db):
    perms = perms_of("财务管理员")
    for model in ("donation", "allocation"):
        assert {f"projects.{action}_{model}" for action in ("add", "change", "delete", "view")} <= perms
    assert {"projects.view_project", "projects.view_site", "projects.view_fundingline"} <= perms
    assert "projects.change_project" not in perms
    assert not any(perm.startswith(("training.", "publicity.", "auth.")) for perm in perms)
    assert "projects.view_groupbooking" not in perms


def test_projects_staff_read_donations(db):
    perms = perms_of("项目管理员")
    assert {"projects.view_donation", "projects.view_allocation"} <= perms


def test_leadership_may_view_everything_and_change_nothing(db):
    perms = perms_of("领导")
    assert "redcross.view_branchprofile" in perms
    for app_label in ("redcross", "projects", "training", "publicity"):
        views = {perm for perm in all_perms(app_label)
                 if perm.split(".")[1].startswith("view_") and perm.split(".")[1] not in EXPLICIT_ONLY}
        assert views <= perms
    assert all(perm.split(".")[1].startswith("view_") or perm in LEADERSHIP.extra for perm in perms)


def test_seeing_personal_data_whole_is_given_to_people_not_roles(db):
    assert Permission.objects.filter(codename="view_personal_data").exists()
    assert not Group.objects.filter(permissions__codename="view_personal_data").exists()


def test_migrate_restores_a_role_permission_removed_by_hand(db):
    group = Group.objects.get(name="领导")
    group.permissions.clear()
    call_command("migrate", verbosity=0)
    assert "redcross.view_branchprofile" in perms_of("领导")


@pytest.mark.parametrize("persona", ["projects_officer", "training_officer", "publicity_officer", "finance_officer",
                                     "leader"])
def test_every_role_can_open_the_admin(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/admin/").status_code == 200


def test_leadership_sees_the_profile_but_cannot_change_it(client, leader):
    client.force_login(leader)
    assert client.get(CHANGE_URL).status_code == 200
    response = client.post(CHANGE_URL, {"name": "被改掉的名字", "short_name": "x"})
    assert response.status_code == 403
    assert BranchProfile.load().name != "被改掉的名字"


def test_a_projects_officer_cannot_open_the_profile(client, projects_officer):
    client.force_login(projects_officer)
    assert client.get(CHANGE_URL).status_code == 403


def test_a_user_who_is_not_staff_cannot_open_the_admin(client, django_user_model):
    citizen = django_user_model.objects.create_user("citizen", password="x-long-password-1")
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
