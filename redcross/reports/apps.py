from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "redcross.reports"
    label = "reports"
    verbose_name = _("Summary reports")

    def ready(self):
        from . import signals

        signals.connect()
