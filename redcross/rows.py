"""One row read as the ORM would give it (`Model.from_db`), from SQL built once from the model's own columns.

For the reads of a crowd's hot path (a sign-up reads its trainee and its session's locked row): the ORM's own work
to build, compile and read such a query cost more than the database's answer.
"""

import functools

from django.db import connection, models


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
