"""What an attacker typed or put in a URL is refused with a message or a 404 before it reaches the database, and
never answered with a 500: the 500s found by trying the portal as an attacker would, and the rules behind them."""

import datetime as dt
import time
from decimal import Decimal
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects.models import PositionKind, Site
from redcross.validators import validate_one_line, validate_plain_text
from tests.admin_forms import empty_inlines
from tests.factories import STAFF_PASSWORD
from tests.projects.factories import ActivityFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import (
    BaseFactory,
    CertificateFactory,
    CourseFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
)
from training.models import Registration, Trainee
from training.services import SignUp, registration_create
from training.views import registration_token

pytestmark = pytest.mark.django_db

CONTROL_NAME = "\x01\x1f\x7f"
BEYOND_BIGINT = str(2**64)


def sign_up_form(**values):
    return {"name": "王芳", "mobile": "13800138000", "resident_id": "", "organisation": "", "consent": "on", **values}


def error_codes(form, field):
    return [error.code for error in form.errors.as_data().get(field, [])]


# The five 500s, four of them here (the tenth simultaneous sign-up is tests/training's)


def test_a_name_of_control_characters_is_refused_at_sign_up_and_never_reaches_the_roster(client):
    session = SessionFactory()
    response = client.post(f"/en/training/sessions/{session.pk}/sign-up/", sign_up_form(name=CONTROL_NAME))
    assert response.status_code == 400
    assert error_codes(response.context["form"], "name") == ["control_character"]
    assert "invisible control character" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        registration_create(session=session, person=SignUp(name=f"王{CONTROL_NAME}芳", mobile="13800138000"),
                            consent=True)
    assert "name" in refused.value.message_dict
    assert not Trainee.objects.exists() and not Registration.objects.exists()


@pytest.mark.parametrize("path", [
    "/training/certificates/v/%00/",
    "/training/certificates/v/" + "A" * 42 + "%00/",
    "/training/registrations/%00/",
    "/training/registrations/%00/cancel/",
])
def test_a_nul_in_a_token_is_a_404(client, path):
    CertificateFactory()
    assert client.get(path).status_code == 404


def test_bases_are_listed_for_a_position_on_the_far_side_of_the_earth(client):
    BaseFactory(name="市一中救护培训教室", latitude=Decimal("32.537000"), longitude=Decimal("120.453100"))
    response = client.get("/training/?lat=-32.53699975744855&lng=-59.546900005987375")
    assert response.status_code == 200
    assert "市一中救护培训教室" in response.content.decode()


def test_an_admin_login_with_a_256_character_username_is_told_the_limit(client):
    response = client.post("/admin/login/", {"username": "a" * 256, "password": "x"})
    assert response.status_code == 200
    assert error_codes(response.context["form"], "username") == ["max_length"]
    assert "150" in response.content.decode()
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("username", ["admin\x00", "admin\x1b[0m", "ad\nmin"])
def test_an_admin_login_with_control_characters_in_the_username_is_refused(client, username):
    response = client.post("/admin/login/", {"username": username, "password": "x"})
    assert response.status_code == 200
    assert {"control_character", "line_break"} & set(error_codes(response.context["form"], "username"))
    assert not AccessAttempt.objects.exists()


def test_a_wrong_password_is_still_counted_by_axes(client, training_officer):
    client.post("/admin/login/", {"username": training_officer.username, "password": "wrong"})
    assert AccessAttempt.objects.get().username == training_officer.username
    assert client.post("/admin/login/", {"username": training_officer.username,
                                         "password": STAFF_PASSWORD}).status_code == 302


# Text input: control characters and lengths


@pytest.mark.parametrize(("value", "code"), [
    ("\x00", "control_character"), ("a\x08b", "control_character"), ("\x7f", "control_character"),
    ("\x85", "control_character"), ("\x9f", "control_character"), ("\ud800", "control_character"),
    ("a\tb", "line_break"), ("a\nb", "line_break"), ("a\rb", "line_break"),
])
def test_one_line_text_refuses_control_characters_and_line_breaks(value, code):
    with pytest.raises(ValidationError) as refused:
        validate_one_line(value)
    assert refused.value.code == code


def test_multi_line_text_keeps_tabs_and_line_breaks_but_not_other_control_characters():
    validate_plain_text("第一行\r\n\t第二行 😀 ‮")
    validate_one_line("王芳 O'Brien <b> =1+1 😀")
    for value in ("\x00", "a\x0bb", "\x1b", "\u0080"):
        with pytest.raises(ValidationError):
            validate_plain_text(value)


@pytest.mark.parametrize(("field", "value", "code"), [
    ("name", "王\x00芳", "control_character"),
    ("name", "王\t芳", "line_break"),
    ("name", "王" * 51, "max_length"),
    ("organisation", "实验\x1b小学", "control_character"),
    ("organisation", "校" * 101, "max_length"),
    ("mobile", "1380013800\x00", "control_character"),
    ("resident_id", "\x00" * 18, "control_character"),
])
def test_the_sign_up_form_names_the_bad_field_and_saves_nothing(client, field, value, code):
    # A course with a certificate: its form asks for the resident ID number too.
    session = SessionFactory(course=FirstAiderCourseFactory())
    response = client.post(f"/en/training/sessions/{session.pk}/sign-up/", sign_up_form(**{field: value}))
    assert response.status_code == 400
    assert code in error_codes(response.context["form"], field)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(("values", "field"), [
    ({"number": "HA-2025-\x0000017", "name": "王芳"}, "number"),
    ({"number": "HA-2025-00017", "name": "王\x7f芳"}, "name"),
    ({"number": "H" * 31, "name": "王芳"}, "number"),
])
def test_the_certificate_check_refuses_control_characters_and_long_values(client, values, field):
    response = client.post("/en/training/certificates/", values)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert response.context["result"] is None


def test_every_public_form_field_has_a_length_limit(client):
    session = SessionFactory()
    forms = [client.get(session.get_absolute_url()).context["form"],
             client.get("/training/certificates/").context["form"]]
    for form in forms:
        for name, field in form.fields.items():
            if hasattr(field, "max_length"):
                assert field.max_length, f"{type(form).__name__}.{name} has no max_length"
                assert validate_one_line in field.validators, f"{type(form).__name__}.{name} takes control characters"


def test_an_admin_form_refuses_a_control_character_and_keeps_line_breaks_where_text_has_lines(client,
                                                                                              projects_officer):
    client.force_login(projects_officer)
    site = {"name": "东湖\x07社区", "kind": "community", "status": "pilot", "started_on": "2024-05-01", "built_on": "",
            "closed_on": "", "community": "东湖社区", "town": "城东街道",
            "address": "东湖路\n8 号", "latitude": "", "longitude": "", "partners": "居委会\x1b", "description": "",
            "position_kind": PositionKind.objects.get(name="博爱家园").pk, **empty_inlines("facilities", "photos")}
    response = client.post("/admin/projects/site/add/", site)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert error_codes(form, "name") == ["control_character"]
    assert error_codes(form, "address") == ["line_break"]
    assert error_codes(form, "partners") == ["control_character"]
    response = client.post("/admin/projects/site/add/", {**site, "name": "东湖社区", "address": "东湖路 8 号",
                                                         "partners": "东湖社区居委会\r\n市志愿者协会"})
    assert response.status_code == 302
    assert Site.objects.get().partner_list() == ["东湖社区居委会", "市志愿者协会"]


def test_a_service_refuses_what_the_admin_refuses():
    trainee = TraineeFactory.build(name="李\x1b强")
    with pytest.raises(ValidationError) as refused:
        trainee.full_clean()
    assert [error.code for error in refused.value.error_dict["name"]] == ["control_character"]


# IDs and tokens in URLs


@pytest.mark.parametrize("path", [
    "/training/sessions/{}/", "/training/sessions/{}/sign-up/", "/training/bases/{}/", "/projects/sites/{}/",
    "/projects/activities/{}/", "/projects/slots/{}/book/", "/projects/visits/{}/cancel/",
    "/news/{}/", "/en/news/{}/",
])
def test_an_id_beyond_the_database_s_integers_is_a_404(client, path):
    for number in (BEYOND_BIGINT, "9" * 40, "-1", "1.5", "%00", "%EF%BF%BD", "1%00"):
        assert client.get(path.format(number)).status_code == 404, number
    assert client.post(path.format(BEYOND_BIGINT), {}).status_code == 404


def test_tokens_outside_their_alphabet_or_length_are_404s(client):
    certificate = CertificateFactory()
    registration = RegistrationFactory()
    token = registration_token(registration)
    assert client.get(f"/training/certificates/v/{certificate.token}/").status_code == 200
    for bad in (certificate.token[:-1], certificate.token + "A", certificate.token[:-1] + "%21",
                certificate.token[:-1] + "%C3%A9"):
        assert client.get(f"/training/certificates/v/{bad}/").status_code == 404, bad
    assert client.get(f"/training/registrations/{token}/").status_code == 200
    for bad in (token + "%00", token.replace(":", "%20", 1), "x" * 201, token + "/"):
        assert client.get(f"/training/registrations/{bad}/").status_code == 404, bad


@pytest.mark.parametrize("query", [
    "page=%00", "page=-1", "page=99999999999999999999999", "page=1e999", "page=%FF%FE", "page=NaN",
    "kind=%00", "kind=" + BEYOND_BIGINT, "category=%00%FF", "category=" + "x" * 5000,
])
def test_garbage_in_list_queries_gives_the_normal_page(client, query):
    ActivityFactory()
    ArticleFactory()
    for path in ("/projects/", "/projects/activities/", "/news/"):
        assert client.get(f"{path}?{query}").status_code == 200, path


@pytest.mark.parametrize("query", [
    "course=" + BEYOND_BIGINT, "course=%00", "base=-1", "course=1e3", "course=%FF", "base=" + "9" * 300,
    "course=1&course=%00",
])
def test_garbage_in_the_session_filter_gives_the_normal_page(client, query):
    SessionFactory(title="周末救护普及")
    response = client.get(f"/training/sessions/?{query}")
    assert response.status_code == 200
    assert "周末救护普及" in response.content.decode()


@pytest.mark.parametrize("query", [
    "lat=%00&lng=%00", "lat=1e999&lng=1e999", "lat=nan&lng=nan", "lat=-inf&lng=inf", "lat=90&lng=180",
    "lat=-90&lng=-180", "lat=0&lng=0", "lat=%FF&lng=1", "lat=" + "9" * 400 + "&lng=1",
])
def test_garbage_or_extreme_positions_give_the_base_list(client, query):
    BaseFactory(name="市一中救护培训教室", latitude=Decimal("32.537000"), longitude=Decimal("120.453100"))
    BaseFactory(name="没有位置的基地")
    response = client.get(f"/training/?{query}")
    assert response.status_code == 200
    assert "市一中救护培训教室" in response.content.decode()


# A cancel link stops working once the session has begun


def test_a_cancel_link_stops_working_once_the_session_has_begun(client):
    session = SessionFactory()
    location = client.post(f"/training/sessions/{session.pk}/sign-up/", sign_up_form())["Location"]
    cancel = location + "cancel/"
    assert client.get(cancel).status_code == 200
    session.starts_at = timezone.now() - dt.timedelta(minutes=1)
    session.ends_at = timezone.now() + dt.timedelta(hours=3)
    session.save()

    page = client.get(cancel)
    assert page.status_code == 410
    assert "无法在线取消" in page.content.decode() and "确定取消" not in page.content.decode()
    response = client.post(cancel)
    assert response.status_code == 410
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert "cancel/" not in client.get(location).content.decode()


def test_a_cancelled_sign_up_s_link_stays_harmless(client):
    session = SessionFactory()
    location = client.post(f"/training/sessions/{session.pk}/sign-up/", sign_up_form())["Location"]
    assert client.post(location + "cancel/").status_code == 302
    assert client.post(location + "cancel/").status_code == 302
    assert client.get(location + "cancel/").status_code == 200
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_a_sign_up_link_expires_a_year_after_the_sign_up(client):
    registration = RegistrationFactory(session=SessionFactory(course=CourseFactory()))
    a_year_ago = time.time() - 367 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=a_year_ago):
        old_token = registration_token(registration)
    assert client.get(f"/training/registrations/{old_token}/").status_code == 404
    assert client.post(f"/training/registrations/{old_token}/cancel/").status_code == 404
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert client.get(f"/training/registrations/{registration_token(registration)}/").status_code == 200
