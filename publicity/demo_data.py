"""The tables of the publicity demo: correspondents and their appointments, outlets, and the year's newsworthy
events from which stories, placements, WeChat posts and the portal's news are written."""

from .models import Correspondent, Outlet, OutletLevel

K = Correspondent.Kind
L = OutletLevel

# meeting, date, note, people [(name, kind, organisation, ended on)]
BATCHES = [
    ("红十字信息宣传工作座谈会", "2019-04-18", "聘请热心公益的媒体人和志愿者为特约通讯员，出台信息宣传考评奖励办法。", [
        ("陈立新", K.MEDIA, "市融媒体中心", None), ("刘晓燕", K.MEDIA, "市广播电视台", None),
        ("黄建国", K.MEDIA, "示例日报社", "2025-03-31"), ("周雯", K.VOLUNTEER, "市红十字救援队", None),
        ("吴昊", K.VOLUNTEER, "市红十字救援队", None), ("徐丽", K.VOLUNTEER, "东湖社区", None),
        ("孙磊", K.MEDIA, "省报驻市记者站", None), ("朱红梅", K.STAFF, "市红十字会", None),
        ("马骏", K.VOLUNTEER, "市志愿者协会", None), ("胡婷", K.MEDIA, "市融媒体中心", None),
        ("郭晨", K.VOLUNTEER, "市第一中学", "2025-08-31"),
    ]),
    ("新闻宣传工作推进会", "2020-05-20", "表彰优秀通讯员，选聘优秀自媒体人。", [
        ("蒋文博", K.SELF_MEDIA, "“示例生活圈”公众号", None), ("沈佳怡", K.SELF_MEDIA, "“佳怡说示例”视频号", None),
    ]),
    ("红十字新闻宣传工作推进会暨优秀通讯员表彰会", "2025-04-22", "表彰年度优秀通讯员，增聘特约通讯员。", [
        ("潘宇航", K.SELF_MEDIA, "“示例头条”公众号", None), ("钱晓雯", K.MEDIA, "市融媒体中心", None),
        ("丁一鸣", K.VOLUNTEER, "市红十字救援队", None), ("范思琪", K.VOLUNTEER, "北苑社区", None),
    ]),
]
# The yearly meeting that commends the correspondents of the year before.
COMMENDED_AT = {2019: "2020-05-20", 2024: "2025-04-22", 2025: "2026-04-16"}

OUTLETS = [
    ("人民网", L.NATIONAL, Outlet.Kind.WEBSITE), ("新华网", L.NATIONAL, Outlet.Kind.WEBSITE),
    ("学习强国", L.NATIONAL, Outlet.Kind.OTHER),
    ("中国红十字报", L.HEADQUARTERS, Outlet.Kind.NEWSPAPER),
    ("中国红十字会总会网站", L.HEADQUARTERS, Outlet.Kind.WEBSITE),
    ("新华日报", L.PROVINCIAL, Outlet.Kind.NEWSPAPER), ("交汇点新闻", L.PROVINCIAL, Outlet.Kind.WEBSITE),
    ("省红十字会网站", L.PROVINCIAL_RED_CROSS, Outlet.Kind.WEBSITE),
    ("省红十字会微信公众号", L.PROVINCIAL_RED_CROSS, Outlet.Kind.WECHAT),
    ("南通日报", L.PREFECTURE, Outlet.Kind.NEWSPAPER), ("江海晚报", L.PREFECTURE, Outlet.Kind.NEWSPAPER),
    ("示例日报", L.LOCAL, Outlet.Kind.NEWSPAPER), ("示例电视台", L.LOCAL, Outlet.Kind.TV),
    ("示例发布", L.LOCAL, Outlet.Kind.WECHAT), ("示例融媒", L.LOCAL, Outlet.Kind.WEBSITE),
    ("“示例生活圈”公众号", L.OTHER, Outlet.Kind.WECHAT),
]
# How far a story travels: tier 0 is the local paper, each tier adds higher levels (the outlets of a level are
# taken in turn). Tier -1 stories are the branch's own (WeChat and the portal only).
TIERS = {
    0: (L.LOCAL,),
    1: (L.LOCAL, L.LOCAL),
    2: (L.LOCAL, L.LOCAL, L.PREFECTURE, L.PROVINCIAL_RED_CROSS),
    3: (L.LOCAL, L.LOCAL, L.PREFECTURE, L.PROVINCIAL_RED_CROSS, L.PROVINCIAL, L.NATIONAL, L.HEADQUARTERS),
}

# rule (redcross.demo.when), titles (one a year, in turn), news category, WeChat topic, tier
EVENTS = [
    (("sf", -12), ["市红十字会开展“博爱送万家”春节慰问活动", "“博爱送万家”春节慰问活动温暖困难群众",
                   "市红十字会春节前走访慰问困难家庭"], "news", "events", 2),
    (("sf", -8), ["西园社区红十字志愿者春节前走访慰问老兵", "红十字志愿者新春走访慰问老兵",
                  "新春慰问老兵 红十字志愿者送上祝福"], "volunteers", "events", 1),
    ((3, 5), ["东湖社区开展学雷锋志愿服务活动", "红十字志愿者学雷锋 志愿服务进社区", "学雷锋纪念日 红十字志愿者在行动"],
     "volunteers", "recruitment", 1),
    ((3, 14), ["市红十字会走进中专校开展救护员培训", "中专校学生参加救护员培训", "救护员培训走进中专校新学期课堂"],
     "training", "rescue", 1),
    ((4, 23), ["东湖社区开展“书香博爱”世界读书日募集图书活动", "“书香博爱”图书募集活动走进东湖社区",
               "世界读书日 东湖社区博爱书屋收到爱心图书"], "fraternity", "events", 1),
    ((5, 8), ["市红十字会举办“世界红十字日”主题宣传活动", "世界红十字日 救护知识情景剧走进东湖社区",
              "世界红十字日主题宣传活动在人民广场举行"], "news", "events", 3),
    ((5, 28), ["公交驾驶员接受应急救护培训", "市红十字会为公交驾驶员开展应急救护培训", "应急救护培训走进市公交公司"],
     "training", "rescue", 1),
    ((6, 6), ["市红十字会走进实验小学开展防溺水安全教育", "防溺水安全教育走进城北中学", "红十字防溺水安全教育进校园"],
     "training", "rescue", 2),
    ((6, 24), ["市红十字救援队开展汛期水上救援演练", "红十字救援队举行防汛应急拉练", "救援队开展水域救援实战演练"],
     "news", "rescue", 2),
    ((7, 15), ["西园社区红十字志愿者高温天入户助老", "高温天里的入户助老服务", "夏日送清凉 红十字志愿者入户助老"],
     "volunteers", "profiles", 1),
    ((7, 28), ["城北村开展暑期防溺水安全宣传进村入户活动", "暑期防溺水宣传走进城北村", "防溺水安全宣传进村入户"],
     "news", "events", 1),
    ((8, 1), ["西园社区开展“八一”建军节慰问老兵活动", "八一前夕 红十字志愿者走访慰问老兵",
              "建军节慰问老兵活动在西园社区举行"],
     "volunteers", "events", 1),
    (("first_aid_day", 0), ["市红十字会开展“世界急救日”主题宣传活动", "世界急救日应急救护公益宣传走进人民广场",
                            "世界急救日 市民在人民广场学习心肺复苏"], "training", "rescue", 3),
    ((9, 26), ["实验小学红十字博爱书屋开学季募集图书", "开学季 实验小学博爱书屋迎来新书",
               "博爱书屋开学季图书募集活动举行"],
     "fraternity", "events", 1),
    (("cy", 0), ["西园社区开展重阳节敬老志愿服务活动", "东湖社区开展重阳节养老照护培训及入户服务",
                 "北苑社区开展重阳节走访慰问高龄老人活动"], "fraternity", "events", 2),
    ((10, 15), ["旅游景区从业人员参加救护员培训", "景区从业人员学习应急救护技能", "救护员培训走进旅游景区"],
     "training", "rescue", 1),
    ((11, 9), ["东湖社区开展冬季消防安全与应急救护演练", "消防宣传月 东湖社区开展消防与救护演练",
               "冬季消防安全与应急救护演练在东湖社区举行"], "training", "rescue", 1),
    ((12, 5), ["市红十字会表彰年度优秀志愿者", "国际志愿者日 红十字志愿服务活动举行", "红十字志愿者度过自己的节日"],
     "volunteers", "profiles", 1),
    ((1, 20), ["{prev}年度社会捐赠款物接收和使用情况公示"], "disclosure", "fundraising", -1),
    ((7, 20), ["{year}年上半年社会捐赠款物接收和使用情况公示"], "disclosure", "fundraising", -1),
]
# Dated news of the projects and bases (the same dates as in their demos): date, title, category, tier.
DATED = [
    ("2024-06-01", "实验小学红十字博爱书屋建成投用", "fraternity", 2),
    ("2024-10-25", "西园社区助老活动中心完成提升改造", "fraternity", 1),
    ("2025-04-22", "市红十字会召开新闻宣传工作推进会 表彰优秀通讯员", "news", 1),
    ("2025-04-28", "北苑社区“博爱家园”项目获省红十字会批准", "fraternity", 2),
    ("2025-09-01", "中专校救护培训教室通过省规范化建设验收", "training", 2),
    ("2025-10-15", "北苑社区博爱书屋正式开放", "fraternity", 1),
    ("2026-04-10", "实验小学红十字应急救护体验角开工建设", "fraternity", 1),
    ("2026-04-16", "市红十字会召开新闻宣传工作会议 表彰优秀通讯员", "news", 1),
    ("2026-06-30", "北苑社区“博爱家园”项目通过验收", "fraternity", 3),
]
RESEARCH = [
    ((6, 30), "关于加强县级红十字会应急救护培训基地规范化建设的思考"),
    ((11, 28), "县级红十字会“博爱家园”项目可持续发展路径探析"),
    ((10, 30), "新媒体时代县级红十字会宣传工作的实践与思考"),
]
PROFILES = ["十年坚守救护培训一线", "把助老服务做进老人心里", "“爱心妈妈”的四季陪伴", "救援队里的多面手",
            "从学员到救护师资", "博爱书屋的守护人", "水上救援的“老把式”", "社区里的“急救达人”",
            "退休不褪色的红十字志愿者", "带着女儿做志愿", "用镜头记录博爱之光", "大学生志愿者的暑假"]
FIRST_AID_LESSONS = ["心肺复苏", "海姆立克急救法", "AED 怎么用", "烫伤的正确处理", "鼻出血怎么办", "中暑急救",
                     "溺水施救要点", "骨折的临时固定", "犬咬伤处理", "触电急救", "一氧化碳中毒急救",
                     "低血糖的识别与处置",
                     "踝关节扭伤", "毒蛇咬伤怎么办", "冻伤的处理", "老人跌倒怎么扶", "儿童高热惊厥", "创伤止血包扎"]
RESCUE_NEWS = ["救援队为城市马拉松提供应急救护保障", "救援队开展山地搜救训练", "救援队参加全市应急演练",
               "救援队开展绳索救援技能训练", "救援队为中考考点提供医疗保障", "救援队开展冬季冰面救援演练",
               "救援队队员参加省级救援技能培训", "救援队开展夜间搜救拉练"]
