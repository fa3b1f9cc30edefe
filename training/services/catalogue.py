"""The training app's records without a life cycle: bases with their equipment and money, courses, instructors,
group visits. Checked whole, with who changed them, like every other write.

A base linked to a Red Cross position takes its group visits as bookings at the position (projects), so that
visitors are counted in one place: no visit is recorded here for it any more. Visits recorded before the link stay.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ..models import Base, Visit


def _refuse_if_linked(base: Base) -> None:
    if base.red_cross_position is not None:
        raise ValidationError({"base": _(
            "%(base)s is the Red Cross position “%(position)s”: group visits to it are booked and recorded under that "
            "position's group visit bookings, not here."
        ) % {"base": base.name, "position": base.red_cross_position.name}}, code="booked_at_position")


def _bases():
    return Base.objects.select_related("red_cross_position")


def visit_check(*, visit: Visit) -> None:
    """Refuse a visit, new or changed, at a base linked to a Red Cross position: that place books its groups."""
    if visit.base_id is not None:
        _refuse_if_linked(_bases().get(pk=visit.base_id))


def visit_save(*, visit: Visit, by=None) -> Visit:
    visit.full_clean()
    with transaction.atomic():
        # The base's row is locked, so that a link stored at the same moment is seen.
        _refuse_if_linked(_bases().select_for_update(of=("self",)).get(pk=visit.base_id))
        visit._history_user = by
        visit.save()
    return visit


def catalogue_save(*, record: models.Model, by=None) -> models.Model:
    if isinstance(record, Visit):
        return visit_save(visit=record, by=by)
    record.full_clean()
    record._history_user = by
    with transaction.atomic():
        record.save()
    return record


def catalogue_delete(*, record: models.Model, by=None) -> None:
    record._history_user = by
    record.delete()
