"""Reads of the training app: public pages at a fixed number of queries whatever the rows, and the predicates
and checks other code asks (can this be cancelled? does this resident ID need checking?)."""

import copy
import time

from django.db import transaction
from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import ACos, Cast, Cos, Greatest, Least, Radians, Sin
from django.utils import timezone

from .models import Base, Registration, Session

EARTH_RADIUS_KM = 6371.0
SESSIONS_PER_BASE_CARD = 3
SESSIONS_ON_BASE_PAGE = 5
BASES_IN_FILTER = 20
CONFIRMED = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))


def upcoming_public_sessions(now=None) -> QuerySet[Session]:
    now = now or timezone.now()
    return (
        Session.objects.filter(
            public_signup=True, status__in=(Session.Status.OPEN, Session.Status.FULL), starts_at__gt=now
        )
        .filter(Q(signup_deadline__isnull=True) | Q(signup_deadline__gt=now))
        .filter(Q(base__isnull=True) | Q(base__published=True))
        .select_related("course", "base")
        .annotate(confirmed=CONFIRMED, seats_left=Greatest(F("seats") - CONFIRMED, Value(0)))
        .order_by("starts_at", "pk")
    )


def bases_for_public(*, latitude: float | None = None, longitude: float | None = None) -> QuerySet[Base]:
    """Published bases with their next few upcoming public sessions; nearest first when a position is given."""
    bases = Base.objects.filter(published=True).prefetch_related(
        Prefetch("sessions", queryset=upcoming_public_sessions()[:SESSIONS_PER_BASE_CARD], to_attr="upcoming")
    )
    if latitude is None or longitude is None:
        return bases.order_by("name")
    # Great-circle distance; bases without a location come last.
    lat, lng = Radians(Value(latitude)), Radians(Value(longitude))
    base_lat = Radians(Cast("latitude", FloatField()))
    base_lng = Radians(Cast("longitude", FloatField()))
    cosine = Sin(lat) * Sin(base_lat) + Cos(lat) * Cos(base_lat) * Cos(base_lng - lng)
    # Rounding can carry the cosine just past ±1 (the same place, or the far side of the Earth), where ACOS fails.
    # PostgreSQL's LEAST and GREATEST skip NULL, so a base without a location needs its own case.
    distance = Case(
        When(latitude__isnull=True, then=Value(None, output_field=FloatField())),
        default=ACos(Greatest(Least(cosine, Value(1.0)), Value(-1.0))) * Value(EARTH_RADIUS_KM),
        output_field=FloatField(),
    )
    return bases.annotate(distance_km=distance).order_by(F("distance_km").asc(nulls_last=True), "name")


def base_for_public(pk: int) -> Base:
    """A published base with its next upcoming public sessions, one more than its page shows (to tell whether
    the list of sessions has more)."""
    upcoming = upcoming_public_sessions()[:SESSIONS_ON_BASE_PAGE + 1]
    return (
        Base.objects.filter(published=True)
        .prefetch_related("equipment", Prefetch("sessions", queryset=upcoming, to_attr="upcoming"))
        .get(pk=pk)
    )


def bases_to_filter_sessions() -> list[Base] | None:
    """The published bases to offer in the sessions' filter, by name; None when there are too many for a list
    on a phone (a citizen then picks a base from the bases' list, nearest first)."""
    bases = list(Base.objects.filter(published=True).only("pk", "name").order_by("name")[:BASES_IN_FILTER + 1])
    return bases if len(bases) <= BASES_IN_FILTER else None


def public_sessions() -> QuerySet[Session]:
    """Sessions whose page a citizen may open: public sign-up, announced, at a published base or outside."""
    return (
        Session.objects.filter(public_signup=True)
        .exclude(status__in=(Session.Status.PLANNED,))
        .filter(Q(base__isnull=True) | Q(base__published=True))
    )


def session_is_public(session: Session | None) -> bool:
    """Can a citizen open this session's page? Asked by other apps that link to it."""
    return session is not None and public_sessions().filter(pk=session.pk).exists()


def session_for_public(pk: int) -> Session:
    return (
        public_sessions()
        .select_related("course", "base")
        .annotate(confirmed=CONFIRMED, seats_left=Greatest(F("seats") - CONFIRMED, Value(0)))
        .get(pk=pk)
    )


# A crowd signing up for one session reads it from the database once a second in each process, not once per
# sign-up: the sign-up reads the session's status, seats and sign-up window again under its lock, and a change to a
# session, a course or a base forgets what this process remembers at once (other processes within the second).
SIGN_UP_MEMO_SECONDS = 1.0
SIGN_UP_MEMO_SESSIONS = 64
_to_sign_up: dict[int, tuple[float, Session]] = {}


def session_to_sign_up(pk: int) -> Session:
    """A session a citizen may open, as the sign-up and its text message need it (its course and base), without
    the count of seats taken: copies of their own for each caller."""
    now = time.monotonic()
    remembered = _to_sign_up.get(pk)
    if remembered is None or remembered[0] <= now:
        if len(_to_sign_up) >= SIGN_UP_MEMO_SESSIONS:
            _to_sign_up.clear()
        remembered = (now + SIGN_UP_MEMO_SECONDS, public_sessions().select_related("course", "base").get(pk=pk))
        _to_sign_up[pk] = remembered
    session = copy.copy(remembered[1])
    session.course = copy.copy(session.course)
    if session.base_id is not None:
        session.base = copy.copy(session.base)
    return session


def forget_sessions_to_sign_up(using=None, **kwargs) -> None:
    """Receiver of the saves and deletes of sessions, courses and bases: at once, and again at the commit (another
    thread of this process may have read the old row meanwhile)."""
    _to_sign_up.clear()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_to_sign_up.clear, using=using)


def float_or_none(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is not a position


def cancellable(registration: Registration, now=None) -> bool:
    """Can this sign-up still be cancelled? Until the session begins, unless already cancelled or held."""
    now = now or timezone.now()
    session = registration.session
    return (
        registration.status != Registration.Status.CANCELLED
        and session.status != Session.Status.HELD
        and session.starts_at > now
    )


def confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=Registration.Status.CONFIRMED).count()


# Resident ID numbers for staff to check: sign-up takes any number without telling the citizen about others.


def resident_id_shared():
    """True for a registration whose trainee's resident ID number another person of the session also gave."""
    return Exists(
        Registration.objects.filter(session=OuterRef("session"), trainee__resident_id=OuterRef("trainee__resident_id"))
        .exclude(trainee=OuterRef("trainee")).exclude(trainee__resident_id="")
        .exclude(status=Registration.Status.CANCELLED)
    )


def resident_id_noted():
    """True for a registration whose sign-up gave a resident ID number other than the one on record (its creation
    in the history carries the note; nothing else writes a reason there)."""
    return Exists(Registration.history.model.objects.filter(
        id=OuterRef("pk"), history_type="+", history_change_reason__gt=""))


def sharing_resident_id(registration: Registration) -> list[str]:
    """The names of the others of the session who gave this registration's resident ID number."""
    return list(
        registration.session.registrations.filter(trainee__resident_id=registration.trainee.resident_id)
        .exclude(trainee=registration.trainee_id).exclude(status=Registration.Status.CANCELLED)
        .values_list("trainee__name", flat=True)
    )


def resident_id_note(registration: Registration) -> str:
    """The masked number given at sign-up when it differed from the one on record (kept with the creation)."""
    return registration.history.filter(history_type="+").values_list("history_change_reason", flat=True).first()
