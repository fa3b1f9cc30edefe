"""A believable city's Fraternity Homes, older projects, a provincial-subsidy project and a year of activities."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .models import Activity, Facility, FacilityKind, FundingLine, Project, Site, SpendingLine
from .services import activity_save, facility_save, project_money_save, project_save, project_transition, site_save

Status = Project.Status

SITES = [
    # name, kind, status, town, address, latitude, longitude, partners, facilities [(kind, opened)]
    ("东湖社区", Site.Kind.COMMUNITY, Site.Status.BUILT, "城东街道", "东湖路 8 号", "32.534100", "120.459800",
     "东湖社区居委会\n市志愿者协会",
     [("博爱广场", "2018-05-08"), ("博爱书屋", "2018-05-08"), ("应急救护培训教室", "2018-09-10"),
      ("助老服务站", "2019-03-05"), ("博爱小超市", "2019-06-01")]),
    ("西园社区", Site.Kind.COMMUNITY, Site.Status.BUILT, "城西街道", "西园路 26 号", "32.528700", "120.431200",
     "西园社区居委会", [("棋牌书画室", "2019-10-15"), ("康复健身室", "2019-10-15"), ("博爱书屋", "2019-10-15"),
                     ("志愿者之家", "2019-10-15")]),
    ("城北村", Site.Kind.VILLAGE, Site.Status.BUILT, "城北镇", "城北村三组", None, None, "城北村村委会",
     [("博爱桥", "2014-10-01")]),
    ("南河村", Site.Kind.VILLAGE, Site.Status.BUILT, "南河镇", "南河村卫生室", None, None, "南河镇卫生院",
     [("博爱卫生站", "2015-07-01")]),
    ("市人民医院", Site.Kind.HOSPITAL, Site.Status.BUILT, "城中街道", "人民路 100 号", None, None, "市人民医院",
     [("博爱病房", "2016-05-08")]),
    ("北苑社区", Site.Kind.COMMUNITY, Site.Status.SURVEYED, "城北街道", "北苑路 3 号", None, None, "", []),
]
HOURS = {"博爱广场": "全天开放", "博爱小超市": "每周六 9:00-11:00", "博爱桥": "全天通行"}

PROJECTS = [
    # title, kind, year, funding, sites, budget, fundings [(source, amount, date)], spendings, steps
    ("城北村博爱桥", Project.Kind.BRIDGE, 2014, Project.Funding.SELF_RAISED, ["城北村"], "80000",
     [("self_raised", "50000", "2014-04-01"), ("donation", "30000", "2014-05-10")],
     [("self_raised", "78000", "桥体建设", "2014-09-20")],
     [(Status.APPROVED, "2014-03-01"), (Status.IMPLEMENTING, "2014-04-15"), (Status.COMPLETED, "2014-10-01")]),
    ("南河村博爱卫生站", Project.Kind.HEALTH_STATION, 2015, Project.Funding.APPLIED_UPWARD, ["南河村"], "60000",
     [("headquarters", "40000", "2015-04-20"), ("self_raised", "20000", "2015-05-01")],
     [("headquarters", "40000", "设备购置", "2015-06-01"), ("self_raised", "18500", "用房改造", "2015-06-10")],
     [(Status.APPLIED, "2015-01-10"), (Status.APPROVED, "2015-03-20"), (Status.IMPLEMENTING, "2015-04-25"),
      (Status.COMPLETED, "2015-07-01")]),
    ("市人民医院博爱病房", Project.Kind.WARD, 2016, Project.Funding.SELF_RAISED, ["市人民医院"], "50000",
     [("donation", "50000", "2016-03-01")], [("donation", "49800", "病房设施", "2016-04-20")],
     [(Status.APPROVED, "2016-02-01"), (Status.IMPLEMENTING, "2016-03-05"), (Status.COMPLETED, "2016-05-08")]),
    ("东湖社区博爱家园建设", Project.Kind.FRATERNITY_HOME, 2018, Project.Funding.APPLIED_UPWARD, ["东湖社区"],
     "200000",
     [("provincial", "100000", "2018-04-10"), ("self_raised", "60000", "2018-04-20"),
      ("government", "40000", "2018-06-01")],
     [("provincial", "95000", "博爱广场与书屋", "2018-05-01"), ("self_raised", "58000", "培训教室设备", "2018-08-20"),
      ("government", "39000", "助老服务站", "2019-02-20")],
     [(Status.APPLIED, "2018-01-15"), (Status.APPROVED, "2018-03-30"), (Status.IMPLEMENTING, "2018-04-12"),
      (Status.COMPLETED, "2019-06-30")]),
    ("西园社区红十字助老活动中心", Project.Kind.ELDERLY_CARE, 2019, Project.Funding.APPLIED_UPWARD, ["西园社区"],
     "120000", [("provincial", "80000", "2019-05-15"), ("self_raised", "40000", "2019-06-01")],
     [("provincial", "78000", "活动中心改造", "2019-08-01"), ("self_raised", "36500", "康复器材", "2019-09-20")],
     [(Status.APPLIED, "2019-01-20"), (Status.APPROVED, "2019-04-25"), (Status.IMPLEMENTING, "2019-05-20"),
      (Status.COMPLETED, "2019-10-15")]),
    ("救护培训基地建设（省补）", Project.Kind.TRAINING_BASE, 2019, Project.Funding.APPLIED_UPWARD, [], "140000",
     [("provincial", "140000", "2019-03-18")],
     [("provincial", "72000", "人力资源产业园基地设备", "2019-06-10"),
      ("provincial", "66000", "气象科普园基地设备", "2019-07-22")],
     [(Status.APPLIED, "2019-01-08"), (Status.APPROVED, "2019-03-01"), (Status.IMPLEMENTING, "2019-03-20"),
      (Status.COMPLETED, "2019-12-20")]),
    ("北苑社区博爱家园建设", Project.Kind.FRATERNITY_HOME, 2026, Project.Funding.APPLIED_UPWARD, ["北苑社区"],
     "150000", [], [], [(Status.APPLIED, "2026-03-02")]),
]

ACTIVITY_PLAN = [
    (Activity.Kind.VOLUNTEER_TRAINING, "志愿者岗前培训", "东湖社区", 40, 6, 24, 40, None),
    (Activity.Kind.ELDER_CARE_TRAINING, "养老照护培训", "西园社区", 35, 5, 20, 35, None),
    (Activity.Kind.HOME_VISIT, "入户助老服务", "西园社区", 12, 12, 36, 28, None),
    (Activity.Kind.FIRST_AID_TRAINING, "社区居民救护培训", "东湖社区", 50, 4, 16, 50, None),
    (Activity.Kind.DRAMA, "救护知识情景剧汇演", "东湖社区", 120, 20, 60, 300, None),
    (Activity.Kind.BOOK_DRIVE, "“书香博爱”募集图书", "东湖社区", 30, 8, 24, 200, 350),
    (Activity.Kind.VETERANS, "慰问老兵", "西园社区", 10, 10, 20, 15, None),
    (Activity.Kind.CARING_MOTHERS, "“爱心妈妈”结对活动", "东湖社区", 24, 12, 36, 12, None),
]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def seed_site(name, kind, status, town, address, latitude, longitude, partners, facilities) -> Site:
    site = Site.objects.filter(name=name).first() or site_save(site=Site(
        name=name, kind=kind, status=status, community=name if kind == Site.Kind.COMMUNITY else "", town=town,
        address=address, latitude=latitude and Decimal(latitude), longitude=longitude and Decimal(longitude),
        partners=partners, published=True,
        description=f"{name}是我会{'博爱家园' if kind == Site.Kind.COMMUNITY else '人道项目'}站点。",
    ))
    for kind_name, opened in facilities:
        if not site.facilities.filter(name=kind_name).exists():
            facility_save(facility=Facility(
                site=site, name=kind_name, kind=FacilityKind.objects.get(name=kind_name), opened_on=day(opened),
                opening_hours=HOURS.get(kind_name, "周一至周五 8:30-17:00"),
            ))
    return site


def seed_project(title, kind, year, funding, site_names, budget, fundings, spendings, steps) -> None:
    if Project.objects.filter(title=title).exists():
        return
    project = project_save(project=Project(
        title=title, kind=kind, year=year, funding=funding, budget=Decimal(budget), published=True,
    ))
    project.sites.set(Site.objects.filter(name__in=site_names))
    project.facilities.set(Facility.objects.filter(site__name__in=site_names))
    project_money_save(
        project=project,
        fundings=[FundingLine(source=source, amount=Decimal(amount), received_on=day(received))
                  for source, amount, received in fundings],
        spendings=[SpendingLine(source=source, amount=Decimal(amount), purpose=purpose, spent_on=day(spent))
                   for source, amount, purpose, spent in spendings],
    )
    for to, on in steps:
        project = project_transition(project=project, to=to, on=day(on), note="演示数据")


def seed_activities(suffix: str = "") -> None:
    today = timezone.localdate()
    for round_number in range(3):
        for index, (kind, title, site_name, people, volunteers, hours, beneficiaries, books) in enumerate(
            ACTIVITY_PLAN
        ):
            date = today - dt.timedelta(days=round_number * 120 + index * 14 + 3)
            site = Site.objects.get(name=f"{site_name}{suffix}")
            if not Activity.objects.filter(date=date, title=f"{title}{suffix}").exists():
                activity_save(activity=Activity(
                    date=date, title=f"{title}{suffix}", kind=kind, site=site, participants=people,
                    volunteers=volunteers, volunteer_hours=Decimal(hours), beneficiaries=beneficiaries, books=books,
                    published=True, description=f"{site.name}开展{title}活动。",
                ))


def seed(scale: int = 1) -> None:
    for row in SITES:
        seed_site(*row)
    for row in PROJECTS:
        seed_project(*row)
    seed_activities()
    for copy in range(2, scale + 1):
        suffix = f"（{copy}）"
        for name, *rest in SITES:
            seed_site(f"{name}{suffix}", *rest)
        seed_activities(suffix)
