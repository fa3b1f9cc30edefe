"""The staff's screens for visiting times: slots listed with their free places, repeated weekly, changed through
the service on their own page and on the position's, and offered only where groups are received."""

import datetime as dt
import re

import pytest
from django.contrib.messages import constants
from django.utils.translation import gettext

from projects.models import VisitSlot
from tests.admin_forms import empty_inlines, inline
from tests.projects.test_visit_admin import SLOTS, act, book, levels, position, queries_for, slot_at, slot_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    return position()


def test_the_slot_list_counts_the_free_places_in_the_same_query_for_one_slot_or_thirty(officer_client, hall):
    first = slot_at(hall, capacity=40)
    book(first, 1, headcount=25)
    book(first, 2, headcount=10)
    one, page = queries_for(officer_client, SLOTS)
    assert '<td class="field-free">5</td>' in page and '<td class="field-taken">35</td>' in page
    for days in range(11, 40):
        book(slot_at(hall, days=days, capacity=50), days, headcount=days)
    thirty, page = queries_for(officer_client, SLOTS)
    assert thirty == one
    assert page.count('<td class="field-free">') == 30
    assert '<td class="field-free">11</td>' in page  # 50 places, 39 taken


def test_a_slot_is_repeated_weekly_for_the_weeks_asked(officer_client, hall):
    slot = slot_at(hall)
    question = act(officer_client, SLOTS, "repeat_weekly", [slot])
    assert 'name="weeks"' in question.content.decode()
    refused = act(officer_client, SLOTS, "repeat_weekly", [slot], apply="1", weeks="27")
    assert refused.context["form"].errors["weeks"] and VisitSlot.objects.count() == 1

    response = act(officer_client, SLOTS, "repeat_weekly", [slot], apply="1", weeks="3")
    assert levels(response) == [constants.SUCCESS]
    assert [day - slot.date for day in VisitSlot.objects.order_by("date").values_list("date", flat=True)] == [
        dt.timedelta(weeks=week) for week in range(4)]


def test_lowering_a_capacity_below_the_places_booked_is_refused_on_the_form(officer_client, projects_officer, hall):
    slot = slot_at(hall, capacity=40)
    book(slot, 1, headcount=30)
    response = officer_client.post(f"{SLOTS}{slot.pk}/change/", slot_form(slot, capacity="20", note="改小"))
    assert response.status_code == 200
    expected = gettext("%(taken)s places of this slot are already booked: the capacity cannot be lower.") % {
        "taken": 30}
    assert response.context["adminform"].form.errors["capacity"] == [expected]
    assert 'value="改小"' in response.content.decode()
    slot.refresh_from_db()
    assert (slot.capacity, slot.note) == (40, "")

    assert officer_client.post(f"{SLOTS}{slot.pk}/change/", slot_form(slot, capacity="30")).status_code == 302
    slot.refresh_from_db()
    assert slot.capacity == 30 and slot.history.latest().history_user == projects_officer


def test_a_slot_is_offered_only_at_positions_that_receive_groups(officer_client, hall):
    home = position(name="东湖社区博爱家园", kind="博爱家园")
    sites = officer_client.get(f"{SLOTS}add/").context["adminform"].form.fields["site"].queryset
    assert hall in sites and home not in sites


def site_page(site, slots) -> dict:
    rows = [{"id": slot.pk, "site": site.pk, "date": slot.date.isoformat(), "starts_at": "09:00",
             "ends_at": "11:00", "capacity": str(capacity), "note": "", "open": "on"} for slot, capacity in slots]
    return {
        "name": site.name, "kind": site.kind, "position_kind": site.position_kind_id, "status": site.status,
        "started_on": site.started_on.isoformat(), "built_on": site.built_on.isoformat(), "closed_on": "",
        "published": "on", "community": "", "town": "", "address": "", "latitude": "", "longitude": "",
        "partners": "", "description": "", "opening_hours": "周二至周日 9:00–17:00", "phone": "", "consent_note": "",
        **empty_inlines("facilities", "photos"), **inline("visit_slots", rows, initial=len(rows)),
    }


def test_a_position_that_receives_groups_lists_its_upcoming_slots_with_the_places_free(officer_client, hall):
    coming, past = slot_at(hall, capacity=40), slot_at(hall, days=-3)
    book(coming, 1, headcount=15)
    page = officer_client.get(f"/admin/projects/site/{hall.pk}/change/")
    slots = next(formset for formset in page.context["inline_admin_formsets"] if formset.formset.model is VisitSlot)
    assert [form.instance for form in slots.formset.forms] == [coming]
    assert re.search(r'<td class="field-free_places">\s*<p>25</p>', page.content.decode())
    assert past.pk not in [form.instance.pk for form in slots.formset.forms]

    home = position(name="东湖社区博爱家园", kind="博爱家园")
    page = officer_client.get(f"/admin/projects/site/{home.pk}/change/")
    assert not any(formset.formset.model is VisitSlot for formset in page.context["inline_admin_formsets"])


def test_a_capacity_changed_on_the_positions_page_goes_through_the_service(officer_client, hall):
    slot = slot_at(hall, capacity=40)
    book(slot, 1, headcount=30)
    response = officer_client.post(f"/admin/projects/site/{hall.pk}/change/", site_page(hall, [(slot, 10)]),
                                   follow=True)
    assert levels(response) == [constants.ERROR]
    slot.refresh_from_db()
    hall.refresh_from_db()
    assert slot.capacity == 40 and hall.opening_hours == ""  # the page's save was undone whole

    officer_client.post(f"/admin/projects/site/{hall.pk}/change/", site_page(hall, [(slot, 60)]))
    slot.refresh_from_db()
    hall.refresh_from_db()
    assert slot.capacity == 60 and hall.opening_hours == "周二至周日 9:00–17:00"


def test_the_site_page_asks_what_visitors_read_and_the_kinds_say_which_need_consent(officer_client):
    page = officer_client.get("/admin/projects/site/add/").content.decode()
    for name in ("opening_hours", "phone", "publish_consent", "consent_note"):
        assert f'name="{name}"' in page, name
    kinds = officer_client.get("/admin/projects/positionkind/").content.decode()
    assert "column-needs_consent" in kinds
