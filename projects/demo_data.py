"""The tables of the projects demo: sites and their facilities, projects and their money, the yearly calendar of
activities at the sites."""

from .models import Activity, Project, Site

Status = Project.Status
Kind = Activity.Kind

SITES = [
    # name, kind, status, town, address, lat, lng, partners, started, built, facilities [(name, opened, retired)]
    ("东湖社区", Site.Kind.COMMUNITY, Site.Status.BUILT, "城东街道", "东湖路 8 号", "32.534100", "120.459800",
     "东湖社区居委会\n市志愿者协会", "2017-03-15", "2019-06-30",
     [("博爱广场", "2018-05-08", None), ("博爱书屋", "2018-05-08", None), ("应急救护培训教室", "2017-11-20", None),
      ("助老服务站", "2019-03-05", None), ("博爱小超市", "2019-06-01", "2025-04-30")]),
    ("西园社区", Site.Kind.COMMUNITY, Site.Status.BUILT, "城西街道", "西园路 26 号", "32.528700", "120.431200",
     "西园社区居委会\n市老年大学", "2018-10-10", "2019-10-15",
     [("棋牌书画室", "2019-10-15", None), ("康复健身室", "2019-10-15", None), ("博爱书屋", "2019-10-15", None),
      ("志愿者之家", "2019-10-15", None)]),
    ("城北村", Site.Kind.VILLAGE, Site.Status.BUILT, "城北镇", "城北村三组", None, None, "城北村村委会",
     "2014-03-01", "2014-10-01", [("博爱桥", "2014-10-01", "2025-08-20")]),
    ("南河村", Site.Kind.VILLAGE, Site.Status.BUILT, "南河镇", "南河村卫生室", None, None, "南河镇卫生院",
     "2015-01-10", "2015-07-01", [("博爱卫生站", "2015-07-01", None)]),
    ("市人民医院", Site.Kind.HOSPITAL, Site.Status.BUILT, "城中街道", "人民路 100 号", None, None, "市人民医院",
     "2016-02-01", "2016-05-08", [("博爱病房", "2016-05-08", None)]),
    ("实验小学", Site.Kind.SCHOOL, Site.Status.BUILT, "城中街道", "文化路 12 号", "32.538200", "120.448900",
     "市实验小学", "2024-03-05", "2024-06-01", [("博爱书屋", "2024-06-01", None)]),
    ("北苑社区", Site.Kind.COMMUNITY, Site.Status.BUILT, "城北街道", "北苑路 3 号", "32.552400", "120.451700",
     "北苑社区居委会", "2024-05-20", "2026-06-30",
     [("博爱书屋", "2025-10-15", None), ("助老服务站", "2025-12-05", None), ("应急救护培训教室", "2026-05-12", None),
      ("博爱广场", "2026-06-30", None)]),
    ("南湖社区", Site.Kind.COMMUNITY, Site.Status.SURVEYED, "城南街道", "南湖路 58 号", None, None, "南湖社区居委会",
     "2026-03-10", None, []),
]
HOURS = {"博爱广场": "全天开放", "博爱小超市": "每周六 9:00-11:00", "博爱桥": "全天通行",
         "博爱书屋": "周二至周日 9:00-17:00"}
DESCRIPTIONS = {
    "东湖社区": "东湖社区是我市首批“博爱家园”试点社区，建有博爱广场、博爱书屋、应急救护培训教室和助老服务站，"
              "红十字志愿者常年在此开展救护培训、助老服务和“爱心妈妈”结对活动。",
    "西园社区": "我会协助西园社区申报实施“红十字助老活动中心”项目，改善了棋牌书画室、康复健身室、博爱书屋和志愿者之家，"
              "深受社区中老年朋友欢迎。",
    "北苑社区": "北苑社区 2025 年经省红十字会批准实施“博爱家园”项目，已建成博爱书屋、助老服务站、"
              "应急救护培训教室和博爱广场。",
}

PROJECTS = [
    # title, kind, year, funding, sites, budget, fundings [(source, amount, date)],
    # spendings [(source, amount, purpose, date)], steps [(status, date)]
    ("城北村博爱桥", Project.Kind.BRIDGE, 2014, Project.Funding.SELF_RAISED, ["城北村"], "80000",
     [("self_raised", "50000", "2014-04-01"), ("donation", "30000", "2014-05-10")],
     [("self_raised", "48000", "桥体建设", "2014-09-20"), ("donation", "30000", "护栏与引道", "2014-09-28")],
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
    ("实验小学红十字博爱书屋", Project.Kind.READING_ROOM, 2024, Project.Funding.SELF_RAISED, ["实验小学"], "36000",
     [("self_raised", "20000", "2024-03-20"), ("donation", "15600", "2024-04-23")],
     [("self_raised", "19200", "书架与阅读桌椅", "2024-05-10"), ("donation", "15600", "图书购置", "2024-05-28")],
     [(Status.APPROVED, "2024-03-12"), (Status.IMPLEMENTING, "2024-04-01"), (Status.COMPLETED, "2024-06-01")]),
    ("西园社区助老活动中心提升", Project.Kind.ELDERLY_CARE, 2024, Project.Funding.SELF_RAISED, ["西园社区"], "45000",
     [("self_raised", "30000", "2024-07-02"), ("donation", "12000", "2024-08-15")],
     [("self_raised", "28600", "康复器材更新", "2024-09-06"), ("donation", "11800", "适老化改造", "2024-10-08")],
     [(Status.APPROVED, "2024-06-18"), (Status.IMPLEMENTING, "2024-07-05"), (Status.COMPLETED, "2024-10-25")]),
    ("北苑社区博爱家园建设", Project.Kind.FRATERNITY_HOME, 2025, Project.Funding.APPLIED_UPWARD, ["北苑社区"],
     "150000", [("provincial", "100000", "2025-05-10"), ("self_raised", "50000", "2025-06-03")],
     [("provincial", "58000", "博爱书屋与助老服务站", "2025-09-18"),
      ("self_raised", "26000", "助老服务站设备", "2025-11-20"),
      ("provincial", "40000", "应急救护培训教室", "2026-04-16"), ("self_raised", "21500", "博爱广场", "2026-06-12")],
     [(Status.APPLIED, "2025-02-20"), (Status.APPROVED, "2025-04-28"), (Status.IMPLEMENTING, "2025-05-15"),
      (Status.COMPLETED, "2026-06-30")]),
    ("东湖社区博爱书屋图书更新", Project.Kind.READING_ROOM, 2025, Project.Funding.SELF_RAISED, ["东湖社区"], "18000",
     [("donation", "18000", "2025-04-23")], [("donation", "17350", "图书与电子阅读设备", "2025-06-10")],
     [(Status.APPROVED, "2025-04-10"), (Status.IMPLEMENTING, "2025-04-25"), (Status.COMPLETED, "2025-06-30")]),
    ("实验小学红十字应急救护体验角", Project.Kind.OTHER, 2026, Project.Funding.SELF_RAISED, ["实验小学"], "28000",
     [("self_raised", "16000", "2026-04-08"), ("donation", "10000", "2026-05-08")],
     [("self_raised", "12400", "模拟人与 AED 训练机", "2026-06-15")],
     [(Status.APPROVED, "2026-03-30"), (Status.IMPLEMENTING, "2026-04-10")]),
    ("南湖社区博爱家园建设", Project.Kind.FRATERNITY_HOME, 2026, Project.Funding.APPLIED_UPWARD, ["南湖社区"],
     "150000", [], [], [(Status.APPLIED, "2026-09-15")]),
]

# The activities of a year: (calendar rule, kind, site, title, participants, volunteers, beneficiaries, books,
# first year it happens counted from the oldest year shown). Rules are read by redcross.demo.when.
ACTIVITIES = [
    (("sf", -12), Kind.OTHER, "东湖社区", "东湖社区开展“红十字博爱送万家”春节走访慰问活动", 18, 12, 60, None, 0),
    (("sf", -8), Kind.VETERANS, "西园社区", "西园社区红十字志愿者春节前走访慰问老兵", 10, 8, 16, None, 0),
    ((3, 5), Kind.OTHER, "东湖社区", "东湖社区开展学雷锋志愿服务活动", 60, 25, 150, None, 0),
    ((3, 16), Kind.VOLUNTEER_TRAINING, "东湖社区", "东湖社区开展红十字志愿者岗前培训", 42, 6, 42, None, 0),
    ((4, 12), Kind.ELDER_CARE_TRAINING, "西园社区", "西园社区开展养老照护技能培训", 36, 5, 36, None, 0),
    ((4, 23), Kind.BOOK_DRIVE, "东湖社区", "东湖社区开展“书香博爱”世界读书日募集图书活动", 45, 10, 260, 420, 0),
    ((4, 26), Kind.VOLUNTEER_TRAINING, "北苑社区", "北苑社区博爱家园志愿者岗前培训", 38, 5, 38, None, 1),
    ((5, 8), Kind.DRAMA, "东湖社区", "东湖社区举办“世界红十字日”救护知识情景剧汇演", 130, 22, 320, None, 0),
    ((5, 11), Kind.CARING_MOTHERS, "西园社区", "西园社区开展“爱心妈妈”母亲节结对关爱活动", 26, 13, 13, None, 0),
    ((6, 1), Kind.CARING_MOTHERS, "东湖社区", "东湖社区“爱心妈妈”陪伴留守儿童过六一", 30, 15, 15, None, 0),
    ((6, 5), Kind.OTHER, "实验小学", "实验小学红十字少年开展防溺水主题宣传", 120, 8, 600, None, 0),
    ((6, 20), Kind.FIRST_AID_TRAINING, "南河村", "南河村开展暑期防溺水与应急救护知识宣传", 85, 8, 85, None, 0),
    ((7, 10), Kind.OTHER, "北苑社区", "北苑社区开展暑期防溺水安全宣传活动", 55, 9, 130, None, 1),
    ((7, 15), Kind.HOME_VISIT, "西园社区", "西园社区红十字志愿者夏季高温入户助老服务", 14, 14, 32, None, 0),
    ((7, 28), Kind.OTHER, "城北村", "城北村开展暑期防溺水安全宣传进村入户活动", 60, 10, 140, None, 0),
    ((8, 1), Kind.VETERANS, "西园社区", "西园社区开展“八一”建军节慰问老兵活动", 12, 10, 18, None, 0),
    (("first_aid_day", 0), Kind.FIRST_AID_TRAINING, "东湖社区", "东湖社区开展“世界急救日”应急救护培训进社区活动",
     55, 6, 55, None, 0),
    ((9, 22), Kind.VOLUNTEER_TRAINING, "西园社区", "西园社区新招募红十字志愿者岗前培训", 32, 4, 32, None, 0),
    ((9, 26), Kind.BOOK_DRIVE, "实验小学", "实验小学开展红十字博爱书屋开学季图书募集", 80, 6, 900, 560, 0),
    ((9, 27), Kind.FIRST_AID_TRAINING, "北苑社区", "北苑社区开展居民应急救护知识普及活动", 48, 5, 48, None, 1),
    (("cy", 0), Kind.HOME_VISIT, "西园社区", "西园社区开展重阳节敬老志愿服务活动", 40, 20, 85, None, 0),
    (("cy", 1), Kind.HOME_VISIT, "北苑社区", "北苑社区开展重阳节走访慰问高龄老人活动", 22, 12, 46, None, 1),
    (("cy", 2), Kind.ELDER_CARE_TRAINING, "东湖社区", "东湖社区开展重阳节养老照护培训及入户服务", 30, 8, 45, None, 0),
    ((11, 9), Kind.FIRST_AID_TRAINING, "东湖社区", "东湖社区开展冬季消防安全与应急救护演练", 70, 8, 70, None, 0),
    ((11, 22), Kind.BOOK_DRIVE, "北苑社区", "北苑社区博爱书屋开展爱心图书募集", 35, 8, 150, 300, 1),
    ((12, 5), Kind.OTHER, "东湖社区", "东湖社区开展“国际志愿者日”红十字志愿服务活动", 50, 30, 120, None, 0),
    ((12, 20), Kind.HOME_VISIT, "西园社区", "西园社区开展冬季送温暖入户助老服务", 16, 16, 40, None, 0),
]
# The monthly home visits of the Xiyuan volunteers, besides the seasonal ones above.
HOME_VISIT_MONTHS = (3, 4, 5, 6, 8, 9, 11)
HOME_VISIT = ("西园社区", "西园社区红十字志愿者入户助老服务", 12, 12, 28)
