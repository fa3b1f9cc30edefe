"""Red Cross positions: kinds, their standards by year, and the assessments of a site against them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Assessment,
    AssessmentEvidence,
    AssessmentItem,
    PositionKind,
    PositionStandard,
    Site,
    StandardItem,
)
from .common import stored


def position_kind_save(*, kind: PositionKind) -> PositionKind:
    return stored(kind)


def standard_save(*, standard: PositionStandard) -> PositionStandard:
    return stored(standard)


def standard_item_save(*, item: StandardItem) -> StandardItem:
    return stored(item)


def standard_item_delete(*, item: StandardItem) -> None:
    """An item a site was assessed on stays: the assessment must read as it was made."""
    if AssessmentItem.objects.filter(item=item).exists():
        raise ValidationError(
            _("“%(item)s” was used in an assessment and cannot be removed: copy the standard to a new year instead.")
            % {"item": item.text}, code="item_assessed",
        )
    item.delete()


def standard_copy(*, standard: PositionStandard, year: int, by=None) -> PositionStandard:
    """A new version of `standard` for `year` with the same items, for staff to edit; the old one stays as it was."""
    with transaction.atomic():
        if PositionStandard.objects.filter(kind=standard.kind_id, year=year).exists():
            raise ValidationError(
                _("%(kind)s already has a standard for %(year)s.") % {"kind": standard.kind.name, "year": year},
                code="year_taken",
            )
        copy = stored(PositionStandard(
            kind=standard.kind, year=year, title=standard.title, issued_by=standard.issued_by, notes=standard.notes,
        ))
        StandardItem.objects.bulk_create(
            StandardItem(standard=copy, order=item.order, text=item.text, evidence=item.evidence)
            for item in standard.items.order_by("order")
        )
    return copy


def standard_for(site: Site, day: date) -> PositionStandard | None:
    """The standard a site is assessed against on `day`: its kind's of that year, or else of the latest earlier
    year (a new year's standard is often issued months into the year)."""
    return (
        PositionStandard.objects.filter(kind=site.position_kind_id, year__lte=day.year).order_by("-year").first()
    )


def _refusals(assessment: Assessment, items: dict, standard_items: dict) -> dict[str, str]:
    errors = {}
    day = assessment.assessed_on
    if day is not None and day > timezone.localdate():
        errors["assessed_on"] = _("An assessment cannot be dated %(date)s, which is in the future.") % {
            "date": day.isoformat()}
    standard, site = assessment.standard, assessment.site
    if standard.kind_id != site.position_kind_id:
        errors["standard"] = _("“%(standard)s” is a standard for %(kind)s, but %(site)s is a %(site_kind)s.") % {
            "standard": standard.title, "kind": standard.kind.name, "site": site.name,
            "site_kind": site.position_kind.name}
    elif day is not None and "assessed_on" not in errors:
        expected = standard_for(site, day)
        if expected is not None and expected.pk != standard.pk:
            errors["standard"] = _(
                "On %(date)s the standard in force for %(kind)s is the one of %(year)s, not of %(chosen)s."
            ) % {"date": day.isoformat(), "kind": standard.kind.name, "year": expected.year, "chosen": standard.year}
    foreign = [pk for pk in items if pk not in standard_items]
    if foreign:
        errors["__all__"] = _("Some of the items assessed are not items of “%(standard)s”.") % {
            "standard": standard.title}
    elif assessment.result == Assessment.Result.PASSED:
        unmet = [standard_items[pk].text for pk in standard_items if not items.get(pk, (False, ""))[0]]
        if unmet:
            errors["result"] = _("A position meets the standard only when every item is met; not met: %(items)s.") % {
                "items": "；".join(unmet)}
    return errors


def assessment_save(*, assessment: Assessment, items: dict[int, tuple[bool, str]], by=None) -> Assessment:
    """Store an assessment and, for each item of its standard (by pk), whether it was met and a note.

    An item left out of `items` keeps what was stored for it, or is recorded as not met. The one door for the
    admin and imports: the standard must be the site's kind's, in force on the day; a position meets the standard
    only with every item met; an assessment is never dated in the future.
    """
    with transaction.atomic():
        assessment.full_clean()
        standard_items = {item.pk: item for item in StandardItem.objects.filter(standard=assessment.standard_id)}
        stored_items = {}
        if assessment.pk is not None:
            stored_items = {row.item_id: row for row in AssessmentItem.objects.filter(assessment=assessment)}
        merged = {pk: (row.met, row.note) for pk, row in stored_items.items() if pk in standard_items}
        merged.update(items)
        if errors := _refusals(assessment, merged, standard_items):
            raise ValidationError(errors)
        if assessment.pk is None:
            assessment.created_by = by
        assessment._history_user = by
        assessment.save()
        # Items of a standard the assessment no longer uses go with it.
        AssessmentItem.objects.filter(assessment=assessment).exclude(item__in=standard_items).delete()
        for pk, item in standard_items.items():
            met, note = merged.get(pk, (False, ""))
            row = stored_items.get(pk) or AssessmentItem(assessment=assessment, item=item)
            if row.pk is None or (row.met, row.note) != (met, note):
                row.met, row.note = met, note
                row._history_user = by
                row.save()
    return assessment


def evidence_save(*, evidence: AssessmentEvidence) -> AssessmentEvidence:
    return stored(evidence)


def evidence_delete(*, evidence: AssessmentEvidence) -> None:
    evidence.delete()
