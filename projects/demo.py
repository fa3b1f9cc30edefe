"""A believable city's Fraternity Homes, older projects, the projects of the last years and their activities: the
two last full years and the current one up to yesterday, with the rhythm of the seasons and holidays; the Red
Cross positions of every other kind (demo_positions); and the donations, whose uses make the projects' lines of
public donations (demo_donations)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from redcross.choices import FundingSource
from redcross.demo import day, demo_years, growth, photo, seeded, when

from .demo_data import ACTIVITIES, DESCRIPTIONS, HOME_VISIT, HOME_VISIT_MONTHS, HOURS, PROJECTS, SITES
from .demo_donations import fund_project, seed_donations
from .demo_positions import seed_positions
from .models import Activity, Facility, FacilityKind, FundingLine, Photo, Project, Site, SpendingLine
from .services import (
    activity_save,
    facility_save,
    photo_save,
    project_money_save,
    project_save,
    project_transition,
    site_save,
)

COVERS = ("东湖社区", "西园社区")  # sites shown with a photo on the public pages
FRONT_NAMES = {Site.Kind.COMMUNITY: "博爱家园"}


def optional_day(text: str | None) -> dt.date | None:
    return day(text) if text else None


def seed_site(name, kind, status, town, address, latitude, longitude, partners, started, built, facilities,
              suffix: str = "") -> Site:
    site = Site.objects.filter(name=f"{name}{suffix}").first()
    if site is None:
        site = Site(
            name=f"{name}{suffix}", kind=kind, status=status, community=name if kind == Site.Kind.COMMUNITY else "",
            town=town, address=address, latitude=latitude and Decimal(latitude),
            longitude=longitude and Decimal(longitude), partners=partners, published=True,
            started_on=day(started), built_on=optional_day(built),
            description=DESCRIPTIONS.get(name, f"{name}是我会的{FRONT_NAMES.get(kind, '人道项目')}站点。"),
        )
        if name in COVERS and not suffix:
            site.cover.save(f"site-{COVERS.index(name) + 1}.jpg", photo(f"site {name}"), save=False)
        site = site_save(site=site)
    for facility_name, opened, retired in facilities:
        if not site.facilities.filter(name=facility_name).exists():
            facility_save(facility=Facility(
                site=site, name=facility_name, kind=FacilityKind.objects.get(name=facility_name),
                opened_on=day(opened), retired_on=optional_day(retired),
                opening_hours=HOURS.get(facility_name, "周一至周五 8:30-17:00"),
            ))
    return site


def seed_project(title, kind, year, funding, site_names, budget, fundings, spendings, steps) -> None:
    if Project.objects.filter(title=title).exists():
        return
    project = project_save(project=Project(
        title=title, kind=kind, year=year, funding=funding, budget=Decimal(budget), published=True,
        description=f"{title}，预算 {Decimal(budget):,.0f} 元。",
    ))
    project.sites.set(Site.objects.filter(name__in=site_names))
    project.facilities.set(Facility.objects.filter(site__name__in=site_names, opened_on__year__gte=year - 1))
    # A line of public donations is made by the use of its gift, before the spending it pays for.
    for source, amount, received in fundings:
        if source == FundingSource.DONATION:
            fund_project(project, Decimal(amount), day(received))
    project_money_save(
        project=project,
        fundings=[FundingLine(source=source, amount=Decimal(amount), received_on=day(received))
                  for source, amount, received in fundings if source != FundingSource.DONATION],
        spendings=[SpendingLine(source=source, amount=Decimal(amount), purpose=purpose, spent_on=day(spent))
                   for source, amount, purpose, spent in spendings],
    )
    for to, on in steps:
        project = project_transition(project=project, to=to, on=day(on), note="按项目进度登记")


def year_plan(year: int) -> list[tuple]:
    """The activities of one year: the seasonal calendar and the monthly home visits."""
    offset = year - demo_years()[0]
    plan = [(when(year, rule), *rest) for rule, *rest, since in ACTIVITIES if offset >= since]
    site, title, people, volunteers, beneficiaries = HOME_VISIT
    plan += [(when(year, (month, 12)), Activity.Kind.HOME_VISIT, site, title, people, volunteers, beneficiaries, None)
             for month in HOME_VISIT_MONTHS]
    return sorted(plan, key=lambda row: row[0])


def seed_activities(suffix: str = "") -> None:
    today = timezone.localdate()
    sites = {site.name: site for site in Site.objects.filter(name__endswith=suffix)} if suffix else {
        site.name: site for site in Site.objects.all()}
    for year in demo_years():
        factor = growth(year)
        for date, kind, site_name, title, people, volunteers, beneficiaries, books in year_plan(year):
            site = sites[f"{site_name}{suffix}"]
            if date >= today or date < site.started_on:
                continue
            if Activity.objects.filter(date=date, title=f"{title}{suffix}").exists():
                continue
            rng = seeded(f"{date}{title}")
            jitter = factor * rng.uniform(0.9, 1.12)
            volunteers = max(2, round(volunteers * jitter))
            hours = Decimal(volunteers) * Decimal(rng.choice(("2", "2.5", "3", "3.5", "4")))
            people, beneficiaries = round(people * jitter), round(beneficiaries * jitter)
            activity = activity_save(activity=Activity(
                date=date, title=f"{title}{suffix}", kind=kind, site=site, participants=people,
                volunteers=volunteers, volunteer_hours=hours,
                beneficiaries=beneficiaries, books=books and round(books * jitter), published=True,
                description=f"{date.month}月{date.day}日，{title}。{volunteers}名红十字志愿者参与服务，"
                            f"参加活动{people}人次，服务群众{beneficiaries}人次。",
            ))
            if not suffix and "重阳节敬老" in title and year == demo_years()[1]:
                image = Photo(activity=activity, caption=title, order=0)
                image.image.save("chongyang.jpg", photo(f"activity {title}", "event"), save=False)
                photo_save(photo=image)


def seed_sites(suffix: str = "") -> None:
    for row in SITES:
        seed_site(*row, suffix=suffix)


def seed(scale: int = 1) -> None:
    seed_sites()
    for row in PROJECTS:
        seed_project(*row)
    seed_activities()
    seed_positions()
    seed_donations()
    for copy in range(2, scale + 1):
        suffix = f"（{copy}）"
        seed_sites(suffix)
        seed_activities(suffix)
        seed_positions(suffix)
