"""A small HTTP client for the bench: one cookie jar per visitor, the CSRF token read from the cookie."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request


class Visitor:
    """One person's browser: cookies kept between requests, redirects not followed."""

    def __init__(self, base_url: str, address: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.address = address
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path: str, data: dict | None = None, timeout: float = 120) -> tuple[int, bytes, float]:
        """(status, body, seconds) of a GET, or of a form POST with the CSRF token when `data` is given."""
        headers = {"Referer": self.base_url + path}
        if self.address:
            headers["X-Forwarded-For"] = self.address
        body = None
        if data is not None:
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf_token(), **data}, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)  # noqa: S310  (http only)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        return status, content, time.perf_counter() - started

    def csrf_token(self) -> str:
        return next((cookie.value for cookie in self.cookies if cookie.name == "csrftoken"), "")

    def log_in(self, username: str, password: str) -> None:
        self.request("/admin/login/")
        status, content, _seconds = self.request(
            "/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"}
        )
        if status != 302:
            raise RuntimeError(f"staff login as {username} failed ({status}): {content[:300]!r}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def first_link(html: bytes, pattern: str) -> str | None:
    """The first href in a page that matches a regular expression, e.g. r"/training/sessions/\\d+/"."""
    match = re.search(rb'href="(' + pattern.encode() + rb')"', html)
    return match.group(1).decode() if match else None
