"""The training app's records without a life cycle: bases with their equipment and money, courses, instructors,
group visits. Checked whole, with who changed them, like every other write."""

from django.db import models, transaction


def catalogue_save(*, record: models.Model, by=None) -> models.Model:
    record.full_clean()
    record._history_user = by
    with transaction.atomic():
        record.save()
    return record


def catalogue_delete(*, record: models.Model, by=None) -> None:
    record._history_user = by
    record.delete()
