"""What the services of the projects app share."""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def stored(record: M) -> M:
    """Check the record against its model's rules and save it."""
    record.full_clean()
    record.save()
    return record
