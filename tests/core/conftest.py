"""Fixtures of the core's tests: the SMS providers' stand-in, with each provider's settings pointing at it."""

import socket
import threading

import pytest

from tests.core.sms_stand_in import ALIYUN_SECRET, TENCENT_SECRET, Kind, StandIn


@pytest.fixture
def stand_in(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = StandIn()
    thread = threading.Thread(target=server.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def closed_port_url():
    """The address of a port nothing listens on: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def aliyun(settings, stand_in):
    settings.SMS_ALIYUN_ACCESS_KEY_ID = "LTAI-test-id"
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = ALIYUN_SECRET
    settings.SMS_ALIYUN_ENDPOINT = stand_in.url
    settings.SMS_SIGN_NAME = "某市红十字会"
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.LOGIN_CODE: "SMS_480001", Kind.REMINDER: "SMS_480002"}
    return stand_in


@pytest.fixture
def tencent(settings, stand_in):
    settings.SMS_TENCENT_SECRET_ID = "AKID-test-id"
    settings.SMS_TENCENT_SECRET_KEY = TENCENT_SECRET
    settings.SMS_TENCENT_SDK_APP_ID = "1400000001"
    settings.SMS_TENCENT_ENDPOINT = stand_in.url
    settings.SMS_SIGN_NAME = "某市红十字会"
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, Kind.LOGIN_CODE: "2000001", Kind.REMINDER: "2000002"}
    return stand_in
