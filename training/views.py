from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from redcross.admin_support import attachment
from redcross.masking import mask_name, mask_phone
from redcross.paging import page_of
from redcross.refusals import add_errors
from redcross.signed import SignedLink
from redcross.views import too_many as shared_too_many

from . import ical, selectors, services
from .forms import CertificateCheckForm, SessionFilterForm, SignUpForm
from .models import Base, Certificate, Registration, Session

BASES_PER_PAGE = 10
SESSIONS_PER_PAGE = 10
# A sign-up's page lives a year after the sign-up; its cancel link only until the session begins.
REGISTRATION_LINK = SignedLink("training.registration", max_age=timedelta(days=366))


def registration_token(registration: Registration) -> str:
    return REGISTRATION_LINK.token(registration.pk)


def registration_from_token(token: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related("session__course", "session__base", "trainee"),
                             pk=REGISTRATION_LINK.pk(token))


def too_many(request):
    return shared_too_many(request, back="training:index", back_label=_("Back to training"))


def limited(request, group: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key="redcross.http.ratelimit_key", rate=rate, increment=True)


@require_safe
def base_list(request):
    latitude = selectors.float_or_none(request.GET.get("lat"))
    longitude = selectors.float_or_none(request.GET.get("lng"))
    located = latitude is not None and longitude is not None and -90 <= latitude <= 90 and -180 <= longitude <= 180
    bases = selectors.bases_for_public(latitude=latitude if located else None, longitude=longitude if located else None)
    return render(request, "training/base_list.html", {
        "page": page_of(request, bases, BASES_PER_PAGE),
        "located": located,
        "bad_location": ("lat" in request.GET) and not located,
    })


@require_safe
def base_detail(request, pk: int):
    try:
        base = selectors.base_for_public(pk)
    except Base.DoesNotExist as error:
        raise Http404 from error
    return render(request, "training/base_detail.html", {
        "base": base,
        "sessions": base.upcoming[:selectors.SESSIONS_ON_BASE_PAGE],
        "more_sessions": len(base.upcoming) > selectors.SESSIONS_ON_BASE_PAGE,
    })


@require_safe
def session_list(request):
    form = SessionFilterForm(request.GET or None)
    sessions = selectors.upcoming_public_sessions()
    chosen_base = None
    if form.is_valid():
        if form.cleaned_data["course"]:
            sessions = sessions.filter(course=form.cleaned_data["course"])
        if form.cleaned_data["base"]:
            chosen_base = form.cleaned_data["base"]
            sessions = sessions.filter(base=chosen_base)
    return render(request, "training/session_list.html", {
        "page": page_of(request, sessions, SESSIONS_PER_PAGE),
        "form": form,
        "bases": selectors.bases_to_filter_sessions(),
        "chosen_base": chosen_base,
    })


def _session_or_404(pk: int, *, for_the_page: bool = True) -> Session:
    """The session a citizen may open; with the seats left for its page, or without them for a sign-up (the
    service counts the seats under its lock)."""
    selector = selectors.session_for_public if for_the_page else selectors.session_to_sign_up
    try:
        return selector(pk)
    except Session.DoesNotExist as error:
        raise Http404 from error


def _session_page(request, session: Session, form: SignUpForm | None, status: int = 200):
    return render(request, "training/session_detail.html", {
        "session": session, "form": form, "instructors": [person.name for person in session.instructors.all()],
    }, status=status)


@require_safe
def session_detail(request, pk: int):
    session = _session_or_404(pk)
    return _session_page(request, session, SignUpForm(session=session) if session.signup_open() else None)


@require_safe
def session_calendar(request, pk: int):
    session = _session_or_404(pk)
    content = ical.session_calendar(session, page_url=request.build_absolute_uri(session.get_absolute_url()))
    return attachment(content, "text/calendar; charset=utf-8", f"{session.display_title}.ics")


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request, pk: int):
    session = _session_or_404(pk, for_the_page=False)
    if request.method in ("GET", "HEAD"):
        return redirect(session)
    if limited(request, "training.sign_up", settings.RATELIMIT_SIGN_UP):
        return too_many(request)
    form = SignUpForm(request.POST, session=session)
    if form.is_valid():
        data = form.cleaned_data
        person = services.SignUp(name=data["name"], mobile=data["mobile"], resident_id=data.get("resident_id", ""),
                                 organisation=data["organisation"])
        try:
            registration = services.registration_create(session=session, person=person, consent=data["consent"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("training:registration_detail", token=registration_token(registration))
    return _session_page(request, _session_or_404(pk), form, status=400)


@never_cache
@require_safe
def registration_detail(request, token: str):
    registration = registration_from_token(token)
    session_public = selectors.session_is_public(registration.session)
    return render(request, "training/registration_detail.html", {
        "registration": registration,
        "token": token,
        "position": services.waiting_position(registration)
        if registration.status == Registration.Status.WAITING else None,
        "masked_name": mask_name(registration.trainee.name),
        "masked_mobile": mask_phone(registration.trainee.mobile),
        "can_cancel": selectors.cancellable(registration),
        "session_public": session_public,
        "calendar": session_public and registration.status != Registration.Status.CANCELLED,
    })


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token: str):
    registration = registration_from_token(token)
    cancelled = registration.status == Registration.Status.CANCELLED
    can_cancel = selectors.cancellable(registration)
    if request.method == "POST" and cancelled:
        return redirect("training:registration_detail", token=token)
    if request.method == "POST" and can_cancel:
        try:
            services.registration_cancel(registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your sign-up is cancelled. Thank you for letting us know."))
        return redirect("training:registration_detail", token=token)
    # Once the session has begun the link no longer cancels anything: it says so, to a GET and a POST alike.
    return render(request, "training/registration_cancel.html", {
        "registration": registration, "token": token, "can_cancel": can_cancel,
    }, status=200 if cancelled or can_cancel else 410)


@require_http_methods(["GET", "HEAD", "POST"])
def certificate_check(request):
    if request.method in ("GET", "HEAD"):  # the empty form: the same for everyone, served from the page cache
        return render(request, "training/certificate_check.html", {"form": CertificateCheckForm()})
    if limited(request, "training.certificate_check", settings.RATELIMIT_CERTIFICATE_CHECK):
        return too_many(request)
    form = CertificateCheckForm(request.POST)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        certificate = services.certificate_lookup(number=data["number"], name=data["name"])
        result = {"found": certificate is not None, "certificate": certificate}
    response = render(request, "training/certificate_check.html", {"form": form, "result": result})
    add_never_cache_headers(response)  # a certificate's holder, for this visitor only
    return response


@never_cache
@require_safe
def certificate_verify(request, token: str):
    certificate = get_object_or_404(Certificate.objects.select_related("trainee", "course"), token=token)
    return render(request, "training/certificate_verify.html", {"certificate": certificate})


@require_safe
def privacy(request):
    return render(request, "training/privacy.html")

