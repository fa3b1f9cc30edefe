"""PDF documents of the training app: session rosters and certificates, with Chinese text and QR codes.

WeasyPrint lays out HTML templates from templates/training/pdf/ with the system's Noto CJK fonts
(Debian package fonts-noto-cjk). Nothing is fetched from the network: the only resources are data: URIs.
"""

from collections.abc import Callable, Iterable

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from redcross.masking import mask_phone, mask_resident_id
from redcross.models import BranchProfile
from redcross.pdf import pdf_bytes, qr_data_uri

from .models import Certificate, Registration, Session


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_footer() -> str:
    """The CSS `content` of a page footer: the translated “Page N of M” around the page counters."""
    text = _("Page %(number)s of %(total)s") % {"number": "\x00page\x00", "total": "\x00pages\x00"}
    pieces = text.split("\x00")  # text, counter, text, counter, text
    return " ".join(f"counter({piece})" if index % 2 else css_string(piece)
                    for index, piece in enumerate(pieces) if piece)


def render_pdf(template: str, context: dict) -> bytes:
    context = {
        "branch_name": BranchProfile.load().display_name(get_language() or ""),
        "page_footer": page_footer(),
        **context,
    }
    html = render_to_string(template, context)
    return pdf_bytes(html)


def roster_rows(session: Session) -> list[dict]:
    """The confirmed trainees of a session in sign-up order, their numbers masked."""
    registrations = session.registrations.filter(status=Registration.Status.CONFIRMED).select_related("trainee")
    return [
        {
            "name": registration.trainee.name,
            "organisation": registration.trainee.organisation,
            "mobile": mask_phone(registration.trainee.mobile),
            "resident_id": mask_resident_id(registration.trainee.resident_id),
            "attended": registration.attended,
            "passed": registration.passed,
        }
        for registration in registrations
    ]


def rosters_pdf(sessions: Iterable[Session]) -> bytes:
    """A4 sign-in and result sheets, one section per session, each starting on a new page."""
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    sessions = (
        Session.objects.filter(pk__in=[session.pk for session in sessions])
        .select_related("course", "base")
        .prefetch_related("instructors")
        .annotate(
            confirmed=Count("registrations", filter=confirmed),
            attended_count=Count("registrations", filter=confirmed & Q(registrations__attended=True)),
            passed_count=Count("registrations", filter=confirmed & Q(registrations__passed=True)),
        )
        .order_by("starts_at", "pk")
    )
    rosters = [{"session": session, "rows": roster_rows(session)} for session in sessions]
    return render_pdf("training/pdf/roster.html", {"rosters": rosters})


def roster_pdf(session: Session) -> bytes:
    return rosters_pdf([session])


def certificates_pdf(certificates: Iterable[Certificate], verify_url: Callable[[Certificate], str]) -> bytes:
    """One page per certificate, with a QR code of `verify_url(certificate)`, the page that checks it."""
    pages = []
    for certificate in certificates:
        url = verify_url(certificate)
        pages.append({
            "certificate": certificate,
            "holder": certificate.trainee.name,
            "resident_id": mask_resident_id(certificate.trainee.resident_id),
            "verify_url": url,
            "qr": qr_data_uri(url),
        })
    return render_pdf("training/pdf/certificates.html", {"pages": pages})
