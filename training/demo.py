"""The five bases of the source report (东西南北中), a year of sessions of each course, visits, certificates."""

import datetime as dt
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from redcross.dates import add_years
from redcross.validators import resident_id_check_char

from .models import (
    Base,
    BaseFunding,
    Certificate,
    Course,
    Equipment,
    Instructor,
    Registration,
    Session,
    Trainee,
    Visit,
)

BASES = [
    # name, position, host, address, lat, lng, seats, standardised since, manager, agreement, opened
    ("中专校救护培训教室", Base.Position.WEST, "市中等专业学校", "职教路 2 号", "32.5312", "120.4256", 40, None, "",
     Base.Agreement.OTHER, "2014-09-01"),
    ("市一中救护培训教室", Base.Position.CENTRE, "市第一中学", "文明路 18 号", "32.5370", "120.4531", 50, None, "",
     Base.Agreement.OTHER, "2015-09-01"),
    ("东湖社区救护培训教室", Base.Position.EAST, "东湖社区", "东湖路 8 号", "32.5341", "120.4598", 30, None, "",
     Base.Agreement.OTHER, "2018-09-10"),
    ("人力资源产业园救护培训基地", Base.Position.NORTH, "市人力资源产业园", "高新区创业路 66 号", "32.5602", "120.4483",
     60, "2019-12-20", "市红十字救援队", Base.Agreement.FREE_LONG_TERM, "2019-12-20"),
    ("气象科普园救护培训基地", Base.Position.SOUTH, "市气象科普园", "西郊气象路 1 号", "32.5188", "120.4102", 40,
     "2019-12-20", "", Base.Agreement.FREE_LONG_TERM, "2019-12-20"),
]
EQUIPMENT = [("成人心肺复苏模拟人", 10), ("儿童心肺复苏模拟人", 4), ("AED 训练机", 6), ("创伤包扎用品", 40)]
COURSES = [
    ("应急救护普及培训", Course.Kind.AWARENESS, "4", False, None),
    ("救护员培训", Course.Kind.FIRST_AIDER, "16", True, 3),
    ("养老照护培训", Course.Kind.ELDER_CARE, "8", False, None),
    ("志愿者岗前培训", Course.Kind.VOLUNTEER, "4", False, None),
    ("红十字救护师资培训", Course.Kind.INSTRUCTOR, "40", True, 3),
]
INSTRUCTORS = [("周建华", "救护师资（省级）"), ("吴敏", "救护师资"), ("郑海燕", "养老照护师资")]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙朱马胡郭林何高罗"
GIVEN = ["芳", "强", "伟", "静", "磊", "敏", "洋", "艳", "军", "娜", "杰", "丽", "涛", "婷", "明", "霞"]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _person(n: int) -> tuple[str, str, str]:
    name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)] + ("" if n < 320 else str(n))
    first17 = f"320621{1960 + n % 45}{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return name, f"139{n:08d}", first17 + resident_id_check_char(first17)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed_bases(suffix: str = "") -> list[Base]:
    bases = []
    for name, position, host, address, lat, lng, seats, since, manager, agreement, opened in BASES:
        base, created = Base.objects.get_or_create(name=f"{name}{suffix}", defaults={
            "position": position, "host": host, "address": address, "latitude": Decimal(lat),
            "longitude": Decimal(lng), "seats": seats, "standardised": since is not None,
            "standardised_since": since and _day(since), "manager": manager, "agreement": agreement,
            "agreement_start": _day(opened) if agreement == Base.Agreement.FREE_LONG_TERM else None,
            "opened_on": _day(opened), "contact_phone": "0513-12345678", "published": True,
            "opening_notes": "团体培训请提前一周预约。",
        })
        if created:
            for item, count in EQUIPMENT:
                Equipment.objects.create(base=base, name=item, count=count)
            if since:
                BaseFunding.objects.create(base=base, source="provincial", amount=Decimal("70000"),
                                           spent_on=_day("2019-06-10"), purpose="基地设备与布置")
            else:
                BaseFunding.objects.create(base=base, source="self_raised", amount=Decimal("35000"),
                                           spent_on=_day(opened), purpose="教室设备")
        bases.append(base)
    return bases


def seed_sessions(bases: list[Base], courses: dict[str, Course], instructors, suffix: str = "") -> None:
    today = timezone.localdate()
    if Session.objects.filter(title__endswith=f"（演示）{suffix}").exists():
        return
    next_person = (Trainee.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    plan = list(courses.values())
    for month in range(12, -2, -1):  # a year of held sessions, and the next weeks open for sign-up
        for index, course in enumerate(plan):
            day = today - dt.timedelta(days=month * 30 - index * 5 - 2)
            base = bases[(month + index) % len(bases)]
            held = day < today
            session = Session.objects.create(
                course=course, base=base, title=f"{course.name}（演示）{suffix}", starts_at=_moment(day, 9),
                ends_at=_moment(day + dt.timedelta(days=1 if course.hours > 8 else 0), 17 if course.hours > 4 else 12),
                audience=[Session.Audience.RESIDENTS, Session.Audience.STUDENTS, Session.Audience.EMPLOYEES][index % 3],
                seats=min(base.seats, 30), public_signup=not held,
                status=Session.Status.HELD if held else Session.Status.OPEN,
                organiser="市红十字会",
            )
            session.instructors.set(instructors[: 1 + index % 2])
            people = 6 if held else 2
            for _ in range(people):
                name, mobile, resident_id = _person(next_person)
                next_person += 1
                trainee, _created = Trainee.objects.get_or_create(
                    name=name, mobile=mobile, defaults={"resident_id": resident_id, "organisation": "示例单位"}
                )
                registration = Registration.objects.create(
                    session=session, trainee=trainee, status=Registration.Status.CONFIRMED,
                    code=Registration.new_code(), attended=True if held else None,
                    passed=(True if held and course.certifies else None), consent_at=session.starts_at,
                )
                if held and course.certifies:
                    # Certificates of the first sessions are dated years back so that some have expired.
                    issued = day - dt.timedelta(days=365 * 3) if month >= 11 else day
                    Certificate.objects.create(
                        number=f"RC-{issued.year}-D{registration.pk:05d}", trainee=trainee, course=course,
                        session=session, issued_on=issued, expires_on=add_years(issued, course.validity_years),
                        token=Certificate.new_token(),
                    )
    # On-site sessions for units, counted by headcount only.
    for month in range(1, 12, 2):
        day = today - dt.timedelta(days=month * 30 + 10)
        Session.objects.create(
            course=courses["应急救护普及培训"], venue=f"开发区企业{month}号厂区",
            title=f"企业职工救护普及（演示）{suffix}",
            starts_at=_moment(day, 14), ends_at=_moment(day, 17), audience=Session.Audience.EMPLOYEES,
            organiser=f"开发区企业{month}", seats=200, headcount=80 + month * 5, status=Session.Status.HELD,
        )


def seed_visits(park: Base) -> None:
    today = timezone.localdate()
    for n in range(11):
        Visit.objects.get_or_create(
            base=park, date=today - dt.timedelta(days=20 + n * 31), organisation=f"实验小学{n % 6 + 1}年级",
            defaults={"headcount": 40 + n, "activities": "灾害气候科普体验与心肺复苏演示"},
        )


def seed(scale: int = 1) -> None:
    courses = {}
    for name, kind, hours, certifies, years in COURSES:
        courses[name], _created = Course.objects.get_or_create(name=name, defaults={
            "kind": kind, "hours": Decimal(hours), "certifies": certifies, "validity_years": years,
        })
    instructors = [
        Instructor.objects.get_or_create(name=name, defaults={"qualification": qualification})[0]
        for name, qualification in INSTRUCTORS
    ]
    for copy in range(1, scale + 1):
        suffix = "" if copy == 1 else f"（{copy}）"
        bases = seed_bases(suffix)
        seed_sessions(bases, courses, instructors, suffix)
        seed_visits(bases[-1])
