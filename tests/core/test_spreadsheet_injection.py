"""Every spreadsheet and CSV the portal writes holds hostile text as inert text: no cell of any file is a formula.

Each file is made the way staff make it (admin export, roster action, leaderboard download, a built report) from
records whose texts start with "=", "+", "-", "@", a tab or a carriage return, then read back with openpyxl and
csv.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from projects.models import Site
from projects.resources import ActivityResource, FacilityResource, SiteResource
from publicity.models import OutletLevel, ScoringRule, ScoringScheme, WeChatMonth
from publicity.resources import WeChatMonthResource, WeChatPostResource
from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.services import report_build
from tests.projects.factories import ActivityFactory, FacilityFactory, SiteFactory
from tests.publicity.factories import (
    CorrespondentFactory,
    OutletFactory,
    PlacementFactory,
    StoryFactory,
    WeChatAccountFactory,
    WeChatPostFactory,
)
from tests.training.factories import BaseFactory, CourseFactory, RegistrationFactory, SessionFactory, TraineeFactory, at
from training.services import SignUp, registration_create

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
HOSTILE = [HYPERLINK, "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_texts(content: bytes) -> list[str]:
    """Every text of every sheet, after checking that no cell is a formula and every text is a text cell."""
    workbook = load_workbook(io.BytesIO(content), data_only=False)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", f"{sheet.title}!{cell.coordinate} is not text: {cell.value!r}"
                    texts.append(cell.value)
    return texts


def csv_rows(content: bytes) -> list[list[str]]:
    """The rows of a CSV, after checking that no field starts as a formula would."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    for row in rows:
        for field in row:
            assert not field.startswith(FORMULA_STARTS), f"field {field!r} would run as a formula"
    return rows


def assert_shown_as_typed(texts: list[str], values=HOSTILE):
    for value in values:
        assert value in texts, f"{value!r} is missing from {texts!r}"


def assert_shown_behind_an_apostrophe(rows: list[list[str]], values=HOSTILE):
    fields = [field for row in rows for field in row]
    for value in values:
        assert "'" + value in fields, f"{value!r} is missing from {fields!r}"


def export(client, changelist: str, resource, file_format: str) -> bytes:
    prefix = resource.__name__.lower()
    response = client.post(f"{changelist}export/", {"format": file_format, "resource": "0", **{
        f"{prefix}_{name}": "on" for name in resource.Meta.fields
    }})
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content


def test_a_public_sign_up_named_as_a_formula_is_text_in_the_roster(client, training_officer):
    session = SessionFactory(title="=1+1")
    registration_create(session=session, person=SignUp(name=HYPERLINK, mobile="13900000001", organisation="-2+3"),
                        consent=True)
    for value in HOSTILE[1:]:
        RegistrationFactory(session=session, trainee=TraineeFactory(name=value, organisation=value))
    client.force_login(training_officer)
    response = client.post("/admin/training/session/", {"action": "export_roster", "_selected_action": [session.pk],
                                                        "index": "0"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert_shown_as_typed(xlsx_texts(response.content), [*HOSTILE, "=1+1", "-2+3"])


def test_sites_facilities_and_activities_export_their_names_as_text(client, projects_officer):
    for value in HOSTILE:
        site = SiteFactory(name=value, community=value, town=value, address=value, partners=value)
        FacilityFactory(site=site, name=f"{value}书屋", opening_hours=value)
        ActivityFactory(site=site, title=value, description=value)
    SiteFactory(name="负数站点", latitude=Decimal("-33.5"), longitude=Decimal("-60.25"))
    client.force_login(projects_officer)

    sites = export(client, "/admin/projects/site/", SiteResource, "0")
    assert_shown_as_typed(xlsx_texts(sites))
    header, *rows = load_workbook(io.BytesIO(sites)).active.values
    row = next(row for row in rows if row[0] == "负数站点")
    assert row[header.index("纬度")] == -33.5  # a negative number stays a number
    assert_shown_as_typed(xlsx_texts(export(client, "/admin/projects/facility/", FacilityResource, "0")),
                          [*HOSTILE, *(f"{value}书屋" for value in HOSTILE)])
    assert_shown_as_typed(xlsx_texts(export(client, "/admin/projects/activity/", ActivityResource, "0")))


def test_a_csv_export_puts_an_apostrophe_before_text_but_leaves_negative_numbers_alone():
    SiteFactory(name="-5", latitude=Decimal("-33.5"), longitude=Decimal("-60.25"))
    rows = list(csv.reader(io.StringIO(SiteResource().export(Site.objects.all()).export("csv"))))
    header, row = rows
    assert row[header.index("名称")] == "'-5"
    assert row[header.index("纬度")] == "-33.500000"


@pytest.mark.parametrize("file_format", ["0", "1"])
def test_wechat_posts_and_months_export_as_text_in_xlsx_and_csv(client, publicity_officer, file_format):
    for number, value in enumerate(HOSTILE, start=1):
        account = WeChatAccountFactory(name=value)
        WeChatPostFactory(account=account, title=value, link=value, reads=number)
        WeChatMonth.objects.create(account=account, month=dt.date(2025, number, 1), followers=100 + number)
    client.force_login(publicity_officer)
    posts = export(client, "/admin/publicity/wechatpost/", WeChatPostResource, file_format)
    months = export(client, "/admin/publicity/wechatmonth/", WeChatMonthResource, file_format)
    if file_format == "0":
        assert_shown_as_typed(xlsx_texts(posts))
        assert_shown_as_typed(xlsx_texts(months))
    else:
        assert_shown_behind_an_apostrophe(csv_rows(posts))
        rows = csv_rows(months)
        assert_shown_behind_an_apostrophe(rows)
        assert {row[2] for row in rows[1:]} == {str(100 + number) for number in range(1, len(HOSTILE) + 1)}


def test_the_placements_workbook_shows_correspondents_as_text(client, publicity_officer):
    scheme = ScoringScheme.objects.create(year=2025)
    ScoringRule.objects.create(scheme=scheme, level=OutletLevel.LOCAL, story_kind="", points=Decimal("2"))
    outlet = OutletFactory(name=HYPERLINK, level=OutletLevel.LOCAL)
    for value in HOSTILE:
        correspondent = CorrespondentFactory(name=value, organisation=value)
        PlacementFactory(story=StoryFactory(title=value, correspondents=[correspondent]), outlet=outlet,
                         published_on=dt.date(2025, 3, 5))
    client.force_login(publicity_officer)
    response = client.get("/admin/publicity/correspondent/leaderboard/excel/", {"year": "2025"})
    assert response.status_code == 200
    assert_shown_as_typed(xlsx_texts(response.content))


def test_the_excel_report_lists_sites_titles_and_places_as_text():
    for value in HOSTILE:
        ActivityFactory(title=value, site=SiteFactory(name=value), date=dt.date(2025, 4, 23))
        session = SessionFactory(course=CourseFactory(name=value), base=BaseFactory(name=value), organiser=value,
                                 status="held", starts_at=at("2025-03-10 09:00"), ends_at=at("2025-03-10 12:00"))
        RegistrationFactory(session=session, attended=True)
        PlacementFactory(story=StoryFactory(title=value), outlet=OutletFactory(name=value),
                         published_on=dt.date(2025, 5, 1))
    period = periods.year(2025)
    report = report_build(report_id=Report.objects.create(kind=period.kind, start=period.start, end=period.end).pk)
    assert report.status == Report.Status.READY
    texts = xlsx_texts(report.xlsx.read())
    assert_shown_as_typed(texts)
    # activity, site (in the sites' table and the list of positions), course, base, organiser, story, outlet
    assert texts.count(HYPERLINK) == 8


def test_a_name_stored_with_control_characters_before_they_were_refused_still_exports(client, training_officer):
    """Written around the services (as rows stored before the check were), the roster still downloads."""
    from tests.training.factories import RegistrationFactory, TraineeFactory
    from training.models import Trainee

    registration = RegistrationFactory(trainee=TraineeFactory(name="旧数据"))
    Trainee.objects.filter(pk=registration.trainee_id).update(name="旧\x01数\x1f据\x7f")
    client.force_login(training_officer)
    response = client.post("/admin/training/session/", {
        "action": "export_roster", "_selected_action": [registration.session_id], "index": "0"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "旧数据\x7f" in [cell.value for cell in sheet[2]]  # what a cell cannot hold is left out, DEL it can
