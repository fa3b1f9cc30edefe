"""Publicity as the source report tells it: 11 correspondents appointed in spring 2019, self-media authors chosen in
2020 and 2025, two appointments ended in 2025; three years of stories placed at every level, the rescue team's WeChat
account (its totals from before the portal are opening totals, see redcross/reports/demo.py) and the portal's news.
Every story, post and article is written from the year's events, so that the three tell the same year."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from redcross.demo import day, demo_years, growth, moment, person_name, photo, seeded, when

from .demo_data import (
    BATCHES,
    COMMENDED_AT,
    DATED,
    EVENTS,
    FIRST_AID_LESSONS,
    OUTLETS,
    PROFILES,
    RESCUE_NEWS,
    RESEARCH,
    TIERS,
)
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
from .services import article_save

DELAY = {OutletLevel.LOCAL: 1, OutletLevel.PREFECTURE: 2, OutletLevel.PROVINCIAL_RED_CROSS: 3,
         OutletLevel.PROVINCIAL: 3, OutletLevel.NATIONAL: 5, OutletLevel.HEADQUARTERS: 6, OutletLevel.OTHER: 1}
SOURCE = "省红十字会新媒体影响力月度排行"


def seed_correspondents() -> list[Correspondent]:
    people = []
    for meeting, date, note, members in BATCHES:
        batch, _created = AppointmentBatch.objects.get_or_create(meeting=meeting, date=day(date),
                                                                 defaults={"note": note})
        for n, (name, kind, organisation, ended) in enumerate(members, start=len(people) + 1):
            person, _created = Correspondent.objects.get_or_create(name=name, defaults={
                "kind": kind, "organisation": organisation, "batch": batch, "appointed_on": batch.date,
                "status": Correspondent.Status.ENDED if ended else Correspondent.Status.ACTIVE,
                "ended_on": ended and day(ended), "phone": f"1{37 + n % 3}{n * 7919 % 10**8:08d}",
            })
            people.append(person)
    return people


def year_stories(year: int) -> list[tuple]:
    """The year's stories: (date, title, news category, WeChat topic, tier, story kind)."""
    offset = year - demo_years()[0]
    stories = [
        (when(year, rule), titles[offset % len(titles)].format(year=year, prev=year - 1), category, topic, tier,
         StoryKind.NEWS)
        for rule, titles, category, topic, tier in EVENTS
    ]
    stories += [(day(date), title, category, "events", tier, StoryKind.NEWS)
                for date, title, category, tier in DATED if day(date).year == year]
    rule, title = RESEARCH[offset % len(RESEARCH)]
    stories.append((when(year, rule), title, "news", "other", 2, StoryKind.RESEARCH))
    rng = seeded(f"profiles{year}")
    for month in range(1, 13):
        phrase = PROFILES[(month + offset * 5) % len(PROFILES)]
        stories.append((when(year, (month, 16)), f"志愿者风采｜{person_name(rng)}：{phrase}", "volunteers", "profiles",
                        0, StoryKind.FEATURE))
    return sorted(stories)


def serving(people: list[Correspondent], on: dt.date) -> list[Correspondent]:
    return [person for person in people
            if person.appointed_on <= on and not (person.ended_on and person.ended_on <= on)]


def seed_placements(people: list[Correspondent], suffix: str = "") -> None:
    outlets = {
        name: Outlet.objects.get_or_create(name=name, defaults={"level": level, "kind": kind})[0]
        for name, level, kind in OUTLETS
    }
    by_level: dict[str, list[Outlet]] = {}
    for outlet in outlets.values():
        by_level.setdefault(outlet.level, []).append(outlet)
    today = timezone.localdate()
    turn = dict.fromkeys(by_level, 0)
    for year in demo_years():
        rng = seeded(f"placements{year}{suffix}")
        for number, (on, title, _category, _topic, tier, kind) in enumerate(year_stories(year)):
            if tier < 0 or on >= today - dt.timedelta(days=1):
                continue
            if Story.objects.filter(title=f"{title}{suffix}", submitted_on=on).exists():
                continue
            levels = list(TIERS[tier])
            if kind == StoryKind.RESEARCH:
                levels = [OutletLevel.PROVINCIAL_RED_CROSS]
            elif tier == 3 and (year + number) % 2:
                levels.remove(OutletLevel.HEADQUARTERS)
            if tier >= 1 and number % 3 == 0:
                levels.append(OutletLevel.OTHER)
            authors = serving(people, on)
            writers = rng.sample([p for p in authors if p.kind != Correspondent.Kind.SELF_MEDIA], 1 + (tier >= 2))
            if OutletLevel.OTHER in levels:
                writers += [p for p in authors if p.kind == Correspondent.Kind.SELF_MEDIA][:1]
            story = Story.objects.create(
                title=f"{title}{suffix}", kind=kind, submitted_on=on,
                staff_authors="宣传科" if kind == StoryKind.NEWS and tier >= 2 else "",
            )
            story.correspondents.set(writers)
            for level in levels:
                candidates = by_level[level]
                outlet = candidates[turn[level] % len(candidates)]
                turn[level] += 1
                published = on + dt.timedelta(days=DELAY[level] + rng.randint(0, 2))
                if published >= today or story.placements.filter(outlet=outlet).exists():
                    continue
                Placement.objects.create(
                    story=story, outlet=outlet, published_on=published,
                    reposted_by_provincial=tier >= 2 and level == OutletLevel.LOCAL and not story.placements.exists(),
                    reposted_by_headquarters=tier == 3 and level == OutletLevel.NATIONAL,
                )


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
    for year, meeting in COMMENDED_AT.items():
        if day(meeting) >= timezone.localdate():
            continue
        placed = {person.pk: Placement.objects.filter(story__correspondents=person, published_on__year=year).count()
                  for person in people}
        best = sorted(people, key=lambda person: (-placed[person.pk], person.pk))[:3]
        for person in best if year > 2019 else people[:3]:
            Commendation.objects.get_or_create(year=year, correspondent=person, title="优秀通讯员",
                                               defaults={"meeting_on": day(meeting)})


def year_posts(year: int) -> list[tuple]:
    """The account's posts of a year: (date, title, kind, topic, reads, reposted by province, by headquarters)."""
    rng = seeded(f"wechat{year}")
    factor = growth(year)
    posts = []
    for on, title, _category, topic, tier, kind in year_stories(year):
        if kind == StoryKind.RESEARCH:
            continue
        reads = round(rng.randint(600, 1800) * (1 + max(tier, 0) * 0.4) * factor)
        posts.append((on, title, "article", topic, reads, tier >= 2, tier == 3 and year % 2 == 0))
        if tier >= 2:
            posts.append((on + dt.timedelta(days=1), f"【视频】{title}", "video", topic, round(reads * 1.8), False,
                          False))
    first_wednesday = dt.date(year, 1, 1) + dt.timedelta(days=(2 - dt.date(year, 1, 1).weekday()) % 7)
    for week in range(52):
        lesson = FIRST_AID_LESSONS[(week + year) % len(FIRST_AID_LESSONS)]
        video = week % 4 == 3
        posts.append((first_wednesday + dt.timedelta(weeks=week), f"{'【视频】' if video else ''}急救小课堂｜{lesson}",
                      "video" if video else "article", "rescue", round(rng.randint(500, 1500) * factor), False,
                      False))
    for month in range(1, 13):
        posts.append((when(year, (month, 5)), f"{year}年{month}月社会捐赠款物公示", "article", "fundraising",
                      round(rng.randint(300, 700) * factor), False, False))
        if month != 2:
            posts.append((when(year, (month, 8)), f"{month}月市民应急救护公益课开始报名", "article", "events",
                          round(rng.randint(900, 2200) * factor), False, False))
    for quarter, site in enumerate(("东湖社区", "西园社区", "北苑社区", "市红十字救援队")):
        posts.append((when(year, (quarter * 3 + 2, 25)), f"招募｜{site}红十字志愿者招募啦", "article", "recruitment",
                      round(rng.randint(800, 2000) * factor), False, False))
    for n, title in enumerate(RESCUE_NEWS):
        posts.append((when(year, (1 + n * 3 // 2, 12 + n)), title, "article", "rescue",
                      round(rng.randint(700, 1600) * factor), False, False))
    return posts


def seed_wechat() -> None:
    account, _created = WeChatAccount.objects.get_or_create(
        name="示例市红十字救援队", defaults={"owner": "市红十字救援队", "opened_on": day("2013-06-01")}
    )
    if account.posts.exists():
        return
    today = timezone.localdate()
    posts = [
        WeChatPost(account=account, published_on=on, title=title, kind=kind, topic=topic, reads=reads,
                   reposted_by_provincial=provincial, reposted_by_headquarters=headquarters)
        for year in demo_years() for on, title, kind, topic, reads, provincial, headquarters in year_posts(year)
        if on < today
    ]
    WeChatPost.objects.bulk_create(posts, ignore_conflicts=True)
    reads_by_month: dict[dt.date, int] = {}
    for post in posts:
        month = post.published_on.replace(day=1)
        reads_by_month[month] = reads_by_month.get(month, 0) + post.reads
    # The source report's year (2,000 followers, often first in the province), then the portal's years.
    months = [dt.date(2020, month, 1) for month in range(1, 12)]
    month = dt.date(demo_years()[0], 1, 1)
    while month < today.replace(day=1):
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    followers = {2020: 1880, demo_years()[0]: 2640}
    count = 0
    for month in months:
        rng = seeded(f"month{month}")
        if month.year in followers and month.month == 1:
            count = followers[month.year]
        new, lost = rng.randint(45, 95), rng.randint(12, 35)
        count += new - lost
        WeChatMonth.objects.get_or_create(account=account, month=month, defaults={
            "followers": count, "new_followers": new, "lost_followers": lost,
            "reads": round(reads_by_month.get(month, 5200) * 1.5),
        })
        rank = 1 if month.year == 2020 and month.month % 4 else rng.choices((1, 2, 3, 4), weights=(45, 30, 20, 5))[0]
        WeChatRanking.objects.get_or_create(account=account, month=month, defaults={"rank": rank, "source": SOURCE})


def seed_news() -> None:
    today, now = timezone.localdate(), timezone.now()
    written = []
    for year in demo_years():
        for on, title, category, _topic, tier, kind in year_stories(year):
            if kind != StoryKind.NEWS or not (tier >= 1 or category == "disclosure") or on >= today:
                continue
            published_at = min(moment(on, 18, 30), now)
            article = Article.objects.filter(title=title, published_at__date=on).first()
            if article is None:
                summary = f"{on.month}月{on.day}日，{title.replace(' ', '，')}。"
                article = article_save(article=Article(
                    title=title, category=category, summary=summary, author="宣传科", published=True,
                    published_at=published_at,
                    body=f"<p>{summary}</p><p>活动由市红十字会组织，红十字志愿者和特约通讯员参与并报道。"
                         f"市红十字会将持续推进“博爱家园”建设和“两护”培训，欢迎市民关注和参与。</p>",
                ))
            if tier >= 2:
                written.append(article)
    for article in written[-2:]:
        if not article.cover:
            article.cover.save(f"news-{article.pk}.jpg", photo(f"news {article.title}", "event"), save=False)
            article_save(article=article)


def seed(scale: int = 1) -> None:
    people = seed_correspondents()
    seed_placements(people)
    for copy in range(2, scale + 1):
        seed_placements(people, suffix=f"（{copy}）")
    seed_scoring(people)
    seed_wechat()
    seed_news()
