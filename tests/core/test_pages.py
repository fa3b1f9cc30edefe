import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PUBLIC_PAGES = ["/", "/projects/", "/training/", "/news/"]


@pytest.mark.django_db
def test_home_page_is_in_chinese_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in page
    for label in ("首页", "红十字阵地", "两护培训", "新闻动态"):
        assert label in page


@pytest.mark.django_db
def test_english_pages_live_under_en(client):
    page = client.get("/en/").content.decode()
    assert '<html lang="en">' in page
    assert "Red Cross positions" in page
    assert "首页" not in page


@pytest.mark.django_db
def test_language_switch_goes_to_the_same_page_in_the_other_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/training/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/training/"
    response = client.post("/en/i18n/setlang/", {"language": "zh-hans", "next": "/en/training/"})
    assert response["Location"] == "/training/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_load_nothing_from_other_hosts_and_no_inline_or_blocking_script(client, url):
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert all('src="/' in attrs and "defer" in attrs and not body.strip() for attrs, body in scripts), scripts
    assets = re.findall(r'<(?:link|img|script)[^>]+(?:href|src)="([^"]+)"', page)
    assert assets
    assert all(asset.startswith("/") for asset in assets), assets


@pytest.mark.django_db
def test_the_shell_reads_the_profile_from_the_cache(client):
    client.get("/news/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/news/").status_code == 200
    assert not any("redcross_branchprofile" in query["sql"] for query in queries)


@pytest.mark.django_db
def test_an_unknown_page_is_a_404_in_the_shell(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
