"""What every response says to the browser, and what the portal refuses to read."""

import json

import pytest

from tests.core.test_settings import PRODUCTION, run_portal

PUBLIC_PAGES = ["/", "/en/", "/projects/", "/projects/activities/", "/training/", "/training/sessions/",
                "/training/privacy/", "/training/certificates/", "/news/", "/healthz"]


def test_pages_and_static_files_forbid_device_features_but_the_position_and_stay_same_origin(client, settings, db):
    settings.WHITENOISE_USE_FINDERS = True
    for path in ("/training/", "/static/css/site.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = dict(item.strip().split("=", 1) for item in response.headers["Permissions-Policy"].split(","))
        assert policy["geolocation"] == "(self)"
        for feature in ("camera", "microphone", "payment", "usb", "display-capture", "serial"):
            assert policy[feature] == "()", feature
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_head_answers_wherever_get_does(client, db, path):
    got = client.get(path)
    head = client.head(path)
    assert (head.status_code, got.status_code) == (200, 200)
    assert head.content == b""
    assert head.headers["Content-Type"] == got.headers["Content-Type"]


def test_the_language_cookie_is_http_only_and_same_site(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_csrf_and_session_cookies_are_http_only_and_same_site(client, training_officer):
    page = client.get("/admin/login/")
    csrf = page.cookies["csrftoken"]
    assert (csrf["httponly"], csrf["samesite"]) == (True, "Lax")
    from tests.factories import STAFF_PASSWORD

    response = client.post("/admin/login/", {"username": "training-officer", "password": STAFF_PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert (session["httponly"], session["samesite"]) == (True, "Lax")


def test_every_cookie_is_secure_in_production():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE]))"
    )
    result = run_portal("-c", probe, DJANGO_SETTINGS_MODULE="redcross.settings", **PRODUCTION)
    assert json.loads(result.stdout) == [True, True, True], result.stderr


class HugeUpload:
    """A multipart body of `size` bytes, made as it is read; reading past `allowed` bytes fails the test."""

    boundary = "hostile"

    def __init__(self, size: int, allowed: int):
        self.size, self.allowed, self.read_bytes = size, allowed, 0
        self.head = (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="photo"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()

    def read(self, size: int = -1) -> bytes:
        size = self.size - self.read_bytes if size is None or size < 0 else min(size, self.size - self.read_bytes)
        start = self.read_bytes
        self.read_bytes += size
        assert self.read_bytes <= self.allowed, f"the portal read {self.read_bytes} bytes of a {self.size}-byte body"
        return (self.head[start:start + size] + b"x" * size)[:size]

    def readline(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 65536)

    def environ(self) -> dict:
        return {
            "CONTENT_TYPE": f"multipart/form-data; boundary={self.boundary}",
            "CONTENT_LENGTH": str(self.size),
            "wsgi.input": self,
        }


@pytest.mark.parametrize("path", ["/training/certificates/", "/training/sessions/1/sign-up/", "/i18n/setlang/",
                                  "/admin/login/"])
def test_a_200_mb_anonymous_post_is_refused_before_it_is_read(client, db, path):
    body = HugeUpload(size=200 * 1024 * 1024, allowed=1024 * 1024)
    response = client.generic("POST", path, **body.environ())
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_staff_in_the_admin_keep_the_larger_limit_for_uploads(client, settings, training_officer):
    settings.PUBLIC_REQUEST_MAX_BYTES = 64 * 1024
    client.force_login(training_officer)
    response = client.post("/admin/", {"note": "x" * 200 * 1024})
    assert response.status_code == 200
    # The same body on a public page is refused, staff or not.
    assert client.post("/training/certificates/", {"note": "x" * 200 * 1024}).status_code == 413
