"""Donations and their uses for the disclosure's tests, made through the services, with donors whose private details
are distinctive enough to look for in a page or a file."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from projects import services
from projects.models import Allocation, Donation

# Staff-only details, and the real names of donors who are not named in full: none may leave the server.
SECRETS = {
    "masked_name": "欧阳明辉",
    "anonymous_name": "司马青云",
    "phone": "13912340001",
    "other_phone": "13712340002",
    "address": "幸福路九十九号七幢",
    "note": "内部备注：大客户",
}
CONSENTED = "陈光明"
# The disclosure's October: gifts of September and October, uses in October and November (conftest.october).
SEPTEMBER, OCTOBER, NOVEMBER = dt.date(2025, 9, 10), dt.date(2025, 10, 8), dt.date(2025, 11, 20)
OCTOBER_PAGE = "/projects/donations/2025/10/"


def gift(received_on: dt.date, amount="1000.00", **values) -> Donation:
    """A gift of money, by default from a donor who wants their name masked, with a phone and an address."""
    return services.donation_save(
        donation=Donation(
            **{
                "receipt_number": f"HB{Donation.objects.count() + 1:06d}",
                "received_on": received_on,
                "amount": Decimal(amount),
                "donor_name": SECRETS["masked_name"],
                "phone": SECRETS["phone"],
                "address": SECRETS["address"],
                "note": SECRETS["note"],
                **values,
            }
        )
    )


def goods(received_on: dt.date, quantity="40", value="8000.00", **values) -> Donation:
    return services.donation_save(
        donation=Donation(
            **{
                "receipt_number": f"HB{Donation.objects.count() + 1:06d}",
                "received_on": received_on,
                "kind": "goods",
                "goods": "急救包",
                "quantity": Decimal(quantity),
                "unit": "个",
                "estimated_value": Decimal(value),
                "donor_kind": "organisation",
                "donor_name": "江海医疗器械有限公司",
                "publish_name": "full",
                "consent_on": received_on,
                **values,
            }
        )
    )


def anonymous(received_on: dt.date, amount="500.00", **values) -> Donation:
    return gift(
        received_on,
        amount,
        anonymous=True,
        donor_name=SECRETS["anonymous_name"],
        phone=SECRETS["other_phone"],
        **values,
    )


def consented(received_on: dt.date, amount="2000.00", **values) -> Donation:
    return gift(
        received_on, amount, **{"donor_name": CONSENTED, "publish_name": "full", "consent_on": received_on, **values}
    )


def use(donation: Donation, on: dt.date, amount=None, quantity=None, **values) -> Allocation:
    values = {"target": "general", "description": "应急救护培训耗材", **values}
    return services.allocation_save(
        allocation=Allocation(
            donation=donation,
            allocated_on=on,
            amount=None if amount is None else Decimal(amount),
            quantity=None if quantity is None else Decimal(quantity),
            **values,
        )
    )


def xlsx_text(content: bytes) -> str:
    """Every value of every cell of an .xlsx file, and its XML parts as stored, to look for a value in."""
    workbook = load_workbook(io.BytesIO(content))
    values = [
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        stored = [archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")]
    return "\n".join(values + stored)
