"""Behind Debian's nginx, as the README deploys it: limits follow each visitor's own address.

nginx runs unprivileged on a free port in front of the live server, with the README's proxy headers. Visitors are
told apart by the loopback address their socket is bound to (127.0.0.2, 127.0.0.3 …), which nginx sees as the
client's $remote_addr and appends to X-Forwarded-For.
"""

import http.client
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from axes.models import AccessAttempt

from redcross.http import NO_ADDRESS, client_ip, ratelimit_key
from tests.factories import STAFF_PASSWORD
from tests.training.factories import SessionFactory

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")

NGINX_CONF = """
user {user};
worker_processes 1;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    """The port of an nginx proxying to the live server."""
    assert NGINX, "nginx is not installed: `make test` installs Debian's nginx where it is missing"
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(
        # Only obeyed when started as root: workers then stay root and can use the test's temporary folder.
        user=pwd.getpwuid(os.geteuid()).pw_name, dir=tmp_path, port=port, upstream=urlsplit(live_server.url).port,
    ))
    log = (tmp_path / "nginx.log").open("w")
    process = subprocess.Popen(
        [NGINX, "-e", "stderr", "-p", str(tmp_path), "-c", str(conf),
         "-g", f"daemon off; pid {tmp_path}/nginx.pid; error_log stderr;"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            assert process.poll() is None, (tmp_path / "nginx.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


class Visitor:
    """A browser of one address: keeps its cookies and the CSRF token of the last form it was shown."""

    def __init__(self, port: int, address: str):
        self.port, self.address = port, address
        self.cookies = SimpleCookie()
        self.token = ""

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.address, 0))
        headers = {**(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body.encode(), headers=headers)
            response = connection.getresponse()
            content = response.read().decode()
        finally:
            connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(cookie)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if found:
            self.token = found.group(1)
        return response.status, content

    def get(self, path: str) -> int:
        return self.request("GET", path)[0]

    def post(self, path: str, data: dict, headers: dict | None = None) -> int:
        return self.request("POST", path, urlencode({"csrfmiddlewaretoken": self.token, **data}), headers)[0]


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATELIMIT_SIGN_UP = "2/h"


def test_two_visitors_behind_the_proxy_have_their_own_sign_up_limit(transactional_db, nginx, behind_one_proxy):
    session = SessionFactory()
    page, sign_up = f"/training/sessions/{session.pk}/", f"/training/sessions/{session.pk}/sign-up/"
    first, second = Visitor(nginx, "127.0.0.2"), Visitor(nginx, "127.0.0.3")
    assert first.get(page) == second.get(page) == 200

    # An empty form is refused (400) after it has been counted; the third try from one address is limited (429).
    assert [first.post(sign_up, {}) for _ in range(3)] == [400, 400, 429]
    assert second.post(sign_up, {}) == 400


def test_a_forged_forwarded_for_header_gives_no_new_limit(transactional_db, nginx, behind_one_proxy):
    session = SessionFactory()
    page, sign_up = f"/training/sessions/{session.pk}/", f"/training/sessions/{session.pk}/sign-up/"
    visitor = Visitor(nginx, "127.0.0.2")
    visitor.get(page)
    assert [visitor.post(sign_up, {}) for _ in range(2)] == [400, 400]

    for forged in ("198.51.100.77", "198.51.100.78, 203.0.113.9", "127.0.0.3"):
        assert visitor.post(sign_up, {}, headers={"X-Forwarded-For": forged}) == 429

    # The address named in the forged header was not charged for them.
    other = Visitor(nginx, "127.0.0.3")
    other.get(page)
    assert other.post(sign_up, {}) == 400


def test_a_login_lockout_locks_the_attackers_address_not_the_staff_members(
    transactional_db, nginx, behind_one_proxy, training_officer
):
    login = "/admin/login/?next=/admin/"
    attacker, staff = Visitor(nginx, "127.0.0.2"), Visitor(nginx, "127.0.0.3")
    attacker.get(login)
    tries = [attacker.post(login, {"username": "training-officer", "password": "wrong"}) for _ in range(5)]
    assert tries == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("training-officer", "127.0.0.2")]

    # Neither the right password nor a forged header lets the attacker's address in.
    right = {"username": "training-officer", "password": STAFF_PASSWORD}
    assert attacker.post(login, right) == 429
    assert attacker.post(login, right, headers={"X-Forwarded-For": "127.0.0.3"}) == 429

    staff.get(login)
    assert staff.post(login, right) == 302


# The rule itself, on requests as each deployment hands them to Django.

def address_of(rf, remote_addr: str, forwarded_for: str | None = None) -> str | None:
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_ip(rf.get("/", **extra))


def test_without_a_declared_proxy_the_address_is_the_peers_whatever_the_header_says(rf, settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, []
    assert address_of(rf, "203.0.113.7") == "203.0.113.7"
    assert address_of(rf, "203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_behind_one_proxy_the_client_is_the_entry_that_proxy_appended(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address_of(rf, "127.0.0.1", "203.0.113.7") == "203.0.113.7"
    # Whatever the client sent itself stands further left.
    assert address_of(rf, "127.0.0.1", "198.51.100.1, 10.0.0.1, 203.0.113.7") == "203.0.113.7"
    # The proxy reaching the portal through a Unix socket: no peer address, the hop still counts.
    assert address_of(rf, "", "203.0.113.7") == "203.0.113.7"
    # A request made on the server itself, not through the proxy.
    assert address_of(rf, "127.0.0.1") == "127.0.0.1"


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert address_of(rf, "10.0.0.2", "198.51.100.1, 203.0.113.7, 10.0.0.1") == "203.0.113.7"


def test_declared_proxy_addresses_are_skipped_and_no_further(rf, settings):
    settings.TRUSTED_PROXY_COUNT, settings.TRUSTED_PROXIES = 0, ["127.0.0.1", "10.0.0.0/8"]
    assert address_of(rf, "127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3") == "203.0.113.7"
    # A client reaching the portal directly is its own address, whatever it claims.
    assert address_of(rf, "203.0.113.7", "10.1.2.3") == "203.0.113.7"
    # The proxy itself asking (a health check).
    assert address_of(rf, "127.0.0.1") == "127.0.0.1"
    # The same proxy reaching the portal through a Unix socket (no peer address): still skipped.
    assert address_of(rf, "", "198.51.100.1, 203.0.113.7") == "203.0.113.7"


def test_addresses_are_read_as_proxies_write_them(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address_of(rf, "127.0.0.1", "203.0.113.7:52100") == "203.0.113.7"
    assert address_of(rf, "127.0.0.1", "[2001:db8::7]:443") == "2001:db8::7"
    assert address_of(rf, "127.0.0.1", " 2001:db8::7 ") == "2001:db8::7"
    assert address_of(rf, "::ffff:127.0.0.1", "::ffff:203.0.113.7") == "203.0.113.7"
    assert address_of(rf, "127.0.0.1", "unknown") is None


def test_ipv6_visitors_are_limited_by_their_64_network(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8:1:2::7")
    other = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8:1:2:ffff::9")
    assert ratelimit_key("group", one) == ratelimit_key("group", other) == "2001:db8:1:2::/64"
    assert ratelimit_key("group", rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="unknown")) == NO_ADDRESS


def test_login_limits_and_form_limits_ask_the_same_function(rf, settings):
    from axes.helpers import get_client_ip_address
    from django_ratelimit.core import _get_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert get_client_ip_address(request) == _get_ip(request) == ratelimit_key("group", request) == "203.0.113.7"
