"""The WeChat backend's spreadsheets imported in the admin: previewed, all or nothing, never twice."""

import datetime as dt
import io
from csv import writer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from publicity.models import WeChatMonth, WeChatPost
from publicity.resources import WeChatMonthResource, WeChatPostResource
from tests.publicity.factories import WeChatAccountFactory, WeChatPostFactory
from tests.spreadsheets import xlsx

pytestmark = pytest.mark.django_db
POSTS = "/admin/publicity/wechatpost/"
MONTHS = "/admin/publicity/wechatmonth/"
ACCOUNT = "示例市红十字救援队"
POST_HEADERS = ["公众号", "发布日期", "标题", "类型", "话题", "阅读数", "省红会转发", "总会转发", "链接"]
POST_ROWS = [
    [ACCOUNT, "2025-07-01", "我市红十字救援队参与防汛抢险", "图文", "救护救援", 1234, "是", "否",
     "https://mp.weixin.qq.com/s/abc"],
    [ACCOUNT, "2025/7/8", "招募应急救护志愿者", "视频", "志愿者招募", "2,046", "否", "是", ""],
    [ACCOUNT, "2025-07-15", "七月募捐信息公示", "图文", "募捐筹资信息公示", "", "", "", ""],
]
MONTH_HEADERS = ["公众号", "月份", "月末关注人数", "新增关注", "取消关注", "阅读数"]


@pytest.fixture(autouse=True)
def account():
    return WeChatAccountFactory(name=ACCOUNT)



def csv(rows: list[list], name: str = "推文.csv", bom: bool = True) -> SimpleUploadedFile:
    text = io.StringIO()
    writer(text).writerows(rows)
    return SimpleUploadedFile(name, ("\ufeff" if bom else "").encode() + text.getvalue().encode("utf-8"))


def preview(client, changelist: str, upload, file_format: str = ""):
    """The first step: the file is read and checked, and nothing is stored yet."""
    return client.post(f"{changelist}import/", {"resource": "0", "format": file_format, "import_file": upload})


def confirm(client, changelist: str, response):
    assert response.context.get("confirm_form") is not None, invalid_rows(response) or response.content.decode()
    return client.post(f"{changelist}process_import/", response.context["confirm_form"].initial)


def invalid_rows(response) -> dict[int, set[str]]:
    """Row number, as Excel shows it → the columns the row's errors are about."""
    result = response.context.get("result")
    return {row.number: set(row.error_dict) for row in result.invalid_rows} if result else {}


def stored_posts():
    return list(WeChatPost.objects.order_by("published_on").values_list(
        "published_on", "title", "kind", "topic", "reads", "reposted_by_provincial", "reposted_by_headquarters",
        "link",
    ))


EXPECTED_POSTS = [
    (dt.date(2025, 7, 1), "我市红十字救援队参与防汛抢险", "article", "rescue", 1234, True, False,
     "https://mp.weixin.qq.com/s/abc"),
    (dt.date(2025, 7, 8), "招募应急救护志愿者", "video", "recruitment", 2046, False, True, ""),
    (dt.date(2025, 7, 15), "七月募捐信息公示", "article", "fundraising", 0, False, False, ""),
]


def test_posts_are_previewed_then_imported_from_an_xlsx_file(client, publicity_officer):
    client.force_login(publicity_officer)
    response = preview(client, POSTS, xlsx([POST_HEADERS, *POST_ROWS]), file_format="0")
    assert response.status_code == 200
    assert not WeChatPost.objects.exists()
    assert [row.import_type for row in response.context["result"].rows] == ["new", "new", "new"]

    assert confirm(client, POSTS, response).status_code == 302
    assert stored_posts() == EXPECTED_POSTS


def test_posts_are_imported_from_a_utf8_csv_with_bom_and_its_format_is_taken_from_the_name(client,
                                                                                          publicity_officer):
    client.force_login(publicity_officer)
    response = preview(client, POSTS, csv([POST_HEADERS, *POST_ROWS]))
    assert confirm(client, POSTS, response).status_code == 302
    assert stored_posts() == EXPECTED_POSTS


def test_a_csv_without_bom_is_read_too(client, publicity_officer):
    client.force_login(publicity_officer)
    response = preview(client, POSTS, csv([POST_HEADERS, *POST_ROWS], bom=False), file_format="1")
    assert confirm(client, POSTS, response).status_code == 302
    assert WeChatPost.objects.count() == 3


def test_importing_the_same_file_again_adds_nothing(client, publicity_officer):
    client.force_login(publicity_officer)
    rows = [POST_HEADERS, *POST_ROWS]
    confirm(client, POSTS, preview(client, POSTS, xlsx(rows)))
    assert WeChatPost.objects.count() == 3

    response = preview(client, POSTS, xlsx(rows))
    assert [row.import_type for row in response.context["result"].rows] == ["skip", "skip", "skip"]
    confirm(client, POSTS, response)
    assert stored_posts() == EXPECTED_POSTS

    # The same posts a week later: more reads, still three posts.
    later = [POST_HEADERS, [*POST_ROWS[0][:5], 1800, *POST_ROWS[0][6:]], *POST_ROWS[1:]]
    confirm(client, POSTS, preview(client, POSTS, csv(later)))
    assert WeChatPost.objects.count() == 3
    assert WeChatPost.objects.get(title="我市红十字救援队参与防汛抢险").reads == 1800


def test_a_file_with_bad_rows_shows_each_rows_error_and_imports_nothing(client, publicity_officer):
    client.force_login(publicity_officer)
    response = preview(client, POSTS, xlsx([
        POST_HEADERS,
        POST_ROWS[0],
        [ACCOUNT, "2025-07-08", "招募应急救护志愿者", "视频", "志愿者招募", "abc", "否", "是", ""],
        [ACCOUNT, "2025-07-15", "七月募捐信息公示", "图文", "捐款", 10, "否", "否", ""],
        [ACCOUNT, "2025-07-16", "转发与否", "图文", "其他", 10, "也许", "否", ""],
        ["另一个公众号", "2025-07-20", "账号不存在", "图文", "其他", 10, "否", "否", ""],
        [ACCOUNT, "七月某日", "日期不对", "图文", "其他", 10, "否", "否", ""],
    ]))
    assert response.status_code == 200
    assert response.context.get("confirm_form") is None
    assert invalid_rows(response) == {3: {"阅读数"}, 4: {"话题"}, 5: {"省红会转发"}, 6: {"公众号"}, 7: {"发布日期"}}
    page = response.content.decode()
    assert "abc" in page and "捐款" in page
    assert not WeChatPost.objects.exists()


def test_a_file_with_wrong_columns_is_refused(client, publicity_officer):
    client.force_login(publicity_officer)
    response = preview(client, POSTS, xlsx([["日期", "标题", "阅读"], ["2025-07-01", "推文", 10]]))
    assert response.context.get("confirm_form") is None
    assert "文件的列与要求不符" in response.content.decode()
    assert not WeChatPost.objects.exists()


def test_blank_rows_and_spaces_around_headers_do_not_matter(client, publicity_officer):
    client.force_login(publicity_officer)
    headers = [f" {header} " for header in POST_HEADERS]
    response = preview(client, POSTS, xlsx([headers, POST_ROWS[0], [None] * 9, POST_ROWS[1]]))
    confirm(client, POSTS, response)
    assert WeChatPost.objects.count() == 2


def test_monthly_statistics_are_imported_once_with_months_written_either_way(client, publicity_officer):
    client.force_login(publicity_officer)
    rows = [MONTH_HEADERS, [ACCOUNT, "2025-07", 2104, 61, 12, 15800],
            [ACCOUNT, "2025-08-01", 2150, 58, 12, ""]]
    confirm(client, MONTHS, preview(client, MONTHS, csv(rows, name="月度统计.csv")))
    confirm(client, MONTHS, preview(client, MONTHS, xlsx(rows, name="月度统计.xlsx")))
    assert list(WeChatMonth.objects.order_by("month").values_list("month", "followers", "new_followers",
                                                                  "lost_followers", "reads")) == [
        (dt.date(2025, 7, 1), 2104, 61, 12, 15800),
        (dt.date(2025, 8, 1), 2150, 58, 12, 0),
    ]


def test_a_month_that_is_not_a_month_or_lacks_followers_is_refused(client, publicity_officer):
    client.force_login(publicity_officer)
    response = preview(client, MONTHS, xlsx([MONTH_HEADERS, [ACCOUNT, "2025-07-15", 2104, 61, 12, 15800],
                                             [ACCOUNT, "2025-13", 2104, 61, 12, 15800],
                                             [ACCOUNT, "2025-09", "", 61, 12, 15800]]))
    assert invalid_rows(response) == {2: {"月份"}, 3: {"月份"}, 4: {"月末关注人数"}}
    assert not WeChatMonth.objects.exists()


def test_exported_posts_import_back_unchanged(client, publicity_officer):
    WeChatPostFactory(title="往期推文", topic=WeChatPost.Topic.PROFILES, kind=WeChatPost.Kind.VIDEO,
                      reposted_by_provincial=True)
    client.force_login(publicity_officer)
    response = client.post(f"{POSTS}export/", {"format": "0", "resource": "0", **{
        f"wechatpostresource_{name}": "on" for name in WeChatPostResource.Meta.fields
    }})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert list(rows[0]) == POST_HEADERS
    assert rows[1][3:7] == ("视频", "志愿者/队员风采", 500, "是")

    response = preview(client, POSTS, xlsx([list(row) for row in rows]))
    assert [row.import_type for row in response.context["result"].rows] == ["skip"]


def test_the_column_mapping_is_explained_on_the_import_page(client, publicity_officer):
    client.force_login(publicity_officer)
    page = client.get(f"{MONTHS}import/").content.decode()
    for column, _help in WeChatMonthResource.column_help:
        assert f"<code>{column}</code>" in page


def test_leadership_and_other_departments_cannot_import(client, leader, training_officer):
    for user in (leader, training_officer):
        client.force_login(user)
        assert client.get(f"{POSTS}import/").status_code == 403
        assert preview(client, POSTS, xlsx([POST_HEADERS, *POST_ROWS])).status_code == 403
    assert not WeChatPost.objects.exists()
