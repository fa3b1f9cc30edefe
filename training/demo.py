"""The five bases of the source report (东西南北中) and three years of sessions, sign-ups, attendance, exams,
certificates and visits, with the next weeks' sessions open for sign-up.

Registrations never outnumber the seats, attendance never the registrations, and a certificate is issued only to
someone who attended and passed a first-aider session, on the session's last day."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from redcross.dates import add_years
from redcross.demo import day, demo_years, growth, mobile, moment, person_name, photo, resident_id, seeded, when
from redcross.models import BranchProfile

from . import services
from .demo_data import (
    AID,
    BASE_MONEY,
    BASES,
    COURSES,
    DIRECTIONS,
    ELDER,
    EQUIPMENT,
    INSTRUCTORS,
    NAMED,
    NORTH,
    ON_SITE,
    ORGANISATIONS,
    TOWNS,
    VISIT_ACTIVITIES,
    VISITS,
    WEEKEND_CLASS,
    WHAT_TO_BRING,
)
from .models import (
    Base,
    BaseFunding,
    Certificate,
    CertificateSequence,
    Course,
    Equipment,
    Instructor,
    Registration,
    Session,
    Trainee,
    Visit,
)

AHEAD_DAYS = 45  # sessions announced ahead: open for sign-up within OPEN_DAYS, planned after
OPEN_DAYS = 30
# A typhoon closes one summer session of the middle year.
CANCELLED = ((7, 8), AID)


def seed_bases(suffix: str = "") -> list[Base]:
    bases = []
    for index, (name, position, host, address, lat, lng, seats, opened, since, manager, agreed) in enumerate(BASES):
        base = Base.objects.filter(name=f"{name}{suffix}").first()
        if base is None:
            base = Base(
                name=f"{name}{suffix}", position=position, host=host, address=address, latitude=Decimal(lat),
                longitude=Decimal(lng), seats=seats, standardised=since is not None,
                standardised_since=since and day(since), manager=manager,
                agreement=Base.Agreement.FREE_LONG_TERM if agreed else Base.Agreement.OTHER,
                agreement_start=agreed and day(agreed), opened_on=day(opened), contact_phone="0513-12345678",
                published=True, opening_notes="团体培训请提前一周预约；市民公益课在“培训报名”页面报名。",
                directions=DIRECTIONS[index], town=TOWNS[index],
            )
            if index == NORTH and not suffix:
                base.cover.save("base-north.jpg", photo(f"base {name}", "training"), save=False)
            base.save()
            for item, count in EQUIPMENT:
                Equipment.objects.create(base=base, name=item, count=count)
            for which, source, amount, spent, purpose in BASE_MONEY:
                if which == index:
                    BaseFunding.objects.create(base=base, source=source, amount=Decimal(amount),
                                               spent_on=day(spent), purpose=purpose)
        bases.append(base)
    return bases


class People:
    """Trainees made up deterministically; a few come back for a second course."""

    def __init__(self, seed: str):
        self.rng = seeded(seed)
        self.known: dict[tuple[str, str], Trainee] = {}
        self.new: list[Trainee] = []

    def pick(self, audience: str, exclude: set) -> Trainee:
        earlier = [person for person in self.new[-400:] if person.key not in exclude]
        if earlier and self.rng.random() < 0.06:
            return self.rng.choice(earlier)
        places, born_from, born_to = ORGANISATIONS[audience]
        while True:
            key = (person_name(self.rng), mobile(self.rng))
            if key not in self.known:
                break
        trainee = Trainee(name=key[0], mobile=key[1], resident_id=resident_id(self.rng, born_from, born_to),
                          organisation=self.rng.choice(places))
        trainee.key = key
        self.known[key] = trainee
        self.new.append(trainee)
        return trainee


def session_plan(today: dt.date, suffix: str) -> list[tuple]:
    """Every session of the years shown, and the ones announced for the next weeks."""
    years = demo_years()
    plan = []
    for year in [*years, years[-1] + 1]:
        offset = year - years[0]
        for rule, course, base, audience, title, organiser, since in NAMED:
            plan.append((when(year, rule), course, base, None, audience, title, organiser, None, offset >= since,
                         (rule, course) == CANCELLED and offset == 1))
        for rule, venue, audience, title, headcount, since in ON_SITE:
            people = round(headcount * growth(year) * seeded(f"{year}{title}").uniform(0.85, 1.15))
            plan.append((when(year, rule), "应急救护普及培训", None, f"{venue}{suffix}", audience, title, venue, people,
                         offset >= since, False))
    course, base, title, organiser = WEEKEND_CLASS[:4]
    saturday = today + dt.timedelta(days=7 + (5 - today.weekday()) % 7)
    plan.append((saturday, course, base, None, Session.Audience.PUBLIC, title, organiser, None, True, False))
    return [row for row in plan if row[8] and row[0] <= today + dt.timedelta(days=AHEAD_DAYS)
            and (row[0] < today or row[7] is None)]


def seed_sessions(bases: list[Base], courses: dict[str, Course], instructors: list[Instructor],
                  suffix: str = "") -> None:
    if Session.objects.filter(base__in=bases).exists():
        return
    today, now = timezone.localdate(), timezone.now()
    rng = seeded(f"sessions{suffix}")
    people = People(f"trainees{suffix}")
    signups: list[tuple[Registration, Trainee]] = []
    passed: list[tuple[Session, Trainee]] = []
    for on, course_name, base_index, venue, audience, title, organiser, headcount, _, cancelled in sorted(
        session_plan(today, suffix), key=lambda row: row[0]
    ):
        course = courses[course_name]
        base = None if venue else bases[base_index]
        days = 2 if course.hours > 8 else 1
        first, last = (8, 17) if course.hours >= 8 else ((14, 17) if venue else (13, 17))
        starts, ends = moment(on, first, 30), moment(on + dt.timedelta(days=days - 1), last, 30)
        ahead = on >= today
        status = (Session.Status.CANCELLED if cancelled else Session.Status.HELD if not ahead
                  else Session.Status.OPEN if on <= today + dt.timedelta(days=OPEN_DAYS) else Session.Status.PLANNED)
        seats = 300 if venue else min(base.seats, 30 if course_name == ELDER else 48)
        session = Session.objects.create(
            course=course, base=base, venue=venue or "", title=f"{title}{suffix}", starts_at=starts, ends_at=ends,
            audience=audience, organiser=organiser, seats=seats, headcount=headcount if not ahead else None,
            public_signup=base is not None and status != Session.Status.CANCELLED,
            signup_deadline=starts - dt.timedelta(days=1) if base else None, status=status,
            what_to_bring=WEEKEND_CLASS[4] if title == WEEKEND_CLASS[2] else "",
        )
        session.instructors.set(rng.sample(instructors, 2 if days == 2 else 1))
        if venue or cancelled or status == Session.Status.PLANNED:
            continue
        fill = rng.uniform(0.35, 0.7) if ahead else rng.uniform(0.72, 1.0) * growth(on.year)
        registered = min(seats, max(8, round(seats * fill)))
        absent = set(rng.sample(range(registered), min(registered, rng.randint(0, 3)))) if not ahead else set()
        failed = set(rng.sample(range(registered), rng.randint(0, 2))) if course.certifies and not ahead else set()
        taken = set()
        for n in range(registered):
            trainee = people.pick(audience, taken)
            taken.add(trainee.key)
            signed = starts - dt.timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 9))
            attended = None if ahead else n not in absent
            result = None if ahead or not course.certifies or not attended else n not in failed
            registration = Registration(
                session=session, status=Registration.Status.CONFIRMED, code=Registration.new_code(),
                created_at=min(signed, now), attended=attended, passed=result, consent_at=min(signed, now),
            )
            signups.append((registration, trainee))
            if result and course.kind == Course.Kind.FIRST_AIDER:
                passed.append((session, trainee))
    bulk_create_with_history(people.new, Trainee, batch_size=500)
    for registration, trainee in signups:
        registration.trainee = trainee
    bulk_create_with_history([registration for registration, _ in signups], Registration, batch_size=500)
    issue_certificates(passed)


def issue_certificates(passed: list[tuple[Session, Trainee]]) -> None:
    """Numbered as the certificate service numbers them, dated the session's last day."""
    code = BranchProfile.load().code
    sequences = dict(CertificateSequence.objects.values_list("year", "last"))
    certificates = []
    for session, trainee in passed:
        issued = timezone.localdate(session.ends_at)
        sequences[issued.year] = sequences.get(issued.year, 0) + 1
        certificates.append(Certificate(
            number=f"{code}-{issued.year}-{sequences[issued.year]:05d}", trainee=trainee, course=session.course,
            session=session, issued_on=issued, expires_on=add_years(issued, session.course.validity_years),
            token=Certificate.new_token(),
        ))
    bulk_create_with_history(certificates, Certificate, batch_size=500)
    for year, last in sequences.items():
        CertificateSequence.objects.update_or_create(year=year, defaults={"last": last})


def seed_visits(bases: list[Base]) -> None:
    today = timezone.localdate()
    years = demo_years()
    for year in years:
        for rule, base_index, organisation, headcount, since in VISITS:
            on = when(year, rule)
            if year - years[0] < since or on >= today:
                continue
            Visit.objects.get_or_create(base=bases[base_index], date=on, organisation=organisation, defaults={
                "headcount": round(headcount * seeded(f"{on}{organisation}").uniform(0.9, 1.1)),
                "activities": VISIT_ACTIVITIES[base_index],
            })


def link_positions(bases: list[Base]) -> None:
    """A base that the projects demo also seeded as a Red Cross position (same name) is linked to it."""
    positions = Base._meta.get_field("red_cross_position").related_model.objects
    for base in bases:
        position = positions.filter(name=base.name, training_base__isnull=True).first()
        if base.red_cross_position_id is None and position is not None:
            base.red_cross_position = position
            services.catalogue_save(record=base)


def seed(scale: int = 1) -> None:
    courses = {}
    for name, kind, hours, certifies, years, description in COURSES:
        courses[name], _created = Course.objects.get_or_create(name=name, defaults={
            "kind": kind, "hours": Decimal(hours), "certifies": certifies, "validity_years": years,
            "description": description, "what_to_bring": WHAT_TO_BRING.get(name, ""),
        })
    instructors = [
        Instructor.objects.get_or_create(name=name, defaults={"qualification": qualification})[0]
        for name, qualification in INSTRUCTORS
    ]
    for copy in range(1, scale + 1):
        suffix = "" if copy == 1 else f"（{copy}）"
        bases = seed_bases(suffix)
        seed_sessions(bases, courses, instructors, suffix)
        seed_visits(bases)
        link_positions(bases)
