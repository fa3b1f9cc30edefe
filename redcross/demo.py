"""Demo data of the core: the branch profile and one staff account per role, and the helpers every app's demo
uses to make dates, people and photos a branch would recognise."""

import datetime as dt
import io
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from .models import BranchProfile
from .roles import FINANCE_MANAGER, LEADERSHIP, PROJECTS_MANAGER, PUBLICITY_MANAGER, TRAINING_MANAGER
from .validators import resident_id_check_char

DEMO_PASSWORD = "redcross-demo"  # noqa: S105 - printed to the developer; seed_demo refuses to run in production
DEMO_ACCOUNTS = (
    ("demo-admin", "系统管理员", None),
    ("demo-projects", "项目专员", PROJECTS_MANAGER),
    ("demo-training", "培训专员", TRAINING_MANAGER),
    ("demo-publicity", "宣传专员", PUBLICITY_MANAGER),
    ("demo-finance", "财务专员", FINANCE_MANAGER),
    ("demo-leader", "会领导", LEADERSHIP),
)
START_DATES = {
    "projects_started_on": "2014-03-01",  # the 博爱桥 of 城北村, the first project
    "training_started_on": "2013-10-15",  # the classroom at the vocational school
    "correspondents_started_on": "2019-04-18",  # 红十字信息宣传工作座谈会
    "wechat_started_on": "2013-06-01",  # the rescue team's account
}

# Surnames weighted roughly as common as they are; given names of one or two characters.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方邹孟熊秦邱江尹薛顾陶"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华玉萍红玲燕春兰凤洁梅琳云莲雪荣香月瑞佳嘉琼珍莉晶妍倩婷"
    "颖露瑶怡丹蓉君琴蕊薇梦岚欣宁晓欢凯浩宇轩博文俊晨阳辰逸鑫志建国海峰立新东永庆亮斌鹏辉健国民德"
)
MOBILE_PREFIXES = ("138", "139", "137", "136", "135", "150", "151", "152", "157", "158", "159", "182", "187",
                   "188", "183", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "189", "199")
AREA_CODES = ("320621", "320621", "320621", "320623", "320682", "320602")
# Lunar holidays by year: the Spring Festival (fewer activities in its week) and 重阳节 (elder care in October).
SPRING_FESTIVAL = {2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17", 2027: "02-06",
                   2028: "01-26", 2029: "02-13", 2030: "02-03"}
CHONGYANG = {2022: "10-04", 2023: "10-23", 2024: "10-11", 2025: "10-29", 2026: "10-18", 2027: "10-08",
             2028: "10-26", 2029: "10-16", 2030: "10-05"}
# Each year a little more than the one before it: the oldest of the three years shown, then each later one.
GROWTH = (0.86, 1.0, 1.09)


def seed(scale: int = 1) -> list[tuple[str, str]]:
    profile = BranchProfile.load()
    if profile.address == "":
        profile.name = "示例市红十字会"
        profile.short_name = "示例红会"
        profile.name_en = "Red Cross Society of Example City"
        profile.address = "示例市人民路 100 号"
        profile.phone = "0513-12345678"
        profile.email = "redcross@example.cn"
        profile.wechat_name = "示例市红十字救援队"
        profile.icp_number = "苏ICP备00000000号-1"
        profile.save()
    empty = [field for field in START_DATES if getattr(profile, field) is None]
    for field in empty:
        setattr(profile, field, day(START_DATES[field]))
    if empty:
        profile.save(update_fields=empty)

    user_model = get_user_model()
    logins = []
    for username, first_name, role in DEMO_ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "is_staff": True, "is_superuser": role is None},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if role is not None:
            user.groups.set([Group.objects.get(name=role.name)])
        logins.append((username, role.name if role else "超级管理员"))
    return logins


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def moment(on: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(on, dt.time(hour, minute)))


def demo_years() -> list[int]:
    """The two last full years and the current one, which the demo covers up to yesterday."""
    this_year = timezone.localdate().year
    return [this_year - 2, this_year - 1, this_year]


def growth(year: int) -> float:
    return GROWTH[max(0, min(2, year - demo_years()[0]))]


def spring_festival(year: int) -> dt.date:
    return day(f"{year}-{SPRING_FESTIVAL.get(year, '02-05')}")


def chongyang(year: int) -> dt.date:
    return day(f"{year}-{CHONGYANG.get(year, '10-15')}")


def second_saturday(year: int, month: int) -> dt.date:
    """World First Aid Day is the second Saturday of September."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(5 - first.weekday()) % 7 + 7)


def when(year: int, rule) -> dt.date:
    """A day of `year` from a calendar rule: (month, day), ("sf", days from the Spring Festival), ("cy", days from
    重阳节) or ("first_aid_day", days from it); a working day of the Spring Festival week moves after it."""
    kind, offset = rule
    if kind == "sf":
        return spring_festival(year) + dt.timedelta(days=offset)
    if kind == "cy":
        return chongyang(year) + dt.timedelta(days=offset)
    if kind == "first_aid_day":
        return second_saturday(year, 9) + dt.timedelta(days=offset)
    on = dt.date(year, kind, offset)
    festival = spring_festival(year)
    if festival - dt.timedelta(days=2) <= on <= festival + dt.timedelta(days=6):
        on = festival + dt.timedelta(days=9)
    return on


def seeded(key: str) -> random.Random:
    """The same numbers on every run, so that the demo is the same wherever it is loaded."""
    return random.Random(key)  # noqa: S311 - demo data, not secrets


def person_name(rng: random.Random) -> str:
    weights = [len(SURNAMES) - n for n in range(len(SURNAMES))]
    surname = rng.choices(SURNAMES, weights=weights)[0]
    return surname + "".join(rng.sample(GIVEN, 1 if rng.random() < 0.3 else 2))


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def resident_id(rng: random.Random, born_from: int, born_to: int) -> str:
    born = dt.date(rng.randint(born_from, born_to), 1, 1) + dt.timedelta(days=rng.randrange(365))
    first17 = f"{rng.choice(AREA_CODES)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + resident_id_check_char(first17)


# Colours of the generated photos: sky, ground, walls, roofs.
PALETTES = {
    "community": ((150, 200, 235), (120, 170, 100), (235, 225, 205), (170, 80, 60)),
    "training": ((200, 215, 230), (180, 180, 175), (240, 240, 240), (60, 110, 170)),
    "event": ((250, 215, 170), (110, 160, 90), (245, 240, 230), (200, 40, 40)),
}


def photo(name: str, kind: str = "community", size: tuple[int, int] = (800, 520)) -> ContentFile:
    """A small JPEG drawn with shapes: sky, buildings, trees and the red cross on a white flag."""
    sky, ground, wall, roof = PALETTES[kind]
    rng = seeded(name)
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.68)
    draw.rectangle([0, horizon, width, height], fill=ground)
    x = rng.randint(10, 60)
    while x < width - 80:
        w, h = rng.randint(90, 170), rng.randint(120, 300)
        shade = tuple(max(0, c - rng.randint(0, 30)) for c in wall)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=shade)
        draw.polygon([(x - 8, horizon - h), (x + w // 2, horizon - h - 40), (x + w + 8, horizon - h)], fill=roof)
        for row in range(horizon - h + 20, horizon - 30, 40):
            for col in range(x + 15, x + w - 20, 30):
                draw.rectangle([col, row, col + 14, row + 20], fill=(120, 160, 200))
        x += w + rng.randint(20, 60)
    for _ in range(6):
        tx = rng.randint(0, width)
        draw.rectangle([tx - 4, horizon - 30, tx + 4, horizon + 10], fill=(110, 80, 50))
        draw.ellipse([tx - 28, horizon - 80, tx + 28, horizon - 24], fill=(60, 130, 70))
    fx, fy = int(width * 0.78), int(height * 0.12)
    draw.line([fx, fy, fx, horizon], fill=(90, 90, 90), width=4)
    draw.rectangle([fx + 2, fy, fx + 92, fy + 60], fill=(255, 255, 255))
    draw.rectangle([fx + 38, fy + 10, fx + 56, fy + 50], fill=(220, 20, 30))
    draw.rectangle([fx + 27, fy + 21, fx + 67, fy + 39], fill=(220, 20, 30))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")
