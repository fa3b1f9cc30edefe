"""“Add to calendar”: a public session as an .ics file that calendar apps read back as it is."""

import datetime as dt
from urllib.parse import quote

import pytest
from icalendar import Calendar

from tests.training.factories import (
    BaseFactory,
    CourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    at,
)
from training.models import Registration, Session
from training.views import registration_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    base = BaseFactory(name="人力资源产业园基地", address="创业路 66 号")
    return SessionFactory(course=CourseFactory(what_to_bring="请穿平底鞋。"), base=base, title="周末救护员培训班",
                          starts_at=at("2099-12-20 09:00"), ends_at=at("2099-12-21 17:00"))


def calendar_url(session: Session) -> str:
    return f"/training/sessions/{session.pk}/calendar.ics"


def event_of(response):
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_the_calendar_file_holds_the_session_as_it_is(client, session):
    response = client.get(calendar_url(session))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('周末救护员培训班.ics')}"
    event = event_of(response)
    assert str(event["summary"]) == "周末救护员培训班"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == dt.datetime(2099, 12, 20, 1, tzinfo=dt.UTC) and end == dt.datetime(2099, 12, 21, 9, tzinfo=dt.UTC)
    assert event["dtstart"].params["TZID"] == event["dtend"].params["TZID"] == "Asia/Shanghai"
    assert str(event["location"]) == "人力资源产业园基地, 创业路 66 号"
    description = str(event["description"])
    assert "请穿平底鞋。" in description
    assert f"http://testserver/training/sessions/{session.pk}/" in description
    assert str(event["uid"]) == str(event_of(client.get(calendar_url(session)))["uid"])  # the same event next time


def test_an_outside_venue_is_the_location(client):
    session = SessionFactory(base=None, venue="城东小学报告厅")
    assert str(event_of(client.get(calendar_url(session)))["location"]) == "城东小学报告厅"


@pytest.mark.parametrize("hidden", [
    {"public_signup": False},
    {"status": Session.Status.PLANNED},
    {"base__published": False},
])
def test_a_session_the_public_cannot_see_has_no_calendar_file(client, hidden):
    session = SessionFactory(**hidden)
    assert client.get(calendar_url(session)).status_code == 404
    assert client.get("/training/sessions/999999/calendar.ics").status_code == 404


def test_the_session_page_and_the_sign_up_link_to_the_calendar_file(client, session):
    assert calendar_url(session) in client.get(session.get_absolute_url()).content.decode()
    registration = RegistrationFactory(session=session, trainee=TraineeFactory())
    page = client.get(f"/training/registrations/{registration_token(registration)}/").content.decode()
    assert calendar_url(session) in page

    registration.status = Registration.Status.CANCELLED
    registration.save()
    page = client.get(f"/training/registrations/{registration_token(registration)}/").content.decode()
    assert calendar_url(session) not in page
