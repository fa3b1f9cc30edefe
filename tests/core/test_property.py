"""No input gives a 500: hypothesis sends hostile values to every public form and URL, in both languages.

Hostile means long, empty, control characters, NUL, invalid UTF-8 (a lone surrogate half's bytes included)
percent-encoded in paths and query strings and raw in bodies, lists where one value is expected, files where text
is expected, bodies of the wrong content type, wrong methods and posts without a CSRF token. Every answer must be
below 500, and no row of the key models may change except by a valid sign-up. The number of examples is bounded
(830 in all) so that the file runs in about a minute; the rate limits are raised so that the forms do the work,
and a 429 would be an answer like any other.
"""

import datetime as dt
import operator
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from projects.models import Activity, Site
from publicity.models import Article
from redcross.reports.models import Report
from redcross.validators import validate_one_line
from tests.projects.factories import ActivityFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import (
    BaseFactory,
    CertificateFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
)
from training.models import Base, Certificate, Course, Registration, Session, Trainee
from training.views import registration_token

pytestmark = pytest.mark.django_db

KEY_MODELS = [Trainee, Registration, Session, Certificate, Base, Course, Site, Activity, Article, Report,
              get_user_model()]
SIGN_UP_CHANGES = {Trainee, Registration, Session}  # a valid sign-up adds these rows; the session may read "full"
LANGUAGES = ["", "/en"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]

SAMPLES = [
    "", " ", "\x00", "\x01\x1f\x7f", "a\x00b", "\t\n\r", "\x1b[31m", "\x85\x9f", "\u202e", "\ufeff", "\ufffd",
    "😀", "王芳", "=HYPERLINK(\"http://x\",\"y\")", "' OR '1'='1", "<script>alert(1)</script>", "{{ 7|add:7 }}",
    "%s%n", "../../../etc/passwd", "-1", "0", "1e309", "NaN", "-inf", "9" * 30, str(2**63), str(2**64),
    "13800138000", "11010519491231002X", "on", "null", "[]",
]
hostile_text = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Co", "Zl", "Zp"]), min_size=1, max_size=20),
    st.builds(operator.mul, st.sampled_from(["a", "王", "\x00", "9", "😀", "\x7f"]), st.integers(51, 3000)),
)
form_value = st.one_of(
    hostile_text,
    st.lists(hostile_text, min_size=2, max_size=3),  # a list where one value is expected
    st.builds(SimpleUploadedFile, st.just("a.txt"), st.binary(max_size=64)),  # a file where text is expected
)
# Mostly invalid UTF-8, and the UTF-8 form of a lone surrogate half, which no decoder should pass on.
raw_bytes = st.one_of(st.binary(min_size=1, max_size=40), st.sampled_from([b"\xed\xa0\x80", b"\xc0\x80", b"\xff"]))
url_part = st.one_of(
    st.integers(-5, 2**70).map(str),
    hostile_text.map(lambda text: quote(text.encode("utf-8"), safe="")),
    raw_bytes.map(lambda data: quote_from_bytes(data, safe="")),
)
query_key = st.sampled_from(["page", "lat", "lng", "course", "base", "kind", "category", "next", "language", "q"])
query_string = st.lists(
    st.tuples(st.one_of(query_key, raw_bytes.map(quote_from_bytes)),
              st.one_of(hostile_text.map(lambda text: quote(text.encode("utf-8"), safe="")),
                        raw_bytes.map(lambda data: quote_from_bytes(data, safe="")))),
    max_size=4,
).map(lambda pairs: "&".join(f"{key}={value}" for key, value in pairs))
content_type = st.sampled_from(["application/x-www-form-urlencoded", "application/json", "text/plain",
                                "multipart/form-data", "multipart/form-data; boundary=x", "application/xml", ""])


def bounded(examples: int):
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def snapshot() -> dict:
    return {model: list(model.objects.order_by("pk").values_list()) for model in KEY_MODELS}


def signed_up(response) -> bool:
    return (response.request["PATH_INFO"].endswith("/sign-up/") and response.status_code == 302
            and "/training/registrations/" in response.get("Location", ""))


def assert_answered_without_harm(response, before: dict):
    event(f"answered {response.status_code}")  # the spread of answers, shown by --hypothesis-show-statistics
    assert response.status_code < 500, response.content[:300]
    after = snapshot()
    if signed_up(response):
        assert len(after[Registration]) == len(before[Registration]) + 1
        for trainee in Trainee.objects.all():
            validate_one_line(trainee.name)
            validate_one_line(trainee.organisation)
        before = {model: rows for model, rows in before.items() if model not in SIGN_UP_CHANGES}
        after = {model: rows for model, rows in after.items() if model not in SIGN_UP_CHANGES}
    assert after == before


@pytest.fixture
def world(db, settings):
    """One published record of each public page, a token that works and a sign-up whose session has begun."""
    settings.RATELIMIT_SIGN_UP = "100000/h"
    settings.RATELIMIT_CERTIFICATE_CHECK = "100000/h"
    base = BaseFactory()
    session = SessionFactory(base=base, seats=2)
    certifying = SessionFactory(base=base, course=FirstAiderCourseFactory())
    begun = SessionFactory(base=base, starts_at=timezone.now() - dt.timedelta(hours=1),
                           ends_at=timezone.now() + dt.timedelta(hours=2))
    activity = ActivityFactory()
    activity.site.published = True
    activity.site.save()
    return {
        "base": base.pk, "session": session.pk, "certifying": certifying.pk, "site": activity.site.pk,
        "activity": activity.pk, "article": ArticleFactory().pk, "certificate": CertificateFactory().token,
        "begun": registration_token(RegistrationFactory(session=begun)),
    }


def public_paths(world: dict) -> list[str]:
    """Every public URL of redcross/urls.py and the apps' urls.py, with records that exist."""
    return [
        "/", "/healthz", "/i18n/setlang/",
        "/projects/", f"/projects/sites/{world['site']}/", "/projects/activities/",
        f"/projects/activities/{world['activity']}/",
        "/training/", f"/training/bases/{world['base']}/", "/training/sessions/",
        f"/training/sessions/{world['session']}/", f"/training/sessions/{world['session']}/sign-up/",
        f"/training/sessions/{world['certifying']}/sign-up/",
        f"/training/registrations/{world['begun']}/", f"/training/registrations/{world['begun']}/cancel/",
        "/training/certificates/", f"/training/certificates/v/{world['certificate']}/", "/training/privacy/",
        "/news/", f"/news/{world['article']}/",
        "/reports/", "/reports/1/", "/reports/1/xlsx/",
    ]


# Paths with a placeholder for an ID or a token.
PATH_TEMPLATES = [
    "/projects/sites/{}/", "/projects/slots/{}/book/", "/projects/visits/{}/", "/projects/visits/{}/cancel/",
    "/projects/activities/{}/", "/training/bases/{}/", "/training/sessions/{}/",
    "/training/sessions/{}/sign-up/", "/training/registrations/{}/", "/training/registrations/{}/cancel/",
    "/training/certificates/v/{}/", "/news/{}/", "/reports/{}/", "/reports/{}/{}/", "/{}/", "/training/{}/",
    "/private/{}/{}",
]


@bounded(150)
@given(language=st.sampled_from(LANGUAGES), which=st.sampled_from(["session", "certifying"]),
       replaced=st.dictionaries(st.sampled_from(["name", "mobile", "resident_id", "organisation", "consent",
                                                 "csrfmiddlewaretoken", "extra"]), form_value, max_size=4),
       dropped=st.sets(st.sampled_from(["name", "mobile", "resident_id", "organisation", "consent"]), max_size=2),
       number=st.integers(0, 99_999_999))
def test_the_sign_up_form_takes_anything_without_a_500(client, world, language, which, replaced, dropped, number):
    data = {"name": "王芳", "mobile": f"139{number:08d}", "resident_id": "11010519491231002X", "organisation": "",
            "consent": "on", **replaced}
    for field in dropped:
        data.pop(field, None)
    before = snapshot()
    response = client.post(f"{language}/training/sessions/{world[which]}/sign-up/", data)
    assert_answered_without_harm(response, before)


@bounded(100)
@given(language=st.sampled_from(LANGUAGES),
       data=st.dictionaries(st.sampled_from(["number", "name", "extra"]), form_value, max_size=3))
def test_the_certificate_check_takes_anything_without_a_500(client, world, language, data):
    before = snapshot()
    response = client.post(f"{language}/training/certificates/", data)
    assert_answered_without_harm(response, before)


@bounded(80)
@given(data=st.dictionaries(st.sampled_from(["username", "password", "next", "this_is_the_login_form"]), form_value,
                            max_size=4))
def test_the_admin_login_takes_anything_without_a_500(client, world, settings, data):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # hashing is not what is tested
    before = snapshot()
    response = client.post("/admin/login/", data)
    assert_answered_without_harm(response, before)


@bounded(150)
@given(data=st.data(), language=st.sampled_from(LANGUAGES), query=query_string)
def test_every_public_page_takes_any_query_string_without_a_500(client, world, data, language, query):
    path = data.draw(st.sampled_from(public_paths(world)))
    before = snapshot()
    response = client.get(f"{language}{path}?{query}")
    assert_answered_without_harm(response, before)


@bounded(150)
@given(template=st.sampled_from(PATH_TEMPLATES), parts=st.lists(url_part, min_size=2, max_size=2),
       language=st.sampled_from(LANGUAGES), method=st.sampled_from(["GET", "POST"]))
def test_any_id_or_token_in_a_path_gives_no_500(client, world, template, parts, language, method):
    path = language + template.format(*parts)
    before = snapshot()
    response = client.generic(method, path)
    assert_answered_without_harm(response, before)


@bounded(150)
@given(data=st.data(), method=st.sampled_from(METHODS), language=st.sampled_from(LANGUAGES),
       body=st.one_of(raw_bytes, hostile_text.map(lambda text: text.encode("utf-8")),
                      st.dictionaries(st.sampled_from(["name", "mobile", "consent", "number", "language", "next"]),
                                      hostile_text, max_size=3).map(lambda fields: urlencode(fields).encode())),
       kind=content_type)
def test_any_method_and_body_on_any_public_page_gives_no_500(client, world, data, method, language, body, kind):
    path = data.draw(st.sampled_from(public_paths(world)))
    before = snapshot()
    response = client.generic(method, language + path, data=body, content_type=kind)
    assert_answered_without_harm(response, before)


@bounded(50)
@given(data=st.data(), language=st.sampled_from(LANGUAGES),
       replaced=st.dictionaries(st.sampled_from(["name", "number", "language", "next"]), hostile_text, max_size=2))
def test_posts_without_a_csrf_token_change_nothing(world, data, language, replaced):
    client = Client(enforce_csrf_checks=True)
    path = data.draw(st.sampled_from([
        f"{language}/training/sessions/{world['session']}/sign-up/", f"{language}/training/certificates/",
        f"{language}/i18n/setlang/", f"{language}/training/registrations/{world['begun']}/cancel/", "/admin/login/",
    ]))
    valid = {"name": "王芳", "mobile": "13900000001", "consent": "on", "number": "HA-2025-00001",
             "language": "en", "next": "/", "username": "admin", "password": "x"}
    before = snapshot()
    response = client.post(path, {**valid, **replaced})
    assert response.status_code == 403
    assert_answered_without_harm(response, before)


def test_a_valid_sign_up_is_the_one_change_a_public_post_makes(client, world):
    """The property tests' allowance for a valid sign-up is used: the base form does sign people up."""
    before = snapshot()
    response = client.post(f"/training/sessions/{world['session']}/sign-up/",
                           {"name": "王芳", "mobile": "13900000001", "consent": "on"})
    assert signed_up(response)
    after = snapshot()
    assert len(after[Registration]) == len(before[Registration]) + 1
    assert len(after[Trainee]) == len(before[Trainee]) + 1
    assert [after[model] for model in KEY_MODELS if model not in SIGN_UP_CHANGES] == [
        before[model] for model in KEY_MODELS if model not in SIGN_UP_CHANGES]
