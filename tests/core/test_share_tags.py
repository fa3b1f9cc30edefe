"""A page shared into WeChat (or any app that reads Open Graph) shows a card: title, description, picture."""

import html
import io
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from redcross.models import BranchProfile
from tests.projects.factories import jpeg_bytes
from tests.publicity.factories import ArticleFactory
from tests.training.factories import SessionFactory, at

pytestmark = pytest.mark.django_db

DEFAULT_IMAGE = "http://testserver/static/img/share-logo.png"


@pytest.fixture(autouse=True)
def language_put_back():
    """A request to /en/ leaves English active in the thread, where reverse() would then give English addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def og(page: str, name: str) -> str:
    found = re.findall(rf'<meta property="og:{name}" content="([^"]*)">', page)
    assert len(found) == 1, f"og:{name} once: {found}"
    return html.unescape(found[0])


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (230, 0, 18)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def session():
    return SessionFactory(title="周末救护员培训班", base__name="人力资源产业园基地", starts_at=at("2099-12-20 09:00"),
                          ends_at=at("2099-12-21 17:00"))


@pytest.mark.parametrize("url", ["/", "/training/", "/training/sessions/", "/news/", "/projects/", "/en/training/"])
def test_every_public_page_carries_a_share_card_with_absolute_addresses(client, url):
    page = client.get(url).content.decode()
    assert og(page, "title") and og(page, "description")
    assert og(page, "type") == "website"
    assert og(page, "url") == f"http://testserver{url}"
    assert og(page, "image") == DEFAULT_IMAGE


def test_the_default_picture_is_a_square_png_among_the_static_files():
    with Image.open(finders.find("img/share-logo.png")) as image:
        assert image.format == "PNG" and image.size == (300, 300)


def test_a_session_is_shared_with_its_title_days_and_place(client, session):
    page = client.get(session.get_absolute_url()).content.decode()
    assert og(page, "title").startswith("周末救护员培训班")
    description = og(page, "description")
    assert "2099年12月20日 09:00" in description and "12月21日 17:00" in description
    assert "人力资源产业园基地" in description
    assert og(page, "url") == f"http://testserver{session.get_absolute_url()}"


def test_the_branch_logo_is_the_picture_once_the_branch_has_one(client, session):
    profile = BranchProfile.load()
    profile.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    for url in ("/", session.get_absolute_url()):
        image = og(client.get(url).content.decode(), "image")
        assert image.startswith("http://testserver/media/branch/") and image.endswith(".png")


def test_a_news_article_is_shared_with_its_first_image(client):
    article = ArticleFactory(title="“救”在身边", summary="市民学会心肺复苏")
    article.cover.save("cover.jpg", ContentFile(jpeg_bytes()), save=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert og(page, "type") == "article" and og(page, "title") == "“救”在身边"
    assert og(page, "description") == "市民学会心肺复苏"
    assert og(page, "image") == f"http://testserver{article.cover.url}"

    in_body = ArticleFactory(body='<p>演练</p><img src="/media/publicity/news/2099/drill.jpg" alt="">'
                                  '<img src="/media/publicity/news/2099/second.jpg" alt="">')
    page = client.get(in_body.get_absolute_url()).content.decode()
    assert og(page, "image") == "http://testserver/media/publicity/news/2099/drill.jpg"


def test_a_news_article_without_an_image_is_shared_with_the_logo(client):
    article = ArticleFactory(title="红十字会召开年度工作会议", body="<p>会议部署了全年工作。</p>")
    assert og(client.get(article.get_absolute_url()).content.decode(), "image") == DEFAULT_IMAGE


def test_a_title_is_escaped_in_the_share_card(client):
    article = ArticleFactory(title='关于"博爱"<b>周</b>的通知', summary="")
    page = client.get(article.get_absolute_url()).content.decode()
    assert og(page, "title") == '关于"博爱"<b>周</b>的通知'  # escaped in the page, read back whole
    assert "<b>周</b>" not in page.split("</head>")[0]


def test_a_page_from_the_cache_names_the_host_it_was_asked_for(client, settings, session):
    """The page cache shares pages between visitors: its key holds scheme and host, so the card's absolute
    addresses are those of the address each visitor used."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.ALLOWED_HOSTS = ["hongshizi.example.cn", "www.hongshizi.example.cn"]
    url = session.get_absolute_url()
    for host in ["hongshizi.example.cn", "www.hongshizi.example.cn"] * 2:
        page = client.get(url, HTTP_HOST=host).content.decode()
        assert og(page, "url") == f"http://{host}{url}"
        assert og(page, "image") == f"http://{host}/static/img/share-logo.png"
    with CaptureQueriesContext(connection) as queries:  # served from the cache by now, for either host
        for host in ["hongshizi.example.cn", "www.hongshizi.example.cn"]:
            page = client.get(url, HTTP_HOST=host).content.decode()
            assert og(page, "url") == f"http://{host}{url}"
    assert len(queries) == 0
    page = client.get(url, HTTP_HOST="hongshizi.example.cn", HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert og(page, "url") == f"https://hongshizi.example.cn{url}"
