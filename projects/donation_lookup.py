"""Donor lookup (捐赠查询, Red Cross Society Law article 21): a donor types the receipt number and their name and sees
the gift and every use of it; and the thank-you certificate (捐赠证书) the donor downloads from that answer.

A wrong name and an unknown number get the same answer, word for word, and both are counted against the visitor's
address and against the receipt number, so that neither names nor numbers can be guessed. An anonymous gift
recorded without a name cannot be looked up: no name would prove the visitor is its donor. The answer is a POST's
page, never stored by a cache or the browser, so that neither the number nor the name is ever in an address.

A certificate's QR code opens the donation at a signed address (no name needed, the published name shown); the
certificate itself, which carries the donor's full name, is offered only on the answer to the name, at a signed
address that expires after a day.
"""

import hmac
import unicodedata
from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from redcross.admin_support import PDF_TYPE, attachment
from redcross.formats import yuan
from redcross.signed import SignedLink
from redcross.validators import validate_one_line
from redcross.views import too_many

from .donation_certificates import certificate_eligible, certificates_pdf
from .donation_names import PUBLIC_FIELDS, published_name
from .donation_selectors import donation_page_projects
from .models import Allocation, Donation
from .selectors import public_sites
from .services.donations import quantity_text, receipt_number_normalized

# The QR code's page never expires (a printed certificate lasts); the certificate's own link lives a day.
LOOKUP_LINK = SignedLink("projects.donation_lookup")
CERTIFICATE_LINK = SignedLink("projects.donation_certificate", max_age=timedelta(days=1))


class LookupForm(forms.Form):
    receipt_number = forms.CharField(
        label=_("Receipt number"),
        max_length=40,
        validators=[validate_one_line],
        help_text=_("As printed on your donation receipt (捐赠票据)."),
    )
    name = forms.CharField(
        label=_("Donor's name"),
        max_length=100,
        validators=[validate_one_line],
        help_text=_("The person's or organisation's name given when donating."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("projects:donation_lookup")
        self.helper.add_input(Submit("submit", _("Look up"), css_class="btn-danger w-100"))

    def clean(self):
        """The number as donation_save stores it (full-width characters, spaces around it, letter case), by the
        service's own rule."""
        data = super().clean()
        if "receipt_number" in data:
            data["receipt_number"] = receipt_number_normalized(data["receipt_number"])
        return data


def _name_key(name: str) -> bytes:
    """A name as compared: full-width letters as ASCII, no spaces anywhere, any letter case."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold().encode()


def _public_donations():
    """Donations with their use, reading only the fields the public may see (never phone, address or note)."""
    return _with_project_page(
        Donation.objects.with_use()
        .select_related("project", "site")
        .only(*PUBLIC_FIELDS, "project__title", "project__published", "site__name")
    )


def donation_for_donor(*, receipt_number: str, name: str) -> Donation | None:
    """The donation of this receipt number when `name` is its donor's; None otherwise, whichever was wrong."""
    donation = _public_donations().filter(receipt_number=receipt_number).first()
    # An anonymous gift is never confirmed by a name: the answer would tell who gave it.
    stored = donation.donor_name if donation is not None and not donation.anonymous else ""
    if not stored.strip() or not hmac.compare_digest(_name_key(stored), _name_key(name)):
        return None
    return donation


def _site_link(sites) -> str | None:
    return sites[0].get_absolute_url() if sites else None


def _with_project_page(queryset):
    """Each row knowing whether its project may be named: the disclosure pages' own rule."""
    return queryset.annotate(project_page=Exists(donation_page_projects().filter(pk=OuterRef("project_id"))))


def _project_named(project, shown: bool) -> str:
    """A project's title where the disclosure pages name it; elsewhere only that it is a project."""
    return project.title if shown else _("a project not shown to the public")


def _use_row(use: Allocation, donation: Donation) -> dict:
    project = use.project
    return {
        "date": use.allocated_on,
        "target": use.get_target_display(),
        "project": _project_named(project, use.project_page) if project else "",
        "link": _site_link(project.public_sites) if project and use.project_page else None,
        "description": use.description,
        "people_helped": use.people_helped,
        "quantity": quantity_text(use.quantity, donation.unit) if use.quantity is not None else "",
        "value": yuan(use.value),
    }


def answer(donation: Donation) -> dict:
    """What the donor reads: the gift as published and each use, in two queries whatever their number."""
    uses = _with_project_page(
        Allocation.objects.filter(donation=donation)
        .select_related("project")
        .only(
            "donation",
            "allocated_on",
            "amount",
            "quantity",
            "value",
            "target",
            "project__title",
            "project__published",
            "description",
            "people_helped",
        )
        .prefetch_related(
            Prefetch("project__sites", queryset=public_sites().order_by("name", "pk"), to_attr="public_sites")
        )
    )
    goods = donation.kind == Donation.Kind.GOODS
    site_public = donation.site_id is not None and public_sites().filter(pk=donation.site_id).exists()
    return {
        "donation": donation,
        "donor": published_name(donation),
        "goods": goods,
        "quantity": quantity_text(donation.quantity, donation.unit) if goods else "",
        "value": yuan(donation.value),
        "directed_to": (
            _project_named(donation.project, donation.project_page) if donation.project_id
            else donation.site.name if site_public else donation.purpose
        ),
        "directed_link": reverse("projects:site_detail", args=[donation.site_id]) if site_public else None,
        "uses": [_use_row(use, donation) for use in uses],
        "allocated_value": yuan(donation.allocated_value),
        "remaining_quantity": quantity_text(donation.remaining, donation.unit) if goods else "",
        "remaining_value": yuan(donation.remaining_value),
    }


def lookup_token(donation: Donation) -> str:
    """The same for every certificate of the donation, and never expiring: a printed QR code lasts."""
    return LOOKUP_LINK.token(donation.pk)


def certificate_token(donation: Donation) -> str:
    return CERTIFICATE_LINK.token(donation.pk)


def lookup_url(donation: Donation) -> str:
    """The absolute address of the donation's signed page, in the portal's main language: a certificate's QR."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("projects:donation_lookup_signed", args=[lookup_token(donation)])
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _from_token(token: str, link: SignedLink) -> Donation:
    try:
        return _public_donations().get(pk=link.pk(token))
    except Donation.DoesNotExist as error:
        raise Http404 from error


def _limited(request, group: str, rate: str, key="redcross.http.ratelimit_key") -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


def _per_address() -> str:
    return settings.RATELIMIT_DONATION_LOOKUP


def _too_many(request):
    return too_many(request, back="projects:donation_lookup", back_label=_("Back to the donation lookup"))


def _form_page(request, form: LookupForm, *, not_found: bool = False, status: int = 200):
    return render(request, "projects/lookup_form.html", {"form": form, "not_found": not_found}, status=status)


def _answer_page(request, donation: Donation, *, certificate_url: str | None = None, from_qr: bool = False):
    return render(
        request,
        "projects/lookup_answer.html",
        {
            **answer(donation),
            "certificate_url": certificate_url,
            "from_qr": from_qr,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def donation_lookup(request):
    """GET: the empty form. POST: the donation and its uses, or one neutral answer (with an empty form, so that
    nothing in it depends on which of the two was wrong)."""
    if request.method in ("GET", "HEAD"):
        return _form_page(request, LookupForm())
    if _limited(request, "projects.donation_lookup", _per_address()):
        return _too_many(request)
    form = LookupForm(request.POST)
    if not form.is_valid():
        response = _form_page(request, form, status=400)
    else:
        number, name = form.cleaned_data["receipt_number"], form.cleaned_data["name"]
        per_receipt = settings.RATELIMIT_DONATION_LOOKUP_RECEIPT
        if _limited(request, "projects.donation_lookup_receipt", per_receipt, key=lambda _group, _request: number):
            return _too_many(request)
        donation = donation_for_donor(receipt_number=number, name=name)
        if donation is None:
            response = _form_page(request, LookupForm(), not_found=True)
        else:
            url = (
                reverse("projects:donation_certificate", args=[certificate_token(donation)])
                if certificate_eligible(donation)
                else None
            )
            response = _answer_page(request, donation, certificate_url=url)
    add_never_cache_headers(response)  # one donor's answer, or what they typed
    return response


@never_cache
@require_safe
def donation_lookup_signed(request, token: str):
    """The page of a certificate's QR code: the gift and its uses, the donor as published, no certificate."""
    return _answer_page(request, _from_token(token, LOOKUP_LINK), from_qr=True)


@never_cache
@require_safe
def donation_certificate(request, token: str):
    if _limited(request, "projects.donation_certificate", _per_address()):
        return _too_many(request)
    donation = _from_token(token, CERTIFICATE_LINK)
    if not certificate_eligible(donation):
        raise Http404
    return attachment(
        certificates_pdf([donation], lookup_url), PDF_TYPE, f"donation-certificate-{donation.receipt_number}.pdf"
    )
