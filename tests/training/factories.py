import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone

from redcross.validators import resident_id_check_char
from training.models import Base, Certificate, Course, Registration, Session, Trainee, Visit

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def resident_id(n: int, birth: str = "19900307") -> str:
    """A valid 18-character resident ID (right check character) for test person n."""
    first17 = f"320621{birth}{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def mobile(n: int) -> str:
    return f"138{n:08d}"


def at(text: str) -> dt.datetime:
    """A moment written as China time, e.g. at("2025-06-01 09:00")."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


class BaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Base
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"救护培训基地{n}")
    position = Base.Position.CENTRE
    host = "人力资源产业园"
    address = factory.Sequence(lambda n: f"开发大道 {n} 号")
    seats = 40
    published = True


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("name",)

    name = "应急救护普及培训"
    kind = Course.Kind.AWARENESS
    hours = Decimal("4.0")


class FirstAiderCourseFactory(CourseFactory):
    name = "救护员培训"
    kind = Course.Kind.FIRST_AIDER
    hours = Decimal("16.0")
    certifies = True
    validity_years = 3


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    base = factory.SubFactory(BaseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    audience = Session.Audience.PUBLIC
    seats = 30
    public_signup = True
    status = Session.Status.OPEN


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee

    name = factory.Sequence(lambda n: f"学员{n}")
    mobile = factory.Sequence(mobile)
    resident_id = factory.Sequence(resident_id)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    trainee = factory.SubFactory(TraineeFactory)
    status = Registration.Status.CONFIRMED
    code = factory.LazyFunction(Registration.new_code)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    number = factory.Sequence(lambda n: f"RC-2025-{n + 1:05d}")
    trainee = factory.SubFactory(TraineeFactory)
    course = factory.SubFactory(FirstAiderCourseFactory)
    issued_on = dt.date(2025, 6, 1)
    expires_on = dt.date(2028, 6, 1)
    token = factory.LazyFunction(Certificate.new_token)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    base = factory.SubFactory(BaseFactory)
    date = dt.date(2025, 5, 12)
    organisation = "实验小学四年级"
    headcount = 45
    activities = "灾害气候科普体验"


def registration_of(session, name) -> Registration:
    return session.registrations.get(trainee__name=name)


def grant_personal_data(user):
    user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    return type(user).objects.get(pk=user.pk)  # a fresh user: permissions are cached on the instance


def masked_id(number: str) -> str:
    return number[:4] + "*" * 10 + number[-4:]


def masked_mobile(number: str) -> str:
    return number[:3] + "****" + number[-4:]
