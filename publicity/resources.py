"""The WeChat backend's spreadsheets imported, and the year's placements exported to Excel.

The import columns are the ones the WeChat backend exports (plus the account and the topic, which staff add), so
they are fixed Chinese names rather than translations of the model's labels.
"""

import re
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override, pgettext
from import_export import widgets
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from redcross.cells import CellError, CountWidget, DayWidget, TextWidget, YesNoWidget, column
from redcross.importing import StrictResource
from redcross.spreadsheets import printable, xlsx_bytes

from . import services
from .models import Correspondent, OutletLevel, Placement, StoryKind, WeChatAccount, WeChatMonth, WeChatPost
from .scoring import leaderboard

MONTH_PATTERN = re.compile(r"^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?$")

POST_KINDS = {"图文": WeChatPost.Kind.ARTICLE, "图文消息": WeChatPost.Kind.ARTICLE, "视频": WeChatPost.Kind.VIDEO}
POST_TOPICS = {
    "重要活动": WeChatPost.Topic.EVENTS,
    "救护救援": WeChatPost.Topic.RESCUE,
    "志愿者招募": WeChatPost.Topic.RECRUITMENT,
    "志愿者/队员风采": WeChatPost.Topic.PROFILES,
    "募捐筹资信息公示": WeChatPost.Topic.FUNDRAISING,
    "其他": WeChatPost.Topic.OTHER,
}


class MonthWidget(widgets.Widget):
    """A month written as 2025-07 or 2025年7月, or as its first day; stored as its first day."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            text = str(value or "").strip()
            match = MONTH_PATTERN.match(text)
            if match and 1 <= int(match[2]) <= 12:
                return date(int(match[1]), int(match[2]), 1)
            try:
                value = DayWidget(required=True).clean(text)
            except CellError:
                raise CellError(
                    _("“%(value)s” is not a month; write it as 2025-07 or 2025-07-01.") % {"value": text}
                ) from None
        if value is None or value.day != 1:
            raise CellError(_("Write the month as 2025-07 or as its first day, 2025-07-01."))
        return value

    def render(self, value, obj=None, **kwargs):
        return f"{value:%Y-%m}" if value else ""


class NamedChoiceWidget(widgets.Widget):
    """A choice written with the WeChat spreadsheet's own Chinese word, or with the stored value or its label."""

    def __init__(self, names: dict[str, str], choices, empty: str, **kwargs):
        self.names = names
        self.choices = choices
        self.empty = empty
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return self.empty
        if text in self.names:
            return self.names[text]
        for choice_value, label in self.choices.choices:
            if text in (choice_value, str(label)):
                return choice_value
        options = "、".join(self.names)
        raise CellError(_("“%(value)s” is not one of: %(options)s.") % {"value": text, "options": options})

    def render(self, value, obj=None, **kwargs):
        return next((name for name, choice in self.names.items() if choice == value), value or "")


class AccountWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(WeChatAccount, "name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            raise CellError(_("The account is required."))
        try:
            return super().clean(name, row, **kwargs)
        except WeChatAccount.DoesNotExist:
            raise CellError(
                _("No WeChat account is named “%(name)s”; add it under WeChat official accounts first.")
                % {"name": name}
            ) from None


class WeChatResource(StrictResource):
    """Common ground of the WeChat imports: tidy headers, blank rows ignored, every problem reported by its Excel row
    and column (all by StrictResource)."""

    column_help: tuple[tuple[str, str], ...] = ()

    class Meta:
        clean_model_instances = True
        skip_unchanged = True


class WeChatPostResource(WeChatResource):
    """WeChat posts from the backend's export (.xlsx, or .csv in UTF-8 with or without BOM).

    Column mapping (header → field):
        公众号        account      the account's name as entered in the admin; required
        发布日期      published_on  2025-07-01, 2025/7/1, 2025年7月1日 or a date cell; required
        标题          title        required; account + date + title name a post, so importing the same file
                                   again adds nothing, and changed reads update the post
        类型          kind         图文 or 视频; empty: 图文
        话题          topic        重要活动, 救护救援, 志愿者招募, 志愿者/队员风采, 募捐筹资信息公示 or 其他;
                                   empty: 其他
        阅读数        reads        a whole number (1,234 allowed); empty: 0
        省红会转发    reposted_by_provincial    是 or 否; empty: 否
        总会转发      reposted_by_headquarters  是 or 否; empty: 否
        链接          link         the post's address, may be empty
    """

    account = column("account", "公众号", AccountWidget())
    published_on = column("published_on", "发布日期", DayWidget(required=True))
    title = column("title", "标题", TextWidget())
    kind = column("kind", "类型", NamedChoiceWidget(POST_KINDS, WeChatPost.Kind, WeChatPost.Kind.ARTICLE))
    topic = column("topic", "话题", NamedChoiceWidget(POST_TOPICS, WeChatPost.Topic, WeChatPost.Topic.OTHER))
    reads = column("reads", "阅读数", CountWidget(empty=0))
    reposted_by_provincial = column("reposted_by_provincial", "省红会转发", YesNoWidget())
    reposted_by_headquarters = column("reposted_by_headquarters", "总会转发", YesNoWidget())
    link = column("link", "链接", TextWidget())

    column_help = (
        ("公众号", gettext_lazy("The account's name as entered under WeChat official accounts. Required.")),
        ("发布日期", gettext_lazy("2025-07-01, 2025/7/1, 2025年7月1日 or a date cell. Required.")),
        ("标题", gettext_lazy("Required. Account, date and title name a post: importing the same file again adds "
                            "nothing, and changed reads update the post.")),
        ("类型", gettext_lazy("图文 or 视频; empty means 图文.")),
        ("话题", gettext_lazy("重要活动, 救护救援, 志愿者招募, 志愿者/队员风采, 募捐筹资信息公示 or 其他; "
                            "empty means 其他.")),
        ("阅读数", gettext_lazy("A whole number; empty means 0.")),
        ("省红会转发", gettext_lazy("是 or 否; empty means 否.")),
        ("总会转发", gettext_lazy("是 or 否; empty means 否.")),
        ("链接", gettext_lazy("The post's address; may be empty.")),
    )

    class Meta(WeChatResource.Meta):
        model = WeChatPost
        import_id_fields = ("account", "published_on", "title")
        fields = ("account", "published_on", "title", "kind", "topic", "reads", "reposted_by_provincial",
                  "reposted_by_headquarters", "link")

    def save_record(self, instance):
        services.wechat_post_save(post=instance)


class WeChatMonthResource(WeChatResource):
    """An account's monthly statistics from the backend's export (.xlsx, or .csv in UTF-8 with or without BOM).

    Column mapping (header → field):
        公众号        account         the account's name as entered in the admin; required
        月份          month           2025-07, 2025年7月, or the month's first day 2025-07-01; required;
                                      account + month name a row, so importing the same file again adds nothing
        月末关注人数  followers       followers at the end of the month, a whole number; required
        新增关注      new_followers   a whole number; empty: 0
        取消关注      lost_followers  a whole number; empty: 0
        阅读数        reads           a whole number; empty: 0
    """

    account = column("account", "公众号", AccountWidget())
    month = column("month", "月份", MonthWidget())
    followers = column("followers", "月末关注人数", CountWidget(required=True))
    new_followers = column("new_followers", "新增关注", CountWidget(empty=0))
    lost_followers = column("lost_followers", "取消关注", CountWidget(empty=0))
    reads = column("reads", "阅读数", CountWidget(empty=0))

    column_help = (
        ("公众号", gettext_lazy("The account's name as entered under WeChat official accounts. Required.")),
        ("月份", gettext_lazy("2025-07, 2025年7月 or the month's first day, 2025-07-01. Required. Account and "
                            "month name a row: importing the same file again adds nothing.")),
        ("月末关注人数", gettext_lazy("Followers at the end of the month, a whole number. Required.")),
        ("新增关注", gettext_lazy("A whole number; empty means 0.")),
        ("取消关注", gettext_lazy("A whole number; empty means 0.")),
        ("阅读数", gettext_lazy("A whole number; empty means 0.")),
    )

    class Meta(WeChatResource.Meta):
        model = WeChatMonth
        import_id_fields = ("account", "month")
        fields = ("account", "month", "followers", "new_followers", "lost_followers", "reads")

    def save_record(self, instance):
        services.wechat_month_save(month=instance)


def placements_workbook(year: int) -> bytes:
    """The year's placements in one workbook: by outlet level and story kind, and by correspondent with points."""
    placements = Placement.objects.filter(published_on__year=year)
    workbook = Workbook()
    with override(settings.LANGUAGE_CODE):
        by_level = workbook.active
        by_level.title = _("By outlet level")
        counts = {
            row["outlet__level"]: row
            for row in placements.values("outlet__level").order_by().annotate(
                total=Count("pk"), **{f"kind_{kind}": Count("pk", filter=Q(story__kind=kind)) for kind in StoryKind}
            )
        }
        add_header(by_level, [_("outlet level"), *(str(kind.label) for kind in StoryKind), _("placements")])
        for level in OutletLevel:
            row = counts.get(level.value, {})
            by_level.append([str(level.label), *(row.get(f"kind_{kind}", 0) for kind in StoryKind),
                             row.get("total", 0)])
        totals = [sum(row.get(f"kind_{kind}", 0) for row in counts.values()) for kind in StoryKind]
        by_level.append([_("Total"), *totals, sum(totals)])
        by_level.cell(row=by_level.max_row, column=1).font = Font(bold=True)

        by_person = workbook.create_sheet(_("By correspondent"))
        add_header(by_person, [_("rank"), pgettext("person", "name"), _("organisation"),
                               *(str(level.label) for level in OutletLevel),
                               _("placements"), pgettext("leaderboard", "points")])
        board = leaderboard(year)
        per_level = {
            row["correspondent_id"]: row
            for row in placements.filter(story__correspondents__isnull=False)
            .values(correspondent_id=F("story__correspondents")).order_by()
            .annotate(**{f"level_{level}": Count("pk", filter=Q(outlet__level=level)) for level in OutletLevel})
        }
        organisations = dict(
            Correspondent.objects.filter(pk__in=[row["correspondent_id"] for row in board])
            .values_list("pk", "organisation")
        )
        for row in board:
            levels = per_level.get(row["correspondent_id"], {})
            by_person.append(printable([row["rank"], row["name"], organisations.get(row["correspondent_id"], ""),
                                        *(levels.get(f"level_{level}", 0) for level in OutletLevel),
                                        row["placements"], row["points"]]))
            by_person.cell(row=by_person.max_row, column=by_person.max_column).number_format = "0.0"
    return xlsx_bytes(workbook)


def add_header(sheet, headers: list[str]) -> None:
    """A bold header row that stays in view while scrolling."""
    sheet.append([str(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, len(str(header)) * 2 + 2)
