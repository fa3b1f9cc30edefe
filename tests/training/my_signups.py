"""What the tests of 我的报名 share: asking for a one-time code and entering it as a visitor would, the codes sent,
and 王芳 with her sign-ups beside a namesake's and a stranger's."""

import datetime as dt
import re

from django.utils import timezone

from redcross.sms.backends import LocmemBackend
from training.models import Certificate, Session

from .factories import CertificateFactory, RegistrationFactory, SessionFactory, TraineeFactory

MINE, ASK, CHECK = "/training/mine/", "/training/mine/code/", "/training/mine/check/"
SIGN_OUT = "/training/mine/sign-out/"
KNOWN, UNKNOWN = "13800000001", "13900000009"
TOKEN = re.compile(r'value="[A-Za-z0-9]{64}"')
TYPED_CODE = re.compile(r'name="code" value="[0-9]{6}"')
WRONG_OR_EXPIRED = "This code is wrong or no longer valid."


def texts_sent_here(settings) -> list:
    """Codes are sent in the request's process, to an outbox the tests read."""
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.SMS_SEND_INLINE = True
    LocmemBackend.outbox.clear()
    return LocmemBackend.outbox


def asking(client, capture_on_commit_callbacks):
    """Ask for a code as a visitor would (the message goes out once the request's transaction commits)."""
    def ask(number, visitor=None, prefix="", **extra):
        with capture_on_commit_callbacks(execute=True):
            return (visitor or client).post(prefix + ASK, {"mobile": number}, **extra)
    return ask


def sent_code(number) -> str:
    return [sms for sms in LocmemBackend.outbox if sms.mobile == number][-1].params["code"]


def enter(visitor, code, prefix=""):
    return visitor.post(prefix + CHECK, {"code": code})


def unique_parts_out(response) -> str:
    """The page without the visitor's CSRF token and the code they typed (which the form keeps)."""
    return TYPED_CODE.sub("", TOKEN.sub("", response.content.decode()))


def a_wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def wang_and_others() -> Certificate:
    """王芳 (mobile KNOWN) with a sign-up to come and one held last month with a certificate; another 王芳 with
    another mobile, and someone else."""
    me = TraineeFactory(name="王芳", mobile=KNOWN)
    RegistrationFactory(trainee=me, session=SessionFactory(title="周六应急救护普及"))
    held = SessionFactory(title="五月救护员培训", status=Session.Status.HELD,
                          starts_at=timezone.now() - dt.timedelta(days=30))
    RegistrationFactory(trainee=me, session=held, attended=True, passed=True)
    certificate = CertificateFactory(trainee=me, session=held, course=held.course, number="HA-2025-00017")
    RegistrationFactory(trainee=TraineeFactory(name="王芳", mobile="13700000002"),
                        session=SessionFactory(title="同名之人的培训"))
    RegistrationFactory(trainee=TraineeFactory(name="李强", mobile="13600000003"),
                        session=SessionFactory(title="别人的培训"))
    return certificate


def signed_in(client, ask, number=KNOWN):
    ask(number)
    response = enter(client, sent_code(number))
    assert response.status_code == 302 and response["Location"] == MINE
    return client
