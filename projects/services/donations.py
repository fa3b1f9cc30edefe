"""Donations and their use: the one door for the admin, the imports and the demo.

A donation's row is its lock. Every change to its uses (allocations) takes it first, then counts the uses stored in
the database, so that together they never exceed the gift however many staff save at the same moment. Money is
used by amount; goods by quantity, each use worth its share of the estimated value, the use that takes the last of
the goods taking what is left of the value so that the values add up to the estimate to the cent.

A use for a project is also that project's funding line (source: public donations), made, changed and removed
here through the project money services, so that a project's money and the reports read one record.
"""

import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from redcross.choices import FundingSource
from redcross.validators import normalize_phone

from ..models import ZERO, Allocation, Donation, FundingLine
from ..models.donations import RECEIPT_TAKEN
from .funded import funding_add, funding_delete, funding_update

CENT = Decimal("0.01")
RECEIPT_CONSTRAINT = "projects_donation_receipt_once"
Kind, Direction, Target = Donation.Kind, Donation.Direction, Allocation.Target


def remaining(donation: Donation) -> Decimal:
    """What is left of the donation to use, counted by the database: yuan of money, or the quantity of goods."""
    return Donation.objects.with_use().values_list("remaining", flat=True).get(pk=donation.pk)


def quantity_text(quantity: Decimal, unit: str = "") -> str:
    """12 箱, 2.5 公斤: a quantity without trailing zeros."""
    return f"{quantity.normalize():f}{unit}" if unit else f"{quantity.normalize():f}"


def _used(donation: Donation, excluded: Sequence[int] = ()) -> tuple[Decimal, Decimal]:
    """The amount (or quantity) and the value of the donation's stored uses, leaving out `excluded`."""
    field = "quantity" if donation.kind == Kind.GOODS else "amount"
    totals = Allocation.objects.filter(donation=donation).exclude(pk__in=excluded).aggregate(
        used=Sum(field), value=Sum("value"))
    return totals["used"] or ZERO, totals["value"] or ZERO


def _future_refusals(record, fields: Sequence[str]) -> dict:
    today = timezone.localdate()
    return {
        field: _("%(date)s is in the future: give a day that has come.") % {"date": getattr(record, field)}
        for field in fields if getattr(record, field) is not None and getattr(record, field) > today
    }


def _direction_refusal(donation: Donation, allocation: Allocation) -> str | None:
    """A directed gift is used only as the donor said: for its project, for a project at its site, or — for a
    purpose — for anything, with a note saying how that use serves it."""
    if donation.direction == Direction.PROJECT and allocation.project_id != donation.project_id:
        return _("This gift was directed to the project “%(project)s”: it can only be used for that project.") % {
            "project": donation.project}
    if donation.direction == Direction.SITE and (
        allocation.project_id is None or not allocation.project.sites.filter(pk=donation.site_id).exists()
    ):
        return _("This gift was directed to the site “%(site)s”: it can only be used for a project at that "
                 "site.") % {"site": donation.site}
    if donation.direction == Direction.PURPOSE and not allocation.note.strip():
        return _("This gift was directed to “%(purpose)s”: say in the note how this use serves it.") % {
            "purpose": donation.purpose}
    return None


def _change_refusals(stored: Donation, donation: Donation) -> dict:
    """What a donation that has uses can no longer become."""
    uses = list(Allocation.objects.filter(donation=donation).select_related("project"))
    if not uses:
        return {}
    if stored.kind != donation.kind:
        return {"kind": _("This donation has uses recorded: money cannot become goods, nor goods money.")}
    errors = {}
    used, _value = _used(donation)
    if donation.kind == Kind.MONEY and donation.amount < used:
        errors["amount"] = _("¥%(used)s of this donation is already used: the amount cannot be less.") % {
            "used": f"{used:,.2f}"}
    if donation.kind == Kind.GOODS and donation.quantity < used:
        errors["quantity"] = _("%(used)s of these goods are already used: the quantity cannot be less.") % {
            "used": quantity_text(used, donation.unit)}
    first_use = min(use.allocated_on for use in uses)
    if donation.received_on > first_use:
        errors["received_on"] = _("This donation was first used on %(date)s: it was received by then.") % {
            "date": first_use}
    if refusal := next(filter(None, (_direction_refusal(donation, use) for use in uses)), None):
        errors["direction"] = refusal
    return errors


def receipt_number_normalized(text: str) -> str:
    """A receipt number as stored, however it was typed: full-width characters, spaces around it, any case."""
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def _normalized(donation: Donation) -> None:
    donation.receipt_number = receipt_number_normalized(donation.receipt_number)
    donation.donor_name = (donation.donor_name or "").strip()
    donation.phone = normalize_phone(donation.phone) if donation.phone else ""


def donation_save(*, donation: Donation, by=None) -> Donation:
    """Record a donation, or correct one. Money has an amount, goods a description, quantity, unit and estimated
    value; the receipt number is the branch's only one of that number; no date is in the future. A donation already
    used keeps its kind, covers its uses and still fits them if directed; changing the quantity or value of goods
    re-prices their uses (and the projects' funding lines they made)."""
    _normalized(donation)
    with transaction.atomic():
        stored = None if donation.pk is None else Donation.objects.select_for_update().get(pk=donation.pk)
        donation.full_clean()
        errors = _future_refusals(donation, ("received_on", "consent_on"))
        if stored is not None:
            errors = {**_change_refusals(stored, donation), **errors}
        if errors:
            raise ValidationError(errors)
        if donation.pk is None:
            donation.created_by = by
        donation._history_user = by
        try:
            with transaction.atomic():
                donation.save()
        except IntegrityError as error:
            # Another save of the same number committed between the check and this one.
            if RECEIPT_CONSTRAINT in str(error):
                raise ValidationError({"receipt_number": RECEIPT_TAKEN}, code="unique") from error
            raise
        if stored is not None and (stored.quantity, stored.estimated_value) != (
                donation.quantity, donation.estimated_value):
            _reprice(donation, by=by)
    return donation


def donation_delete(*, donation: Donation) -> None:
    """A donation entered by mistake goes; one already used stays on record."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if used := Allocation.objects.filter(donation=donation).count():
            raise ValidationError(_(
                "Donation %(receipt)s has %(count)s uses recorded: it stays on record. Remove its uses first if it "
                "was entered by mistake."
            ) % {"receipt": donation.receipt_number, "count": used}, code="used")
        donation.delete()


def _share(donation: Donation, quantity: Decimal) -> Decimal:
    return (donation.estimated_value * quantity / donation.quantity).quantize(CENT, rounding=ROUND_HALF_UP)


def _priced(donation: Donation, uses: Sequence[Allocation], used: Decimal, used_value: Decimal) -> None:
    """Set each use's value: money its amount; goods their share of the estimate, the use that takes the last of
    the goods taking the rest of the value."""
    for use in uses:
        use.value = use.amount if donation.kind == Kind.MONEY else _share(donation, use.quantity)
    if donation.kind == Kind.GOODS and uses and used + sum(use.quantity for use in uses) == donation.quantity:
        uses[-1].value = donation.estimated_value - used_value - sum(use.value for use in uses[:-1])


def _reprice(donation: Donation, by=None) -> None:
    uses = list(Allocation.objects.filter(donation=donation).select_related("funding_line"))
    before = {use.pk: use.value for use in uses}
    _priced(donation, uses, ZERO, ZERO)
    for use in uses:
        if use.value != before[use.pk]:
            _stored_with_line(use, donation, use.funding_line, by=by)


def _use_refusals(donation: Donation, use: Allocation) -> list[str]:
    errors = []
    if use.donation_id != donation.pk:
        return [_("This use belongs to another donation.")]
    if donation.kind == Kind.MONEY and (use.amount is None or use.quantity is not None):
        errors.append(_("A gift of money is used by amount: give the amount, not a quantity."))
    if donation.kind == Kind.GOODS and (use.quantity is None or use.amount is not None):
        errors.append(_("A gift of goods is used by quantity: give the quantity, not an amount."))
    errors += _future_refusals(use, ("allocated_on",)).values()
    if use.allocated_on < donation.received_on:
        errors.append(_("A use on %(date)s comes before the donation was received on %(received)s.") % {
            "date": use.allocated_on, "received": donation.received_on})
    if refusal := _direction_refusal(donation, use):
        errors.append(refusal)
    return errors


def _over_refusal(donation: Donation, uses: Sequence[Allocation], used: Decimal) -> str | None:
    if donation.kind == Kind.MONEY:
        asked, total = sum((use.amount for use in uses), start=ZERO), donation.amount
        if used + asked > total:
            return _("Only ¥%(left)s of this donation remains to be used: ¥%(asked)s is more than that.") % {
                "left": f"{total - used:,.2f}", "asked": f"{asked:,.2f}"}
        return None
    asked, total = sum((use.quantity for use in uses), start=ZERO), donation.quantity
    if used + asked > total:
        return _("Only %(left)s of these goods remain to be used: %(asked)s is more than that.") % {
            "left": quantity_text(total - used, donation.unit), "asked": quantity_text(asked, donation.unit)}
    return None


def allocations_save(
    *, donation: Donation, allocations: Sequence[Allocation] = (), removed: Sequence[Allocation] = (), by=None,
) -> list[Allocation]:
    """Store uses of a donation and remove others, all at once (the way the donation's page saves), under the
    donation's lock: together with the uses stored before, they never exceed the donation. Raises ValidationError
    with every reason, storing nothing."""
    removed = [use for use in removed if use.pk is not None]
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        errors = []
        for use in [*allocations, *removed]:
            use.donation_id = use.donation_id or donation.pk
        for use in allocations:
            if use.target != Target.PROJECT:
                use.funding_line = None  # the stored link is read again below, under the lock
            try:
                use.full_clean()
            except ValidationError as error:
                errors += error.messages
            else:
                errors += _use_refusals(donation, use)
        errors += [_("This use belongs to another donation.") for use in removed if use.donation_id != donation.pk]
        if errors:
            raise ValidationError(errors)
        touched = [use.pk for use in [*allocations, *removed] if use.pk is not None]
        used, used_value = _used(donation, excluded=touched)
        if refusal := _over_refusal(donation, allocations, used):
            raise ValidationError(refusal, code="over_allocated")
        _priced(donation, allocations, used, used_value)
        lines = dict(Allocation.objects.filter(pk__in=touched).values_list("pk", "funding_line"))
        for use in removed:
            line = lines.get(use.pk)
            use._history_user = by
            use.delete()
            if line is not None:
                funding_delete(line=FundingLine.objects.get(pk=line))
        for use in allocations:
            if use.pk is None:
                use.created_by = by
            line = FundingLine.objects.get(pk=lines[use.pk]) if lines.get(use.pk) else None
            _stored_with_line(use, donation, line, by=by)
    return list(allocations)


def allocation_save(*, allocation: Allocation, by=None) -> Allocation:
    allocations_save(donation=allocation.donation, allocations=[allocation], by=by)
    return allocation


def allocation_delete(*, allocation: Allocation, by=None) -> None:
    allocations_save(donation=allocation.donation, removed=[allocation], by=by)


def _line_note(use: Allocation, donation: Donation) -> str:
    if donation.kind == Kind.GOODS:
        return (_("Donation %(receipt)s: %(quantity)s of %(goods)s") % {
            "receipt": donation.receipt_number, "quantity": quantity_text(use.quantity, donation.unit),
            "goods": donation.goods})[:200]
    return _("Donation %(receipt)s") % {"receipt": donation.receipt_number}


def _stored_with_line(use: Allocation, donation: Donation, line: FundingLine | None, by=None) -> None:
    """Save a use and keep the funding line it made in step: made for a use for a project, changed with it, moved
    to another project with it, removed when it is no longer for a project."""
    use._history_user = by
    if use.target != Target.PROJECT:
        use.funding_line = None
        use.save()
        if line is not None:
            funding_delete(line=line)
        return
    if use.value <= 0:
        raise ValidationError(_("This share of the goods is worth less than ¥0.01: a project cannot receive it as "
                                "money. Use a larger quantity."), code="worthless")
    if line is not None and line.project_id == use.project_id:
        use.funding_line = line
        use.save()
        funding_update(line=line, data={"source": FundingSource.DONATION, "amount": use.value,
                                        "received_on": use.allocated_on, "note": _line_note(use, donation)})
        return
    use.funding_line = funding_add(project=use.project, source=FundingSource.DONATION, amount=use.value,
                                   received_on=use.allocated_on, note=_line_note(use, donation))
    use.save()
    if line is not None:
        funding_delete(line=line)
