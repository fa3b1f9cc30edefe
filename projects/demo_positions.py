"""Red Cross positions of every kind (红十字阵地): what visitors do at the kinds that receive groups, each kind's
standard for last year and this one (this year's a copy with an item changed), the positions themselves, their
assessments over the two years, and the group visits of the last half year and the next four weeks.

Every write goes through the services. A past visit was asked for while its slot was still ahead: the request is
made as of a few days before the slot (booking_request's `now`), then confirmed and recorded as held."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from redcross.demo import DEMO_ACCOUNTS, demo_years, mobile, person_name, seeded, when
from redcross.roles import PROJECTS_MANAGER

from .demo_data import POSITION_DESCRIPTIONS, POSITIONS, STANDARDS, WHAT_VISITORS_DO
from .models import Assessment, GroupBooking, PositionKind, PositionStandard, Site, StandardItem, VisitSlot
from .services import (
    assessment_save,
    booking_cancel,
    booking_decide,
    booking_held,
    booking_request,
    places_taken,
    position_kind_save,
    site_save,
    slot_save,
    slots_repeat,
    standard_copy,
    standard_item_save,
    standard_save,
)

Result = Assessment.Result
Age = GroupBooking.AgeGroup
HALL, PARK, BASE = "市红十字急救逃生体验馆", "西园博爱文化主题公园", "人力资源产业园救护培训基地"
MEMORIAL = "市遗体和器官捐献者纪念园"

ASSESSMENTS = [
    # site, 0 for last year or 1 for this one, (month, day) (this year's no later than today), result,
    # {order of an item not met: why}, notes for staff
    ("东湖社区", 0, (4, 18), Result.PASSED, {}, "各项台账齐全，志愿服务活动记录完整。"),
    ("西园社区", 0, (5, 20), Result.FAILED, {3: "全年未开展应急救护培训"}, "复核未通过，限期三个月整改。"),
    ("西园社区", 1, (3, 26), Result.PASSED, {}, "整改到位，复核通过。"),
    ("市第一中学", 0, (6, 12), Result.IN_PROGRESS, {3: "教职工持证比例约 12%", 4: "志愿服务队刚刚组建"},
     "创建中，下学期组织教职工救护员培训。"),
    ("市第一中学", 1, (5, 28), Result.PASSED, {}, "教职工持证比例 23%，达标。"),
    ("南河中学", 0, (6, 18), Result.PASSED, {}, "首次评估达标。"),
    ("南河中学", 1, (6, 10), Result.FAILED, {3: "今年标准要求不低于 20%，现为 14%"},
     "复核未通过：按今年的新标准，教职工持证比例不足。"),
    ("市红十字中医医院", 0, (9, 15), Result.IN_PROGRESS, {2: "门诊公共区域尚未配置 AED", 5: "志愿服务队正在组建"},
     "冠名后首次评估，创建中。"),
    ("市红十字中医医院", 1, (8, 20), Result.PASSED, {}, "“六有”全部达到，持证率 56%。"),
    ("市红十字急救逃生体验馆", 0, (10, 22), Result.PASSED, {}, "开馆后首次评估达标。"),
    ("西园博爱文化主题公园", 0, (11, 5), Result.IN_PROGRESS, {3: "AED 尚未安装"}, "创建中。"),
    ("西园博爱文化主题公园", 1, (9, 10), Result.IN_PROGRESS, {6: "讲解志愿者尚未到位"}, "AED 已安装，仍在创建中。"),
    ("市遗体和器官捐献者纪念园", 0, (3, 28), Result.PASSED, {}, "家属同意书齐全，达标。"),
    ("人力资源产业园救护培训基地", 1, (7, 15), Result.PASSED, {}, "按省规范化建设标准评估达标。"),
]
ASSESSORS = "市红十字会 王建国\n市红十字会 周丽萍"

# Groups that visit: organisation, age group, fewest and most visitors.
GROUPS = {group[0]: group for group in [
    ("市实验小学四年级", Age.PRIMARY, 40, 48), ("城东小学五年级", Age.PRIMARY, 36, 45),
    ("东湖幼儿园大班", Age.PRESCHOOL, 24, 32), ("城北中学初一年级", Age.SECONDARY, 42, 55),
    ("市第一中学高一年级", Age.SECONDARY, 40, 50), ("市卫生职业技术学院护理系", Age.STUDENTS, 28, 40),
    ("东湖社区老年协会", Age.SENIORS, 18, 28), ("西园社区居委会", Age.MIXED, 20, 32),
    ("北苑社区亲子志愿服务队", Age.MIXED, 18, 30), ("华星电子科技有限公司", Age.ADULTS, 20, 36),
    ("市公交公司", Age.ADULTS, 18, 30), ("示例纺织有限公司", Age.ADULTS, 22, 38),
]}
NOTES = {Age.PRESCHOOL: "小朋友较多，请安排适合儿童的体验项目。", Age.SENIORS: "部分老人行动不便，请预留座椅。"}
# Slots repeated every week: position, start, end, capacity, note; the first on yesterday's weekday.
WEEKLY = [
    (HALL, (9, 30), (11, 0), 80, "请提前 10 分钟到馆，学生团体每 15 人请配 1 名带队老师。"),
    (BASE, (14, 0), (16, 0), 40, "企业和社区团体优先，请穿便于跪地操作的衣物。"),
]
WEEKS_BACK = {HALL: 25, BASE: 0}
# About one week in three a group came (the source report's science park received 10+ groups a year).
BOOKED_SHARE = 0.3
# Visits on days of the year: calendar rule, position, start, end, capacity, groups.
DATED = [
    ((4, 3), MEMORIAL, (9, 0), (10, 30), 150, ["市第一中学高一年级", "市卫生职业技术学院护理系"]),
    ((5, 8), PARK, (9, 0), (11, 0), 120, ["东湖社区老年协会"]),
    (("first_aid_day", 0), HALL, (14, 0), (16, 0), 80, ["北苑社区亲子志愿服务队"]),
    ((10, 20), BASE, (9, 0), (11, 30), 40, ["华星电子科技有限公司"]),
]
# The next weeks: week, position, group, what becomes of the request.
Status = GroupBooking.Status
AHEAD = [
    (1, HALL, "城东小学五年级", Status.CONFIRMED), (1, HALL, "市公交公司", Status.CANCELLED),
    (2, HALL, "城北中学初一年级", Status.DECLINED), (2, HALL, "西园社区居委会", Status.REQUESTED),
    (3, HALL, "东湖幼儿园大班", Status.CONFIRMED), (3, HALL, "市卫生职业技术学院护理系", Status.REQUESTED),
    (4, HALL, "市实验小学四年级", Status.REQUESTED),
    (1, BASE, "示例纺织有限公司", Status.CONFIRMED), (2, BASE, "华星电子科技有限公司", Status.REQUESTED),
]
DECLINED_BECAUSE = "该时段场馆进行设备年检，暂停接待，请改约其他时间。"


def this_year_on(years: int, month: int, day: int) -> dt.date:
    return dt.date(timezone.localdate().year + years, month, day)


def staff_member():
    name = next(username for username, _title, role in DEMO_ACCOUNTS if role is PROJECTS_MANAGER)
    return get_user_model().objects.filter(username=name).first()


def seed_kinds_and_standards(by=None) -> None:
    last, this = demo_years()[1:]
    for kind in PositionKind.objects.filter(name__in=WHAT_VISITORS_DO, what_visitors_do=""):
        kind.what_visitors_do = WHAT_VISITORS_DO[kind.name]
        position_kind_save(kind=kind)
    for kind in PositionKind.objects.filter(name__in=STANDARDS):
        title, issued_by, items, changes = STANDARDS[kind.name]
        standard = PositionStandard.objects.filter(kind=kind, year=last).first()
        if standard is None:
            standard = standard_save(standard=PositionStandard(
                kind=kind, year=last, title=title, issued_by=issued_by, notes=f"{last}年度评估依据。"))
            for order, (text, evidence) in enumerate(items, start=1):
                standard_item_save(item=StandardItem(standard=standard, order=order, text=text, evidence=evidence))
        if PositionStandard.objects.filter(kind=kind, year=this).exists():
            continue
        copy = standard_copy(standard=standard, year=this, by=by)
        for order, text, evidence in changes:
            item = copy.items.filter(order=order).first() or StandardItem(standard=copy, order=order)
            item.text, item.evidence = text, evidence
            standard_item_save(item=item)


def seed_position(row, kinds: dict[str, PositionKind], suffix: str) -> Site:
    name, kind, site_kind, town, address, lat, lng, partners, started, built, hours, phone, consent = row
    site = Site.objects.filter(name=f"{name}{suffix}").first()
    return site or site_save(site=Site(
        name=f"{name}{suffix}", position_kind=kinds[kind], kind=site_kind, status=Site.Status.BUILT, town=town,
        address=address, latitude=Decimal(lat), longitude=Decimal(lng), partners=partners,
        started_on=this_year_on(*started), built_on=this_year_on(*built), opening_hours=hours, phone=phone,
        description=POSITION_DESCRIPTIONS[name], publish_consent=bool(consent), consent_note=consent or "",
        published=True,
    ))


def seed_assessments(sites: dict[str, Site], by=None) -> None:
    today, years = timezone.localdate(), demo_years()[1:]
    standards = {(standard.kind_id, standard.year): standard for standard in PositionStandard.objects.all()}
    assessed = set(Assessment.objects.filter(site__in=sites.values()).values_list("site", flat=True))
    for name, which, (month, day), result, unmet, notes in ASSESSMENTS:
        site = sites.get(name)
        if site is None or site.pk in assessed:
            continue
        year = years[which]
        standard = standards[(site.position_kind_id, year)]
        items = {item.pk: (item.order not in unmet, unmet.get(item.order, "")) for item in standard.items.all()}
        assessment_save(assessment=Assessment(
            site=site, standard=standard, assessed_on=min(dt.date(year, month, day), today), result=result,
            assessors=ASSESSORS, notes=notes,
        ), items=items, by=by)


def request(slot: VisitSlot, group: str, rng, *, before: dt.datetime | None) -> GroupBooking | None:
    """A group asks for `slot` (as of `before` for a slot now past), as many as it brings or as still fit."""
    organisation, age, fewest, most = GROUPS[group]
    headcount = min(rng.randint(fewest, most), slot.capacity - places_taken(slot))
    if headcount < fewest:
        return None
    return booking_request(slot=slot, booking=GroupBooking(
        organisation=organisation, contact_name=person_name(rng), mobile=mobile(rng), headcount=headcount,
        age_group=age, note=NOTES.get(age, ""),
    ), now=before)


def visit_held(slot: VisitSlot, groups: list[str], rng, by=None) -> None:
    for group in groups:
        asked = slot.starts - dt.timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 8))
        booking = request(slot, group, rng, before=asked)
        if booking is not None:
            booking = booking_decide(booking=booking, confirm=True, by=by)
            booking_held(booking=booking, attended=max(1, booking.headcount - rng.randint(0, 4)), by=by)


def seed_visits(sites: dict[str, Site], suffix: str, by=None) -> None:
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    if VisitSlot.objects.filter(site__in=sites.values()).exists():
        return
    rng = seeded(f"visits{suffix}")
    coming: dict[str, list[VisitSlot]] = {}
    for name, starts, ends, capacity, note in WEEKLY:
        site = sites[name]
        first = slot_save(slot=VisitSlot(
            site=site, date=yesterday - dt.timedelta(weeks=WEEKS_BACK[name]), starts_at=dt.time(*starts),
            ends_at=dt.time(*ends), capacity=capacity, note=note,
        ), by=by)
        past = [first, *slots_repeat(slot=first, weeks=WEEKS_BACK[name], by=by)] if WEEKS_BACK[name] else [first]
        coming[name] = slots_repeat(slot=past[-1], weeks=4, by=by)
        for slot in past:
            if rng.random() < BOOKED_SHARE:
                visit_held(slot, [rng.choice(sorted(GROUPS))], rng, by=by)
    for year in demo_years()[1:]:
        for rule, name, starts, ends, capacity, groups in DATED:
            on = when(year, rule)
            if on >= today:
                continue
            slot = slot_save(slot=VisitSlot(site=sites[name], date=on, starts_at=dt.time(*starts),
                                            ends_at=dt.time(*ends), capacity=capacity), by=by)
            visit_held(slot, groups, rng, by=by)
    for week, name, group, outcome in AHEAD:
        booking = request(coming[name][week - 1], group, rng, before=None)
        if booking is None or outcome == Status.REQUESTED:
            continue
        declined = outcome == Status.DECLINED
        booking = booking_decide(booking=booking, confirm=not declined, reason=DECLINED_BECAUSE if declined else "",
                                 by=by)
        if outcome == Status.CANCELLED:
            booking_cancel(booking=booking, by=by)


def seed_positions(suffix: str = "") -> None:
    by = staff_member()
    if not suffix:
        seed_kinds_and_standards(by)
    kinds = {kind.name: kind for kind in PositionKind.objects.all()}
    sites = {row[0]: seed_position(row, kinds, suffix) for row in POSITIONS}
    for name in ("东湖社区", "西园社区"):
        home = Site.objects.filter(name=f"{name}{suffix}").first()
        if home is not None:
            sites[name] = home
    seed_assessments(sites, by)
    seed_visits(sites, suffix, by)
