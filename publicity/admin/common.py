"""What the publicity admins share: forms that write through services, and the year a page is asked for."""

from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from redcross.admin_support import RefusalsAsMessages


class ServiceAdmin(RefusalsAsMessages, SimpleHistoryAdmin):
    """A record with history, written through services; a past version put back goes through them too."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return self.refusal_as_message(
            request, super().history_form_view, request, object_id, version_id, extra_context
        )


def chosen_year(request) -> int:
    """The year asked for in the address, or this year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year
