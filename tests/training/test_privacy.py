"""Sign-up tells a stranger nothing about other people, and staff find people by number only when allowed to.

The name and mobile number are the person. A resident ID number is something that person states: checked for its
form, kept on their record, and never compared with anyone else's in the answer to a sign-up; staff see the
conflicts instead.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.publicity.factories import CorrespondentFactory
from training.models import Certificate, PersonalDataAccess, Registration, Session, Trainee
from training.services import SignUp, certificates_issue, registration_add_by_staff, registration_create

from .factories import (
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    grant_personal_data,
    masked_id,
    mobile,
    resident_id,
)
from .test_admin import REGISTRATIONS

pytestmark = pytest.mark.django_db
TRAINEES = "/admin/training/trainee/"
AUTOCOMPLETE = "/admin/autocomplete/?app_label=training&model_name=registration&field_name=trainee&term="


def signup_form(**values):
    return {"name": "王芳", "mobile": mobile(1), "resident_id": resident_id(1), "organisation": "", "consent": "on",
            **values}


def post_sign_up(client, session, **values):
    return client.post(f"/training/sessions/{session.pk}/sign-up/", signup_form(**values))


def refusal(session, **values) -> list[str]:
    person = SignUp(**{"name": "王芳", "mobile": mobile(1), "resident_id": resident_id(1), **values})
    with pytest.raises(ValidationError) as error:
        registration_create(session=session, person=person, consent=True)
    return error.value.messages


@pytest.fixture
def certifying():
    return SessionFactory(course=FirstAiderCourseFactory())


def test_a_stranger_giving_someone_elses_id_number_learns_nothing_and_is_signed_up(client, certifying):
    post_sign_up(client, certifying)  # 王芳 with her own number
    response = post_sign_up(client, certifying, name="李四", mobile=mobile(2))
    assert response.status_code == 302
    assert set(certifying.registrations.values_list("trainee__name", flat=True)) == {"王芳", "李四"}


def test_nobody_is_blocked_by_a_stranger_who_gave_their_id_number_first(client, certifying):
    post_sign_up(client, certifying, name="李四", mobile=mobile(2))
    response = post_sign_up(client, certifying)
    assert response.status_code == 302
    assert certifying.registrations.get(trainee__name="王芳").status == Registration.Status.CONFIRMED


def test_with_a_known_name_and_mobile_a_wrong_id_number_gets_the_same_answer_as_the_right_one(certifying):
    registration_create(session=certifying, person=SignUp("王芳", mobile(1), resident_id(1)), consent=True)

    assert refusal(certifying, resident_id=resident_id(9)) == refusal(certifying, resident_id=resident_id(1))

    other_session = SessionFactory(course=certifying.course)
    registration = registration_create(session=other_session, person=SignUp("王芳", mobile(1), resident_id(9)),
                                       consent=True)
    assert registration.status == Registration.Status.CONFIRMED
    assert Trainee.objects.get().resident_id == resident_id(1)  # the record keeps its number


def test_a_second_sign_up_is_told_only_how_to_find_the_first(client, certifying):
    post_sign_up(client, certifying)
    with pytest.raises(ValidationError) as error:
        registration_create(session=certifying, person=SignUp("王芳", mobile(1), resident_id(1)), consent=True)
    assert [item.code for item in error.value.error_list] == ["duplicate", "duplicate"]
    assert certifying.registrations.count() == 1


def test_an_invalid_id_number_is_refused_alike_whether_or_not_one_is_on_record(certifying):
    registration_create(session=certifying, person=SignUp("王芳", mobile(1), resident_id(1)), consent=True)
    other_session = SessionFactory(course=certifying.course)
    bad = resident_id(9)[:-1] + ("0" if resident_id(9)[-1] != "0" else "1")
    for name, number in (("王芳", mobile(1)), ("新人", mobile(5))):
        with pytest.raises(ValidationError) as error:
            registration_create(session=other_session, person=SignUp(name, number, bad), consent=True)
        assert list(error.value.message_dict) == ["resident_id"]
    assert other_session.registrations.count() == 0


def test_staff_see_an_id_number_given_by_two_people_of_a_session_and_one_not_kept(client, training_officer,
                                                                                  certifying):
    for name, number, given in (("王芳", 1, 1), ("李四", 2, 1), ("赵六", 3, 3)):
        registration_create(session=certifying, person=SignUp(name, mobile(number), resident_id(given)), consent=True)
    other_session = SessionFactory(course=certifying.course)
    registration_create(session=other_session, person=SignUp("赵六", mobile(3), resident_id(8)), consent=True)
    client.force_login(training_officer)

    listed = client.get(f"{REGISTRATIONS}?resident_id_check=needed").context["cl"].result_list
    assert sorted((r.trainee.name, r.session_id) for r in listed) == sorted(
        [("王芳", certifying.pk), ("李四", certifying.pk), ("赵六", other_session.pk)])

    shared = certifying.registrations.get(trainee__name="李四")
    page = client.get(f"{REGISTRATIONS}{shared.pk}/change/").content.decode()
    assert "王芳" in page and resident_id(1) not in page
    noted = other_session.registrations.get()
    page = client.get(f"{REGISTRATIONS}{noted.pk}/change/").content.decode()
    assert masked_id(resident_id(8)) in page and resident_id(8) not in page


def test_certificates_wait_until_staff_resolve_an_id_number_two_people_gave():
    starts = timezone.now() - dt.timedelta(days=3)
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=starts, ends_at=starts + dt.timedelta(hours=8),
                             status=Session.Status.HELD)
    for name, number in (("王芳", 1), ("李四", 2)):
        RegistrationFactory(session=session, attended=True, passed=True,
                            trainee=TraineeFactory(name=name, mobile=mobile(number), resident_id=resident_id(1)))

    with pytest.raises(ValidationError) as error:
        certificates_issue(session=session)
    assert error.value.error_list[0].code == "shared_resident_id"
    assert "王芳" in error.value.messages[0] and "李四" in error.value.messages[0]
    assert not Certificate.objects.exists()

    Trainee.objects.filter(name="李四").update(resident_id=resident_id(2))
    assert len(certificates_issue(session=session)) == 2


def test_staff_adding_a_roster_row_are_told_the_id_number_differs_from_the_record(training_officer, certifying):
    TraineeFactory(name="王芳", mobile=mobile(1), resident_id=resident_id(1))
    with pytest.raises(ValidationError) as error:
        registration_add_by_staff(session=certifying, by=training_officer,
                                  person=SignUp("王芳", mobile(1), resident_id(9)))
    assert list(error.value.message_dict) == ["resident_id"]
    assert not Registration.objects.exists()


@pytest.fixture
def wang():
    trainee = TraineeFactory(name="王芳", mobile=mobile(1), resident_id=resident_id(1))
    RegistrationFactory(trainee=trainee)
    return trainee


def found(client, url, term) -> list:
    return list(client.get(url, {"q": term}).context["cl"].result_list)


def test_staff_without_the_permission_cannot_find_a_trainee_by_whole_number(client, training_officer, wang):
    client.force_login(training_officer)
    for term in (mobile(1), resident_id(1)):
        assert found(client, TRAINEES, term) == []
        assert found(client, REGISTRATIONS, term) == []
        assert client.get(AUTOCOMPLETE + term).json()["results"] == []
    assert found(client, TRAINEES, "王芳") == [wang]
    assert client.get(f"{TRAINEES}?mobile={mobile(1)}").status_code == 400
    assert client.get(f"{TRAINEES}?resident_id__startswith=3206").status_code == 400
    assert not PersonalDataAccess.objects.exists()


def test_staff_with_the_permission_find_a_trainee_by_whole_number_and_each_search_is_logged(client,
                                                                                           training_officer, wang):
    officer = grant_personal_data(training_officer)
    client.force_login(officer)

    assert found(client, TRAINEES, mobile(1)) == [wang]
    assert [r.trainee for r in found(client, REGISTRATIONS, resident_id(1))] == [wang]
    assert [row["id"] for row in client.get(AUTOCOMPLETE + mobile(1)).json()["results"]] == [str(wang.pk)]
    assert found(client, TRAINEES, "王芳") == [wang]  # by name: no number was looked up

    assert PersonalDataAccess.objects.filter(user=officer, trainee=wang).count() == 3
    assert PersonalDataAccess.objects.count() == 3


def test_only_staff_who_may_change_correspondents_find_one_by_phone(client, publicity_officer, leader):
    correspondent = CorrespondentFactory(name="王记者", phone="13812345678")
    url = "/admin/publicity/correspondent/"
    client.force_login(leader)
    assert found(client, url, "13812345678") == []
    assert client.get(f"{url}?phone=13812345678").status_code == 400
    client.force_login(publicity_officer)
    assert [c.pk for c in found(client, url, "13812345678")] == [correspondent.pk]

