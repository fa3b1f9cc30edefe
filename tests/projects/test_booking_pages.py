"""A school or organisation books a group visit on a phone: the form of a visiting time, refusals on the form
with nothing stored, and the booking's own page at a signed address, where it can be cancelled."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

from projects import services
from projects.models import GroupBooking, PositionKind, Site, VisitSlot
from projects.visit_views import BOOKING_LINK, booking_token
from redcross.models import BranchProfile
from tests.projects.factories import SiteFactory

pytestmark = pytest.mark.django_db
Status = GroupBooking.Status
MOBILE = "13912345678"


@pytest.fixture
def hall() -> Site:
    return SiteFactory(name="市急救逃生体验馆", position_kind=PositionKind.objects.get(name="急救逃生体验场馆"),
                       address="科普路 8 号", phone="0513-12345678")


def slot_at(site: Site, days: int = 7, capacity: int = 40, **values) -> VisitSlot:
    return services.slot_save(slot=VisitSlot(
        site=site, date=timezone.localdate() + dt.timedelta(days=days), starts_at=dt.time(9), ends_at=dt.time(10, 30),
        capacity=capacity, **values,
    ))


@pytest.fixture
def slot(hall) -> VisitSlot:
    return slot_at(hall)


def form(**values) -> dict:
    return {"organisation": "实验小学", "contact_name": "王老师", "mobile": MOBILE, "headcount": "30",
            "age_group": "primary", "note": "有两位坐轮椅的同学", "consent": "on", **values}


def book_url(slot: VisitSlot) -> str:
    return f"/projects/slots/{slot.pk}/book/"


def requested(slot: VisitSlot, mobile: str = "13800138000", headcount: int = 10) -> GroupBooking:
    return services.booking_request(slot=slot, booking=GroupBooking(
        organisation="第二中学", contact_name="李老师", mobile=mobile, headcount=headcount,
        age_group=GroupBooking.AgeGroup.SECONDARY,
    ))


def test_a_group_books_a_visit_and_lands_on_its_own_page(client, slot):
    page = client.get(book_url(slot)).content.decode()
    assert 'name="organisation"' in page and 'name="consent"' in page and "市急救逃生体验馆" in page

    response = client.post(book_url(slot), form(mobile="139 1234 5678"))
    assert response.status_code == 302
    booking = GroupBooking.objects.get()
    assert (booking.slot, booking.status, booking.mobile, booking.headcount, booking.age_group) == (
        slot, Status.REQUESTED, MOBILE, 30, "primary")
    assert booking.note == "有两位坐轮椅的同学"
    # A token is signed with the time: the one in the address is read back rather than made again here.
    token = response["Location"].removeprefix("/projects/visits/").removesuffix("/")
    assert response["Location"] == f"/projects/visits/{token}/" and BOOKING_LINK.pk(token) == booking.pk

    own = client.get(response["Location"])
    page = own.content.decode()
    assert own.status_code == 200 and "no-store" in own["Cache-Control"]
    assert capfirst(pgettext("group booking", "awaiting confirmation")) in page
    assert "139****5678" in page and MOBILE not in page
    assert "实验小学" in page and "科普路 8 号" in page and 'href="tel:0513-12345678"' in page
    cancel = re.search(r'href="/projects/visits/([^/"]+)/cancel/"', page)
    assert cancel and BOOKING_LINK.pk(cancel[1]) == booking.pk


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"mobile": "1391234567"}, "mobile", "Enter an 11-digit mobile number starting with 13 to 19."),
    ({"mobile": "139-1234-5678"}, "mobile", None),
    ({"headcount": "0"}, "headcount", None),
    ({"headcount": "abc"}, "headcount", None),
    ({"headcount": "99999999999999999999"}, "headcount", None),
    ({"age_group": "aliens"}, "age_group", None),
    ({"organisation": ""}, "organisation", "This field is required."),
    ({"organisation": "实验\x00小学"}, "organisation", None),
    ({"contact_name": "王\n老师"}, "contact_name", None),
    ({"note": "长" * 301}, "note", None),
    ({"consent": ""}, "consent", "This field is required."),
])
def test_bad_input_is_named_on_the_form_and_nothing_is_stored(client, slot, values, field, message):
    response = client.post(book_url(slot), form(**values))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    if message:
        assert gettext(message) in response.content.decode()
    assert GroupBooking.objects.count() == 0


def test_a_mobile_typed_on_a_chinese_keyboard_is_stored_in_plain_digits(client, slot):
    assert client.post(book_url(slot), form(mobile="１３９ １２３４ ５６７８")).status_code == 302
    assert GroupBooking.objects.get().mobile == MOBILE


def test_typed_values_stay_on_the_form_after_a_mistake(client, slot):
    page = client.post(book_url(slot), form(mobile="123")).content.decode()
    assert 'value="实验小学"' in page and 'value="王老师"' in page


def test_more_visitors_than_places_left_is_refused_with_the_places_left(client, slot):
    requested(slot, headcount=35)
    response = client.post(book_url(slot), form(headcount="6"))
    assert response.status_code == 400
    page = response.content.decode()
    assert gettext("Only %(free)s places are left at this time: come with fewer people or choose another time.") % {
        "free": 5} in page
    assert GroupBooking.objects.count() == 1


def test_the_same_mobile_cannot_book_one_time_twice(client, slot):
    assert client.post(book_url(slot), form(headcount="5")).status_code == 302
    response = client.post(book_url(slot), form(headcount="5", organisation="另一所学校"))
    assert response.status_code == 400
    assert gettext("This mobile number has already booked this time. Please wait for our message.") in (
        response.content.decode())
    assert GroupBooking.objects.count() == 1


def test_a_full_or_closed_time_offers_no_form_and_refuses_a_request(client, hall):
    full = slot_at(hall, capacity=10)
    requested(full, headcount=10)
    closed = slot_at(hall, days=8, open=False)
    for slot, message in ((full, "This time is fully booked: please choose another."),
                          (closed, "This time no longer takes bookings: please choose another.")):
        page = client.get(book_url(slot)).content.decode()
        assert gettext(message) in page and 'name="organisation"' not in page
        response = client.post(book_url(slot), form(headcount="1"))
        assert response.status_code == 400 and gettext(message) in response.content.decode()
    assert GroupBooking.objects.count() == 1


def test_a_time_that_has_begun_is_refused(client, hall):
    begun = services.slot_save(slot=VisitSlot(site=hall, date=timezone.localdate(), starts_at=dt.time(0, 0),
                                              ends_at=dt.time(0, 30), capacity=20))
    assert 'name="organisation"' not in client.get(book_url(begun)).content.decode()
    response = client.post(book_url(begun), form(headcount="1"))
    assert response.status_code == 400
    assert gettext("This time has already begun: please choose a later one.") in response.content.decode()
    assert GroupBooking.objects.count() == 0


def test_times_no_citizen_may_book_are_not_found(client, hall):
    memorial = SiteFactory(position_kind=PositionKind.objects.get(name="捐献缅怀纪念场所"), publish_consent=False)
    unpublished = SiteFactory(position_kind=hall.position_kind, published=False)
    for site in (memorial, unpublished):
        slot = slot_at(site)
        assert client.get(book_url(slot)).status_code == 404
        assert client.post(book_url(slot), form()).status_code == 404
    kind = hall.position_kind
    slot = slot_at(hall)
    kind.receives_groups = False
    services.position_kind_save(kind=kind)
    assert client.get(book_url(slot)).status_code == 404
    assert client.get("/projects/slots/999999999/book/").status_code == 404
    assert client.get("/projects/slots/9999999999999999999999/book/").status_code == 404
    assert GroupBooking.objects.count() == 0


def test_requests_are_rate_limited_per_address(client, settings, slot):
    settings.RATELIMIT_SIGN_UP = "2/h"
    for n in range(2):
        client.post(book_url(slot), form(mobile=f"1380013800{n}", headcount="1"), REMOTE_ADDR="203.0.113.5")
    response = client.post(book_url(slot), form(mobile="13800138009", headcount="1"), REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert GroupBooking.objects.count() == 2
    other = client.post(book_url(slot), form(mobile="13800138008", headcount="1"), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302


@pytest.mark.parametrize("token", [
    "nonsense", "MQ:1tZ3Xx:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
    signing.dumps(1, salt="training.registration", compress=True),
    signing.dumps("x", salt="projects.booking", compress=True),
    signing.dumps(999999999, salt="projects.booking", compress=True),
])
def test_a_bad_or_foreign_signed_address_is_not_found(client, slot, token):
    requested(slot)
    assert client.get(f"/projects/visits/{token}/").status_code == 404
    assert client.post(f"/projects/visits/{token}/cancel/").status_code == 404
    assert GroupBooking.objects.get().status == Status.REQUESTED


def test_a_tampered_address_is_not_found(client, slot):
    token = booking_token(requested(slot))
    other = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/projects/visits/{other}/").status_code == 404


def test_a_group_cancels_its_booking_after_confirming_it(client, slot):
    booking = requested(slot, headcount=30)
    token = booking_token(booking)
    page = client.get(f"/projects/visits/{token}/cancel/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert 'method="post"' in page.content.decode()
    assert GroupBooking.objects.get().status == Status.REQUESTED  # a GET changes nothing

    response = client.post(f"/projects/visits/{token}/cancel/")
    assert response.status_code == 302 and response["Location"] == f"/projects/visits/{token}/"
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    page = client.get(response["Location"]).content.decode()
    assert gettext("Your booking is cancelled. Thank you for letting us know.") in page
    assert pgettext("group booking", "cancelled") in page
    assert f"/projects/visits/{token}/cancel/" not in page
    # Its places are free again, and a second POST changes nothing.
    assert client.post(f"/projects/visits/{token}/cancel/").status_code == 302
    assert services.places_taken(slot) == 0


def test_a_declined_booking_shows_the_reason_and_cannot_be_cancelled(client, slot):
    booking = services.booking_decide(booking=requested(slot), confirm=False, reason="当天场馆检修")
    token = booking_token(booking)
    page = client.get(f"/projects/visits/{token}/").content.decode()
    assert pgettext("group booking", "declined") in page and "当天场馆检修" in page
    assert "/cancel/" not in page
    response = client.post(f"/projects/visits/{token}/cancel/")
    assert response.status_code == 410
    booking.refresh_from_db()
    assert booking.status == Status.DECLINED


def test_a_visit_that_has_begun_can_no_longer_be_cancelled_online(client, hall):
    slot = slot_at(hall)
    booking = services.booking_decide(booking=requested(slot), confirm=True)
    slot.date, slot.starts_at = timezone.localdate(), dt.time(0, 0)
    slot.ends_at = dt.time(0, 30)
    services.slot_save(slot=slot)
    token = booking_token(booking)
    assert "/cancel/" not in client.get(f"/projects/visits/{token}/").content.decode()
    assert client.post(f"/projects/visits/{token}/cancel/").status_code == 410
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_no_page_shows_the_mobile_number_whole(client, slot):
    response = client.post(book_url(slot), form())
    own = response["Location"]
    pages = [own, own + "cancel/", book_url(slot), slot.site.get_absolute_url(), "/projects/", "/projects/activities/",
             "/"]
    for path in pages:
        page = client.get(path).content.decode()
        assert MOBILE not in page and "139 1234 5678" not in page, path
    assert "139****5678" in client.get(own).content.decode()


def test_the_empty_form_comes_from_the_page_cache_and_a_booking_updates_the_places_shown(settings, slot):
    settings.PAGE_CACHE_SECONDS = 300
    BranchProfile.load()
    Client().get(book_url(slot))
    Client().get(slot.site.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        cached = visitor.get(book_url(slot))
    assert cached.status_code == 200 and len(queries) == 0
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', cached.content.decode())[1]

    response = visitor.post(book_url(slot), {**form(headcount="15"), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    # The booking's own page is never stored, and the pages that count places show the new count.
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(response["Location"]).status_code == 200
    assert len(queries) > 0
    site_page = Client().get(slot.site.get_absolute_url()).content.decode()
    assert re.search(rf'id="slot-{slot.pk}".*?(?<!\d)25(?!\d).*?</li>', site_page, re.S)
