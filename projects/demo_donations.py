"""The demo city's donations: the gifts behind the projects' lines of public donations (each line made by a use of
its gift, so that the money pages read what they read before), and two years of gifts, last year's and this one's
up to today: money and goods, from people and organisations, named in full with consent, masked or anonymous,
directed to a project, a site or a purpose or left to the branch, used for relief and general purposes, some of
them not yet used. Every write goes through the services, as the finance office's login; safe to run again."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from redcross.demo import day, demo_years, mobile, person_name, seeded

from .demo_data import PROJECT_GIFTS
from .models import Allocation, Donation, Project, Site
from .services import allocation_save, donation_save

Kind, Channel, DonorKind = Donation.Kind, Donation.Channel, Donation.DonorKind
Publish, Direction, Target = Donation.PublishName, Donation.Direction, Allocation.Target
FINANCE_LOGIN = "demo-finance"
# Each year's gifts: (month, day), how given, donor kind, donor (None: a person drawn by name), name published as,
# direction, what it is directed to (a site, a purpose or a project), the gift (yuan, or goods: what, quantity, unit,
# estimated value), its uses [(days after receipt, relief or general, share of the gift, what for, people helped)].
# A use not yet due stays to come: the gift keeps what it has not used.
GIFTS = [
    ((1, 1), Channel.ONLINE, DonorKind.PERSON, None, Publish.MASKED, Direction.UNDIRECTED, "", "200",
     [(25, Target.GENERAL, "1", "春节“博爱送万家”慰问品", None)]),
    ((1, 15), Channel.BANK_TRANSFER, DonorKind.ORGANISATION, "示例纺织有限公司", Publish.FULL, Direction.UNDIRECTED, "",
     "20000", [(10, Target.RELIEF, "0.6", "春节走访慰问困难家庭", 80),
               (60, Target.GENERAL, "0.2", "红十字志愿服务队服装与装备", None)]),
    ((1, 20), Channel.GOODS, DonorKind.ORGANISATION, "市粮油贸易公司", Publish.FULL, Direction.UNDIRECTED, "",
     ("大米", "200", "袋", "16000"), [(5, Target.RELIEF, "0.5", "春节前向城北镇困难群众发放大米", 100),
                                     (40, Target.RELIEF, "0.5", "向南河镇低保家庭发放大米", 100)]),
    ((2, 12), Channel.CASH, DonorKind.PERSON, "", Publish.ANONYMOUS, Direction.UNDIRECTED, "", "500",
     [(30, Target.GENERAL, "1", "博爱书屋图书补充", None)]),
    ((3, 5), Channel.ONLINE, DonorKind.PERSON, None, Publish.MASKED, Direction.PURPOSE, "应急救护培训", "1000",
     [(30, Target.GENERAL, "1", "应急救护培训模拟人耗材", None)]),
    ((3, 22), Channel.BANK_TRANSFER, DonorKind.ORGANISATION, "华星电子科技有限公司", Publish.FULL, Direction.SITE,
     "北苑社区", "30000", []),
    ((5, 8), Channel.BANK_TRANSFER, DonorKind.ORGANISATION, "市人民医院工会", Publish.FULL, Direction.PURPOSE,
     "造血干细胞捐献宣传", "5000", [(20, Target.GENERAL, "0.8", "“世界红十字日”造血干细胞捐献宣传展板", None)]),
    ((6, 18), Channel.GOODS, DonorKind.ORGANISATION, "示例医药有限公司", Publish.MASKED, Direction.PURPOSE, "防暑降温",
     ("防暑药品", "300", "盒", "4500"), [(10, Target.RELIEF, "0.5", "高温天气慰问环卫工人和建筑工人", 150),
                                      (40, Target.RELIEF, "0.3", "入户慰问独居老人", 90)]),
    ((7, 12), Channel.BANK_TRANSFER, DonorKind.ORGANISATION, "城东街道商会", Publish.FULL, Direction.PURPOSE,
     "防汛救灾", "50000", [(5, Target.RELIEF, "0.6", "防汛救灾：转移安置群众生活物资", 600),
                          (30, Target.RELIEF, "0.3", "灾后困难家庭救助金", 45)]),
    ((7, 14), Channel.GOODS, DonorKind.PERSON, "", Publish.ANONYMOUS, Direction.UNDIRECTED, "",
     ("矿泉水", "150", "箱", "3000"), [(2, Target.RELIEF, "1", "防汛一线抢险人员饮用水", 400)]),
    ((9, 8), Channel.ONLINE, DonorKind.PERSON, None, Publish.MASKED, Direction.UNDIRECTED, "", "300", []),
    ((9, 9), Channel.ONLINE, DonorKind.PERSON, None, Publish.FULL, Direction.PROJECT, "南湖社区博爱家园建设", "2000",
     []),
    ((10, 20), Channel.BANK_TRANSFER, DonorKind.PERSON, None, Publish.FULL, Direction.UNDIRECTED, "", "10000",
     [(15, Target.RELIEF, "0.5", "重阳节慰问高龄困难老人", 50)]),
    ((11, 15), Channel.GOODS, DonorKind.ORGANISATION, "示例服装有限公司", Publish.FULL, Direction.UNDIRECTED, "",
     ("棉被", "80", "床", "12000"), [(20, Target.RELIEF, "0.75", "冬季“送温暖”向困难群众发放棉被", 60)]),
    ((12, 10), Channel.CASH, DonorKind.PERSON, None, Publish.MASKED, Direction.UNDIRECTED, "", "2000", []),
]
GROWTH = Decimal("1.1")  # this year's gifts of money against last year's
CENT = Decimal("0.01")


def finance_user():
    return get_user_model().objects.filter(username=FINANCE_LOGIN).first()


def donation_for(receipt: str, received: dt.date, channel: str, donor_kind: str, donor: str, publish: str,
                 direction: str, directed_to: str, gift, rng=None) -> Donation:
    """A donation as the finance office records it; a donor named in full agreed on the day of the gift."""
    values = {"amount": Decimal(gift)} if isinstance(gift, str) else dict(zip(
        ("goods", "quantity", "unit", "estimated_value"), (gift[0], Decimal(gift[1]), gift[2], Decimal(gift[3])),
        strict=True))
    rng = rng or seeded(receipt)
    organisation = donor_kind == DonorKind.ORGANISATION
    anonymous = publish == Publish.ANONYMOUS
    return Donation(
        receipt_number=receipt, receipt_issued=bool(donor), received_on=received,
        kind=Kind.MONEY if isinstance(gift, str) else Kind.GOODS, channel=channel, donor_kind=donor_kind,
        donor_name=donor, anonymous=anonymous, publish_name=publish,
        consent_on=received if publish == Publish.FULL else None,
        phone="" if anonymous else (f"0513-86{rng.randrange(10**6):06d}" if organisation else mobile(rng)),
        address=f"示例市工业园区{rng.randint(1, 80)}号" if organisation and not anonymous else "",
        direction=direction,
        project=Project.objects.get(title=directed_to) if direction == Direction.PROJECT and directed_to else None,
        site=Site.objects.get(name=directed_to) if direction == Direction.SITE else None,
        purpose=directed_to if direction == Direction.PURPOSE else "",
        **values,
    )


def fund_project(project: Project, amount: Decimal, on: dt.date) -> None:
    """The project's line of public donations of `amount` on `on`, made by a use of its gift in PROJECT_GIFTS."""
    receipt, received, donor_kind, donor, publish, channel, direction, directed_to, gift = PROJECT_GIFTS[
        (project.title, on.isoformat())]
    by = finance_user()
    donation = donation_for(receipt, day(received), channel, donor_kind, donor, publish, direction, directed_to, gift)
    if direction == Direction.PROJECT:
        donation.project = project
    donation = donation_save(donation=donation, by=by)
    goods = donation.kind == Kind.GOODS
    allocation_save(allocation=Allocation(
        donation=donation, allocated_on=on, target=Target.PROJECT, project=project,
        amount=None if goods else amount, quantity=donation.quantity if goods else None,
        note=f"用于{donation.purpose}" if direction == Direction.PURPOSE else "",
    ), by=by)


def seed_year(year: int, by) -> None:
    today = timezone.localdate()
    this_year = year == today.year
    for number, (on, channel, donor_kind, donor, publish, direction, directed_to, gift, uses) in enumerate(GIFTS, 1):
        received = dt.date(year, *on)
        receipt = f"JZ{year}-{number:03d}"
        if received > today or Donation.objects.filter(receipt_number=receipt).exists():
            continue
        rng = seeded(receipt)
        if donor is None:
            donor = person_name(rng)
        if isinstance(gift, str) and this_year:
            gift = str((Decimal(gift) * GROWTH).quantize(Decimal("1")))
        donation = donation_save(donation=donation_for(
            receipt, received, channel, donor_kind, donor, publish, direction, directed_to, gift, rng), by=by)
        for days, target, share, description, people in uses:
            used_on = received + dt.timedelta(days=days)
            if used_on > today:
                continue
            part = (donation.amount if donation.kind == Kind.MONEY else donation.quantity) * Decimal(share)
            part = part.quantize(CENT, rounding=ROUND_HALF_UP)
            allocation_save(allocation=Allocation(
                donation=donation, allocated_on=used_on, target=target, description=description,
                people_helped=people, note=f"用于{donation.purpose}" if direction == Direction.PURPOSE else "",
                amount=part if donation.kind == Kind.MONEY else None,
                quantity=part if donation.kind == Kind.GOODS else None,
            ), by=by)


def seed_donations() -> None:
    """Last year's gifts and this year's up to today; the projects' gifts come with their projects."""
    by = finance_user()
    for year in demo_years()[1:]:
        seed_year(year, by)
