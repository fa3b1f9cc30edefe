"""The projects' side doors (the admin's inlines, its history page, its spreadsheet imports) obey the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.translation import gettext, override

from projects.models import Activity, Facility, FundingLine, Project, Site, SpendingLine
from projects.resources import ActivityResource, FacilityResource, SiteResource
from projects.services import project_transition
from tests.admin_forms import empty_inlines, inline
from tests.projects.factories import FundingLineFactory, ProjectFactory, SiteFactory
from tests.spreadsheets import xlsx

pytestmark = pytest.mark.django_db
Status = Project.Status
PYTHON_MESSAGES = ("matching query does not exist", "could not be parsed", "ConversionSyntax", "Enter a whole number",
                   "Traceback", "DoesNotExist")


def project_form(project: Project, **values) -> dict:
    return {"title": project.title, "kind": project.kind, "year": str(project.year), "funding": project.funding,
            "published": "on", "description": "", "budget": f"{project.budget}", **values}


def funding_row(line: FundingLine, **values) -> dict:
    return {"id": line.pk, "project": line.project_id, "source": line.source, "amount": f"{line.amount}",
            "received_on": line.received_on.isoformat(), "note": line.note, **values}


def spending_row(line: SpendingLine, **values) -> dict:
    return {"id": line.pk, "project": line.project_id, "source": line.source, "amount": f"{line.amount}",
            "purpose": line.purpose, "spent_on": line.spent_on.isoformat(),
            **({"confirmed_over_received": "on"} if line.confirmed_over_received else {}), **values}


@pytest.fixture
def funded():
    """A project that received ¥1,000.00 in two lines and spent ¥800.00."""
    project = ProjectFactory()
    FundingLineFactory(project=project, amount=Decimal("600.00"), received_on=dt.date(2025, 4, 1))
    FundingLineFactory(project=project, amount=Decimal("400.00"), received_on=dt.date(2025, 5, 1))
    SpendingLine.objects.create(project=project, source="provincial", amount=Decimal("800.00"), purpose="书架",
                                spent_on=dt.date(2025, 5, 10))
    return project


def change_url(project: Project) -> str:
    return f"/admin/projects/project/{project.pk}/change/"


def money(project: Project) -> tuple[list, list]:
    return (sorted(project.fundings.values_list("amount", flat=True)),
            sorted(project.spendings.values_list("amount", flat=True)))


def test_removing_money_received_below_what_was_spent_is_refused_on_the_page(client, projects_officer, funded):
    client.force_login(projects_officer)
    first, second = funded.fundings.order_by("received_on")
    before = money(funded)
    response = client.post(change_url(funded), {
        **project_form(funded, title="改了名字的项目"),
        **inline("fundings", [funding_row(first), funding_row(second, DELETE="on")], initial=2),
        **inline("spendings", [spending_row(funded.spendings.get())], initial=1),
        **empty_inlines("fundings-2", "attachments", "transitions"),
    })

    assert response.status_code == 200
    assert "支出将达到 ¥800.00，超过已到位资金 ¥600.00" in response.content.decode()
    funded.refresh_from_db()
    assert money(funded) == before and funded.title != "改了名字的项目"


def test_a_page_opened_before_another_spending_was_recorded_counts_that_spending(client, projects_officer, funded):
    """The page lists one spending line; a colleague has since stored another: both count."""
    client.force_login(projects_officer)
    fundings = list(funded.fundings.order_by("received_on"))
    response = client.post(change_url(funded), {
        **project_form(funded),
        **inline("fundings", [funding_row(line) for line in fundings], initial=2),
        **inline("spendings", [{"source": "provincial", "amount": "300.00", "purpose": "图书",
                                "spent_on": "2025-06-01"}]),
        **empty_inlines("fundings-2", "attachments", "transitions"),
    })

    assert response.status_code == 200
    assert "支出将达到 ¥1,100.00，超过已到位资金 ¥1,000.00" in response.content.decode()
    assert money(funded)[1] == [Decimal("800.00")]


def test_money_received_and_spent_on_one_page_is_stored_together(client, projects_officer, funded):
    """The new funding line covers the new spending: the page is judged as it will be once stored."""
    client.force_login(projects_officer)
    fundings = list(funded.fundings.order_by("received_on"))
    spent = funded.spendings.get()
    response = client.post(change_url(funded), {
        **project_form(funded),
        **inline("fundings", [*(funding_row(line) for line in fundings),
                              {"source": "self_raised", "amount": "500.00", "received_on": "2025-06-01", "note": ""}],
                 initial=2),
        **inline("spendings", [spending_row(spent),
                               {"source": "self_raised", "amount": "700.00", "purpose": "桌椅",
                                "spent_on": "2025-06-02"}], initial=1),
        **empty_inlines("fundings-2", "attachments", "transitions"),
    })

    assert response.status_code == 302
    assert money(funded) == ([Decimal("400.00"), Decimal("500.00"), Decimal("600.00")],
                             [Decimal("700.00"), Decimal("800.00")])


def test_spending_beyond_the_money_received_is_stored_once_a_line_confirms_it(client, projects_officer, funded):
    client.force_login(projects_officer)
    fundings = list(funded.fundings.order_by("received_on"))
    data = {
        **project_form(funded),
        **inline("fundings", [funding_row(line) for line in fundings], initial=2),
        **inline("spendings", [spending_row(funded.spendings.get()),
                               {"source": "provincial", "amount": "500.00", "purpose": "空调",
                                "spent_on": "2025-06-01"}], initial=1),
        **empty_inlines("fundings-2", "attachments", "transitions"),
    }
    assert client.post(change_url(funded), data).status_code == 200
    assert funded.spendings.count() == 1

    data["spendings-1-confirmed_over_received"] = "on"
    assert client.post(change_url(funded), data).status_code == 302
    assert money(funded)[1] == [Decimal("500.00"), Decimal("800.00")]
    assert funded.spendings.get(purpose="空调").confirmed_over_received


def test_reverting_a_completed_project_to_an_old_version_is_refused(client, projects_officer):
    project = ProjectFactory()
    for to in (Status.APPLIED, Status.APPROVED, Status.IMPLEMENTING, Status.COMPLETED):
        project = project_transition(project=project, to=to, by=projects_officer)
    first = project.history.order_by("history_id").first()
    assert first.status == Status.DRAFT
    client.force_login(projects_officer)
    url = f"/admin/projects/project/{project.pk}/history/{first.history_id}/"

    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(url, {
        **project_form(project), "sites": [], "facilities": [],
    })

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == Status.COMPLETED
    assert list(project.transitions.values_list("to_status", flat=True)) == [
        Status.APPLIED, Status.APPROVED, Status.IMPLEMENTING, Status.COMPLETED]



def headers(resource) -> list[str]:
    return [field.column_name for field in resource.get_import_fields()]


def columns(resource, *names: str) -> set[str]:
    return {resource.fields[name].column_name for name in names}


def chinese(message: str, **values) -> str:
    """A message as staff read it: the texts new to this change are checked for a translation by test_translations."""
    with override("zh-hans"):
        return gettext(message) % values


def no_site(name: str) -> str:
    return chinese("There is no %(model)s named “%(name)s”.", model="站点", name=name)


def refused(response) -> dict[int, set[str]]:
    """Excel row → the columns its errors are about."""
    return {row.number: set(row.field_specific_errors) for row in response.context["result"].invalid_rows}


def test_a_facility_sheet_names_each_bad_row_as_excel_does_and_says_what_is_wrong(client, projects_officer):
    SiteFactory(name="东湖社区")
    client.force_login(projects_officer)
    resource = FacilityResource()
    response = client.post("/admin/projects/facility/import/", {"format": "0", "resource": "0", "import_file": xlsx([
        headers(resource),
        ["东湖社区", "博爱广场", "博爱广场", "2025-03-01", 1200, "全天开放", ""],
        ["东湖社区", "博爱书屋", "博爱书屋", "三月一日", 60.5, "", ""],
        ["西湖社区", "博爱书屋", "博爱书屋", "2025-03-01", 60.5, "", "2025-10-08"],
        ["东湖社区", "助老服务站", "助老服务站", "2025-03-01", "六十平方", "", "停用了"],
    ])})

    page = response.content.decode()
    assert response.status_code == 200 and response.context.get("confirm_form") is None
    assert refused(response) == {
        3: columns(resource, "opened_on"),
        4: columns(resource, "site"),
        5: columns(resource, "area", "retired_on"),
    }
    assert "“三月一日”不是日期，请按 2025-07-01 的格式填写。" in page
    assert no_site("西湖社区") in page
    assert chinese("“%(value)s” is not a number; write it as 1200 or 60.5.", value="六十平方") in page
    assert "“停用了”不是日期，请按 2025-07-01 的格式填写。" in page
    assert not any(message in page for message in PYTHON_MESSAGES)
    assert not Facility.objects.exists()


def test_an_activity_sheet_with_blank_rows_keeps_excels_row_numbers(client, projects_officer):
    SiteFactory(name="东湖社区")
    client.force_login(projects_officer)
    resource = ActivityResource()
    response = client.post("/admin/projects/activity/import/", {"format": "0", "resource": "0", "import_file": xlsx([
        headers(resource),
        ["2025-04-23", "世界读书日募集图书", "募集图书", "东湖社区", 10, 3, 6.5, 40, 120, "", "是"],
        [None] * 11,
        [dt.datetime(2025, 8, 1), "八一慰问老兵", "慰问老兵", "南湖社区", "十个", 6, 12, 12, None, "", "是"],
    ])})

    page = response.content.decode()
    assert refused(response) == {4: columns(resource, "site", "participants")}
    assert no_site("南湖社区") in page and "“十个”不是整数。" in page
    assert not any(message in page for message in PYTHON_MESSAGES)
    assert not Activity.objects.exists()


def test_a_sheet_with_the_wrong_columns_says_why_without_a_traceback(client, projects_officer):
    client.force_login(projects_officer)
    response = client.post("/admin/projects/site/import/", {"format": "0", "resource": "0", "import_file": xlsx([
        ["站点名称", "地址"], ["东湖社区", "东湖路 8 号"],
    ])})

    page = response.content.decode()
    assert "文件的列与要求不符" in page and "站点名称" in page
    assert "Traceback" not in page and "ValueError" not in page


def test_a_site_sheet_needs_the_day_a_built_site_was_built(client, projects_officer):
    client.force_login(projects_officer)
    resource = SiteResource()

    def sheet(*rows):
        return client.post("/admin/projects/site/import/", {"format": "0", "resource": "0", "import_file": xlsx([
            headers(resource), *rows,
        ])})

    row = ["东湖社区", "博爱家园社区", "东湖社区", "城东街道", "东湖路 8 号", None, None, "已建成", "2023-05-01"]
    response = sheet([*row, "", "", "", "", "是"], ["西园社区", *row[1:7], "试点", "2025-03-01", "", "", "", "", "是"])
    assert response.context.get("confirm_form") is None
    assert refused(response) == {2: columns(resource, "built_on")}
    assert "请填写建成日期。" in response.content.decode()
    assert not Site.objects.exists()

    response = sheet([*row, "2024-06-01", "", "", "", "是"])
    assert response.context.get("confirm_form") is not None
    response = client.post("/admin/projects/site/process_import/", response.context["confirm_form"].initial)
    assert response.status_code == 302
    assert Site.objects.values_list("started_on", "built_on", "closed_on").get() == (
        dt.date(2023, 5, 1), dt.date(2024, 6, 1), None)


def test_a_project_with_a_history_or_money_is_kept_a_draft_without_either_can_go(client, projects_officer):
    from projects.models import Project
    from projects.services import project_transition
    from tests.projects.factories import FundingLineFactory, ProjectFactory

    client.force_login(projects_officer)
    applied = project_transition(project=ProjectFactory(), to=Project.Status.APPLIED)
    funded = ProjectFactory()
    FundingLineFactory(project=funded)
    draft = ProjectFactory()
    for project in (applied, funded, draft):
        client.post(f"/admin/projects/project/{project.pk}/delete/", {"post": "yes"})
    assert set(Project.objects.values_list("pk", flat=True)) == {applied.pk, funded.pk}
