"""Rosters of outside sessions imported from Excel: previewed row by row with numbers masked, then imported once,
each row through the same sign-up service as a walk-in."""

import pytest

from tests.spreadsheets import xlsx
from training.models import Registration, Session, Trainee
from training.resources import RosterImportResource

from .factories import FirstAiderCourseFactory, SessionFactory, TraineeFactory, mobile, resident_id
from .test_admin import REGISTRATIONS, SESSIONS

pytestmark = pytest.mark.django_db


HEADERS = [field.column_name for field in RosterImportResource().get_import_fields()]


def import_roster(client, session, rows):
    return client.post(f"{REGISTRATIONS}import/", {"session": session.pk, "format": "0", "resource": "0",
                                                   "import_file": xlsx([HEADERS, *rows])})


@pytest.fixture
def outside_session():
    return SessionFactory(course=FirstAiderCourseFactory(), base=None, venue="市第一中学", public_signup=False,
                          status=Session.Status.PLANNED)


def test_a_roster_with_a_bad_id_number_shows_the_row_and_imports_nothing(client, training_officer,
                                                                         outside_session):
    client.force_login(training_officer)
    bad_id = resident_id(2)[:-1] + ("0" if resident_id(2)[-1] != "0" else "1")
    response = import_roster(client, outside_session, [
        ["张三", mobile(1), resident_id(1), "市第一中学"],
        ["李四", mobile(2), bad_id, "市第一中学"],
        ["王五", "1380000", resident_id(3), ""],
        ["赵六", mobile(4), "", ""],
    ])

    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [3, 4, 5]  # as Excel numbers the rows
    resident_id_column, mobile_column = HEADERS[2], HEADERS[1]
    assert [list(row.field_specific_errors) for row in result.invalid_rows] == [
        [resident_id_column], [mobile_column], [resident_id_column]]
    page = response.content.decode()
    assert "身份证号码最后一位校验码不符" in page and "请输入以13至19开头的11位手机号码" in page
    assert bad_id not in page and resident_id(1) not in page  # the preview shows numbers masked
    assert not Registration.objects.exists() and not Trainee.objects.exists()


def test_a_good_roster_is_previewed_then_imported_once(client, training_officer, outside_session):
    known = TraineeFactory(name="张三", mobile=mobile(1), resident_id=resident_id(1), organisation="")
    client.force_login(training_officer)
    rows = [["张三", mobile(1), resident_id(1), "市第一中学"], ["李四", int(mobile(2)), resident_id(2), "市第一中学"]]

    response = import_roster(client, outside_session, rows)
    assert not Registration.objects.exists()
    confirm = response.context["confirm_form"]
    assert confirm.initial["session"] == outside_session.pk
    response = client.post(f"{REGISTRATIONS}process_import/", confirm.initial)
    assert response.status_code == 302

    registrations = outside_session.registrations.select_related("trainee").order_by("trainee__name")
    assert [(r.trainee.name, r.trainee.mobile, r.status) for r in registrations] == [
        ("张三", mobile(1), "confirmed"), ("李四", mobile(2), "confirmed")]
    assert registrations[0].trainee == known
    known.refresh_from_db()
    assert known.organisation == "市第一中学"
    assert len({r.code for r in registrations}) == 2

    response = import_roster(client, outside_session, rows)
    client.post(f"{REGISTRATIONS}process_import/", response.context["confirm_form"].initial)
    assert outside_session.registrations.count() == 2 and Trainee.objects.count() == 2


def test_the_session_page_links_to_the_roster_import_for_that_session(client, training_officer, outside_session):
    client.force_login(training_officer)
    page = client.get(f"{SESSIONS}{outside_session.pk}/change/").content.decode()
    assert f"{REGISTRATIONS}import/?session={outside_session.pk}" in page
    form = client.get(f"{REGISTRATIONS}import/?session={outside_session.pk}").context["form"]
    assert form["session"].value() == outside_session.pk
