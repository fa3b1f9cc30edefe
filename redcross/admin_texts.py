"""Texts of the third-party admin screens that their own Chinese catalogues lack, and labels they never mark.

Django 5.2, django-import-export 4.4, django-celery-beat 2.9, django-simple-history 3.13 and django-axes 8 show
staff some texts that have no (or only a fuzzy, hence unused) zh_Hans translation. Their translations live in
this project's catalogue, which LOCALE_PATHS puts before the packages' own. `make messages` runs makemessages
with --no-obsolete, which drops every msgid not found in this project's sources: the markers below keep them.
A marker is never called for its value; the package looks its own text up at run time.

Three apps need more than a catalogue entry, and get an AppConfig here (named in INSTALLED_APPS): django-axes
has no verbose name (its section of the admin index reads "Axes") and names its records in English;
django-celery-beat declares a few labels without gettext ("Task Name", "Human readable", "Crontab translation")
and describes schedules in the server's locale; django-import-export labels each field of its export form with
the attribute's name in English before the column's name ("Site (站点)").
"""

import re

from axes.apps import AppConfig as AxesAppConfig
from cron_descriptor import Options, get_description
from django.apps import AppConfig
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_noop, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django_celery_beat.apps import BeatConfig

DJANGO_ADMIN = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
)

IMPORT_EXPORT = (
    gettext_noop(
        "%(exc_name)s encountered while trying to read file. Ensure you have chosen the correct format for the file."
    ),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    gettext_noop("export failed due to IllegalCharacterError"),
    gettext_noop("Resource"),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop(
        "The following fields are declared in 'import_id_fields' but are not present in the resource fields: %s"
    ),
    gettext_noop(
        "The following fields are declared in 'import_id_fields' but are not present in the file headers: %s"
    ),
    gettext_noop("Home"),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", "len"),
    gettext_noop("Select all"),
    gettext_noop("Value could not be parsed."),
    # Translated by the package, but wrongly or in half: these read better.
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop("Some rows failed to validate"),
    gettext_noop("Non field specific"),
)

CELERY_BEAT = (
    gettext_noop("Execution Options"),
    gettext_noop("Periodic Tasks Using This Schedule"),
    gettext_noop("Schedule"),
    gettext_noop("Arguments"),
    ngettext_lazy("{0} task was successfully enabled", "{0} tasks were successfully enabled", "count"),
    ngettext_lazy("{0} task was successfully disabled", "{0} tasks were successfully disabled", "count"),
    ngettext_lazy("{0} task was successfully toggled", "{0} tasks were successfully toggled", "count"),
    gettext_noop('Cron Minutes to Run. Use "*" for "all". (Example: "0,30")'),
    gettext_noop('Cron Hours to Run. Use "*" for "all". (Example: "8,20")'),
    gettext_noop('Cron Days Of The Month to Run. Use "*" for "all". (Example: "1,15")'),
    gettext_noop('Cron Months (1-12) Of The Year to Run. Use "*" for "all". (Example: "1,12")'),
    gettext_noop('Cron Days Of The Week to Run. Use "*" for "all", Sunday is 0 or 7, Monday is 1. (Example: "0,5")'),
    # The package's translations of these leave True, False, None, "enabled" and the example in English.
    gettext_noop('JSON encoded keyword arguments (Example: {"argument": "value"})'),
    gettext_noop("If True, the schedule will only run the task a single time"),
    gettext_noop("Set to False to disable the schedule"),
    gettext_noop(
        "Datetime that the schedule last triggered the task to run. Reset to None if enabled is set to False."
    ),
)

SIMPLE_HISTORY = (
    ngettext_lazy("entry", "entries", "counter"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("View on site"),
    gettext_noop("Changes"),
)

AXES = (
    gettext_noop("Locked Out"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Account locked: too many login attempts. Contact an admin to unlock your account."),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)


def _local_time(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login protection")

    def ready(self):
        super().ready()
        from axes.admin import AccessAttemptAdmin
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttemptAdmin.expiration.short_description = _("Expires at")
        AccessAttemptAdmin.status.short_description = _("Status")
        AccessAttempt.__str__ = lambda attempt: gettext("Login attempts of %(username)s since %(time)s") % {
            "username": attempt.username, "time": _local_time(attempt.attempt_time)}
        AccessLog.__str__ = lambda log: gettext("Login of %(username)s at %(time)s") % {
            "username": log.username, "time": _local_time(log.attempt_time)}
        AccessFailureLog.__str__ = lambda failure: gettext(
            "Failed login of %(username)s at %(time)s from %(address)s"
        ) % {"username": failure.username, "time": _local_time(failure.attempt_time), "address": failure.ip_address}


# cron-descriptor's zh_CN catalogue leaves the names of months and weekdays in English.
CRON_NAMES = {
    "January": "一月", "February": "二月", "March": "三月", "April": "四月", "May": "五月", "June": "六月",
    "July": "七月", "August": "八月", "September": "九月", "October": "十月", "November": "十一月",
    "December": "十二月", "Monday": "星期一", "Tuesday": "星期二", "Wednesday": "星期三", "Thursday": "星期四",
    "Friday": "星期五", "Saturday": "星期六", "Sunday": "星期日",
}
CRON_NAME = re.compile(r"\b(" + "|".join(CRON_NAMES) + r")\b")


def describe_cron(expression: str, options=None) -> str:
    """A schedule in words of the page's language, not of the server's locale."""
    if not (get_language() or "").startswith("zh"):
        return get_description(expression, options)
    chinese = Options()
    chinese.locale_code = "zh_CN"
    chinese.use_24hour_time_format = True
    return CRON_NAME.sub(lambda name: CRON_NAMES[name.group(0)], get_description(expression, chinese))


class CeleryBeatConfig(BeatConfig):
    def ready(self):
        super().ready()
        from django_celery_beat import models as beat_models
        from django_celery_beat.admin import PeriodicTaskAdmin
        from django_celery_beat.models import CrontabSchedule, PeriodicTask

        beat_models.get_description = describe_cron
        PeriodicTask._meta.get_field("task").verbose_name = _("Task Name")
        CrontabSchedule.human_readable.fget.short_description = _("Human readable")
        PeriodicTaskAdmin.crontab_translation.short_description = _("Crontab translation")


class ImportExportConfig(AppConfig):
    name = "import_export"

    def ready(self):
        from import_export.forms import SelectableFieldsExportForm

        def column_label(form, resource, field_name):
            """The column's name as the spreadsheet shows it, which the resources write in Chinese."""
            field = resource.fields.get(field_name)
            return field.column_name if field is not None and field.column_name else field_name

        SelectableFieldsExportForm._get_field_label = column_label
