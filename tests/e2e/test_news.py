import datetime as dt
import re

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from tests.pages import images_arrive, no_horizontal_scroll
from tests.projects.factories import jpeg_bytes
from tests.publicity.factories import ArticleFactory


def test_a_citizen_reads_the_news_from_the_home_page_on_a_phone(live_server, page, transactional_db,
                                                                csp_violations):
    now = timezone.now()
    ArticleFactory(title="较早的一条新闻", published_at=now - dt.timedelta(days=5))
    article = ArticleFactory(
        title="市红十字救援队参加防汛应急演练", category="news", published_at=now - dt.timedelta(days=1),
        body="<p>救援队员展示水上救援技能。</p><table><tr><td>" + "很长的表格内容" * 30 + "</td></tr></table>",
    )
    article.cover.save("cover.jpg", ContentFile(jpeg_bytes((1600, 900))), save=True)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name=re.compile("市红十字救援队参加防汛应急演练")).click()
    expect(page.get_by_role("heading", name="市红十字救援队参加防汛应急演练")).to_be_visible()
    expect(page.get_by_text("救援队员展示水上救援技能。")).to_be_visible()
    assert no_horizontal_scroll(page)
    images_arrive(page)

    page.get_by_role("link", name=re.compile("较早的一条新闻")).click()
    expect(page.get_by_role("heading", name="较早的一条新闻")).to_be_visible()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="新闻动态").click()
    expect(page.locator(".news-item")).to_have_count(2)
    assert no_horizontal_scroll(page)
    assert csp_violations == []
