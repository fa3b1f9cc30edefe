from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RedcrossConfig(AppConfig):
    name = "redcross"
    verbose_name = _("Branch")

    def ready(self):
        from . import roles

        # Models added by later migrations join the roles' permissions on every migrate.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="redcross.roles.sync")
