"""What the training tests share: a session held last week with its trainees."""

import datetime as dt

import pytest
from django.utils import timezone

from training.models import Registration, Session

from .factories import FirstAiderCourseFactory, RegistrationFactory, SessionFactory, TraineeFactory, mobile, resident_id


@pytest.fixture
def past_session():
    """A certifying session that took place last week, with three confirmed trainees and one waiting."""
    starts = timezone.now() - dt.timedelta(days=7)
    session = SessionFactory(course=FirstAiderCourseFactory(), starts_at=starts, ends_at=starts + dt.timedelta(hours=8),
                             status=Session.Status.FULL, seats=3)
    for n, name in enumerate(["甲学员", "乙学员", "丙学员"], start=1):
        RegistrationFactory(session=session, trainee=TraineeFactory(name=name, mobile=mobile(n),
                                                                    resident_id=resident_id(n)))
    RegistrationFactory(session=session, status=Registration.Status.WAITING,
                        trainee=TraineeFactory(name="候补学员", mobile=mobile(9), resident_id=resident_id(9)))
    return session
