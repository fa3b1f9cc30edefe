"""Publicity as the source report tells it: 11 correspondents appointed at one meeting, placements at every level
(24 national, 2 research articles in the provincial Red Cross system, 15 provincial and municipal, 71 local), the
rescue team's WeChat account since 2013 with 812 articles and 92 videos, and the portal's own news."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .models import (
    AppointmentBatch,
    Article,
    Commendation,
    Correspondent,
    Outlet,
    OutletLevel,
    Placement,
    ScoringRule,
    ScoringScheme,
    Story,
    StoryKind,
    WeChatAccount,
    WeChatMonth,
    WeChatPost,
    WeChatRanking,
)

CORRESPONDENTS = [
    ("陈立新", Correspondent.Kind.MEDIA, "市融媒体中心"), ("刘晓燕", Correspondent.Kind.MEDIA, "市广播电视台"),
    ("黄建国", Correspondent.Kind.MEDIA, "示例日报社"), ("周雯", Correspondent.Kind.VOLUNTEER, "市红十字救援队"),
    ("吴昊", Correspondent.Kind.VOLUNTEER, "市红十字救援队"), ("徐丽", Correspondent.Kind.VOLUNTEER, "东湖社区"),
    ("孙磊", Correspondent.Kind.MEDIA, "省报驻市记者站"), ("朱红梅", Correspondent.Kind.STAFF, "市红十字会"),
    ("马骏", Correspondent.Kind.VOLUNTEER, "市志愿者协会"), ("胡婷", Correspondent.Kind.MEDIA, "市融媒体中心"),
    ("郭晨", Correspondent.Kind.VOLUNTEER, "市第一中学"),
]
OUTLETS = [
    ("人民网", OutletLevel.NATIONAL, Outlet.Kind.WEBSITE),
    ("中国红十字报", OutletLevel.HEADQUARTERS, Outlet.Kind.NEWSPAPER),
    ("新华日报", OutletLevel.PROVINCIAL, Outlet.Kind.NEWSPAPER),
    ("省红十字会网站", OutletLevel.PROVINCIAL_RED_CROSS, Outlet.Kind.WEBSITE),
    ("南通日报", OutletLevel.PREFECTURE, Outlet.Kind.NEWSPAPER), ("示例日报", OutletLevel.LOCAL, Outlet.Kind.NEWSPAPER),
    ("示例电视台", OutletLevel.LOCAL, Outlet.Kind.TV),
]
# outlet name, story kind, number of placements since the team was founded
PLACEMENTS = [
    ("人民网", StoryKind.NEWS, 24), ("省红十字会网站", StoryKind.RESEARCH, 2), ("新华日报", StoryKind.NEWS, 8),
    ("南通日报", StoryKind.FEATURE, 7), ("示例日报", StoryKind.NEWS, 45), ("示例电视台", StoryKind.VIDEO, 26),
]
TOPICS = list(WeChatPost.Topic.values)
NEWS = [
    ("市红十字救援队参加防汛应急演练", "news", "救援队员在演练中展示水上救援和应急救护技能。"),
    ("东湖社区博爱书屋迎来“书香博爱”捐书", "fraternity", "爱心市民捐赠图书三百余册，充实社区书屋。"),
    ("2026年应急救护培训基地开放预约", "training", "五大救护培训基地面向单位和市民开放预约。"),
    ("红十字志愿者走进西园社区开展入户助老服务", "volunteers", "志愿者为高龄老人测量血压、讲解防跌倒知识。"),
    ("关于年度募捐款物使用情况的公示", "disclosure", "本会对年度接受捐赠款物的使用情况进行公示。"),
    ("特约通讯员座谈会召开", "news", "会议表彰优秀通讯员，部署新一年信息宣传工作。"),
]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def seed_correspondents() -> list[Correspondent]:
    batch, _created = AppointmentBatch.objects.get_or_create(
        meeting="红十字信息宣传工作座谈会", date=_day("2019-04-18"),
        defaults={"note": "聘请热心公益的媒体人和志愿者为特约通讯员。"},
    )
    people = []
    for n, (name, kind, organisation) in enumerate(CORRESPONDENTS):
        person, _created = Correspondent.objects.get_or_create(name=name, defaults={
            "kind": kind, "organisation": organisation, "batch": batch, "appointed_on": batch.date,
            "term_ends": _day("2027-04-17"), "phone": f"137{n + 1:08d}",
        })
        people.append(person)
    return people


def seed_placements(people: list[Correspondent], suffix: str = "") -> None:
    outlets = {
        name: Outlet.objects.get_or_create(name=name, defaults={"level": level, "kind": kind})[0]
        for name, level, kind in OUTLETS
    }
    if Story.objects.filter(title__endswith=f"篇{suffix}").exists():
        return
    start = _day("2019-05-01")
    span = (timezone.localdate() - start).days
    number = 0
    for outlet_name, kind, count in PLACEMENTS:
        for _ in range(count):
            day = start + dt.timedelta(days=(number * 37) % span)
            prefix = "调研：" if kind == StoryKind.RESEARCH else ""
            story = Story.objects.create(
                title=f"{prefix}红十字工作报道第{number + 1}篇{suffix}", kind=kind,
                submitted_on=day - dt.timedelta(days=2),
            )
            story.correspondents.set([people[number % len(people)], people[(number * 3 + 1) % len(people)]])
            Placement.objects.create(
                story=story, outlet=outlets[outlet_name], published_on=day,
                reposted_by_headquarters=number % 17 == 0, reposted_by_provincial=number % 5 == 0,
            )
            number += 1


def seed_scoring(people: list[Correspondent]) -> None:
    points = {OutletLevel.NATIONAL: 10, OutletLevel.HEADQUARTERS: 8, OutletLevel.PROVINCIAL: 6,
              OutletLevel.PROVINCIAL_RED_CROSS: 5, OutletLevel.PREFECTURE: 4, OutletLevel.LOCAL: 2,
              OutletLevel.OTHER: 1}
    for year in range(2019, timezone.localdate().year + 1):
        scheme, created = ScoringScheme.objects.get_or_create(year=year, defaults={
            "repost_headquarters_bonus": Decimal("5"), "repost_provincial_bonus": Decimal("2"),
        })
        if created:
            for level, value in points.items():
                ScoringRule.objects.create(scheme=scheme, level=level, points=Decimal(value))
            ScoringRule.objects.create(scheme=scheme, level=OutletLevel.PROVINCIAL_RED_CROSS,
                                       story_kind=StoryKind.RESEARCH, points=Decimal("8"))
    for person in people[:3]:
        Commendation.objects.get_or_create(year=2019, correspondent=person, title="优秀通讯员",
                                           defaults={"meeting_on": _day("2020-05-20")})


def seed_wechat() -> None:
    account, _created = WeChatAccount.objects.get_or_create(
        name="示例市红十字救援队", defaults={"owner": "市红十字救援队", "opened_on": _day("2013-06-01")}
    )
    if account.posts.exists():
        return
    start = account.opened_on
    span = (timezone.localdate() - start).days
    posts = []
    for n in range(812 + 92):
        video = n >= 812
        posts.append(WeChatPost(
            account=account, published_on=start + dt.timedelta(days=(n * span) // 904),
            title=f"{'【视频】' if video else ''}救援队动态第{n + 1}期", kind="video" if video else "article",
            topic=TOPICS[n % len(TOPICS)], reads=300 + (n * 53) % 1700,
            reposted_by_provincial=n % 9 == 0, reposted_by_headquarters=n % 40 == 0,
        ))
    WeChatPost.objects.bulk_create(posts)
    month = _day("2019-01-01")
    followers = 900
    while month <= timezone.localdate():
        followers += 20
        WeChatMonth.objects.create(account=account, month=month, followers=followers, new_followers=35,
                                   lost_followers=15, reads=6000 + followers)
        if month.month % 3 == 0:
            WeChatRanking.objects.create(account=account, month=month, rank=1 + month.month % 3 + month.year % 2,
                                         source="省红十字会新媒体影响力月度排行")
        month = (month + dt.timedelta(days=32)).replace(day=1)


def seed_news() -> None:
    now = timezone.now()
    for n, (title, category, summary) in enumerate(NEWS):
        Article.objects.get_or_create(title=title, defaults={
            "category": category, "summary": summary, "author": "宣传科", "published": True,
            "published_at": now - dt.timedelta(days=n * 9 + 1),
            "body": f"<p>{summary}</p><p>（演示数据）</p>",
        })


def seed(scale: int = 1) -> None:
    people = seed_correspondents()
    seed_placements(people)
    for copy in range(2, scale + 1):
        seed_placements(people, suffix=f"（{copy}）")
    seed_scoring(people)
    seed_wechat()
    seed_news()
