import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from publicity.models import Article
from tests.pages import queries_for
from tests.projects.factories import ActivityFactory, jpeg_bytes
from tests.publicity.factories import ArticleFactory

pytestmark = pytest.mark.django_db



def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_the_news_list_shows_published_articles_newest_first_by_category(client):
    ArticleFactory(title="救援队参加防汛演练", published_at=days_ago(2))
    ArticleFactory(title="博爱家园新书屋开放", category=Article.Category.FRATERNITY, published_at=days_ago(1))
    ArticleFactory(title="草稿", published=False)
    ArticleFactory(title="明天发布", published_at=timezone.now() + dt.timedelta(days=1))
    page = client.get("/news/").content.decode()
    assert page.index("博爱家园新书屋开放") < page.index("救援队参加防汛演练")
    assert "草稿" not in page and "明天发布" not in page
    page = client.get("/news/?category=fraternity").content.decode()
    assert "博爱家园新书屋开放" in page and "救援队参加防汛演练" not in page
    assert client.get("/news/?category=nonsense&page=x").status_code == 200


def test_an_article_page_is_ready_to_share_in_wechat(client):
    article = ArticleFactory(title="“救”在身边", summary="市民学会心肺复苏", published_at=days_ago(3))
    article.cover.save("cover.jpg", ContentFile(jpeg_bytes()), save=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<title>“救”在身边 · " in page
    assert '<meta name="description" content="市民学会心肺复苏">' in page
    assert '<meta property="og:title" content="“救”在身边">' in page
    assert 'property="og:image" content="http://testserver/media/publicity/news/' in page


def test_no_script_can_be_stored_in_an_article(client):
    article = ArticleFactory(body='<p onclick="steal()">好<script>alert(1)</script></p><img src="javascript:x()">'
                                  '<a href="https://example.cn">链接</a>')
    article.refresh_from_db()
    assert "script" not in article.body and "onclick" not in article.body and "javascript" not in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="https://example.cn" rel="noopener noreferrer">链接</a>' in page


def test_previous_and_next_articles(client):
    older = ArticleFactory(title="较早的新闻", published_at=days_ago(3))
    middle = ArticleFactory(title="中间的新闻", published_at=days_ago(2))
    newer = ArticleFactory(title="最新的新闻", published_at=days_ago(1))
    page = client.get(middle.get_absolute_url()).content.decode()
    assert older.get_absolute_url() in page and newer.get_absolute_url() in page
    assert client.get(ArticleFactory(published=False).get_absolute_url()).status_code == 404


def test_an_article_links_to_its_published_activity(client):
    activity = ActivityFactory(title="慰问老兵活动")
    article = ArticleFactory(activity=activity)
    assert activity.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()


def test_the_home_page_shows_the_latest_news(client):
    for n in range(4):
        ArticleFactory(title=f"第{n}条新闻", published_at=days_ago(10 - n))
    page = client.get("/").content.decode()
    assert "第3条新闻" in page and "第1条新闻" in page and "第0条新闻" not in page


def test_news_pages_cost_the_same_queries_for_1_and_30_articles(client):
    first = ArticleFactory(published_at=days_ago(40))
    counts = (queries_for(client, "/news/"), queries_for(client, first.get_absolute_url()), queries_for(client, "/"))
    for n in range(29):
        ArticleFactory(published_at=days_ago(n + 1))
    assert (queries_for(client, "/news/"), queries_for(client, first.get_absolute_url()),
            queries_for(client, "/")) == counts


def test_staff_are_told_when_a_body_holds_a_script_and_nothing_is_saved(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post("/admin/publicity/article/add/", {
        "title": "带脚本的新闻", "category": "news", "summary": "",
        "body": '<p onclick="x()">好</p><script>alert(1)</script>',
        "author": "", "published_at_0": "2025-05-01", "published_at_1": "10:00:00", "published": "on",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "正文中含有可能在读者浏览器中运行的代码" in page and "&lt;script" in page
    assert not Article.objects.filter(title="带脚本的新闻").exists()
