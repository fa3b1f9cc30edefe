"""Donations received (捐赠) and their use: what the Red Cross Society Law (2017, articles 20 and 21) asks the branch
to record, receipt and disclose.

A donation is money (an amount) or goods (a quantity of a unit, with an estimated value). An allocation uses part of
it: for a project (it is then also that project's funding line, so that the money pages and the reports keep one
source of truth), for a relief distribution, or for general purposes. Every write goes through
`projects.services.donations`, which never lets the allocations exceed the donation.
"""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from redcross.formats import subquery_sum
from redcross.validators import validate_one_line, validate_phone

from .allocations import Allocation
from .funded import POSITIVE, Project, money_field
from .places import Site

RECEIPT_TAKEN = _("A donation with this receipt number is already recorded.")


class DonationQuerySet(models.QuerySet):
    def with_use(self) -> "DonationQuerySet":
        """Each donation with, counted by the database in the same query: `value` (the amount, or the goods'
        estimated value), `allocated` and `remaining` (yuan for money, the quantity for goods), `allocated_value`
        and `remaining_value` (yuan for both)."""
        allocations = Allocation.objects.all()
        return self.annotate(
            value=models.functions.Coalesce("amount", "estimated_value"),
            allocated_money=subquery_sum(allocations, "amount", link="donation"),
            allocated_quantity=subquery_sum(allocations, "quantity", link="donation"),
            allocated_value=subquery_sum(allocations, "value", link="donation"),
        ).annotate(
            allocated=models.Case(
                models.When(kind=Donation.Kind.GOODS, then=F("allocated_quantity")), default=F("allocated_money"),
            ),
            remaining=models.functions.Coalesce("amount", "quantity") - F("allocated"),
            remaining_value=F("value") - F("allocated_value"),
        )


class Donation(models.Model):
    """A gift of money or goods received on a day, with its receipt (捐赠票据) and the donor's wishes."""

    class Kind(models.TextChoices):
        MONEY = "money", pgettext_lazy("donation", "money")
        GOODS = "goods", pgettext_lazy("donation", "goods")

    class Channel(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("bank transfer")
        CASH = "cash", _("cash")
        ONLINE = "online", _("online donation platform")
        GOODS = "goods", _("goods handed over")

    class DonorKind(models.TextChoices):
        PERSON = "person", pgettext_lazy("donor", "person")
        ORGANISATION = "organisation", _("organisation")

    class PublishName(models.TextChoices):
        FULL = "full", _("full name (the donor agreed)")
        MASKED = "masked", _("masked name")
        ANONYMOUS = "anonymous", _("not named (shown as 爱心人士)")

    class Direction(models.TextChoices):
        UNDIRECTED = "undirected", _("undirected: for the branch to decide")
        PROJECT = "project", _("directed to a project")
        SITE = "site", _("directed to a site")
        PURPOSE = "purpose", _("directed to a purpose")

    receipt_number = models.CharField(
        _("receipt number"), max_length=40, validators=[validate_one_line],
        help_text=_("The number of the public-welfare donation receipt (捐赠票据). When the donor gave anonymously or "
                    "declined a receipt, the branch's own record number."),
    )
    receipt_issued = models.BooleanField(
        _("receipt issued"), default=True, help_text=_("Untick when the donor was anonymous or declined a receipt."),
    )
    received_on = models.DateField(_("received on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.MONEY)
    channel = models.CharField(_("how it was given"), max_length=20, choices=Channel, default=Channel.BANK_TRANSFER)
    amount = money_field(_("amount (yuan)"), null=True, blank=True, help_text=_("For a gift of money."))
    goods = models.CharField(
        _("goods given"), max_length=200, blank=True, validators=[validate_one_line],
        help_text=_("What was given, e.g. 大米 or 急救包."),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, null=True, blank=True, validators=POSITIVE,
    )
    unit = models.CharField(
        pgettext_lazy("quantity", "unit"), max_length=10, blank=True, help_text=_("e.g. 箱, 件, 公斤."),
    )
    estimated_value = money_field(
        _("estimated value (yuan)"), null=True, blank=True, help_text=_("What the goods are worth, in yuan."),
    )
    donor_kind = models.CharField(_("donor is a"), max_length=20, choices=DonorKind, default=DonorKind.PERSON)
    donor_name = models.CharField(
        _("donor"), max_length=100, blank=True, validators=[validate_one_line],
        help_text=_("A person's or an organisation's name; may stay empty only for an anonymous gift."),
    )
    anonymous = models.BooleanField(_("anonymous gift"), default=False)
    publish_name = models.CharField(
        _("name published as"), max_length=10, choices=PublishName, default=PublishName.MASKED,
        help_text=_("The donor's choice for the public disclosure. The full name only with the donor's consent."),
    )
    consent_on = models.DateField(
        _("consent given on"), null=True, blank=True,
        help_text=_("The day the donor agreed to be named in full."),
    )
    # Staff only: never on a public page, an export for the public, or a certificate.
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    address = models.CharField(_("address"), max_length=200, blank=True, validators=[validate_one_line])
    direction = models.CharField(
        _("directed or undirected"), max_length=20, choices=Direction, default=Direction.UNDIRECTED,
        help_text=_("定向: the donor named what the gift is for (a project, a site or a purpose)."),
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="directed_donations",
        verbose_name=_("project"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="directed_donations",
        verbose_name=_("site"),
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True, validators=[validate_one_line])
    note = models.TextField(_("note for staff"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["received_on"], name="projects_donation_received")]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_number"], name="projects_donation_receipt_once", violation_error_code="unique",
                violation_error_message=RECEIPT_TAKEN,
            ),
            models.CheckConstraint(
                condition=Q(kind="money", amount__gt=0, quantity__isnull=True, estimated_value__isnull=True,
                            goods="", unit="")
                | Q(kind="goods", amount__isnull=True, quantity__gt=0, estimated_value__gt=0)
                & ~Q(goods="") & ~Q(unit=""),
                name="projects_donation_money_or_goods",
                violation_error_message=_("Money has an amount; goods have a description, a quantity, a unit and an "
                                          "estimated value."),
            ),
            models.CheckConstraint(
                condition=Q(kind="goods", channel="goods") | (Q(kind="money") & ~Q(channel="goods")),
                name="projects_donation_channel_fits_kind",
                violation_error_message=_("Goods are handed over; money comes by transfer, in cash or online."),
            ),
            models.CheckConstraint(
                condition=Q(anonymous=True, publish_name="anonymous") | (Q(anonymous=False) & ~Q(donor_name="")),
                name="projects_donation_named_unless_anonymous",
                violation_error_message=_("Give the donor's name, or record the gift as anonymous."),
            ),
            models.CheckConstraint(
                condition=~Q(publish_name="full") | Q(consent_on__isnull=False),
                name="projects_donation_full_name_with_consent",
                violation_error_message=_("A donor is named in full only with their consent: give its date."),
            ),
            models.CheckConstraint(
                condition=Q(direction="undirected", project__isnull=True, site__isnull=True, purpose="")
                | Q(direction="project", project__isnull=False, site__isnull=True, purpose="")
                | Q(direction="site", project__isnull=True, site__isnull=False, purpose="")
                | (Q(direction="purpose", project__isnull=True, site__isnull=True) & ~Q(purpose="")),
                name="projects_donation_direction_complete",
                violation_error_message=_("A directed gift names its project, site or purpose, and only that."),
            ),
        ]

    def __str__(self):
        return f"{self.receipt_number} · {self.donor_name or _('anonymous gift')}"

    @property
    def directed(self) -> bool:
        return self.direction != self.Direction.UNDIRECTED

    def clean(self):
        """The fields each kind of gift, donor and direction needs, each refusal next to its field. The service
        adds the rules that read other records or the day."""
        super().clean()
        if self.kind == self.Kind.GOODS:
            self.channel = self.Channel.GOODS
        if self.anonymous:
            self.publish_name = self.PublishName.ANONYMOUS
        if self.direction != self.Direction.PURPOSE:
            self.purpose = ""
        errors = {}
        if self.kind == self.Kind.MONEY:
            errors.update(_given(self, ("amount",), _("Give the amount of money.")))
            errors.update(_left_out(self, ("goods", "quantity", "unit", "estimated_value"),
                                    _("Only goods have this: leave it empty for money.")))
            if self.channel == self.Channel.GOODS:
                errors["channel"] = _("Money comes by bank transfer, in cash or through an online platform.")
        else:
            errors.update(_given(self, ("goods", "quantity", "unit", "estimated_value"),
                                 _("Goods need a description, a quantity, a unit and an estimated value.")))
            errors.update(_left_out(self, ("amount",), _("Goods have an estimated value, not an amount.")))
        if not self.anonymous and not self.donor_name.strip():
            errors["donor_name"] = _("Give the donor's name, or tick “anonymous gift”.")
        if self.publish_name == self.PublishName.FULL and self.consent_on is None:
            errors["consent_on"] = _("Give the day the donor agreed to be named in full.")
        needed = {self.Direction.PROJECT: "project", self.Direction.SITE: "site", self.Direction.PURPOSE: "purpose"}
        for direction, field in needed.items():
            if self.direction == direction:
                errors.update(_given(self, (field,), _("Name what the donor directed the gift to.")))
            else:
                errors.update(_left_out(self, (field,), _("Only a gift directed this way names it.")))
        if errors:
            raise ValidationError(errors)


def _stored(record, field: str):
    return getattr(record, record._meta.get_field(field).attname)


def _given(record, fields, message) -> dict:
    return {field: message for field in fields if _stored(record, field) in (None, "")}


def _left_out(record, fields, message) -> dict:
    return {field: message for field in fields if _stored(record, field) not in (None, "")}
