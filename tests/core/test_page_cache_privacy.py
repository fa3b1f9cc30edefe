"""Nothing of one visitor's is served to another from the page cache: no staff page, no session, message or
cookie, no token; each visitor gets their own CSRF token on a cached page, and it works."""

import pytest
from django import urls
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.test import Client

from redcross import pagecache
from tests.core.cached_pages import from_cache, rendered, token_of, turn_on
from tests.training.factories import SessionFactory
from training.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    turn_on(settings)


def test_a_logged_in_staff_member_neither_gets_nor_stores_a_cached_page(client, leader):
    staff = Client()
    staff.force_login(leader)
    client.get("/")
    assert "/admin/" in rendered("/", staff).content.decode()
    assert "/admin/" not in from_cache("/").content.decode()

    cache.clear()
    pagecache.forget_local()
    staff.get("/")
    assert "/admin/" not in rendered("/").content.decode()


def test_a_visitor_with_session_data_gets_a_fresh_page(client):
    client.get("/")
    visitor = Client()
    session = visitor.session
    session["seen"] = True
    session.save()
    rendered("/", visitor)


def test_the_sign_up_page_comes_from_the_cache_with_each_visitors_own_token_that_works():
    session = SessionFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(session.get_absolute_url())
    page = from_cache(session.get_absolute_url(), visitor=second)
    assert token_of(page) != token_of(first.get(session.get_absolute_url()))
    assert page.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    response = second.post(f"/training/sessions/{session.pk}/sign-up/", {
        "name": "王芳", "mobile": "13800138000", "resident_id": "", "organisation": "", "consent": "on",
        "csrfmiddlewaretoken": token_of(page),
    })
    assert response.status_code == 302
    assert Registration.objects.filter(session=session).count() == 1
    # What the sign-up answers (the registration's page) is the visitor's own and never stored.
    second.get(response["Location"])
    rendered(response["Location"], second)


def test_a_cached_page_gives_each_visitor_their_own_token_and_cookie_and_its_form_works():
    first = Client(enforce_csrf_checks=True)
    first_page = first.get("/training/")
    visitor = Client(enforce_csrf_checks=True)
    page = from_cache("/training/", visitor=visitor)

    assert token_of(page) != token_of(first_page)
    assert page.cookies["csrftoken"].value != first_page.cookies["csrftoken"].value
    assert pagecache.TOKEN_PLACEHOLDER.decode() not in page.content.decode()
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/training/",
                                               "csrfmiddlewaretoken": token_of(page)})
    assert (response.status_code, response["Location"]) == (302, "/en/training/")
    # A token from another visitor's page is refused, as without the cache.
    stolen = Client(enforce_csrf_checks=True)
    stolen.get("/training/")
    assert stolen.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token_of(page)},
                       ).status_code == 403


def test_the_certificate_check_form_is_cached_and_its_answer_never_is():
    from django.core.cache import cache

    from tests.training.factories import CertificateFactory, TraineeFactory

    def stored_pages() -> int:
        return len(cache._cache.get_client().keys("*pagecache:page:*"))

    certificate = CertificateFactory(trainee=TraineeFactory(name="周建华"))
    Client().get("/training/certificates/")
    assert stored_pages() == 1
    visitor = Client(enforce_csrf_checks=True)
    page = from_cache("/training/certificates/", visitor=visitor)
    answer = visitor.post("/training/certificates/", {"number": certificate.number, "name": "周建华",
                                                      "csrfmiddlewaretoken": token_of(page)})
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    assert certificate.number in answer.content.decode() and stored_pages() == 1
    assert certificate.number not in Client().get("/training/certificates/").content.decode()


# Pages of this module (below), for what the portal's pages never do on a cached address: a message, a cookie, a
# session write, a CSP nonce.
renders = []


def shell(request):
    renders.append(request.path)
    template = engines["django"].from_string(
        "{% for message in messages %}<p>{{ message }}</p>{% endfor %}<form method='post'>{% csrf_token %}</form>"
    )
    return HttpResponse(template.render(request=request))


def with_note(request):
    messages.success(request, "Only for you")
    return redirect("shell")


def with_cookie(request):
    response = shell(request)
    response.set_cookie("visitor", "one")
    return response


def with_session(request):
    request.session["seen"] = True
    return shell(request)


def with_nonce(request):
    renders.append(request.path)
    return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")


urlpatterns = [
    urls.path("", shell, name="shell"),
    urls.path("note/", with_note, name="note"),
    urls.path("cookie/", with_cookie, name="cookie"),
    urls.path("session/", with_session, name="session"),
    urls.path("nonce/", with_nonce, name="nonce"),
]


@pytest.fixture
def test_pages(monkeypatch):
    monkeypatch.setattr(pagecache, "CACHED_VIEWS", frozenset({"shell", "cookie", "session", "nonce"}))
    renders.clear()


@pytest.mark.urls(__name__)
def test_a_message_is_shown_only_to_its_visitor_and_never_stored(test_pages):
    Client().get("/")
    assert renders == ["/"]
    visitor = Client()
    response = visitor.get("/note/", follow=True)
    assert "Only for you" in response.content.decode()
    assert renders == ["/", "/"]  # the visitor with a message got a page of their own, not the stored one
    assert "Only for you" not in Client().get("/").content.decode()
    assert renders == ["/", "/"]  # and the page with the message was not stored


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("path", ["/cookie/", "/session/", "/nonce/"])
def test_a_response_with_a_cookie_a_session_write_or_a_nonce_is_never_stored(test_pages, path):
    first = Client().get(path)
    second = Client().get(path)
    assert renders == [path, path]
    if path == "/cookie/":
        assert first.cookies["visitor"].value == "one" and second.cookies["visitor"].value == "one"


@pytest.mark.urls(__name__)
def test_a_stored_page_replays_no_cookie(test_pages):
    first = Client().get("/")
    second = Client().get("/")
    assert renders == ["/"]
    assert set(second.cookies) == {"csrftoken"}
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
