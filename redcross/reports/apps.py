from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "redcross.reports"
    label = "reports"
    verbose_name = _("Summary reports")

    def ready(self):
        from . import dashboard, signals

        signals.connect()
        # After the reports' receivers: a report marked out of date at a commit is so before the dashboard's version
        # moves on.
        dashboard.connect()
