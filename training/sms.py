"""What citizens are told by text message about their sign-ups and certificates, queued through the outbox.

Each message is short text in the portal's main language (Chinese, whatever the language of the page that caused
it), names the person by their name and nothing more, and goes out at most once: its key says what it tells.
Messages about a session go out only before it begins, so staff entering a past session's roster tell nobody.
"""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.models import TextMessage
from redcross.sms.outbox import text_queue
from redcross.sms.texts import Text, in_main_language, public_url

from .display import session_period
from .models import Certificate, Registration, Session

Kind = TextMessage.Kind
Status = Registration.Status
# The people a session's change or cancellation concerns.
TOLD_OF_CHANGES = (Status.CONFIRMED, Status.WAITING)


def _session_values(registration: Registration) -> dict[str, str]:
    session = registration.session
    return {"name": registration.trainee.name, "title": session.display_title,
            "time": session_period(session.starts_at, session.ends_at)}


# Links in messages are short and open nothing by themselves: a message's text passes through the provider's
# records, so it never carries a sign-up's signed address or a certificate's token. 我的报名 asks for a code sent
# to the same phone; the certificate check asks for the number and the name.
def _mine_link() -> str:
    return public_url(reverse("training:mine"))


@in_main_language
def signed_up(registration: Registration, position: int | None = None) -> Text:
    """Confirmed, or on the waiting list at `position` (1 for the first person waiting)."""
    values = _session_values(registration)
    if registration.status == Status.WAITING:
        values["position"] = str(position)
        return Text(Kind.SIGNUP_WAITING, _(
            "%(name)s, %(title)s (%(time)s) is full: you are number %(position)s on the waiting list. You will get "
            "a text message if a seat frees up."
        ) % values, values)
    values["place"] = registration.session.place
    return Text(Kind.SIGNUP_CONFIRMED, _("%(name)s, you are signed up for %(title)s, %(time)s, at %(place)s.")
                % values, values)


@in_main_language
def promoted(registration: Registration) -> Text:
    values = {**_session_values(registration), "place": registration.session.place}
    return Text(Kind.PROMOTED, _(
        "%(name)s, a seat has freed up: you are now signed up for %(title)s, %(time)s, at %(place)s."
    ) % values, values)


@in_main_language
def reminder(registration: Registration) -> Text:
    values = {**_session_values(registration), "place": registration.session.place, "link": _mine_link()}
    return Text(Kind.REMINDER, _("%(name)s, %(title)s is tomorrow, %(time)s, at %(place)s. To see or cancel: %(link)s")
                % values, values)


@in_main_language
def session_changed(registration: Registration) -> Text:
    values = {**_session_values(registration), "place": registration.session.place}
    return Text(Kind.SESSION_CHANGED, _("%(name)s, %(title)s has changed: it is now %(time)s, at %(place)s.")
                % values, values)


@in_main_language
def session_cancelled(registration: Registration) -> Text:
    values = _session_values(registration)
    return Text(Kind.SESSION_CANCELLED, _(
        "%(name)s, sorry: %(title)s (%(time)s) has been cancelled."
    ) % values, values)


@in_main_language
def certificate_issued(certificate: Certificate) -> Text:
    values = {"name": certificate.trainee.name, "course": certificate.course.name, "number": certificate.number,
              "link": public_url(reverse("training:certificate_check"))}
    return Text(Kind.CERTIFICATE_ISSUED, _(
        "%(name)s, your %(course)s certificate has been issued, number %(number)s. Check it at %(link)s"
    ) % values, values)


def _queue(key: str, text: Text, *, mobile: str, about, by=None, first: bool = False) -> TextMessage | None:
    return text_queue(key=key, kind=text.kind, mobile=mobile, body=text.body, params=text.params, about=about,
                      by=by, first=first)


def _ahead(session: Session) -> bool:
    return session.starts_at > timezone.now()


def tell_signed_up(registration: Registration, *, position: int | None = None, by=None) -> TextMessage | None:
    """The person who signed up, or whom staff registered, learns whether they have a seat or wait (at `position`).
    Once, in the transaction that created the registration: its message is the first under its key."""
    if not _ahead(registration.session):
        return None
    return _queue(f"signup:{registration.pk}", signed_up(registration, position), mobile=registration.trainee.mobile,
                  about=registration, by=by, first=True)


def tell_promoted(registrations, *, by=None) -> list[Registration]:
    """Each person moved up from the waiting list is told once; returns them, earliest sign-up first, with their
    trainee and session loaded."""
    moved = list(
        Registration.objects.filter(pk__in=[registration.pk for registration in registrations])
        .select_related("trainee", "session__course", "session__base").order_by("created_at", "pk")
    )
    for registration in moved:
        if _ahead(registration.session):
            _queue(f"promoted:{registration.pk}", promoted(registration), mobile=registration.trainee.mobile,
                   about=registration, by=by)
    return moved


def _told_of_changes(session: Session, exclude=()) -> list[Registration]:
    registrations = list(
        session.registrations.filter(status__in=TOLD_OF_CHANGES).exclude(pk__in=exclude).select_related("trainee")
    )
    for registration in registrations:
        registration.session = session
    return registrations


def tell_session_changed(session: Session, *, by=None, exclude=()) -> None:
    """Everyone confirmed or waiting learns the session's new time and place, once for each change staff save.

    `exclude`: registrations already told the new time and place (moved up by the same change).
    """
    if not _ahead(session):
        return
    changed_at = timezone.now().isoformat(timespec="microseconds")
    for registration in _told_of_changes(session, exclude):
        _queue(f"changed:{registration.pk}:{changed_at}", session_changed(registration),
               mobile=registration.trainee.mobile, about=registration, by=by)


def tell_session_cancelled(session: Session, *, by=None) -> None:
    if not _ahead(session):
        return
    for registration in _told_of_changes(session):
        _queue(f"cancelled:{registration.pk}", session_cancelled(registration), mobile=registration.trainee.mobile,
               about=registration, by=by)


def tell_certificates_issued(certificates, *, by=None) -> None:
    """Each holder with a mobile number on record learns their certificate's number and where to check it."""
    for certificate in certificates:
        if certificate.trainee.mobile:
            _queue(f"certificate:{certificate.pk}", certificate_issued(certificate), mobile=certificate.trainee.mobile,
                   about=certificate, by=by)


def remind_tomorrow(*, today: date | None = None) -> int:
    """A reminder to everyone confirmed for a session (not cancelled) that starts tomorrow, China time; once per
    person and day however often it runs. Returns how many were queued by this run."""
    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    starts = timezone.make_aware(datetime.combine(tomorrow, time.min))
    registrations = list(
        Registration.objects.filter(status=Status.CONFIRMED, session__starts_at__gte=starts,
                                    session__starts_at__lt=starts + timedelta(days=1))
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("trainee", "session__course", "session__base").order_by("pk")
    )
    keys = {registration.pk: f"reminder:{registration.pk}:{tomorrow.isoformat()}" for registration in registrations}
    sent_before = set(TextMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    queued = 0
    for registration in registrations:
        if keys[registration.pk] not in sent_before and _queue(
            keys[registration.pk], reminder(registration), mobile=registration.trainee.mobile, about=registration,
        ):
            queued += 1
    return queued


def still_true(message: TextMessage) -> bool:
    """Whether a message about a sign-up still says what is so: the sign-up not cancelled since (unless the message
    is the session's cancellation) and the session not begun. Messages about anything else are always."""
    registration = message.subject
    if not isinstance(registration, Registration):
        return True
    if registration.status == Status.CANCELLED and message.kind != Kind.SESSION_CANCELLED:
        return False
    return registration.session.starts_at > timezone.now()
