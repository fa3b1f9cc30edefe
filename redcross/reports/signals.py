"""Reports that go out of date: a record dated on or before a report's last day changes after its data was taken.

The apps' summary modules name the records their figures read, the dates that place each in a period and the fields
their figures count (DATED); the reports' own opening totals and the branch profile's start dates count too. A
changed record is compared with its stored row before it is saved: a date moved marks the periods between its old
and new value, a counted field changed marks every period the record is in.
"""

from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from projects import summary as projects_summary
from publicity import summary as publicity_summary
from redcross.dates import Dated
from redcross.models import BranchProfile
from training import summary as training_summary

from .facts import ORIGINS
from .models import OpeningTotal

BEFORE = "_report_days_before"


def dated_records() -> dict:
    return {
        **projects_summary.DATED, **training_summary.DATED, **publicity_summary.DATED,
        OpeningTotal: Dated(("as_of",)),
        BranchProfile: Dated(tuple(ORIGINS.values()), counted=()),
    }


def as_day(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        return date(value, 1, 1)
    return None


def _follow(instance, path: str):
    value = instance
    for part in path.split("__"):
        try:
            value = getattr(value, part, None)
        except ObjectDoesNotExist:  # a related record removed in the same cascade has no date to give
            return None
        if value is None:
            return None
    return value


def _days(instance, dated: Dated) -> list[date | None]:
    return [as_day(_follow(instance, path)) for path in dated.dates]


def _changed_days(sender, instance, dated: Dated) -> list[date | None]:
    """The days a change to a stored record touches: the old and new value of each date that changed, and every
    date of the record, old and new, when a counted field changed with them."""
    fields = [field for field in sender._meta.concrete_fields
              if not field.primary_key and not getattr(field, "auto_now", False)
              and not getattr(field, "auto_now_add", False)]
    stored = sender._default_manager.filter(pk=instance.pk).values(*(field.attname for field in fields)).first()
    if stored is None:
        return []
    own_dates = {path for path in dated.dates if "__" not in path}
    changed = {field.name for field in fields if stored[field.attname] != getattr(instance, field.attname)}
    counted = changed - own_dates if dated.counted is None else changed & set(dated.counted)
    if counted:
        return _days(instance, dated) + [as_day(stored[sender._meta.get_field(path).attname]) for path in own_dates]
    return [as_day(value) for name in changed & own_dates
            for value in (stored[sender._meta.get_field(name).attname], getattr(instance, name))]


def _touches_nothing_counted(update_fields, dated: Dated) -> bool:
    """A save limited to fields that neither place the record in a period nor count in a figure."""
    if update_fields is None or dated.counted is None:
        return False
    return not set(update_fields) & ({path for path in dated.dates if "__" not in path} | set(dated.counted))


def _mark(days: list[date | None]) -> None:
    from .services import reports_mark_out_of_date

    known = [day for day in days if day is not None]
    if known:
        earliest = min(known)
        transaction.on_commit(lambda: reports_mark_out_of_date(earliest=earliest))


def connect() -> None:
    for model, dated in dated_records().items():

        def before(sender, instance, dated=dated, **kwargs):
            if instance.pk is None or kwargs.get("raw"):
                return
            if _touches_nothing_counted(kwargs.get("update_fields"), dated):
                setattr(instance, BEFORE, [])  # e.g. a sign-up's code or a note: no stored row to read
            else:
                setattr(instance, BEFORE, _changed_days(sender, instance, dated))

        def saved(sender, instance, created, dated=dated, **kwargs):
            if not kwargs.get("raw"):
                _mark(_days(instance, dated) if created else getattr(instance, BEFORE, _days(instance, dated)))

        def deleted(sender, instance, dated=dated, **kwargs):
            _mark(_days(instance, dated))

        uid = f"reports-out-of-date-{model._meta.label}"
        pre_save.connect(before, sender=model, weak=False, dispatch_uid=uid)
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
