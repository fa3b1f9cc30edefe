"""The daily notice to the training staff of certificates about to expire."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from redcross.notify import notify
from redcross.roles import TRAINING_MANAGER

from .models import Certificate

logger = logging.getLogger(__name__)

EXPIRY_NOTICE_DAYS = 60
# Long enough to outlast the day the notice was sent for, whatever the time of the run.
CLAIM_SECONDS = 2 * 24 * 3600


def expiry_window(today: date) -> tuple[date, date]:
    """The first and last expiry dates of the certificates the notice lists."""
    return today, today + timedelta(days=EXPIRY_NOTICE_DAYS)


def expiring_certificates(*, today: date | None = None) -> QuerySet[Certificate]:
    """Certificates, not revoked, that expire between today and 60 days from today."""
    today = today or timezone.localdate()
    return (
        Certificate.objects.filter(revoked=False, expires_on__range=expiry_window(today))
        .select_related("trainee", "course")
        .order_by("expires_on", "number")
    )


def training_staff_addresses() -> list[str]:
    return list(
        get_user_model().objects.filter(groups__name=TRAINING_MANAGER.name, is_active=True)
        .exclude(email="").order_by("email").values_list("email", flat=True).distinct()
    )


def expiry_message(certificates: list[Certificate]) -> tuple[str, str]:
    count = len(certificates)
    values = {"count": count, "days": EXPIRY_NOTICE_DAYS}
    subject = ngettext(
        "%(count)d certificate expires within %(days)d days",
        "%(count)d certificates expire within %(days)d days", count,
    ) % values
    lines = [
        ngettext(
            "%(count)d certificate expires within the next %(days)d days:",
            "%(count)d certificates expire within the next %(days)d days:", count,
        ) % values,
        "",
    ]
    lines += [
        _("%(number)s  %(name)s  %(course)s  expires on %(date)s")
        % {"number": certificate.number, "name": certificate.trainee.name, "course": certificate.course.name,
           "date": date_format(certificate.expires_on, "DATE_FORMAT")}
        for certificate in certificates
    ]
    return subject, "\n".join(lines)


def notify_expiring_certificates(*, today: date | None = None) -> int:
    """Send the training staff one message listing the certificates that expire in the next 60 days.

    Returns how many certificates are expiring. The message goes out at most once a day, however many times this
    runs (a claim in the shared cache), and not at all when nothing expires.
    """
    today = today or timezone.localdate()
    certificates = list(expiring_certificates(today=today))
    if not certificates:
        return 0
    recipients = training_staff_addresses()
    if not recipients:
        logger.warning("%d certificates expire soon, but no training staff member has an email address.",
                       len(certificates))
        return len(certificates)
    claim = f"training:expiring-certificates-notice:{today.isoformat()}"
    if not cache.add(claim, True, timeout=CLAIM_SECONDS):
        logger.info("The expiring certificates notice of %s has already been sent.", today)
        return len(certificates)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = expiry_message(certificates)
        notify(subject=subject, body=body, recipients=recipients)
    except Exception:
        cache.delete(claim)
        raise
    return len(certificates)
