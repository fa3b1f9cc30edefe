from django.apps import AppConfig, apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

# The packages whose models hold what people type: the core and the three apps.
PROJECT_PACKAGES = ("redcross", "projects", "training", "publicity")


def guard_text_fields() -> None:
    """Every CharField and TextField of the project's models refuses control characters, and a CharField line
    breaks too, in the admin's forms and in every service's full_clean() alike."""
    from .validators import validate_one_line, validate_plain_text

    for config in apps.get_app_configs():
        if config.name.partition(".")[0] not in PROJECT_PACKAGES:
            continue
        for model in config.get_models():
            for field in model._meta.fields:
                if isinstance(field, models.TextField):
                    validator = validate_plain_text
                elif isinstance(field, models.CharField):
                    validator = validate_one_line
                else:
                    continue
                if validator not in field.validators:
                    # Added to the computed list, not to `_validators`, which migrations compare: a check on input,
                    # not a change of the schema.
                    field.__dict__["validators"] = [*field.validators, validator]


class RedcrossConfig(AppConfig):
    name = "redcross"
    verbose_name = _("Branch")

    def ready(self):
        from . import pagecache, roles
        from .validators import RecordIdConverter, SignedValueConverter, UrlSafeTokenConverter

        # Models added by later migrations join the roles' permissions on every migrate.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="redcross.roles.sync")
        guard_text_fields()
        # Any change to what a public page shows leaves the cached pages behind.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(pagecache.content_changed, dispatch_uid="redcross.pagecache")
        post_migrate.connect(pagecache.migrated, dispatch_uid="redcross.pagecache.migrated")
        # The apps' URLs take IDs and tokens only in these shapes, so that nothing else reaches the database.
        register_converter(RecordIdConverter, "id")
        register_converter(UrlSafeTokenConverter, "token")
        register_converter(SignedValueConverter, "signed")
