"""Projects: their life cycle, the money received and spent, their paperwork."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.choices import FundingSource

from ..models import ZERO, Allocation, Attachment, FundingLine, Project, ProjectTransition, SpendingLine
from .common import stored

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
        on = on or timezone.localdate()
        if refusal := transition_date_refusal(project, on):
            raise ValidationError(refusal, code="transition_date")
        step = ProjectTransition(project=project, from_status=project.status, to_status=to, on=on, by=by, note=note)
        step.full_clean()
        step.save()
        project.status = to
        project._history_user = by
        project.save(update_fields=["status"])
    return project


def transition_date_refusal(project: Project, on: date) -> str | None:
    """A step is dated on a day that has come, and never before the project's previous step."""
    if on > timezone.localdate():
        return _("A status change cannot be dated %(date)s, which is in the future.") % {"date": on.isoformat()}
    previous = project.transitions.order_by("-on").values_list("on", flat=True).first()
    if previous is not None and on < previous:
        return _("A status change cannot be dated %(date)s, before the project's previous step on %(previous)s.") % {
            "date": on.isoformat(), "previous": previous.isoformat()}
    return None


def money_totals(project: Project) -> tuple[Decimal, Decimal]:
    received = FundingLine.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or ZERO
    spent = SpendingLine.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or ZERO
    return received, spent


def overspending_message(received: Decimal, spent: Decimal) -> str:
    return _(
        "Spending would reach ¥%(spent)s, more than the ¥%(received)s received. Tick “confirmed beyond the money "
        "received” to record it anyway."
    ) % {"spent": f"{spent:,.2f}", "received": f"{received:,.2f}"}


def _total_after(model, project: Project, saved: Sequence, removed: Sequence) -> Decimal:
    """The project's total of `model` lines once `saved` are stored and `removed` are gone."""
    total = sum((line.amount for line in saved), start=ZERO)
    if project.pk is None:
        return total
    touched = [line.pk for line in [*saved, *removed] if line.pk is not None]
    stored = model.objects.filter(project=project).exclude(pk__in=touched).aggregate(total=Sum("amount"))["total"]
    return total + (stored or ZERO)


def _says(line: FundingLine, allocation: Allocation) -> bool:
    return (line.project_id, line.source, line.amount, line.received_on) == (
        allocation.project_id, FundingSource.DONATION, allocation.value, allocation.allocated_on)


def allocation_line_refusal(fundings: Sequence[FundingLine], removed_fundings: Sequence[FundingLine]) -> str | None:
    """A line that a donation's use made says what that use says, and goes only with it: both change on the
    donation's page (projects.services.donations), which keeps them in step."""
    touched = {line.pk: line for line in [*fundings, *removed_fundings] if line.pk is not None}
    if not touched:
        return None
    removed = {line.pk for line in removed_fundings}
    for allocation in Allocation.objects.filter(funding_line__in=touched).select_related("donation"):
        line = touched[allocation.funding_line_id]
        if line.pk in removed or not _says(line, allocation):
            return _("This money was received as donation %(receipt)s: change or remove it with the donation's "
                     "uses.") % {"receipt": allocation.donation.receipt_number}
    return None


def project_money_check(
    *, project: Project, fundings: Sequence[FundingLine] = (), spendings: Sequence[SpendingLine] = (),
    removed_fundings: Sequence[FundingLine] = (), removed_spendings: Sequence[SpendingLine] = (),
) -> None:
    """Refuse a change that leaves the project spending more than it has received, unless one of the spending lines
    it stores confirms it. Counts the lines as they will be once the whole change is stored, under the project's row
    lock, which the caller's transaction keeps until it stores them."""
    if refusal := allocation_line_refusal(fundings, removed_fundings):
        raise ValidationError(refusal, code="donation_line")
    with transaction.atomic():
        if project.pk is not None:
            Project.objects.select_for_update().get(pk=project.pk)
        received_before, spent_before = money_totals(project) if project.pk is not None else (ZERO, ZERO)
        received = _total_after(FundingLine, project, fundings, removed_fundings)
        spent = _total_after(SpendingLine, project, spendings, removed_spendings)
        worse = spent > spent_before or received < received_before
        confirmed = any(line.confirmed_over_received for line in spendings) or (
            # Less money received on a project whose overspending staff already confirmed: the confirmation holds.
            spent <= spent_before and project.pk is not None
            and SpendingLine.objects.filter(project=project, confirmed_over_received=True).exists()
        )
        if spent > received and worse and not confirmed:
            raise ValidationError(overspending_message(received, spent), code="over_received")


def project_money_save(
    *, project: Project, fundings: Sequence[FundingLine] = (), spendings: Sequence[SpendingLine] = (),
    removed_fundings: Sequence[FundingLine] = (), removed_spendings: Sequence[SpendingLine] = (),
) -> None:
    """Store money received and spent, and remove lines, all at once: the way the project's admin page saves."""
    with transaction.atomic():
        for line in [*fundings, *spendings]:
            line.project = project
            line.full_clean()
        project_money_check(project=project, fundings=fundings, spendings=spendings,
                            removed_fundings=removed_fundings, removed_spendings=removed_spendings)
        for line in [*removed_fundings, *removed_spendings]:
            line.delete()
        for line in [*fundings, *spendings]:
            line.save()


def funding_add(*, project: Project, source: str, amount: Decimal, received_on: date, note: str = "") -> FundingLine:
    line = FundingLine(project=project, source=source, amount=amount, received_on=received_on, note=note)
    project_money_save(project=project, fundings=[line])
    return line


def funding_update(*, line: FundingLine, data: dict) -> FundingLine:
    """Change a line's source, amount, date or note; a smaller amount must still cover what was spent."""
    for field in ("source", "amount", "received_on", "note"):
        if field in data:
            setattr(line, field, data[field])
    project_money_save(project=line.project, fundings=[line])
    return line


def funding_delete(*, line: FundingLine) -> None:
    project_money_save(project=line.project, removed_fundings=[line])


def spending_add(
    *, project: Project, source: str, amount: Decimal, purpose: str, spent_on: date,
    confirm_over_received: bool = False,
) -> SpendingLine:
    line = SpendingLine(
        project=project, source=source, amount=amount, purpose=purpose, spent_on=spent_on,
        confirmed_over_received=confirm_over_received,
    )
    project_money_save(project=project, spendings=[line])
    return line


def spending_update(*, line: SpendingLine, data: dict) -> SpendingLine:
    for field in ("source", "amount", "purpose", "spent_on", "confirmed_over_received"):
        if field in data:
            setattr(line, field, data[field])
    project_money_save(project=line.project, spendings=[line])
    return line


def spending_delete(*, line: SpendingLine) -> None:
    project_money_save(project=line.project, removed_spendings=[line])


def project_save(*, project: Project) -> Project:
    """A project's own fields; its status changes only through project_transition, its money through
    project_money_save."""
    with transaction.atomic():
        if project.pk is not None:
            project.status = Project.objects.select_for_update().values_list("status", flat=True).get(pk=project.pk)
        return stored(project)


def project_delete(*, project: Project) -> None:
    """Only a project still in preparation, with no money recorded, can be removed: the rest is the record."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.status != Project.Status.DRAFT or project.transitions.exists():
            raise ValidationError(
                _("“%(project)s” has a history of status changes: it stays on record and cannot be deleted.")
                % {"project": project.title}, code="has_history",
            )
        if project.fundings.exists() or project.spendings.exists():
            raise ValidationError(
                _("“%(project)s” has money recorded: it stays on record and cannot be deleted.")
                % {"project": project.title}, code="has_money",
            )
        project.delete()


def attachment_save(*, attachment: Attachment) -> Attachment:
    return stored(attachment)


def attachment_delete(*, attachment: Attachment) -> None:
    attachment.delete()
