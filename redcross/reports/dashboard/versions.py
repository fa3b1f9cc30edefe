"""The dashboard's cache: one computation for every staff member, left behind by any staff edit.

What is computed is the same for everyone (every front, every list); each person's dashboard is cut from it by
their permissions, so nothing of one person is stored. It lives CACHE_SECONDS at most, for what changes with time
alone, and under a version that every save or delete of a record of the three apps or of the reports replaces.
Writes that send no signal (queryset.update(): a report marked out of date or failed, a message's status) are seen
when the entry expires.
"""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from simple_history.models import HistoricalChanges

CACHE_SECONDS = 300
VERSION_KEY = "dashboard:version"
# Text messages are left out: a failure is written by queryset.update() (seen when the entry expires), and queuing
# one changes nothing the dashboard shows.
APPS = frozenset({"projects", "training", "publicity", "reports"})
# Records the dashboard never reads: a trainee is counted through their registrations (a sign-up's new trainee costs
# no second round trip to Redis).
UNREAD = frozenset({"training.trainee"})


def version() -> int:
    return cache.get_or_set(VERSION_KEY, lambda: secrets.randbits(48), timeout=None)


def bump() -> None:
    """Leaves every cached dashboard behind: a new random version (a lost one never comes back as an old number)."""
    cache.set(VERSION_KEY, secrets.randbits(48), timeout=None)


def counts(model) -> bool:
    if issubclass(model, HistoricalChanges):  # a change's history row comes with the change itself
        return False
    return model._meta.app_label in APPS and model._meta.label_lower not in UNREAD


def changed(sender, using=None, **kwargs) -> None:
    """Receiver of post_save and post_delete: a new version once the change is visible to everyone, at the commit
    (so never while a sign-up holds its session's lock). A dashboard computed meanwhile from the old rows is kept
    under the old version, which it read before it began."""
    if not counts(sender):
        return
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump, using=using)
    else:
        bump()


def connect() -> None:
    """Called by the reports' AppConfig.ready, after the reports' own receivers: a report marked out of date at a
    commit is so before the version moves on."""
    for signal in (post_save, post_delete):
        signal.connect(changed, dispatch_uid="redcross.reports.dashboard")
