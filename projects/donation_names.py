"""How a donor is named to the public: the one rule every public page, export, lookup answer and certificate uses.

The full name only when the donor agreed (a consent date is stored), masked otherwise, and "爱心人士" for an
anonymous gift. A donor's phone, address and the staff's note never leave the admin. The receipt number is shown
masked: with the donor's name it opens the lookup (捐赠查询), so the public pages must not hand it out next to a
masked name that guesses could complete.
"""

from django.utils.translation import gettext as _

from redcross.masking import mask_name

from .models import Donation

# The fields a public page, a public export or the lookup may read; never `phone`, `address` or `note`.
PUBLIC_FIELDS = (
    "id", "receipt_number", "received_on", "kind", "channel", "amount", "goods", "quantity", "unit",
    "estimated_value", "donor_kind", "donor_name", "anonymous", "publish_name", "consent_on", "direction",
    "project_id", "site_id", "purpose",
)


def published_name(donation: Donation) -> str:
    """The donor's name as the public may read it."""
    if donation.anonymous or donation.publish_name == Donation.PublishName.ANONYMOUS:
        return _("Anonymous donor")
    if donation.publish_name == Donation.PublishName.FULL and donation.consent_on is not None:
        return donation.donor_name.strip()
    return mask_name(donation.donor_name)


def public_receipt(number: str) -> str:
    """A receipt number as the public may read it: its last two characters, enough for a donor to find their gift."""
    number = (number or "").strip()
    return "*" * max(len(number) - 2, 2) + number[-2:]
