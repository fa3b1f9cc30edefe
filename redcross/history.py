"""Writing a record's history after the fact."""

import contextlib
import copy
import inspect

from django.db import models, transaction
from simple_history.manager import HistoryManager


def _history_of(model: type[models.Model]) -> HistoryManager:
    """The model's history manager, without the new manager class django-simple-history's descriptor builds on each
    access (a sizeable share of a sign-up's time)."""
    return HistoryManager(inspect.getattr_static(model, model._meta.simple_history_manager_attribute).model)


@contextlib.contextmanager
def without_history(record: models.Model, skip: bool = True):
    """Saves of `record` inside write no history row (django-simple-history's flag), when `skip`."""
    if not skip:
        yield
        return
    record.skip_history_when_saving = True
    try:
        yield
    finally:
        del record.skip_history_when_saving


class Deferred:
    """History rows (django-simple-history) of records saved while a lock is held, written once it is released,
    so that the lock is held for as few statements as possible (sign-ups for a popular session queue on it)."""

    def __init__(self):
        self.rows: list[tuple[models.Model, bool]] = []

    def save(self, record: models.Model, **kwargs) -> None:
        update = record.pk is not None
        with without_history(record):
            record.save(**kwargs)
        self.saved(record, update=update)

    def saved(self, record: models.Model, *, update: bool = False) -> None:
        """A history row for a record the caller saved without one: as it is now."""
        self.rows.append((copy.copy(record), update))

    def write(self) -> None:
        """Every row in one transaction (one commit for a sign-up's trainee and registration), or in the caller's."""
        with transaction.atomic(savepoint=False):
            for record, update in self.rows:
                _history_of(type(record)).bulk_history_create([record], update=update)
        self.rows.clear()
