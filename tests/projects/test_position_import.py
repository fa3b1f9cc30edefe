"""The site sheet names each site's kind of position: a known kind by its name, 博爱家园 when the column is left out
or empty, an unknown kind refused in Chinese with nothing stored."""

import io

import pytest
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from projects import services
from projects.models import PositionKind, Site
from projects.resources import SiteResource
from tests.spreadsheets import xlsx

pytestmark = pytest.mark.django_db
IMPORT = "/admin/projects/site/import/"


def site_row(**values) -> dict:
    return {"name": "东湖社区", "kind": "博爱家园社区", "community": "东湖社区", "town": "城东街道",
            "address": "东湖路 8 号", "status": "试点", "started_on": "2024-05-01", "published": "是", **values}


def sheet(*rows: dict, without: tuple[str, ...] = ()):
    """An upload with the resource's columns (less those `without`) and one line per row."""
    fields = [name for name in SiteResource().fields if name not in without]
    header = [SiteResource().fields[name].column_name for name in fields]
    return xlsx([header, *([row.get(name, "") for name in fields] for row in rows)])


def preview(client, upload):
    return client.post(IMPORT, {"format": "0", "resource": "0", "import_file": upload})


def imported(client, upload):
    response = preview(client, upload)
    assert response.context.get("confirm_form") is not None, response.context["result"].invalid_rows
    assert client.post("/admin/projects/site/process_import/", response.context["confirm_form"].initial
                       ).status_code == 302


def kinds() -> dict[str, str]:
    return dict(Site.objects.values_list("name", "position_kind__name"))


def test_each_site_gets_the_kind_of_position_its_row_names(client, projects_officer):
    client.force_login(projects_officer)
    imported(client, sheet(site_row(name="实验小学", position_kind="红十字模范学校"),
                           site_row(name="东湖社区", position_kind="")))
    assert kinds() == {"实验小学": "红十字模范学校", "东湖社区": "博爱家园"}


def test_an_unknown_kind_of_position_is_refused_in_chinese_and_nothing_is_stored(client, projects_officer):
    client.force_login(projects_officer)
    response = preview(client, sheet(site_row(name="实验小学", position_kind="红十字示范学校"), site_row()))
    assert response.context.get("confirm_form") is None
    column = SiteResource().fields["position_kind"].column_name
    assert {row.number: set(row.field_specific_errors) for row in response.context["result"].invalid_rows} == {
        2: {column}}
    names = "、".join(PositionKind.objects.values_list("name", flat=True))
    with override("zh-hans"):
        expected = gettext("“%(value)s” is not one of: %(options)s.") % {"value": "红十字示范学校", "options": names}
    page = response.content.decode()
    assert expected in page and "红十字模范学校" in expected
    assert "DoesNotExist" not in page and "Traceback" not in page
    assert not Site.objects.exists()


def test_a_sheet_without_the_kind_column_makes_fraternity_homes(client, projects_officer):
    client.force_login(projects_officer)
    imported(client, sheet(site_row(), without=("position_kind",)))
    assert kinds() == {"东湖社区": "博爱家园"}


def test_an_empty_kind_leaves_a_stored_site_as_it_was(client, projects_officer):
    services.site_save(site=Site(name="实验小学", position_kind=PositionKind.objects.get(name="红十字模范学校")))
    client.force_login(projects_officer)
    imported(client, sheet(site_row(name="实验小学", address="学府路 1 号", position_kind="")))
    assert kinds() == {"实验小学": "红十字模范学校"}
    assert Site.objects.get().address == "学府路 1 号"


def test_the_export_names_each_sites_kind(client, projects_officer):
    services.site_save(site=Site(name="实验小学", position_kind=PositionKind.objects.get(name="红十字模范学校")))
    client.force_login(projects_officer)
    response = client.post("/admin/projects/site/export/", {"format": "0", "resource": "0", **{
        f"siteresource_{name}": "on" for name in SiteResource.Meta.fields}})
    header, *rows = load_workbook(io.BytesIO(response.content)).active.values
    assert rows[0][header.index(SiteResource().fields["position_kind"].column_name)] == "红十字模范学校"
