"""A project's money from donations is shown on its admin page but changed only on the donation's page."""

import datetime as dt
from decimal import Decimal

import pytest

from projects import services
from projects.models import Allocation, FundingLine
from tests.admin_forms import empty_inlines, inline
from tests.projects.factories import ProjectFactory
from tests.projects.test_donations import money_gift

pytestmark = pytest.mark.django_db
USED = dt.date(2025, 6, 1)


def project_page(project) -> str:
    return f"/admin/projects/project/{project.pk}/change/"


def project_form(project, **values) -> dict:
    return {"title": project.title, "kind": project.kind, "year": str(project.year), "funding": project.funding,
            "published": "on", "description": project.description, "budget": str(project.budget or ""), **values}


@pytest.fixture
def donated():
    project = ProjectFactory()
    gift = money_gift("5000.00", receipt_number="JZ-2025-7")
    services.allocation_save(allocation=Allocation(
        donation=gift, allocated_on=USED, amount=Decimal("3000.00"), target="project", project=project))
    return project


def test_a_donated_line_is_shown_apart_with_a_link_to_its_donation_and_no_field_to_type_in(admin_client, donated):
    page = admin_client.get(project_page(donated)).content.decode()

    line = FundingLine.objects.get(project=donated)
    assert "JZ-2025-7" in page
    assert f"/admin/projects/donation/{line.allocation.donation.pk}/change/" in page
    assert 'name="fundings-0-amount"' not in page  # not offered among the lines staff type
    assert 'name="fundings-2-0-amount"' not in page


def test_saving_the_project_page_with_a_typed_line_keeps_the_donated_one(admin_client, donated):
    response = admin_client.post(project_page(donated), {
        **project_form(donated),
        **inline("fundings", [{"source": "provincial", "amount": "7000.00", "received_on": "2025-07-01"}]),
        **inline("fundings-2", [{"id": str(FundingLine.objects.get(project=donated).pk)}], initial=1),
        **empty_inlines("spendings", "attachments", "transitions"),
    })

    assert response.status_code == 302
    assert sorted((line.source, line.amount) for line in FundingLine.objects.filter(project=donated)) == [
        ("donation", Decimal("3000.00")), ("provincial", Decimal("7000.00"))]
    assert Allocation.objects.get().funding_line.amount == Decimal("3000.00")
