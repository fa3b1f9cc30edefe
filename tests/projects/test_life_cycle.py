import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from projects.models import FundingLine, Project, ProjectTransition, SpendingLine
from projects.services import (
    funding_add,
    funding_delete,
    funding_update,
    project_money_save,
    project_save,
    project_transition,
    spending_add,
    spending_delete,
    spending_update,
)
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


def test_money_received_cannot_be_taken_back_below_what_was_spent():
    project = ProjectFactory()
    first = funding_add(project=project, source="provincial", amount=Decimal("600.00"), received_on=dt.date(2025, 4, 1))
    second = funding_add(project=project, source="self_raised", amount=Decimal("400.00"),
                         received_on=dt.date(2025, 5, 1))
    spending_add(project=project, source="provincial", amount=Decimal("800.00"), purpose="书架",
                 spent_on=dt.date(2025, 5, 10))

    with pytest.raises(ValidationError, match="超过已到位资金 ¥600.00"):
        funding_delete(line=second)
    with pytest.raises(ValidationError, match="超过已到位资金 ¥700.00"):
        funding_update(line=first, data={"amount": Decimal("300.00")})
    assert sorted(FundingLine.objects.values_list("amount", flat=True)) == [Decimal("400.00"), Decimal("600.00")]

    funding_update(line=first, data={"amount": Decimal("500.00"), "note": "核减"})
    assert FundingLine.objects.get(pk=first.pk).amount == Decimal("500.00")


def test_spending_lines_change_under_the_same_rule():
    project = ProjectFactory()
    FundingLineFactory(project=project, amount=Decimal("1000.00"))
    line = spending_add(project=project, source="provincial", amount=Decimal("800.00"), purpose="书架",
                        spent_on=dt.date(2025, 5, 10))

    with pytest.raises(ValidationError, match="支出将达到 ¥1,200.00"):
        spending_update(line=line, data={"amount": Decimal("1200.00")})
    spending_update(line=line, data={"amount": Decimal("1200.00"), "confirmed_over_received": True})
    assert SpendingLine.objects.get().amount == Decimal("1200.00")

    spending_delete(line=line)
    assert not SpendingLine.objects.exists()


def test_money_received_and_spent_together_is_judged_as_it_will_stand():
    project = ProjectFactory()
    project_money_save(
        project=project,
        fundings=[FundingLine(source="provincial", amount=Decimal("500.00"), received_on=dt.date(2025, 4, 1))],
        spendings=[SpendingLine(source="provincial", amount=Decimal("500.00"), purpose="书架",
                                spent_on=dt.date(2025, 4, 2))],
    )
    assert (FundingLine.objects.count(), SpendingLine.objects.count()) == (1, 1)
    with pytest.raises(ValidationError, match="超过已到位资金 ¥0.00"):
        project_money_save(project=project, removed_fundings=list(FundingLine.objects.all()))
    assert FundingLine.objects.count() == 1


def test_saving_a_project_never_changes_its_status():
    project = project_transition(project=ProjectFactory(), to=Status.APPLIED)
    stale = Project.objects.get(pk=project.pk)
    stale.status = Status.DRAFT
    stale.title = "新的名称"
    project_save(project=stale)
    project.refresh_from_db()
    assert (project.title, project.status) == ("新的名称", Status.APPLIED)


def test_a_status_change_is_dated_neither_in_the_future_nor_before_the_previous_step(projects_officer):
    project = project_transition(project=ProjectFactory(), to=Status.APPLIED, on=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="早于项目上一步"):
        project_transition(project=project, to=Status.APPROVED, on=dt.date(2025, 2, 28))
    with pytest.raises(ValidationError, match="尚未到来"):
        project_transition(project=project, to=Status.APPROVED, on=dt.date.today() + dt.timedelta(days=2))
    project.refresh_from_db()
    assert (project.status, project.transitions.count()) == (Status.APPLIED, 1)
    late = project_transition(project=project, to=Status.APPROVED, on=dt.date(2025, 3, 1), by=projects_officer)
    assert late.transitions.last().on == dt.date(2025, 3, 1)


def test_less_money_received_on_a_confirmed_overspent_project_keeps_the_confirmation():
    project = ProjectFactory()
    received = funding_add(project=project, source="self_raised", amount=Decimal("1000"),
                           received_on=dt.date(2025, 3, 1))
    spending_add(project=project, source="self_raised", amount=Decimal("1500"), purpose="设备",
                 spent_on=dt.date(2025, 3, 2), confirm_over_received=True)
    funding_update(line=received, data={"amount": Decimal("900")})
    received.refresh_from_db()
    assert received.amount == Decimal("900")
