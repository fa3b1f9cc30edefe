"""Public pages served from the cache: the same page for every anonymous visitor, nothing of one visitor's for
another, and every staff change on the next visit."""

import re

import pytest
from django import urls
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext

from projects.services import site_save
from publicity.services import article_save
from redcross import pagecache
from redcross.models import BranchProfile
from tests.core.test_branch_profile import CHANGE_URL, profile_form
from tests.projects.factories import ActivityFactory, ProjectFactory, SiteFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import BaseFactory, SessionFactory
from training.models import Registration

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/en/", "/projects/", "/projects/activities/", "/training/", "/training/sessions/",
                "/training/privacy/", "/news/", "/en/news/", "/news/?page=1"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
# Headers every response carries, set per response by the middleware around the cache.
SECURITY_HEADERS = ["Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Resource-Policy",
                    "Cross-Origin-Opener-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options",
                    "Content-Language"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    # Made on the first page otherwise, which (as any change) leaves that page unstored.
    BranchProfile.load()


def without_tokens(content: bytes) -> str:
    return TOKEN.sub("", content.decode())


def token_of(response) -> str:
    return TOKEN.search(response.content.decode())[1]


def visit(path: str, visitor=None):
    """The page a visitor (by default a new one) gets, and the database queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = (visitor or Client()).get(path)
    assert response.status_code == 200, path
    return response, len(queries)


def from_cache(path: str, visitor=None):
    response, queries = visit(path, visitor)
    assert queries == 0, f"{path} was rendered"
    return response


def rendered(path: str, visitor=None):
    response, queries = visit(path, visitor)
    assert queries > 0, f"{path} came from the cache"
    return response


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_second_anonymous_visitor_gets_the_same_page_without_a_query(client, path):
    first = client.get(path)
    assert first.status_code == 200
    second = from_cache(path)
    assert without_tokens(second.content) == without_tokens(first.content)
    again = from_cache(path, visitor=client)
    assert without_tokens(again.content) == without_tokens(first.content)


def test_record_pages_are_cached_too(client):
    site = SiteFactory()
    paths = [site.get_absolute_url(), ActivityFactory(site=site).get_absolute_url(),
             BaseFactory().get_absolute_url(), ArticleFactory().get_absolute_url()]
    for path in paths:
        assert client.get(path).status_code == 200, path
        from_cache(path)


def test_a_head_request_is_answered_from_the_cache(client):
    client.get("/news/")
    with CaptureQueriesContext(connection) as queries:
        head = Client().head("/news/")
    assert (head.status_code, head.content, len(queries)) == (200, b"", 0)


def test_each_query_string_is_its_own_page(client):
    first = without_tokens(client.get("/news/").content)
    second = without_tokens(client.get("/news/?page=2").content)
    assert first != second  # the language switch's `next` names the address
    assert without_tokens(Client().get("/news/?page=2").content) == second
    assert without_tokens(Client().get("/news/").content) == first


def test_english_and_chinese_are_cached_apart(client):
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    client.get("/en/")
    chinese = from_cache("/").content.decode()
    english = from_cache("/en/").content.decode()
    assert '<html lang="zh-Hans">' in chinese and "首页" in chinese
    assert '<html lang="en">' in english and "首页" not in english
    # The language is the address's, never the browser's: an English browser at / still gets the Chinese page.
    assert '<html lang="zh-Hans">' in Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_renamed_site_shows_on_the_next_visit(client):
    site = SiteFactory(name="旧名站点", community="和平社区")
    client.get("/projects/")
    client.get(site.get_absolute_url())
    from_cache("/projects/")

    site.name = "新名站点"
    site_save(site=site)

    for path in ("/projects/", site.get_absolute_url()):
        page = Client().get(path).content.decode()
        assert "新名站点" in page and "旧名站点" not in page, path


def test_a_published_article_shows_on_the_next_visit(client):
    article = ArticleFactory(title="待发布的新闻", published=False)
    assert "待发布的新闻" not in client.get("/news/").content.decode()
    assert "待发布的新闻" not in client.get("/").content.decode()

    article.published = True
    article_save(article=article)

    assert "待发布的新闻" in Client().get("/news/").content.decode()
    assert "待发布的新闻" in Client().get("/").content.decode()


def test_a_profile_changed_in_the_admin_shows_in_every_cached_page(client, publicity_officer):
    for path in ("/", "/en/", "/news/"):
        client.get(path)
    staff = Client()
    staff.force_login(publicity_officer)
    assert staff.post(CHANGE_URL, profile_form(name="海安市红十字会", name_en="Hai'an Red Cross")).status_code == 302

    assert "海安市红十字会" in Client().get("/").content.decode()
    assert "海安市红十字会" in Client().get("/news/").content.decode()
    assert "Hai&#x27;an Red Cross" in Client().get("/en/").content.decode()


def test_a_sign_up_empties_the_cached_session_list(client):
    session = SessionFactory(seats=2)
    client.get("/training/sessions/")
    from_cache("/training/sessions/")
    page = client.get(session.get_absolute_url())
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", {
        "name": "王芳", "mobile": "13800138000", "resident_id": "", "organisation": "", "consent": "on",
        "csrfmiddlewaretoken": token_of(page),
    })
    assert response.status_code == 302
    rendered("/training/sessions/")


def test_every_change_to_a_public_record_starts_a_new_version_and_history_rows_do_not():
    site = SiteFactory()
    project = ProjectFactory()
    version = pagecache.content_version()
    project.sites.add(site)
    assert pagecache.content_version() == version + 1
    site.save()  # and its history row, which starts none of its own
    assert pagecache.content_version() == version + 2
    site.delete()
    assert pagecache.content_version() == version + 3


def test_a_change_starts_a_new_version_again_once_committed(django_capture_on_commit_callbacks):
    version = pagecache.content_version()
    with django_capture_on_commit_callbacks(execute=True):
        SiteFactory()
        assert pagecache.content_version() == version + 1
    assert pagecache.content_version() == version + 2


def test_a_lost_version_is_replaced_by_a_new_one():
    version = pagecache.content_version()
    cache.delete(pagecache.VERSION_KEY)
    pagecache.bump_content_version()
    assert pagecache.content_version() != version
    cache.delete(pagecache.VERSION_KEY)
    assert pagecache.content_version() != version


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


def test_a_cached_page_carries_the_same_security_headers(client):
    fresh = client.get("/news/")
    cached = from_cache("/news/")
    for header in SECURITY_HEADERS:
        assert cached.headers[header] == fresh.headers[header], header
    assert "Cookie" in cached.headers["Vary"]


def test_nothing_is_cached_when_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/news/")
    rendered("/news/")


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


def test_the_cache_keeps_one_redis_client_per_pool():
    from django.core.cache import cache

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
