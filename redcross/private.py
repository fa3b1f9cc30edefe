"""Staff-only attachments (signed agreements, project paperwork, submitted manuscripts).

They live under PRIVATE_ROOT, never under MEDIA_ROOT, which the web server hands to anyone, and are served by
`private_file` only to staff who may view the record holding the file. A file field opts in with
`FileField(storage=private_storage)`; its address in the admin then leads through the permission check.
"""

import shutil
from functools import cache
from pathlib import Path, PurePosixPath

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

MAX_NAME_LENGTH = 255


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        return reverse("private_file", args=[name])


def private_storage() -> PrivateStorage:
    """The storage of staff-only file fields; a callable, so that migrations do not depend on the settings."""
    return PrivateStorage()


@cache
def _private_fields() -> tuple:
    """(model, field) of every staff-only file field: found once, the models being fixed once loaded."""
    return tuple(
        (model, field)
        for model in global_apps.get_models()
        for field in model._meta.fields
        if isinstance(field, models.FileField) and isinstance(field.storage, PrivateStorage)
    )


def may_download(user, name: str) -> bool:
    """Whether `user` may download the private file `name`: a record holds it that the user may view."""
    if not (user.is_active and user.is_staff):
        return False
    for model, field in _private_fields():
        if model._default_manager.filter(**{field.name: name}).exists():
            opts = model._meta
            return user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")
    return False


@never_cache
@require_safe
def private_file(request, name: str):
    """A staff-only attachment, to those who may view its record; to everyone else, nothing is there."""
    if len(name) > MAX_NAME_LENGTH or "\x00" in name or not may_download(request.user, name):
        raise Http404
    storage = private_storage()
    if not storage.exists(name):
        raise Http404
    return FileResponse(storage.open(name, "rb"), as_attachment=True, filename=PurePosixPath(name).name)


def move_stored_files(apps, app_label: str, model_name: str, field_name: str, *, to_private: bool = True) -> None:
    """For data migrations: move the files a field names (and its history names) between MEDIA_ROOT and
    PRIVATE_ROOT; the names stay the same."""
    source, target = (settings.MEDIA_ROOT, settings.PRIVATE_ROOT) if to_private else (
        settings.PRIVATE_ROOT, settings.MEDIA_ROOT)
    names = set()
    for name in (model_name, f"historical{model_name}"):
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            continue
        names.update(model._default_manager.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True})
                     .values_list(field_name, flat=True))
    for name in names:
        old, new = Path(safe_join(source, name)), Path(safe_join(target, name))
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(old, new)


def moving_files(app_label: str, model_name: str, field_name: str) -> migrations.RunPython:
    """The migration step that moves a field's stored files into PRIVATE_ROOT, and back when it is reversed."""

    def to_private(apps, schema_editor):
        move_stored_files(apps, app_label, model_name, field_name, to_private=True)

    def to_media(apps, schema_editor):
        move_stored_files(apps, app_label, model_name, field_name, to_private=False)

    return migrations.RunPython(to_private, to_media)
