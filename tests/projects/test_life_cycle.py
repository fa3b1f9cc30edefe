import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from projects.models import FundingLine, Project, ProjectTransition, SpendingLine
from projects.services import funding_add, project_transition, spending_add
from tests.projects.factories import FundingLineFactory, ProjectFactory

Status = Project.Status
pytestmark = pytest.mark.django_db


def statuses(project):
    return list(ProjectTransition.objects.filter(project=project).values_list("from_status", "to_status", "on", "by"))


def test_an_upward_application_goes_through_its_whole_life_cycle(projects_officer):
    project = ProjectFactory()
    steps = [
        (Status.APPLIED, dt.date(2025, 1, 10)), (Status.APPROVED, dt.date(2025, 3, 1)),
        (Status.IMPLEMENTING, dt.date(2025, 4, 1)), (Status.COMPLETED, dt.date(2025, 12, 20)),
    ]
    for to, on in steps:
        project = project_transition(project=project, to=to, by=projects_officer, on=on)
    project.refresh_from_db()
    assert project.status == Status.COMPLETED
    assert statuses(project) == [
        ("draft", "applied", dt.date(2025, 1, 10), projects_officer.pk),
        ("applied", "approved", dt.date(2025, 3, 1), projects_officer.pk),
        ("approved", "implementing", dt.date(2025, 4, 1), projects_officer.pk),
        ("implementing", "completed", dt.date(2025, 12, 20), projects_officer.pk),
    ]


def test_a_self_raised_project_is_approved_without_an_application():
    project = ProjectFactory(funding=Project.Funding.SELF_RAISED)
    assert project_transition(project=project, to=Status.APPROVED).status == Status.APPROVED
    with pytest.raises(ValidationError, match="自筹项目无需向上申报"):
        project_transition(project=ProjectFactory(funding=Project.Funding.SELF_RAISED), to=Status.APPLIED)


@pytest.mark.parametrize(
    ("path", "to", "message"),
    [
        ([], Status.APPROVED, "须先申报，才能批准"),
        ([Status.APPLIED, Status.REJECTED], Status.COMPLETED, "未获批准：请先退回筹备再重新申报"),
        ([Status.APPLIED, Status.APPROVED, Status.IMPLEMENTING, Status.COMPLETED], Status.IMPLEMENTING, "已验收"),
        ([Status.APPLIED], Status.IMPLEMENTING, "不能直接变为"),
    ],
)
def test_an_impossible_transition_is_refused_and_changes_nothing(path, to, message):
    project = ProjectFactory()
    for step in path:
        project = project_transition(project=project, to=step)
    before = statuses(project)
    with pytest.raises(ValidationError, match=message):
        project_transition(project=project, to=to)
    project.refresh_from_db()
    assert project.status == (path[-1] if path else Status.DRAFT)
    assert statuses(project) == before


def test_spending_beyond_the_money_received_needs_confirmation():
    project = ProjectFactory()
    FundingLineFactory(project=project, amount=Decimal("1000.00"))
    spending_add(project=project, source="provincial", amount=Decimal("600.00"), purpose="书架",
                 spent_on=dt.date(2025, 5, 1))
    with pytest.raises(ValidationError, match="超过已到位资金 ¥1,000.00"):
        spending_add(project=project, source="provincial", amount=Decimal("400.01"), purpose="图书",
                     spent_on=dt.date(2025, 5, 2))
    assert SpendingLine.objects.filter(project=project).count() == 1

    spending_add(project=project, source="provincial", amount=Decimal("400.01"), purpose="图书",
                 spent_on=dt.date(2025, 5, 2), confirm_over_received=True)
    assert SpendingLine.objects.filter(project=project).count() == 2


@pytest.mark.parametrize("amount", [Decimal("-5.00"), Decimal("0.00")])
def test_a_negative_or_zero_amount_is_refused(amount):
    project = ProjectFactory()
    with pytest.raises(ValidationError) as error:
        funding_add(project=project, source="self_raised", amount=amount, received_on=dt.date(2025, 1, 1))
    assert "amount" in error.value.message_dict
    assert not FundingLine.objects.exists()


def test_the_database_itself_refuses_a_negative_amount():
    project = ProjectFactory()
    with pytest.raises(IntegrityError):
        FundingLine.objects.bulk_create(
            [FundingLine(project=project, source="other", amount=Decimal("-1"), received_on=dt.date(2025, 1, 1))]
        )
