"""Personal data in the training admin: ID and mobile numbers masked unless a staff member holds the permission
to see them whole, and each time they are shown whole logged."""

import io

import pytest
from openpyxl import load_workbook

from tests.admin_forms import inline
from tests.factories import StaffFactory
from training.models import PersonalDataAccess

from .factories import (
    CertificateFactory,
    TraineeFactory,
    grant_personal_data,
    masked_id,
    masked_mobile,
    mobile,
    registration_of,
    resident_id,
)
from .test_admin import REGISTRATIONS, SESSIONS, act

pytestmark = pytest.mark.django_db


def roster_rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.values)


def test_the_excel_roster_shows_numbers_masked_and_logs_nothing(client, training_officer, past_session):
    client.force_login(training_officer)
    rows = roster_rows(act(client, SESSIONS, "export_roster", [past_session]))

    assert len(rows) == 1 + 4  # header, three confirmed, one waiting
    first = next(row for row in rows if "甲学员" in row)
    assert masked_mobile(mobile(1)) in first and masked_id(resident_id(1)) in first
    assert not any(mobile(1) in row or resident_id(1) in row for row in rows)
    assert not PersonalDataAccess.objects.exists()


def test_staff_allowed_to_see_personal_data_get_whole_numbers_and_each_time_is_logged(client, training_officer,
                                                                                     past_session):
    officer = grant_personal_data(training_officer)
    client.force_login(officer)
    trainee = registration_of(past_session, "甲学员").trainee

    rows = roster_rows(act(client, SESSIONS, "export_roster", [past_session]))
    first = next(row for row in rows if "甲学员" in row)
    assert mobile(1) in first and resident_id(1) in first
    assert PersonalDataAccess.objects.filter(user=officer).count() == 4
    assert set(PersonalDataAccess.objects.values_list("trainee__name", flat=True)) == {
        "甲学员", "乙学员", "丙学员", "候补学员"}

    page = client.get(f"/admin/training/trainee/{trainee.pk}/change/").content.decode()
    assert mobile(1) in page and resident_id(1) in page
    assert PersonalDataAccess.objects.filter(user=officer, trainee=trainee).count() == 2

    # The lists stay masked even for them, and showing a list is not an access to log.
    page = client.get("/admin/training/trainee/").content.decode()
    assert masked_mobile(mobile(1)) in page and mobile(1) not in page
    assert PersonalDataAccess.objects.count() == 5


def test_staff_allowed_to_see_personal_data_may_correct_an_id_number(client, training_officer):
    officer = grant_personal_data(training_officer)
    client.force_login(officer)
    trainee = TraineeFactory(name="张三", mobile=mobile(1), resident_id=resident_id(1))

    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": "张三", "mobile": mobile(2), "resident_id": resident_id(2), "organisation": "",
        **inline("registrations", []),
    })
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.mobile, trainee.resident_id) == (mobile(2), resident_id(2))

    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": "张三", "mobile": mobile(2), "resident_id": resident_id(3)[:-1] + "0", "organisation": "",
        **inline("registrations", []),
    })
    assert response.status_code == 200
    assert "身份证号码最后一位校验码不符" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.resident_id == resident_id(2)


def test_without_the_permission_numbers_are_masked_everywhere_and_cannot_be_edited(client, training_officer,
                                                                                   past_session):
    assert not training_officer.has_perm("training.view_personal_data")
    client.force_login(training_officer)
    registration = registration_of(past_session, "甲学员")
    trainee = registration.trainee
    CertificateFactory(trainee=trainee, session=past_session, course=past_session.course)
    whole = (mobile(1), resident_id(1))

    for url in ["/admin/training/trainee/", f"/admin/training/trainee/{trainee.pk}/change/", REGISTRATIONS,
                f"{REGISTRATIONS}{registration.pk}/change/", f"{SESSIONS}{past_session.pk}/change/",
                "/admin/training/certificate/"]:
        page = client.get(url).content.decode()
        assert not any(number in page for number in whole), url
        assert masked_mobile(mobile(1)) in page or masked_id(resident_id(1)) in page, url

    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": "甲学员", "mobile": mobile(5), "resident_id": resident_id(5), "organisation": "市第一中学",
        **inline("registrations", [{"id": registration.pk}], initial=1),
    })
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.mobile, trainee.resident_id, trainee.organisation) == (mobile(1), resident_id(1), "市第一中学")
    assert not PersonalDataAccess.objects.exists()


def test_the_trainee_history_masks_a_changed_mobile_number(client, training_officer, trainee_with_changed_mobile):
    trainee = trainee_with_changed_mobile
    client.force_login(training_officer)
    page = client.get(f"/admin/training/trainee/{trainee.pk}/history/").content.decode()
    assert masked_mobile(mobile(31)) in page
    assert mobile(30) not in page and mobile(31) not in page


@pytest.fixture
def trainee_with_changed_mobile(client):
    """A trainee whose mobile number a superuser (who sees personal data) changed once."""
    admin_user = StaffFactory(username="root", is_superuser=True)
    assert admin_user.has_perm("training.view_personal_data")
    client.force_login(admin_user)
    trainee = TraineeFactory(name="改号学员", mobile=mobile(30), resident_id=resident_id(30))
    response = client.post(f"/admin/training/trainee/{trainee.pk}/change/", {
        "name": trainee.name, "mobile": mobile(31), "resident_id": trainee.resident_id, "organisation": "",
        **inline("registrations", []),
    })
    assert response.status_code == 302
    client.logout()
    return trainee



def test_the_personal_data_log_is_read_only(client, training_officer):
    entry = PersonalDataAccess.objects.create(user=training_officer, trainee=TraineeFactory(), what="测试")
    client.force_login(training_officer)
    assert client.get("/admin/training/personaldataaccess/").status_code == 200
    assert client.get("/admin/training/personaldataaccess/add/").status_code == 403
    assert client.post(f"/admin/training/personaldataaccess/{entry.pk}/change/", {"what": "改"}).status_code == 403
    assert client.post(f"/admin/training/personaldataaccess/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.what == "测试"
