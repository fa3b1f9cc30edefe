"""Every change to what a public page shows is on the next visit: each save or delete of a record starts a new
content version of the cached pages."""

import pytest
from django.core.cache import cache
from django.test import Client

from projects.services import site_save
from publicity.services import article_save
from redcross import pagecache
from tests.core.cached_pages import from_cache, rendered, token_of, turn_on
from tests.core.test_branch_profile import CHANGE_URL, profile_form
from tests.projects.factories import ProjectFactory, SiteFactory
from tests.publicity.factories import ArticleFactory
from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    turn_on(settings)


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
