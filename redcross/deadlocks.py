"""Work that PostgreSQL chose to end to break a deadlock is done again, from the start of its transaction.

Two transactions that each wait for a row the other holds (a citizen signing up online, whose registration is
written before the session is locked, and staff adding the same person to the same session at that moment, after
locking it) are a deadlock: PostgreSQL ends one of them with an error after `deadlock_timeout`. The work is
undone with its transaction, so trying it again is safe.
"""

from django.db import OperationalError

DEADLOCK_DETECTED = "40P01"
ATTEMPTS = 3


def deadlocked(error: OperationalError) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == DEADLOCK_DETECTED


def retried_on_deadlock(work, attempts: int = ATTEMPTS):
    """`work()`, which must run in a transaction (or savepoint) of its own, tried again after a deadlock."""
    for _attempt in range(attempts - 1):
        try:
            return work()
        except OperationalError as error:
            if not deadlocked(error):
                raise
    return work()
