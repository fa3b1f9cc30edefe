"""Writing a record's history after the fact."""

import copy

from django.db import models


class Deferred:
    """History rows (django-simple-history) of records saved while a lock is held, written once it is released,
    so that the lock is held for as few statements as possible (sign-ups for a popular session queue on it)."""

    def __init__(self):
        self.rows: list[tuple[models.Model, bool]] = []

    def save(self, record: models.Model, **kwargs) -> None:
        update = record.pk is not None
        record.skip_history_when_saving = True
        try:
            record.save(**kwargs)
        finally:
            del record.skip_history_when_saving
        self.rows.append((copy.copy(record), update))

    def write(self) -> None:
        for record, update in self.rows:
            type(record).history.bulk_history_create([record], update=update)
        self.rows.clear()
