"""The tables of the training demo: the five bases of the source report, the courses, and the calendar of a
year's sessions and visits (rules read by redcross.demo.when; the last column is the first year a row happens,
counted from the oldest year shown)."""

from .models import Base, Course, Session

A = Session.Audience
AID, AWARENESS, ELDER, VOLUNTEER = "救护员培训", "应急救护普及培训", "养老照护培训", "志愿者岗前培训"
WEST, CENTRE, EAST, NORTH, SOUTH = range(5)

BASES = [
    # name, position, host, address, lat, lng, seats, opened, standardised since, manager, agreement from
    ("中专校救护培训教室", Base.Position.WEST, "市中等专业学校", "职教路 2 号", "32.5312", "120.4256", 40,
     "2013-10-15", "2025-09-01", "", None),
    ("市一中救护培训教室", Base.Position.CENTRE, "市第一中学", "文明路 18 号", "32.5370", "120.4531", 50,
     "2015-09-01", None, "", None),
    ("东湖社区救护培训教室", Base.Position.EAST, "东湖社区", "东湖路 8 号", "32.5341", "120.4598", 30,
     "2017-11-20", None, "", None),
    ("人力资源产业园救护培训基地", Base.Position.NORTH, "市人力资源产业园", "高新区创业路 66 号", "32.5602", "120.4483",
     60, "2019-12-20", "2019-12-20", "市红十字救援队", "2018-09-01"),
    ("气象科普园救护培训基地", Base.Position.SOUTH, "市气象科普园", "西郊气象路 1 号", "32.5188", "120.4102", 40,
     "2019-12-20", "2019-12-20", "", "2018-10-15"),
]
# The street or town of each base, in the order of BASES.
TOWNS = ["城西街道", "城中街道", "城东街道", "高新区", "南河镇"]
# How to find the room, base by base.
DIRECTIONS = [
    "从职教路校门进入，实训楼 3 楼 302 室；校内可临时停车，请向门卫说明参加救护培训。",
    "从文明路东侧门进入，科技楼 1 楼报告厅旁；学校内不对外停车，请在文明路公共停车场停车。",
    "东湖社区党群服务中心 2 楼，沿东湖路入口的坡道可到电梯；社区门口有少量车位。",
    "产业园 B 座 1 楼东侧，正门右手边有红十字标识；园区地面停车场免费。",
    "气象科普园北门进入，科普馆 2 楼救护培训室；北门外有停车场，公交 12 路气象园站下车。",
]
# base, source, amount, spent on, purpose
BASE_MONEY = [
    (WEST, "self_raised", "35000", "2013-10-15", "教室装修与模拟人购置"),
    (CENTRE, "self_raised", "40000", "2015-08-15", "教室设备"),
    (EAST, "self_raised", "30000", "2017-11-01", "教室设备"),
    (NORTH, "provincial", "70000", "2019-06-10", "基地设备与布置（省补）"),
    (SOUTH, "provincial", "70000", "2019-07-22", "基地设备与布置（省补）"),
    (SOUTH, "self_raised", "12000", "2024-04-18", "补充模拟人与 AED 训练机"),
    (WEST, "self_raised", "26000", "2025-08-20", "按省规范化建设标准升级改造"),
    (NORTH, "self_raised", "15000", "2026-03-25", "更新心肺复苏模拟人"),
]
EQUIPMENT = [("成人心肺复苏模拟人", 10), ("儿童心肺复苏模拟人", 4), ("AED 训练机", 6), ("创伤包扎用品", 40)]
COURSES = [
    (AWARENESS, Course.Kind.AWARENESS, "4", False, None, "心肺复苏、AED 使用、气道异物梗阻与创伤救护的普及课程。"),
    (AID, Course.Kind.FIRST_AIDER, "16", True, 3, "两天理论与实操，考核合格颁发救护员证，有效期三年。"),
    (ELDER, Course.Kind.ELDER_CARE, "8", False, None, "居家照护、防跌倒与常见慢病照护。"),
    (VOLUNTEER, Course.Kind.VOLUNTEER, "4", False, None, "红十字运动知识、志愿服务规范与基本救护。"),
    ("红十字救护师资培训", Course.Kind.INSTRUCTOR, "40", True, 3, "由省红十字会组织，培养应急救护师资。"),
]
WHAT_TO_BRING = {
    AWARENESS: "请穿便于跪地操作的宽松衣物和平底鞋。",
    AID: "请带身份证（考核时核对）、笔，穿便于跪地操作的宽松衣物和平底鞋；两天课程，午餐自理。",
    ELDER: "请带笔和笔记本，穿舒适的衣物。",
    VOLUNTEER: "请带笔；已注册的志愿者请带志愿者证。",
}
INSTRUCTORS = [("周建华", "救护师资（省级）"), ("吴敏", "救护师资"), ("郑海燕", "养老照护师资"),
               ("陈志刚", "救护师资"), ("陆晓燕", "救护师资"), ("顾卫东", "救护师资（救援队）")]

# Sessions at a base with trainees by name: rule, course, base, audience, title, organiser, since.
NAMED = [
    ((1, 9), AID, NORTH, A.EMPLOYEES, "高新区企业职工救护员培训班", "高新区管委会", 0),
    ((3, 11), VOLUNTEER, NORTH, A.VOLUNTEERS, "红十字志愿者岗前培训", "市红十字会", 0),
    ((3, 14), AID, WEST, A.STUDENTS, "中专校学生救护员培训班", "市中等专业学校", 0),
    ((3, 20), AWARENESS, EAST, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    ((3, 27), AID, NORTH, A.EMPLOYEES, "开发区企业职工救护员培训班", "市经济开发区", 0),
    ((4, 16), AID, CENTRE, A.TEACHERS, "中小学教师救护员培训班", "市教育局", 0),
    ((4, 17), ELDER, EAST, A.RESIDENTS, "社区养老照护培训班", "东湖社区", 0),
    ((4, 22), AWARENESS, SOUTH, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    ((4, 24), AID, EAST, A.RESIDENTS, "社区居民救护员培训班", "东湖社区", 1),
    ((5, 7), AID, NORTH, A.VOLUNTEERS, "“世界红十字日”志愿者救护员培训班", "市红十字会", 0),
    ((5, 20), AWARENESS, NORTH, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    ((5, 22), AID, SOUTH, A.PUBLIC, "市民救护员公益培训班", "市红十字会", 0),
    ((6, 12), AID, WEST, A.STUDENTS, "中专校学生救护员培训班", "市中等专业学校", 0),
    ((6, 17), AWARENESS, CENTRE, A.STUDENTS, "暑期防溺水与应急救护公益课", "市红十字会", 0),
    ((6, 25), ELDER, EAST, A.RESIDENTS, "家庭照护者养老照护培训班", "东湖社区", 1),
    ((7, 8), AID, NORTH, A.PUBLIC, "暑期市民救护员公益培训班", "市红十字会", 0),
    ((7, 15), AWARENESS, SOUTH, A.PUBLIC, "暑期亲子应急救护体验课", "市红十字会", 0),
    ((7, 22), VOLUNTEER, NORTH, A.VOLUNTEERS, "暑期志愿者岗前培训", "市红十字会", 1),
    ((8, 19), AID, CENTRE, A.TEACHERS, "新学期教师救护员培训班", "市教育局", 1),
    ((8, 26), AWARENESS, EAST, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    (("first_aid_day", -1), AID, NORTH, A.PUBLIC, "“世界急救日”市民救护员培训班", "市红十字会", 0),
    ((9, 24), AID, WEST, A.STUDENTS, "中专校新生救护员培训班", "市中等专业学校", 0),
    ((9, 25), AWARENESS, NORTH, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    (("cy", -5), ELDER, EAST, A.RESIDENTS, "重阳节养老照护培训班", "西园社区", 0),
    ((10, 15), AID, SOUTH, A.EMPLOYEES, "旅游景区从业人员救护员培训班", "市文化广电和旅游局", 0),
    ((10, 22), AWARENESS, SOUTH, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    ((10, 28), AID, NORTH, A.EMPLOYEES, "企业安全员救护员培训班", "市应急管理局", 1),
    ((11, 5), VOLUNTEER, EAST, A.VOLUNTEERS, "社区红十字志愿者岗前培训", "东湖社区", 0),
    ((11, 12), AID, CENTRE, A.STUDENTS, "市一中学生救护员培训班", "市第一中学", 0),
    ((11, 19), AWARENESS, CENTRE, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    ((11, 20), AID, EAST, A.RESIDENTS, "社区居民救护员培训班", "东湖社区", 0),
    ((11, 26), ELDER, EAST, A.RESIDENTS, "冬季养老照护培训班", "北苑社区", 1),
    ((12, 4), AID, NORTH, A.EMPLOYEES, "高新区企业职工救护员培训班", "高新区管委会", 0),
    ((12, 11), AWARENESS, NORTH, A.PUBLIC, "市民应急救护公益课", "市红十字会", 0),
    ((12, 17), AID, SOUTH, A.PUBLIC, "市民救护员公益培训班", "市红十字会", 2),
]
# A public first-aider course over a weekend, always announced ahead (course, base, title, organiser, what to bring):
# the demo then has a session over two days open for sign-up whatever the day it is seeded.
WEEKEND_CLASS = (AID, CENTRE, "周末市民救护员培训班", "市红十字会",
                 "请带身份证（考核时核对）、笔和水杯，穿宽松衣物和平底鞋；周六、周日两天，午餐由培训点提供。")

# Sessions held on site for a unit, counted by headcount: rule, venue, audience, title, headcount, since.
ON_SITE = [
    ((3, 4), "城东小学", A.STUDENTS, "城东小学开学安全第一课", 130, 0),
    ((3, 21), "市供电公司", A.EMPLOYEES, "市供电公司应急救护知识讲座", 60, 0),
    ((4, 10), "华星电子科技有限公司", A.EMPLOYEES, "华星电子员工应急救护培训", 75, 0),
    ((4, 18), "南河中学", A.STUDENTS, "南河中学应急救护知识进校园", 120, 1),
    ((5, 9), "人民广场", A.PUBLIC, "“世界红十字日”应急救护进广场", 110, 0),
    ((5, 28), "市公交公司", A.EMPLOYEES, "公交驾驶员应急救护培训", 65, 0),
    ((6, 6), "市实验小学", A.STUDENTS, "实验小学暑期防溺水安全教育", 150, 0),
    ((6, 13), "城北中学", A.STUDENTS, "城北中学防溺水与自救互救知识讲座", 140, 0),
    ((6, 19), "南河小学", A.STUDENTS, "南河小学防溺水安全教育", 110, 2),
    ((7, 5), "东湖社区", A.RESIDENTS, "东湖社区暑期少儿防溺水课堂", 45, 0),
    ((8, 26), "市第二中学", A.STUDENTS, "市二中新生军训应急救护培训", 160, 0),
    (("first_aid_day", 0), "人民广场", A.PUBLIC, "“世界急救日”应急救护公益宣传", 130, 0),
    ((9, 18), "城东中学", A.STUDENTS, "城东中学应急救护知识进校园", 120, 1),
    ((10, 16), "市老年大学", A.RESIDENTS, "老年大学应急救护与防跌倒讲座", 60, 0),
    ((10, 24), "示例纺织有限公司", A.EMPLOYEES, "纺织企业员工应急救护培训", 70, 0),
    ((11, 9), "市民中心", A.PUBLIC, "“119”消防宣传月消防与救护知识培训", 90, 1),
    ((12, 3), "高新区企业服务中心", A.EMPLOYEES, "高新区企业安全员应急救护培训", 55, 0),
]
# Group visits: rule, base, organisation, headcount, since. The north base is a Red Cross position of the projects
# demo (linked by `link_positions`): its group visits are that position's bookings, not rows here.
VISITS = [
    ((3, 19), SOUTH, "市实验小学四年级", 46, 0), ((4, 9), SOUTH, "城东小学五年级", 42, 0),
    ((4, 25), SOUTH, "南河小学", 38, 1), ((5, 14), SOUTH, "城北中学初一年级", 50, 0),
    ((5, 27), SOUTH, "市第二实验小学", 44, 0), ((6, 10), SOUTH, "东湖幼儿园大班", 32, 2),
    ((9, 17), SOUTH, "城东小学四年级", 45, 0), ((10, 13), SOUTH, "市实验小学五年级", 48, 0),
    ((11, 6), SOUTH, "南河中学初一年级", 52, 0),
    ((11, 25), SOUTH, "城北小学", 40, 1), ((12, 9), SOUTH, "市第一中学高一年级", 55, 0),
]
VISIT_ACTIVITIES = {SOUTH: "灾害气候科普体验与心肺复苏演示", NORTH: "参观救援队装备室，体验心肺复苏与 AED 使用"}
# Where the named trainees of each audience come from, and the years they were born in.
ORGANISATIONS = {
    A.STUDENTS: (("市中等专业学校", "市第一中学"), 2006, 2010),
    A.TEACHERS: (("市第一中学", "市实验小学", "城东中学", "南河中学", "城北小学"), 1970, 1998),
    A.EMPLOYEES: (("华星电子科技有限公司", "市公交公司", "示例纺织有限公司", "市供电公司", "高新区管委会",
                   "示例湖旅游景区", "市人力资源产业园"), 1972, 2001),
    A.RESIDENTS: (("东湖社区", "西园社区", "北苑社区"), 1956, 1990),
    A.VOLUNTEERS: (("市红十字救援队", "市志愿者协会", "东湖社区志愿服务队"), 1968, 2004),
    A.PUBLIC: (("", ""), 1965, 2005),
}
