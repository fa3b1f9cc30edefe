import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from redcross.dates import add_years
from redcross.models import BranchProfile
from tests.training.factories import (
    CertificateFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
)
from training.models import Certificate, Session
from training.services import certificate_lookup, certificates_issue, session_hold

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=9):
    return dt.datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def held_first_aid_session():
    profile = BranchProfile.load()
    profile.code = "HA"
    profile.save()
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=at(2025, 5, 31))
    for name, attended, passed in [("王芳", True, True), ("李强", True, False), ("张伟", False, None),
                                   ("陈静", True, True)]:
        RegistrationFactory(session=session, trainee=TraineeFactory(name=name), attended=attended, passed=passed)
    return session_hold(session=session)


def test_everyone_who_passed_gets_a_numbered_certificate_valid_three_years(held_first_aid_session, training_officer):
    issued = certificates_issue(session=held_first_aid_session, by=training_officer, issued_on=dt.date(2025, 6, 1))
    assert [(c.trainee.name, c.number, c.expires_on) for c in issued] == [
        ("王芳", "HA-2025-00001", dt.date(2028, 6, 1)),
        ("陈静", "HA-2025-00002", dt.date(2028, 6, 1)),
    ]
    assert all(len(c.token) >= 40 for c in issued)
    assert certificates_issue(session=held_first_aid_session, issued_on=dt.date(2025, 6, 2)) == []
    assert Certificate.objects.count() == 2


def test_numbers_continue_across_sessions_and_restart_each_year(held_first_aid_session):
    certificates_issue(session=held_first_aid_session, issued_on=dt.date(2025, 6, 1))
    later = SessionFactory(course=held_first_aid_session.course, status=Session.Status.HELD,
                           starts_at=at(2025, 12, 30))
    RegistrationFactory(session=later, attended=True, passed=True)
    assert certificates_issue(session=later, issued_on=dt.date(2025, 12, 31))[0].number == "HA-2025-00003"
    next_year = SessionFactory(course=held_first_aid_session.course, status=Session.Status.HELD,
                               starts_at=at(2025, 12, 31))
    RegistrationFactory(session=next_year, attended=True, passed=True)
    assert certificates_issue(session=next_year, issued_on=dt.date(2026, 1, 2))[0].number == "HA-2026-00001"


def test_certificates_wait_until_the_session_is_held_and_only_for_certifying_courses():
    session = SessionFactory(course=FirstAiderCourseFactory())
    RegistrationFactory(session=session, attended=True, passed=True)
    with pytest.raises(ValidationError):
        certificates_issue(session=session)
    awareness = SessionFactory(status=Session.Status.HELD)
    with pytest.raises(ValidationError):
        certificates_issue(session=awareness)
    assert not Certificate.objects.exists()


def test_a_leap_day_certificate_expires_on_28_february():
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)


def test_a_certificate_is_found_only_with_its_number_and_its_holders_name():
    certificate = CertificateFactory(number="HA-2025-00017", trainee=TraineeFactory(name="王芳"))
    assert certificate_lookup(number=" ha-2025-00017 ", name="王芳") == certificate
    assert certificate_lookup(number="HA-2025-00017", name="王") is None
    assert certificate_lookup(number="HA-2025-00018", name="王芳") is None
    assert certificate_lookup(number="", name="") is None


def test_a_certificate_is_valid_until_its_expiry_day_then_expired():
    certificate = CertificateFactory(expires_on=dt.date(2028, 6, 1))
    assert certificate.state(dt.date(2028, 6, 1)) == "valid"
    assert certificate.state(dt.date(2028, 6, 2)) == "expired"
    certificate.revoked = True
    assert certificate.state(dt.date(2026, 1, 1)) == "revoked"


def test_a_session_is_held_only_once_it_has_begun(training_officer):
    session = SessionFactory(course=FirstAiderCourseFactory())
    with pytest.raises(ValidationError, match="开始后才能"):
        session_hold(session=session)
    session.refresh_from_db()
    assert session.status == Session.Status.OPEN


def test_certificates_default_to_the_sessions_last_day_with_that_years_number():
    """Last December's session entered late in January gets last year's date and number."""
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=at(2025, 12, 20),
                             ends_at=at(2025, 12, 21, 17), status=Session.Status.HELD)
    RegistrationFactory(session=session, attended=True, passed=True)
    [certificate] = certificates_issue(session=session, today=dt.date(2026, 1, 15))
    assert (certificate.issued_on, certificate.number[-10:]) == (dt.date(2025, 12, 21), "2025-00001")


@pytest.mark.parametrize("issued_on, words", [
    (dt.date(2025, 12, 19), "早于培训班开始日期"),
    (dt.date(2026, 1, 16), "尚未到来"),
])
def test_a_certificate_is_never_dated_before_its_session_nor_in_the_future(issued_on, words):
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=at(2025, 12, 20),
                             ends_at=at(2025, 12, 21, 17), status=Session.Status.HELD)
    RegistrationFactory(session=session, attended=True, passed=True)
    with pytest.raises(ValidationError, match=words):
        certificates_issue(session=session, issued_on=issued_on, today=dt.date(2026, 1, 15))
    assert not Certificate.objects.exists()
