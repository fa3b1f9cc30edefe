"""Group visits through their services: requests within a slot's places, refusals that store nothing, staff's
decisions told to the requester, cancelled places given back, held visits, and a slot never overbooked however
many groups ask at the same moment."""

import datetime as dt
import threading
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import GroupBooking, VisitSlot
from projects.services import (
    booking_cancel,
    booking_decide,
    booking_held,
    booking_request,
    places_taken,
    position_kind_save,
    slot_save,
    slots_repeat,
)
from redcross.models import TextMessage
from tests.projects.visiting import Clock, asking, position, position_kind, request, slot_at
from tests.training.factories import mobile

pytestmark = pytest.mark.django_db
Status = GroupBooking.Status
Kind = TextMessage.Kind


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def hall():
    return position()


@pytest.fixture
def slot(hall):
    return slot_at(hall, in_days(10), capacity=100)


def refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_request_within_the_places_awaits_confirmation_and_queues_one_text(slot):
    booking = request(slot, headcount=40)
    stored = GroupBooking.objects.get()
    assert (stored.pk, stored.status, stored.headcount, stored.slot) == (booking.pk, Status.REQUESTED, 40, slot)
    assert places_taken(slot) == 40
    message = TextMessage.objects.get()
    assert (message.kind, message.mobile, message.subject_id) == (Kind.VISIT_REQUESTED, mobile(1), booking.pk)
    assert "实验小学" in message.text and "市急救逃生体验馆" in message.text and "40" in message.text


def test_more_people_than_the_places_left_are_refused_with_the_number_left(slot):
    request(slot, headcount=70, n=1)
    with pytest.raises(ValidationError) as refused:
        request(slot, headcount=31, n=2)
    expected = _("Only %(free)s places are left at this time: come with fewer people or choose another time.")
    assert refusal(refused.value) == expected % {"free": 30}
    assert GroupBooking.objects.count() == 1 and TextMessage.objects.count() == 1
    request(slot, headcount=30, n=2)  # exactly the places left
    assert places_taken(slot) == 100


def test_a_fully_booked_slot_is_refused(slot):
    request(slot, headcount=100, n=1)
    with pytest.raises(ValidationError) as refused:
        request(slot, headcount=1, n=2)
    assert refusal(refused.value) == _("This time is fully booked: please choose another.")
    assert GroupBooking.objects.count() == 1


def test_the_same_mobile_cannot_book_one_slot_twice_but_may_book_another(hall, slot):
    request(slot, headcount=10, n=1)
    with pytest.raises(ValidationError) as refused:
        request(slot, headcount=10, n=1, organisation="第二小学")
    assert refusal(refused.value) == _(
        "This mobile number has already booked this time. Please wait for our message.")
    assert GroupBooking.objects.count() == 1 and TextMessage.objects.count() == 1
    request(slot_at(hall, in_days(11)), headcount=10, n=1)
    assert GroupBooking.objects.count() == 2


def test_a_slot_that_has_begun_takes_no_request(hall):
    begun = slot_at(hall, timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        request(begun)
    assert refusal(refused.value) == _("This time has already begun: please choose a later one.")
    assert not GroupBooking.objects.exists() and not TextMessage.objects.exists()


def test_a_closed_slot_takes_no_request_and_keeps_its_bookings(slot):
    request(slot, headcount=10, n=1)
    slot.open = False
    slot_save(slot=slot)
    with pytest.raises(ValidationError) as refused:
        request(slot, headcount=10, n=2)
    assert refusal(refused.value) == _("This time no longer takes bookings: please choose another.")
    assert GroupBooking.objects.count() == 1 and places_taken(slot) == 10


def test_a_kind_that_stops_receiving_groups_takes_no_request_and_gets_no_new_slot(hall, slot):
    kind = position_kind("急救逃生体验场馆")
    kind.receives_groups = False
    position_kind_save(kind=kind)
    with pytest.raises(ValidationError) as refused:
        request(slot)
    assert refusal(refused.value) == _("This time no longer takes bookings: please choose another.")
    with pytest.raises(ValidationError) as no_slot:
        slot_at(hall, in_days(12))
    assert "site" in no_slot.value.message_dict
    assert not GroupBooking.objects.exists() and VisitSlot.objects.count() == 1


def test_a_school_position_receives_no_groups():
    school = position("实验小学", kind="红十字模范学校")
    with pytest.raises(ValidationError):
        slot_at(school, in_days(5))
    assert not VisitSlot.objects.exists()


def test_declining_needs_a_reason_and_the_requester_is_told_it(slot):
    booking = request(slot)
    with pytest.raises(ValidationError) as refused:
        booking_decide(booking=booking, confirm=False, reason="   ")
    assert "reason" in refused.value.message_dict
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED
    assert not TextMessage.objects.filter(kind=Kind.VISIT_DECLINED).exists()

    booking_decide(booking=booking, confirm=False, reason="当天场馆检修")
    booking.refresh_from_db()
    assert (booking.status, booking.reason) == (Status.DECLINED, "当天场馆检修")
    told = TextMessage.objects.get(kind=Kind.VISIT_DECLINED)
    assert told.mobile == booking.mobile and "当天场馆检修" in told.text
    assert places_taken(slot) == 0


def test_confirming_tells_the_requester_and_a_decided_booking_cannot_be_decided_again(slot, projects_officer):
    booking = booking_decide(booking=request(slot), confirm=True, by=projects_officer)
    booking.refresh_from_db()
    assert (booking.status, booking.decided_by) == (Status.CONFIRMED, projects_officer)
    assert booking.decided_at is not None
    told = TextMessage.objects.get(kind=Kind.VISIT_CONFIRMED)
    assert told.mobile == booking.mobile and "市急救逃生体验馆" in told.text

    with pytest.raises(ValidationError):
        booking_decide(booking=booking, confirm=False, reason="改变主意")
    booking.refresh_from_db()
    assert (booking.status, booking.reason) == (Status.CONFIRMED, "")
    assert not TextMessage.objects.filter(kind=Kind.VISIT_DECLINED).exists()
    assert places_taken(slot) == 40


def test_cancelling_frees_the_places_for_the_next_group(slot):
    first = request(slot, headcount=60, n=1)
    with pytest.raises(ValidationError):
        request(slot, headcount=50, n=2)
    booking_cancel(booking=booking_decide(booking=first, confirm=True))
    first.refresh_from_db()
    assert first.status == Status.CANCELLED and places_taken(slot) == 0
    request(slot, headcount=50, n=2)
    assert places_taken(slot) == 50
    with pytest.raises(ValidationError):
        booking_cancel(booking=first)  # once is enough


def test_a_held_visit_needs_a_confirmed_booking_on_or_before_today_and_someone_who_came(slot, clock):
    asked = request(slot, headcount=40, n=1)
    with pytest.raises(ValidationError):
        booking_held(booking=asked, attended=38)  # never confirmed
    confirmed = booking_decide(booking=asked, confirm=True)
    with pytest.raises(ValidationError):
        booking_held(booking=confirmed, attended=38)  # the visit is in ten days
    clock.set(f"{slot.date} 11:00")
    with pytest.raises(ValidationError) as nobody:
        booking_held(booking=confirmed, attended=0)
    assert "attended" in nobody.value.message_dict
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.attended) == (Status.CONFIRMED, None)

    booking_held(booking=confirmed, attended=38)
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.attended, confirmed.headcount) == (Status.HELD, 38, 40)
    assert places_taken(slot) == 40
    with pytest.raises(ValidationError):
        booking_cancel(booking=confirmed)


def test_a_slots_capacity_cannot_drop_below_the_places_taken(slot):
    request(slot, headcount=60, n=1)
    slot.capacity = 50
    with pytest.raises(ValidationError) as refused:
        slot_save(slot=slot)
    assert "capacity" in refused.value.message_dict
    assert VisitSlot.objects.get().capacity == 100
    slot.capacity = 60
    slot_save(slot=slot)
    assert VisitSlot.objects.get().capacity == 60


def test_repeating_a_slot_skips_the_days_that_already_have_it(hall, slot):
    slot_at(hall, slot.date + dt.timedelta(weeks=2), capacity=30)
    made = slots_repeat(slot=slot, weeks=3)
    assert [copy.date for copy in made] == [slot.date + dt.timedelta(weeks=1), slot.date + dt.timedelta(weeks=3)]
    assert all((copy.capacity, copy.starts_at) == (100, slot.starts_at) for copy in made)
    assert VisitSlot.objects.get(date=slot.date + dt.timedelta(weeks=2)).capacity == 30  # left as it was
    assert VisitSlot.objects.count() == 4
    with pytest.raises(ValidationError):
        slots_repeat(slot=slot, weeks=27)
    assert VisitSlot.objects.count() == 4


GROUPS, CAPACITY, HEADCOUNT = 30, 100, 7


@pytest.mark.django_db(transaction=True)
def test_thirty_groups_asking_at_once_never_overbook_a_slot():
    # Committed data only, emptied after each test: the kinds of position come from a data migration.
    import_module("projects.migrations.0005_positions").add_position_kinds(apps, None)
    import_module("projects.migrations.0007_group_visits").memorial_places_need_consent(apps, None)
    slot = slot_at(position(), in_days(10), capacity=CAPACITY)
    start = threading.Barrier(GROUPS)
    stored, refused, errors = [], [], []

    def ask(n):
        try:
            booking = asking(HEADCOUNT, n, organisation=f"第{n}小学")
            start.wait()
            stored.append(booking_request(slot=slot, booking=booking).pk)
        except ValidationError as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - any other failure is a test failure, reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(1, GROUPS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    fits = CAPACITY // HEADCOUNT
    assert errors == []
    assert len(stored) == fits and len(refused) == GROUPS - fits
    assert GroupBooking.objects.filter(status=Status.REQUESTED).count() == fits
    assert places_taken(slot) == fits * HEADCOUNT <= CAPACITY
    left = _("Only %(free)s places are left at this time: come with fewer people or choose another time.") % {
        "free": CAPACITY - fits * HEADCOUNT}
    assert {refusal(error) for error in refused} == {left}
    assert TextMessage.objects.filter(kind=Kind.VISIT_REQUESTED).count() == fits
