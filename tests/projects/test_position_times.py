"""A position's visiting times on its public page, and what the position pages cost in queries as the data grows."""

import datetime as dt
import re

import pytest
from django.utils.translation import gettext, ngettext

from projects import services
from projects.models import Assessment, StandardItem
from tests.pages import queries_for
from tests.projects.factories import ActivityFactory, SiteFactory, photo_of
from tests.projects.test_position_pages import (
    HALL,
    HOSPITAL,
    assess,
    book,
    kind,
    last_year,
    position,
    slot,
    standard,
)

pytestmark = pytest.mark.django_db
Result = Assessment.Result


def test_a_position_that_receives_groups_offers_its_open_times_of_the_next_60_days(client):
    site = position("市急救逃生体验馆", phone="0513-12345678")
    soon = slot(site, days=3, capacity=40, note="请提前 10 分钟到场")
    book(soon, 1, headcount=15)
    declined = book(soon, 2, headcount=20)
    services.booking_decide(booking=declined, confirm=False, reason="人数过多")
    cancelled = book(soon, 3, headcount=5)
    services.booking_cancel(booking=cancelled)
    full = slot(site, days=4, capacity=30)
    book(full, 4, headcount=30)
    last_day = slot(site, days=60, hour=14)
    slot(site, days=61, hour=15)  # beyond the window
    slot(site, days=5, open=False, hour=16)
    earlier_today = slot(site, days=0, hour=0)  # has begun

    page = client.get(site.get_absolute_url()).content.decode()
    section = re.search(r'<section aria-labelledby="visits-title" id="visits">(.*?)</section>', page, re.S)[1]
    booked = re.findall(r'href="/projects/slots/(\d+)/book/"', section)
    assert booked == [str(soon.pk), str(last_day.pk)]
    assert ngettext("%(counter)s place left", "%(counter)s places left", 25) % {"counter": 25} in section
    assert "请提前 10 分钟到场" in section
    assert f'id="slot-{full.pk}"' in section and gettext("Fully booked") in section
    assert f'id="slot-{earlier_today.pk}"' not in section
    assert len(re.findall(r'<li class="slot">', section)) == 3


def test_at_most_twelve_times_are_offered(client):
    site = position("市急救逃生体验馆")
    for day in range(1, 20):
        slot(site, days=day)
    page = client.get(site.get_absolute_url()).content.decode()
    assert len(re.findall(r'<li class="slot">', page)) == 12


def test_a_position_that_receives_no_groups_offers_no_booking(client):
    site = position("市第一人民医院", HOSPITAL)
    page = client.get(site.get_absolute_url()).content.decode()
    assert 'id="visits"' not in page


def test_the_list_costs_the_same_queries_for_1_and_40_positions(client):
    year = last_year()
    of = standard(HOSPITAL, year)

    def make(n):
        for i in range(n):
            hospital = position(f"医院{i}{n}", HOSPITAL, town=f"第{i % 5}街道")
            assess(hospital, of, dt.date(year, 9, 1), Result.PASSED)
            position(f"体验馆{i}{n}", HALL)
            ActivityFactory(site=SiteFactory(town="城东街道"))

    make(1)
    hall = kind(HALL)
    one = [queries_for(client, url) for url in ("/projects/", f"/projects/?position_kind={hall.pk}&town=第0街道")]
    make(40)
    many = [queries_for(client, url) for url in ("/projects/", f"/projects/?position_kind={hall.pk}&town=第0街道")]
    assert many == one


def test_a_position_page_costs_the_same_queries_for_few_and_many_times_and_bookings(client):
    year = last_year()
    of = standard(HALL, year, items=("有场馆",))
    site = position("市急救逃生体验馆")
    assess(site, of, dt.date(year, 9, 1), Result.PASSED)
    book(slot(site, days=1), 0)
    few = queries_for(client, site.get_absolute_url())

    services.standard_item_save(item=StandardItem(standard=of, order=2, text="有设备", evidence=""))
    assess(site, of, dt.date(year, 10, 1), Result.PASSED)
    for day in range(2, 30):
        at = slot(site, days=day)
        for n in range(3):
            book(at, n, headcount=2)
    ActivityFactory(site=site)
    photo_of(site=site)
    assert queries_for(client, site.get_absolute_url()) == few
