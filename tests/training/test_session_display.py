"""The session as it really is: its days, its instructors, what to bring, where to go, and the form it asks."""

import pytest
from django.conf import settings
from django.utils import translation

from tests.training.factories import (
    BaseFactory,
    CourseFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    at,
)
from training.display import session_period
from training.models import Instructor
from training.views import registration_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_chinese():
    """The portal's language, whatever an earlier test's request to /en/ left active (reverse() follows it)."""
    with translation.override(settings.LANGUAGE_CODE):
        yield

FIRST_DAY, SECOND_DAY = "2099年12月20日 09:00", "12月21日 17:00"


@pytest.fixture
def two_days():
    base = BaseFactory(name="人力资源产业园基地", address="创业路 66 号",
                       directions="产业园 B 座 1 楼东侧，正门右手边有红十字标识；园区停车场免费。")
    course = FirstAiderCourseFactory(what_to_bring="请带身份证和笔。")
    session = SessionFactory(course=course, base=base, title="周末救护员培训班", starts_at=at("2099-12-20 09:00"),
                             ends_at=at("2099-12-21 17:00"))
    session.instructors.set([
        Instructor.objects.create(name="周建华", phone="13912345678", qualification="救护师资（省级）"),
        Instructor.objects.create(name="吴敏"),
    ])
    return session


def assert_both_days(page: str) -> None:
    assert FIRST_DAY in page and SECOND_DAY in page
    assert "09:00–17:00" not in page  # not the day's hours of the first day alone


def test_a_session_over_two_days_names_both_days_on_every_public_page(client, two_days):
    assert_both_days(client.get("/training/sessions/").content.decode())
    assert_both_days(client.get(two_days.get_absolute_url()).content.decode())
    assert_both_days(client.get(two_days.base.get_absolute_url()).content.decode())
    bases = client.get("/training/").content.decode()  # the short form of the bases' cards leaves out the year
    assert "12月20日 09:00" in bases and SECOND_DAY in bases and "09:00–17:00" not in bases


def test_a_sign_up_to_a_session_over_two_days_names_both_days(client, two_days):
    token = registration_token(RegistrationFactory(session=two_days, trainee=TraineeFactory()))
    assert_both_days(client.get(f"/training/registrations/{token}/").content.decode())
    assert_both_days(client.get(f"/training/registrations/{token}/cancel/").content.decode())


def test_a_session_within_a_day_names_its_day_once_with_its_hours(client):
    session = SessionFactory(title="市民应急救护公益课", starts_at=at("2099-12-20 09:00"),
                             ends_at=at("2099-12-20 17:00"))
    for url in ("/training/sessions/", session.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "2099年12月20日 09:00–17:00" in page
        assert "12月21日" not in page


def test_the_period_reads_in_each_language_and_names_the_year_again_across_new_year():
    with translation.override("zh-hans"):
        assert session_period(at("2099-12-20 09:00"), at("2099-12-20 17:00")) == "2099年12月20日 09:00–17:00"
        two = session_period(at("2099-12-20 09:00"), at("2099-12-21 17:00"))
        assert two.startswith("2099年12月20日 09:00") and two.endswith(" 12月21日 17:00")
        short = session_period(at("2099-12-20 09:00"), at("2099-12-21 17:00"), short=True)
        assert short.startswith("12月20日 09:00") and short.endswith(" 12月21日 17:00")
        across = session_period(at("2099-12-31 09:00"), at("2100-01-01 17:00"), short=True)
        assert across.startswith("2099年12月31日 09:00") and across.endswith("2100年1月1日 17:00")
    with translation.override("en"):
        two = session_period(at("2099-12-20 09:00"), at("2099-12-21 17:00"))
        assert two == "Dec. 20, 2099 09:00 to December 21 17:00"


def test_the_session_page_names_the_instructors_and_nothing_else_of_them(client, two_days):
    page = client.get(two_days.get_absolute_url()).content.decode()
    assert "授课教师" in page and "周建华" in page and "吴敏" in page
    assert "13912345678" not in page and "139****5678" not in page and "救护师资（省级）" not in page


def test_the_session_page_says_what_to_bring_and_where_exactly_to_go(client, two_days):
    page = client.get(two_days.get_absolute_url()).content.decode()
    assert "请带身份证和笔。" in page  # the course's, as the session says nothing of its own
    assert "创业路 66 号" in page and "产业园 B 座 1 楼东侧" in page

    two_days.what_to_bring = "两天课程，请自带午餐。"
    two_days.save()
    page = client.get(two_days.get_absolute_url()).content.decode()
    assert "两天课程，请自带午餐。" in page and "请带身份证和笔。" not in page


def test_the_base_page_says_how_to_find_the_room(client, two_days):
    page = client.get(two_days.base.get_absolute_url()).content.decode()
    assert "产业园 B 座 1 楼东侧，正门右手边有红十字标识；园区停车场免费。" in page


def test_a_course_without_a_certificate_does_not_ask_for_the_id_number(client):
    session = SessionFactory(course=CourseFactory())
    page = client.get(session.get_absolute_url()).content.decode()
    assert 'name="mobile"' in page
    assert 'name="resident_id"' not in page and "身份证" not in page and "无需填写" not in page
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", {
        "name": "王芳", "mobile": "13800138000", "resident_id": "320621199003071230", "consent": "on",
    })
    assert response.status_code == 302
    assert session.registrations.get().trainee.resident_id == ""  # a number posted anyway is not kept


def test_a_certifying_course_asks_for_the_id_number_as_required(client):
    session = SessionFactory(course=FirstAiderCourseFactory())
    page = client.get(session.get_absolute_url()).content.decode()
    assert 'name="resident_id"' in page and "身份证号码" in page
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", {
        "name": "王芳", "mobile": "13800138000", "resident_id": "", "consent": "on",
    })
    assert response.status_code == 400
    assert "本课程颁发证书，请填写身份证号码。" in response.content.decode()
    assert not session.registrations.exists()
