"""A training base linked to its Red Cross position: group visits to it are booked at the position, so that
visitors are counted in one place; visits recorded here before the link stay and still count."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from projects import services as projects_services
from projects.models import PositionKind, Site
from training import services
from training.models import Visit
from training.summary import summary

from .factories import BaseFactory

pytestmark = pytest.mark.django_db
VISIT_ADD = "/admin/training/visit/add/"


def position(name: str, kind: str) -> Site:
    return projects_services.site_save(site=Site(name=name, position_kind=PositionKind.objects.get(name=kind)))


def linked_to(base, site):
    base.red_cross_position = site
    return services.catalogue_save(record=base)


def visit(base, **values) -> Visit:
    return Visit(base=base, date=dt.date(2025, 5, 12), organisation="实验小学四年级", headcount=45, **values)


@pytest.fixture
def centre():
    return position("市应急救护培训中心", "应急救护培训基地")


def test_a_base_linked_to_its_position_takes_no_visit_here_and_says_where_to_book(centre):
    base = linked_to(BaseFactory(name="市救护培训基地"), centre)
    with pytest.raises(ValidationError) as refusal:
        services.catalogue_save(record=visit(base))
    assert "市应急救护培训中心" in refusal.value.message_dict["base"][0]
    assert not Visit.objects.exists()
    assert centre.training_base == base


def test_a_base_without_a_position_still_records_its_visits(centre):
    linked_to(BaseFactory(name="市救护培训基地"), centre)
    other = BaseFactory(name="开发区培训教室")
    services.catalogue_save(record=visit(other))
    assert Visit.objects.get().base == other


def test_visits_recorded_before_the_link_stay_and_count_but_are_no_longer_changed(centre):
    base = BaseFactory(name="市救护培训基地")
    earlier = services.catalogue_save(record=visit(base))
    linked_to(base, centre)
    assert summary(dt.date(2025, 1, 1), dt.date(2025, 12, 31))["visits"]["visitors"] == 45
    earlier.headcount = 50
    with pytest.raises(ValidationError):
        services.catalogue_save(record=earlier)
    earlier.refresh_from_db()
    assert earlier.headcount == 45


def test_a_base_is_linked_only_to_a_position_that_receives_groups(centre):
    school = position("实验小学", "红十字模范学校")
    base = BaseFactory(name="市救护培训基地")
    with pytest.raises(ValidationError) as refusal:
        linked_to(base, school)
    assert "red_cross_position" in refusal.value.message_dict
    base.refresh_from_db()
    assert base.red_cross_position is None


def test_the_visit_form_shows_the_refusal_next_to_the_base(client, training_officer, centre):
    base = linked_to(BaseFactory(name="市救护培训基地"), centre)
    client.force_login(training_officer)
    form = {"date": "2025-05-12", "organisation": "实验小学四年级", "headcount": "45", "activities": ""}
    response = client.post(VISIT_ADD, {**form, "base": base.pk})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["base"]
    assert len(errors) == 1 and "市应急救护培训中心" in errors[0]
    assert not Visit.objects.exists()

    other = BaseFactory(name="开发区培训教室")
    assert client.post(VISIT_ADD, {**form, "base": other.pk}).status_code == 302
    assert Visit.objects.get().base == other


def test_the_base_page_offers_only_positions_that_receive_groups(client, training_officer, centre):
    hall = position("市应急救护体验馆", "急救逃生体验场馆")
    school = position("实验小学", "红十字模范学校")
    client.force_login(training_officer)
    response = client.get("/admin/training/base/add/")
    offered = set(response.context["adminform"].form.fields["red_cross_position"].queryset)
    assert {centre, hall} <= offered and school not in offered
    assert 'name="red_cross_position"' in response.content.decode()
