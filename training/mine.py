"""我的报名 (my sign-ups): a citizen proves a mobile number with a one-time code sent by text message, then sees
the sign-ups made under that number for a while, on any phone and without an account.

A code is six random digits, kept only as a keyed hash in the cache (Redis) for CODE_SECONDS; asking again
replaces it, so one code at most is live per number. MAX_WRONG_TRIES wrong codes void it, and a right one opens
the list once. Whether a number has sign-ups is never told: every well-formed number gets a code stored and the
same answer, and only a number with sign-ups is sent one (a text to a stranger costs money and worries them).
That adds one row and a hand-over to the worker to the answer for a known number (a millisecond or two), which
the per-number limit (RATELIMIT_LOGIN_CODE) leaves too few tries to measure through a phone's network. With
SMS_SEND_INLINE (no worker: the quick start) the provider's round trip is in the answer too, so production runs a
worker.
"""

import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, When
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from redcross.masking import mask_name
from redcross.models import TextMessage
from redcross.sms.outbox import text_queue

from .display import session_period
from .models import Certificate, Registration, Session
from .selectors import cancellable

CODE_SECONDS = 10 * 60
MAX_WRONG_TRIES = 5
# How long a proven number opens the list before the code is asked for again.
SIGNED_IN_SECONDS = 30 * 60
# How long the browser remembers the number a code was asked for: longer than the code, so that a late code
# gets the same answer as a wrong one.
PENDING_SECONDS = 30 * 60
# The most recent sign-ups a list shows; older ones are for the branch to look up.
LATEST = 50
SIGNED_IN = "training.mine"
PENDING = "training.mine.pending"
Status = Registration.Status


def _code_key(mobile: str) -> str:
    return f"training:mine:code:{mobile}"


def _tries_key(mobile: str) -> str:
    return f"training:mine:tries:{mobile}"


def _digest(mobile: str, code: str) -> str:
    return salted_hmac("training.mine.code", f"{mobile}:{code}").hexdigest()


def has_sign_ups(mobile: str) -> bool:
    return Registration.objects.filter(trainee__mobile=mobile).exists()


def code_request(*, mobile: str) -> TextMessage | None:
    """A new code for a well-formed mainland mobile number, replacing the one before; texted only to a number
    with sign-ups. Returns the queued message, None when nothing is sent (the caller must not tell the two apart).
    """
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set_many({_code_key(mobile): _digest(mobile, code), _tries_key(mobile): 0}, CODE_SECONDS)
    if not has_sign_ups(mobile):
        return None
    # The providers send their approved template in Chinese; the text kept and logged reads the same.
    with translation.override(settings.LANGUAGE_CODE):
        body = _("Your code for My sign-ups is %(code)s, valid for %(minutes)s minutes. Do not give it to anyone.") % {
            "code": code, "minutes": CODE_SECONDS // 60}
    return text_queue(
        key=f"login:{mobile}:{secrets.token_hex(8)}", kind=TextMessage.Kind.LOGIN_CODE, mobile=mobile, body=body,
        params={"code": code},
    )


def code_check(*, mobile: str, code: str) -> bool:
    """Whether `code` is the live code of `mobile`. A right code works once; the MAX_WRONG_TRIES-th wrong one
    voids the code, so that no later try succeeds, even with the right code."""
    try:
        tries = cache.incr(_tries_key(mobile))  # counted first, atomically, so that tries at once are all counted
    except ValueError:  # no live code: never asked, expired, used or void
        return False
    digest = cache.get(_code_key(mobile))
    if digest is None or tries > MAX_WRONG_TRIES:
        return False
    if not constant_time_compare(digest, _digest(mobile, code)):
        if tries >= MAX_WRONG_TRIES:
            cache.delete_many([_code_key(mobile), _tries_key(mobile)])
        return False
    # Deleting the code claims it: of two tries with the right code at once, only one opens the list.
    claimed = cache.delete(_code_key(mobile))
    cache.delete(_tries_key(mobile))
    return bool(claimed)


# The proven number, in the visitor's session


def _limit_cookie(request, seconds: int) -> None:
    # An anonymous visitor's session cookie lives no longer than what it holds, so that public pages come from the
    # page cache again once it is gone; a staff member's login keeps its own lifetime.
    if not request.user.is_authenticated:
        request.session.set_expiry(seconds)


def pending_remember(request, mobile: str) -> None:
    request.session[PENDING] = {"mobile": mobile, "until": time.time() + PENDING_SECONDS}
    _limit_cookie(request, PENDING_SECONDS)


def pending_mobile(request) -> str | None:
    pending = request.session.get(PENDING)
    return pending["mobile"] if pending and pending["until"] > time.time() else None


def sign_in(request, mobile: str) -> None:
    """The number is proven: it opens the list for SIGNED_IN_SECONDS, under a new session key."""
    request.session.cycle_key()
    request.session.pop(PENDING, None)
    request.session[SIGNED_IN] = {"mobile": mobile, "until": time.time() + SIGNED_IN_SECONDS}
    _limit_cookie(request, SIGNED_IN_SECONDS)


def signed_in_mobile(request) -> str | None:
    signed_in = request.session.get(SIGNED_IN)
    if not signed_in:
        return None
    if signed_in["until"] <= time.time():
        sign_out(request)
        return None
    return signed_in["mobile"]


def sign_out(request) -> None:
    for key in (SIGNED_IN, PENDING):
        request.session.pop(key, None)
    if not request.user.is_authenticated:
        request.session.flush()  # nothing else is kept for an anonymous visitor: the cookie goes too


# The list


@dataclass
class MySignUps:
    upcoming: list[Registration] = field(default_factory=list)
    past: list[Registration] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # masked
    more: bool = False  # older sign-ups than the LATEST shown exist


def state(registration: Registration) -> str:
    """What a sign-up has come to, as the list names it: cancelled, session_cancelled, attended, absent,
    waiting or confirmed."""
    if registration.status == Status.CANCELLED:
        return "cancelled"
    if registration.session.status == Session.Status.CANCELLED:
        return "session_cancelled"
    if registration.attended is not None:
        return "attended" if registration.attended else "absent"
    return registration.status


def _waiting_position() -> Subquery:
    """training.services.signup.waiting_position as a subquery: the waiting sign-ups of the same session up to
    this one, earliest first."""
    earlier = Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
    return Subquery(
        Registration.objects.filter(earlier, session=OuterRef("session"), status=Status.WAITING)
        .order_by().values("session").annotate(count=Count("pk")).values("count"),
        output_field=IntegerField(),
    )


def sign_ups_of(mobile: str, *, now=None) -> MySignUps:
    """The latest sign-ups under this mobile number, whatever the name given with it, in one query: upcoming
    (soonest first, with the waiting position) and past (latest first); each with its state, its period, whether
    it can still be cancelled and the token of its certificate when one was issued for that session."""
    now = now or timezone.now()
    certificate = Certificate.objects.filter(
        trainee=OuterRef("trainee"), session=OuterRef("session"), revoked=False,
    ).values("token")[:1]
    rows = list(
        Registration.objects.filter(trainee__mobile=mobile)
        .select_related("session__course", "session__base", "trainee")
        .annotate(
            position=Case(When(status=Status.WAITING, then=_waiting_position()), output_field=IntegerField()),
            certificate_token=Subquery(certificate),
        )
        .order_by("-session__starts_at", "-pk")[:LATEST + 1]
    )
    found = MySignUps(more=len(rows) > LATEST)
    for registration in rows[:LATEST]:
        session = registration.session
        registration.state = state(registration)
        registration.period = session_period(session.starts_at, session.ends_at)
        registration.can_cancel = cancellable(registration, now)
        if session.ends_at > now:
            found.upcoming.insert(0, registration)
        else:
            registration.position = None  # a waiting list of the past has no place in it
            found.past.append(registration)
    found.names = sorted({mask_name(registration.trainee.name) for registration in rows[:LATEST]})
    return found
