"""Who was told what and when: the text messages about a session's sign-ups and certificates, on the session's
page, each answered one with a button to send it again (for staff who may change the session)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from redcross.admin_support import error_text
from redcross.masking import mask_phone
from redcross.models import TextMessage
from redcross.sms.outbox import text_resend

from .. import sms
from ..models import Certificate, Registration, Session

# A message with the provider's answer, which staff may send again.
ANSWERED = (TextMessage.Status.SENT, TextMessage.Status.FAILED)


def session_messages(session: Session) -> QuerySet[TextMessage]:
    """The messages about the session's registrations and certificates, newest first."""
    types = ContentType.objects.get_for_models(Registration, Certificate)
    return TextMessage.objects.filter(
        Q(subject_type=types[Registration], subject_id__in=session.registrations.values("pk"))
        | Q(subject_type=types[Certificate], subject_id__in=session.certificates.values("pk"))
    ).select_related("subject_type").order_by("-created_at", "-pk")


def _names(session: Session) -> dict[tuple[type, int], str]:
    return {
        **{(Registration, pk): name for pk, name in session.registrations.values_list("pk", "trainee__name")},
        **{(Certificate, pk): name for pk, name in session.certificates.values_list("pk", "trainee__name")},
    }


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def messages_table(session: Session, *, resendable: bool) -> str:
    """The session's messages as a table; mobile numbers masked; a resend button on answered ones if `resendable`.

    The buttons submit the page's own form to the resend address (`formaction`): the admin's form cannot hold one
    of its own. The page has its save buttons on top, so that Enter in a field still saves."""
    rows = list(session_messages(session))
    if not rows:
        return _("No text message about this session yet.")
    names = _names(session)
    headers = (_("queued at"), _("kind"), pgettext("person", "name"), _("mobile number"), _("status"), _("sent at"),
               _("provider's answer"), "")

    def button(message: TextMessage) -> str:
        if not resendable or message.status not in ANSWERED or message.kind == TextMessage.Kind.LOGIN_CODE:
            return ""
        url = reverse("admin:training_session_resend_message", args=[session.pk, message.pk])
        return format_html('<button type="submit" class="button" formaction="{}" formnovalidate>{}</button>',
                           url, _("Send again"))

    cells = (
        (_when(message.created_at), message.get_kind_display(),
         names.get((message.subject_type.model_class(), message.subject_id), "—"), mask_phone(message.mobile),
         message.get_status_display(), _when(message.sent_at),
         " ".join(part for part in (message.answer_code, message.answer_detail) if part) or "—", button(message))
        for message in rows
    )
    return format_html(
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        format_html_join("", "<th>{}</th>", ((header,) for header in headers)),
        format_html_join("", "<tr>" + "<td>{}</td>" * len(headers) + "</tr>", cells),
    )


def resend_view(modeladmin, request, object_id: str, message_id: int):
    """Send one of the session's messages again (a new message, through the outbox); back to the session's page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    session = modeladmin.get_object(request, unquote(object_id))
    if session is None:
        raise Http404
    if not modeladmin.has_change_permission(request, session):
        raise PermissionDenied
    message = session_messages(session).filter(pk=message_id).first()
    if message is None:
        raise Http404
    try:
        if not sms.still_true(message):
            raise ValidationError(_("This message no longer says what is so (the sign-up was cancelled or the session "
                                    "has begun): it is not sent again."), code="outdated")
        resend = text_resend(message=message, by=request.user)
    except ValidationError as error:
        modeladmin.message_user(request, error_text(error), messages.ERROR)
    else:
        modeladmin.message_user(request, _("The message “%(kind)s” to %(mobile)s is being sent again.") % {
            "kind": resend.get_kind_display(), "mobile": mask_phone(resend.mobile)}, messages.SUCCESS)
    return redirect(reverse("admin:training_session_change", args=[session.pk]))
