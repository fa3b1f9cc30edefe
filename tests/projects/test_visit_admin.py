"""The staff's screens for group visits: slots and bookings, each step through the services, personal data masked."""

import datetime as dt

import pytest
from django.contrib.messages import constants
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from projects import services
from projects.models import GroupBooking, PositionKind, Site, VisitSlot
from redcross.models import TextMessage

pytestmark = pytest.mark.django_db
BOOKINGS = "/admin/projects/groupbooking/"
SLOTS = "/admin/projects/visitslot/"
Status = GroupBooking.Status
Kind = TextMessage.Kind


def mobile(n: int) -> str:
    return f"139{n:08d}"


def masked(n: int) -> str:
    return f"139****{mobile(n)[-4:]}"


def position(name="市应急救护体验馆", kind="急救逃生体验场馆") -> Site:
    return services.site_save(site=Site(
        name=name, position_kind=PositionKind.objects.get(name=kind), status=Site.Status.BUILT,
        started_on=dt.date(2024, 1, 1), built_on=dt.date(2024, 6, 1), published=True,
    ))


def slot_at(site: Site, days: int = 10, capacity: int = 100, starts=dt.time(9, 0)) -> VisitSlot:
    return services.slot_save(slot=VisitSlot(
        site=site, date=timezone.localdate() + dt.timedelta(days=days), starts_at=starts, ends_at=dt.time(11, 0),
        capacity=capacity,
    ))


def book(slot: VisitSlot, n: int, headcount: int = 1, now=None) -> GroupBooking:
    return services.booking_request(slot=slot, now=now, booking=GroupBooking(
        organisation=f"实验小学{n}班", contact_name="王老师", mobile=mobile(n), headcount=headcount,
        age_group=GroupBooking.AgeGroup.PRIMARY,
    ))


def act(client, url, action, records, **answers):
    return client.post(url, {"action": action, "_selected_action": [record.pk for record in records], **answers},
                       follow=True)


def levels(response) -> list[int]:
    return [message.level for message in response.context["messages"]]


def status_of(booking) -> str:
    booking.refresh_from_db()
    return booking.status


@pytest.fixture
def hall():
    return position()


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("persona", ["projects_officer", "leader"])
def test_the_booking_list_costs_the_same_whatever_the_number_of_bookings(client, request, hall, persona,
                                                                         django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(persona))
    slot = slot_at(hall)
    book(slot, 1)
    one, page = queries_for(client, BOOKINGS)
    assert "实验小学1班" in page
    for n in range(2, 31):
        book(slot_at(hall, days=n) if n % 3 == 0 else slot, n)
    with django_assert_max_num_queries(one):
        response = client.get(BOOKINGS)
    page = response.content.decode()
    assert all(f"实验小学{n}班" in page for n in range(1, 31))
    assert queries_for(client, BOOKINGS)[0] == one


def test_confirming_from_the_list_confirms_and_tells_the_contact(officer_client, projects_officer, hall):
    booking = book(slot_at(hall), 1, headcount=30)
    response = act(officer_client, BOOKINGS, "confirm", [booking])
    assert levels(response) == [constants.SUCCESS]
    booking.refresh_from_db()
    assert (booking.status, booking.decided_by) == (Status.CONFIRMED, projects_officer)
    assert set(TextMessage.objects.filter(mobile=mobile(1)).values_list("kind", flat=True)) == {
        Kind.VISIT_REQUESTED, Kind.VISIT_CONFIRMED}


def test_declining_asks_the_reason_and_without_one_changes_nothing(officer_client, hall):
    booking = book(slot_at(hall), 1)
    question = act(officer_client, BOOKINGS, "decline", [booking])
    assert question.status_code == 200 and 'name="reason"' in question.content.decode()
    assert status_of(booking) == Status.REQUESTED

    refused = act(officer_client, BOOKINGS, "decline", [booking], apply="1", reason="  ")
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    assert status_of(booking) == Status.REQUESTED
    assert not TextMessage.objects.filter(kind=Kind.VISIT_DECLINED).exists()

    act(officer_client, BOOKINGS, "decline", [booking], apply="1", reason="当天场馆检修")
    booking.refresh_from_db()
    assert (booking.status, booking.reason) == (Status.DECLINED, "当天场馆检修")
    assert "当天场馆检修" in TextMessage.objects.get(kind=Kind.VISIT_DECLINED, mobile=mobile(1)).text


def test_a_visit_that_took_place_is_recorded_with_the_number_who_came(officer_client, hall):
    yesterday = slot_at(hall, days=-1)
    held = book(yesterday, 1, headcount=45, now=timezone.now() - dt.timedelta(days=3))
    coming = book(slot_at(hall), 2, headcount=20)
    for booking in (held, coming):
        services.booking_decide(booking=booking, confirm=True)

    question = act(officer_client, BOOKINGS, "record_held", [held, coming])
    assert f'name="attended_{held.pk}"' in question.content.decode()
    assert question.context["form"][f"attended_{held.pk}"].value() == 45

    response = act(officer_client, BOOKINGS, "record_held", [held, coming], apply="1",
                   **{f"attended_{held.pk}": "38", f"attended_{coming.pk}": "20"})
    assert sorted(levels(response)) == [constants.SUCCESS, constants.ERROR]  # the coming visit has not happened
    held.refresh_from_db()
    assert (held.status, held.attended) == (Status.HELD, 38)
    assert status_of(coming) == Status.CONFIRMED


def test_a_cancelled_booking_gives_its_places_back(officer_client, hall):
    slot = slot_at(hall, capacity=30)
    booking = book(slot, 1, headcount=30)
    act(officer_client, BOOKINGS, "cancel", [booking])
    assert status_of(booking) == Status.CANCELLED
    assert '<td class="field-free">30</td>' in officer_client.get(SLOTS).content.decode()


def test_a_step_the_service_refuses_is_a_message_and_changes_nothing(officer_client, hall):
    booking = book(slot_at(hall), 1)
    services.booking_decide(booking=booking, confirm=False, reason="名额已满")
    response = act(officer_client, BOOKINGS, "confirm", [booking])
    assert response.status_code == 200 and levels(response) == [constants.ERROR]
    assert status_of(booking) == Status.DECLINED
    assert not TextMessage.objects.filter(kind=Kind.VISIT_CONFIRMED).exists()


def slot_form(slot, **values) -> dict:
    return {"site": slot.site_id, "date": slot.date.isoformat(), "starts_at": "09:00", "ends_at": "11:00",
            "capacity": str(slot.capacity), "note": "", "open": "on", **values}


def phone_booking(slot, **values) -> dict:
    return {"slot": slot.pk, "organisation": "城东中学初二年级", "contact_name": "李老师", "mobile": mobile(7),
            "headcount": "40", "age_group": "secondary", "note": "", **values}


def test_staff_enter_a_request_taken_by_phone_through_the_same_service(officer_client, hall):
    slot = slot_at(hall, capacity=50)
    response = officer_client.post(f"{BOOKINGS}add/", phone_booking(slot))
    assert response.status_code == 302
    booking = GroupBooking.objects.get()
    assert (booking.slot, booking.status, booking.headcount) == (slot, Status.REQUESTED, 40)
    assert TextMessage.objects.filter(kind=Kind.VISIT_REQUESTED, mobile=mobile(7)).exists()


def test_a_phone_request_beyond_the_free_places_is_refused_on_the_form_with_what_was_typed(officer_client, hall):
    slot = slot_at(hall, capacity=50)
    book(slot, 1, headcount=30)
    response = officer_client.post(f"{BOOKINGS}add/", phone_booking(slot, organisation="城西小学"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    expected = gettext("Only %(free)s places are left at this time: come with fewer people or choose another "
                       "time.") % {"free": 20}
    assert form.non_field_errors() == [expected]
    assert 'value="城西小学"' in response.content.decode()
    assert GroupBooking.objects.count() == 1


def test_the_add_form_offers_only_upcoming_open_slots_with_their_free_places(officer_client, hall):
    open_slot, closed = slot_at(hall, capacity=50), slot_at(hall, days=11)
    closed.open = False
    services.slot_save(slot=closed)
    past = slot_at(hall, days=-2)
    book(open_slot, 1, headcount=12)
    field = officer_client.get(f"{BOOKINGS}add/").context["adminform"].form.fields["slot"]
    assert list(field.queryset) == [open_slot]
    assert past not in field.queryset
    assert "38" in field.label_from_instance(field.queryset.get())


def test_a_bookings_status_cannot_be_typed_on_its_page(officer_client, hall):
    booking = book(slot_at(hall), 1)
    page = officer_client.get(f"{BOOKINGS}{booking.pk}/change/").content.decode()
    assert 'name="status"' not in page and 'name="_save"' not in page
    officer_client.post(f"{BOOKINGS}{booking.pk}/change/", {**phone_booking(booking.slot), "status": "confirmed"})
    assert status_of(booking) == Status.REQUESTED


def test_the_mobile_is_masked_on_the_list_and_whole_on_the_page_for_the_projects_staff(officer_client, hall):
    booking = book(slot_at(hall), 1)
    book(booking.slot, 2)
    listed = officer_client.get(BOOKINGS).content.decode()
    assert masked(1) in listed and mobile(1) not in listed
    assert mobile(1) in officer_client.get(f"{BOOKINGS}{booking.pk}/change/").content.decode()
    found = officer_client.get(BOOKINGS, {"q": mobile(1)})
    assert [row.pk for row in found.context["cl"].result_list] == [booking.pk]


def test_leadership_sees_bookings_and_slots_masked_and_changes_nothing(leader_client, hall):
    slot = slot_at(hall, capacity=40)
    booking = book(slot, 1, headcount=10)
    listed = leader_client.get(BOOKINGS).content.decode()
    assert masked(1) in listed and mobile(1) not in listed
    assert 'name="action"' not in listed
    page = leader_client.get(f"{BOOKINGS}{booking.pk}/change/").content.decode()
    assert masked(1) in page and mobile(1) not in page
    assert not leader_client.get(BOOKINGS, {"q": mobile(1)}).context["cl"].result_list  # not found by the number
    assert leader_client.get(f"{BOOKINGS}{booking.pk}/history/").status_code == 200

    act(leader_client, BOOKINGS, "confirm", [booking])
    act(leader_client, BOOKINGS, "decline", [booking], apply="1", reason="不接待")
    act(leader_client, SLOTS, "repeat_weekly", [slot], apply="1", weeks="4")
    assert leader_client.post(f"{BOOKINGS}{booking.pk}/change/", phone_booking(slot)).status_code == 403
    assert leader_client.post(f"{SLOTS}{slot.pk}/change/", slot_form(slot, capacity="5")).status_code == 403
    assert leader_client.get(f"{BOOKINGS}add/").status_code == 403
    assert leader_client.get(f"{SLOTS}add/").status_code == 403
    assert status_of(booking) == Status.REQUESTED
    assert VisitSlot.objects.count() == 1 and VisitSlot.objects.get().capacity == 40
    assert not TextMessage.objects.exclude(kind=Kind.VISIT_REQUESTED).exists()


def test_the_roles_give_the_projects_staff_slots_and_bookings_and_leadership_a_look(projects_officer, leader):
    for model in ("visitslot", "groupbooking"):
        assert all(projects_officer.has_perm(f"projects.{step}_{model}") for step in ("add", "change", "view"))
        assert leader.has_perm(f"projects.view_{model}")
        assert not any(leader.has_perm(f"projects.{step}_{model}") for step in ("add", "change", "delete"))
