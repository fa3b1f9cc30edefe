"""What the branch had counted before it adopted the portal, as opening totals.

The source report (2020-11-26) gives the totals "since the team was founded" and "since the account opened"; the
branch's own ledgers give them again at the end of the last year before the portal, whose records begin the year
after. Sites, bases and correspondents are records with their dates, so they have no opening total."""

from decimal import Decimal

from redcross.demo import day, demo_years

from .models import OpeningTotal
from .services import opening_total_save

SOURCE_REPORT = ("2020-11-26", "2020年11月26日《加强阵地建设，奋力推动新时代红十字工作再上新台阶》", {
    "wechat_articles": 812, "wechat_videos": 92,
    "placements": 112, "national": 24, "provincial_red_cross": 2, "research_articles": 2,
    "provincial_municipal": 15, "local": 71,
    "visits": 12, "visitors": 560,
})
# The ledgers at the end of the year before the portal's records begin.
LEDGERS = {
    "wechat_articles": 1176, "wechat_videos": 151, "reposts": 96,
    "placements": 351, "national": 39, "headquarters": 8, "provincial_red_cross": 14, "research_articles": 4,
    "provincial_municipal": 63, "local": 227,
    "sessions": 640, "trainees": 21460, "awareness_trainees": 15380, "first_aider_trainees": 5210,
    "certificates": 4870, "elder_care_trainees": 870, "visits": 41, "visitors": 1870,
    "activities": 186, "participants": 8350, "volunteers": 2160, "volunteer_hours": 6240,
    "beneficiaries": 13900, "books": 3650,
}


def seed(scale: int = 1) -> None:
    ledger_day = day(f"{demo_years()[0] - 1}-12-31")
    for as_of, source, values in (SOURCE_REPORT, (ledger_day, "启用门户前的工作台账", LEDGERS)):
        as_of = day(as_of) if isinstance(as_of, str) else as_of
        known = set(OpeningTotal.objects.filter(as_of=as_of).values_list("figure", flat=True))
        for figure, value in values.items():
            if figure not in known:
                opening_total_save(total=OpeningTotal(figure=figure, as_of=as_of, value=Decimal(value), source=source))
