"""The thank-you certificate (捐赠证书) of a donation: an A5 PDF page for the donor, with a QR code of the donation's
own lookup page, for gifts worth at least the threshold of the branch profile (goods by their estimated value).

WeasyPrint lays out templates/projects/pdf/donation_certificate.html with the system's Noto CJK fonts; the QR code
is an inline data: URI, so nothing is fetched while drawing.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from redcross.formats import yuan
from redcross.models import BranchProfile
from redcross.pdf import pdf_bytes, qr_data_uri

from .donation_names import published_name
from .models import Donation
from .services.donations import quantity_text


def certificate_threshold() -> Decimal | None:
    """The value from which a gift earns a certificate; None when the branch gives none."""
    return BranchProfile.load().donation_certificate_from


def gift_value(donation: Donation) -> Decimal:
    """Yuan: the amount of money, or the estimated value of goods."""
    return donation.amount if donation.kind == Donation.Kind.MONEY else donation.estimated_value


def certificate_eligible(donation: Donation, threshold: Decimal | None = None) -> bool:
    threshold = certificate_threshold() if threshold is None else threshold
    return threshold is not None and gift_value(donation) >= threshold


def donor_on_certificate(donation: Donation) -> str:
    """The certificate is the donor's own: their name as recorded, whatever they chose for the public disclosure;
    an anonymous gift reads as the public reads it (爱心人士)."""
    if donation.anonymous or not donation.donor_name.strip():
        return published_name(donation)
    return donation.donor_name.strip()


def gift_text(donation: Donation) -> str:
    """¥5,000.00, or 急救包 50个（估值 ¥5,000.00）."""
    if donation.kind == Donation.Kind.MONEY:
        return yuan(donation.amount)
    return _("%(goods)s, %(quantity)s (estimated value %(value)s)") % {
        "goods": donation.goods,
        "quantity": quantity_text(donation.quantity, donation.unit),
        "value": yuan(donation.estimated_value),
    }


def certificate_html(donations: Iterable[Donation], lookup_url: Callable[[Donation], str]) -> str:
    """One page per donation, its QR code holding `lookup_url(donation)`, the donation's signed lookup page."""
    pages = []
    for donation in donations:
        url = lookup_url(donation)
        pages.append(
            {
                "donation": donation,
                "donor": donor_on_certificate(donation),
                "gift": gift_text(donation),
                "lookup_url": url,
                "qr": qr_data_uri(url),
            }
        )
    return render_to_string(
        "projects/pdf/donation_certificate.html",
        {
            "branch_name": BranchProfile.load().display_name(get_language() or ""),
            "pages": pages,
        },
    )


def certificates_pdf(donations: Iterable[Donation], lookup_url: Callable[[Donation], str]) -> bytes:
    return pdf_bytes(certificate_html(donations, lookup_url))
