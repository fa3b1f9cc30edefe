"""Every write of the projects app that carries a rule."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ZERO, FundingLine, Project, ProjectTransition, SpendingLine

Status = Project.Status

# Where a project may go from each status. A self-raised project is approved by the branch itself.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.APPLIED, Status.APPROVED),
    Status.APPLIED: (Status.APPROVED, Status.REJECTED),
    Status.APPROVED: (Status.IMPLEMENTING,),
    Status.REJECTED: (Status.DRAFT,),
    Status.IMPLEMENTING: (Status.COMPLETED,),
    Status.COMPLETED: (),
}


def allowed_transitions(project: Project) -> list[str]:
    allowed = list(TRANSITIONS[project.status])
    if project.status == Status.DRAFT:
        upward = project.funding == Project.Funding.APPLIED_UPWARD
        allowed.remove(Status.APPROVED if upward else Status.APPLIED)
    return allowed


def transition_refusal(project: Project, to: str) -> str:
    """Why a project cannot move to `to`, in words staff can act on."""
    names = {"current": project.get_status_display(), "target": Status(to).label}
    if project.status == to:
        return _("The project is already “%(current)s”.") % names
    if to == Status.APPROVED and project.status == Status.DRAFT:
        return _("A project funded by an upward application must be applied for before it can be approved.")
    if to == Status.APPLIED and project.status == Status.DRAFT:
        return _("A self-raised project is not applied for upward: approve it directly.")
    if project.status == Status.COMPLETED:
        return _("The project is completed and accepted: its status can no longer change.")
    if project.status == Status.REJECTED and to != Status.DRAFT:
        return _("The project was not approved: put it back in preparation to apply again.")
    return _("A project that is “%(current)s” cannot become “%(target)s”.") % names


def project_transition(*, project: Project, to: str, by=None, on: date | None = None, note: str = "") -> Project:
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if to not in allowed_transitions(project):
            raise ValidationError(transition_refusal(project, to), code="invalid_transition")
        step = ProjectTransition(
            project=project, from_status=project.status, to_status=to, on=on or timezone.localdate(), by=by,
            note=note,
        )
        step.full_clean()
        step.save()
        project.status = to
        project.save(update_fields=["status"])
    return project


def money_totals(project: Project) -> tuple[Decimal, Decimal]:
    received = FundingLine.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or ZERO
    spent = SpendingLine.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or ZERO
    return received, spent


def spending_refused(*, received: Decimal, spent: Decimal, confirmed: bool) -> bool:
    """Spending may pass the money received only when staff confirm it."""
    return spent > received and not confirmed


def overspending_message(received: Decimal, spent: Decimal) -> str:
    return _(
        "Spending would reach ¥%(spent)s, more than the ¥%(received)s received. Tick “confirmed beyond the money "
        "received” to record it anyway."
    ) % {"spent": f"{spent:,.2f}", "received": f"{received:,.2f}"}


def spending_add(
    *, project: Project, source: str, amount: Decimal, purpose: str, spent_on: date,
    confirm_over_received: bool = False,
) -> SpendingLine:
    with transaction.atomic():
        Project.objects.select_for_update().get(pk=project.pk)
        line = SpendingLine(
            project=project, source=source, amount=amount, purpose=purpose, spent_on=spent_on,
            confirmed_over_received=confirm_over_received,
        )
        line.full_clean()
        received, spent = money_totals(project)
        if spending_refused(received=received, spent=spent + line.amount, confirmed=confirm_over_received):
            raise ValidationError(overspending_message(received, spent + line.amount), code="over_received")
        line.save()
    return line


def funding_add(*, project: Project, source: str, amount: Decimal, received_on: date, note: str = "") -> FundingLine:
    line = FundingLine(project=project, source=source, amount=amount, received_on=received_on, note=note)
    line.full_clean()
    line.save()
    return line
