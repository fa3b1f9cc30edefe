"""The demo city's Red Cross positions: a place of every kind, each kind's standard in two versions, two years of
assessments, group visits held in both years and booked for the next weeks, none over its slot's capacity.

The sites and positions are seeded once for the module (the rest of the demo is not needed) and rolled back after
it; the tests only read, but the one that seeds again, inside its own transaction."""

import datetime as dt

import pytest
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.test import override_settings
from django.utils import timezone

from projects.demo import seed_sites
from projects.demo_positions import seed_positions
from projects.models import (
    Assessment,
    GroupBooking,
    PositionKind,
    PositionStandard,
    Site,
    StandardItem,
    VisitSlot,
)
from projects.selectors import public_sites

Result = Assessment.Result
Status = GroupBooking.Status
MEMORIAL = "捐献缅怀纪念场所"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        seed_sites()
        seed_positions()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def years():
    this_year = timezone.localdate().year
    return this_year - 1, this_year


def test_every_kind_of_position_has_a_published_position_a_visitor_can_find(demo, db):
    assert list(PositionKind.objects.annotate(n=Count("sites")).filter(n=0).values_list("name", flat=True)) == []
    positions = Site.objects.exclude(position_kind__name="博爱家园")
    assert positions.count() >= 6
    for site in positions:
        assert site.published and site.status == Site.Status.BUILT, site
        assert all((site.town, site.address, site.opening_hours, site.phone, site.description)), site
        assert site.latitude is not None and site.longitude is not None, site
    assert list(PositionKind.objects.filter(receives_groups=True, what_visitors_do="")) == []


def test_each_kind_has_last_years_standard_and_this_years_copy_with_an_item_changed(demo, db, years):
    last, this = years
    changed = []
    for kind in PositionKind.objects.filter(sites__isnull=False).distinct():
        standards = {standard.year: standard for standard in PositionStandard.objects.filter(kind=kind)}
        assert set(standards) == {last, this}, kind
        items = {
            year: list(StandardItem.objects.filter(standard=standard).values_list("text", "evidence"))
            for year, standard in standards.items()
        }
        assert items[last] and all(evidence for _text, evidence in items[last] + items[this]), kind
        if items[this] != items[last]:
            changed.append(kind.name)
    assert {"冠名医疗机构", "红十字模范学校"} <= set(changed)
    named = PositionStandard.objects.get(kind__name="冠名医疗机构", year=last)
    assert named.items.count() == 6 and named.items.get(order=1).text.startswith("有红十字标识")


def test_assessments_of_both_years_give_every_result_and_positions_move_between_them(demo, db, years):
    last, this = years
    for year in years:
        results = set(Assessment.objects.filter(assessed_on__year=year).values_list("result", flat=True))
        assert results == set(Result.values), year
    assert not Assessment.objects.filter(assessed_on__gt=timezone.localdate()).exists()

    def assessed(result, year):
        return set(Assessment.objects.filter(result=result, assessed_on__year=year).values_list("site", flat=True))

    assert assessed(Result.IN_PROGRESS, last) & assessed(Result.PASSED, this)
    assert assessed(Result.PASSED, last) & assessed(Result.FAILED, this)
    never = Site.objects.exclude(position_kind__name="博爱家园").filter(assessments__isnull=True)
    assert never.exists()
    # Each assessment is against its kind's standard of its own year, and one that passes met every item.
    assert not Assessment.objects.exclude(standard__kind=F("site__position_kind")).exists()
    assert not Assessment.objects.exclude(standard__year=F("assessed_on__year")).exists()
    assert not Assessment.objects.filter(result=Result.PASSED, items__met=False).exists()


def test_group_visits_were_held_in_both_years_and_the_next_weeks_are_booked(demo, db, years):
    last, _this = years
    today = timezone.localdate()
    held = GroupBooking.objects.filter(status=Status.HELD)
    # The year of yesterday: on 1 January no day of the new year has passed for a visit to be held in.
    for year in {last, (today - dt.timedelta(days=1)).year}:
        assert held.filter(slot__date__year=year).exists(), year
    assert not held.filter(Q(slot__date__gte=today) | Q(attended__isnull=True) | Q(attended__lt=1)).exists()
    ahead = GroupBooking.objects.filter(slot__date__gt=today)
    assert set(ahead.values_list("status", flat=True)) == {
        Status.REQUESTED, Status.CONFIRMED, Status.DECLINED, Status.CANCELLED}
    assert not ahead.filter(status=Status.DECLINED, reason="").exists()
    assert len(set(GroupBooking.objects.values_list("age_group", flat=True))) >= 5
    organisations = list(GroupBooking.objects.values_list("organisation", flat=True))
    for kind_of_group in ("学", "社区", "公司"):
        assert any(kind_of_group in organisation for organisation in organisations), kind_of_group

    slots = VisitSlot.objects.filter(site__name="市红十字急救逃生体验馆", starts_at=dt.time(9, 30))
    dates = sorted(slots.values_list("date", flat=True))
    assert dates[0] <= today - dt.timedelta(weeks=25) and dates[-1] >= today + dt.timedelta(weeks=3)
    assert all((later - earlier).days == 7 for earlier, later in zip(dates, dates[1:], strict=False))


def test_no_slot_has_more_visitors_booked_than_its_capacity(demo, db):
    slots = VisitSlot.objects.annotate(
        taken=Coalesce(Sum("bookings__headcount", filter=Q(bookings__status__in=GroupBooking.HOLDING)), 0)
    )
    assert slots.filter(taken__gt=0).count() >= 10
    assert list(slots.filter(taken__gt=F("capacity")).values_list("pk", "taken", "capacity")) == []


def test_a_memorial_place_without_the_families_consent_stays_off_the_public_pages(demo, db, client):
    memorials = Site.objects.filter(position_kind__name=MEMORIAL, published=True)
    consented, pending = memorials.get(publish_consent=True), memorials.get(publish_consent=False)
    assert consented.consent_note
    assert set(public_sites().filter(position_kind__name=MEMORIAL)) == {consented}
    assert client.get(pending.get_absolute_url()).status_code == 404
    assert client.get(consented.get_absolute_url()).status_code == 200


def test_seeding_again_adds_nothing(demo, db):
    models = (Site, PositionStandard, StandardItem, Assessment, VisitSlot, GroupBooking)
    counts = [model.objects.count() for model in models]
    seed_sites()
    seed_positions()
    assert [model.objects.count() for model in models] == counts
