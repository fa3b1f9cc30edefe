"""One row read as the ORM would give it (`Model.from_db`), or added unless it exists, by SQL built once from the
model's own columns.

For a crowd's hot path (a sign-up reads or adds its trainee and reads its session's locked row): the ORM's own work
to build, compile and read such a statement cost more than the database's answer.
"""

import functools

from django.db import IntegrityError, connection, models, transaction
from django.db.models.signals import post_save, pre_save


@functools.cache
def _select(model: type[models.Model], where: str, lock: bool) -> tuple[str, list[str], list]:
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    # Locked where the database can lock a row (not SQLite, the quick start's, which has one writer at a time).
    locked = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    sql = f"SELECT {columns} FROM {connection.ops.quote_name(model._meta.db_table)} WHERE {where}{locked}"  # noqa: S608
    # What the ORM does to each value read (SQLite's dates come as text, for one), as its compiler does it.
    converters = [
        (index, field, found) for index, field in enumerate(fields)
        if (found := connection.ops.get_db_converters(field.cached_col) + field.get_db_converters(connection))
    ]
    return sql, [field.attname for field in fields], converters


def one(model: type[models.Model], where: str, params: list, *, lock: bool = False) -> models.Model | None:
    """The row of `model` matching `where` (SQL with %s for each of `params`; at most one row matches), or None.
    With `lock`, the row is locked until the transaction ends."""
    sql, names, converters = _select(model, where, lock)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    if converters:
        row = list(row)
        for index, field, functions in converters:
            for function in functions:
                row[index] = function(row[index], field.cached_col, connection)
    return model.from_db(connection.alias, names, row)


@functools.cache
def _insert(model: type[models.Model], unique: tuple[str, ...]) -> tuple[str, list]:
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    conflict = ", ".join(quote(model._meta.get_field(name).column) for name in unique)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) ON CONFLICT ({conflict}) DO NOTHING "
        f"RETURNING {quote(model._meta.pk.column)}"
    )
    return sql, fields


def added(record: models.Model, *, unique: tuple[str, ...]) -> bool:
    """`record` (new, its primary key given by the database) inserted unless a row with the same values of the
    `unique` fields (a unique constraint's) exists: True, with its primary key, when it was. No error then spoils
    the caller's transaction, and no savepoint is needed; one being added by another transaction is waited for.
    Sends pre_save, and post_save once added, as Model.save() does for a new record (whose insert may fail too)."""
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35 (a quick start's, at most)
        try:
            with transaction.atomic():
                record.save(force_insert=True)
        except IntegrityError:
            return False
        return True
    model = type(record)
    sql, fields = _insert(model, tuple(unique))
    alias = connection.alias
    pre_save.send(sender=model, instance=record, raw=False, using=alias, update_fields=None)
    values = [field.get_db_prep_save(field.pre_save(record, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    record.pk = row[0]
    record._state.adding, record._state.db = False, alias
    post_save.send(sender=model, instance=record, created=True, update_fields=None, raw=False, using=alias)
    return True
