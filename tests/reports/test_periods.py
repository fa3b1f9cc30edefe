import datetime as dt

import pytest

from redcross.reports import periods


def test_periods_are_named_the_way_leadership_reads_them():
    assert periods.year(2025).name == "2025年"
    assert periods.quarter(2025, 3).name == "2025年第三季度"
    assert periods.month(2025, 7).name == "2025年7月"
    assert periods.parse("range", "2025-03-01", "2025-08-31").name == "2025年3月1日至2025年8月31日"


def test_periods_cover_whole_days_in_their_bounds():
    assert (periods.quarter(2025, 1).start, periods.quarter(2025, 1).end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert periods.month(2024, 2).end == dt.date(2024, 2, 29)
    assert periods.month(2024, 2).year_earlier().end == dt.date(2023, 2, 28)


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        ("month", dt.date(2026, 1, 1), periods.month(2025, 12)),
        ("month", dt.date(2026, 3, 1), periods.month(2026, 2)),
        ("quarter", dt.date(2026, 1, 1), periods.quarter(2025, 4)),
        ("quarter", dt.date(2026, 7, 1), periods.quarter(2026, 2)),
        ("year", dt.date(2026, 1, 1), periods.year(2025)),
    ],
)
def test_the_schedule_reports_the_period_just_closed(kind, today, expected):
    assert periods.just_closed(kind, today) == expected


@pytest.mark.parametrize(
    ("kind", "values"),
    [("quarter", ["2025-Q5"]), ("month", ["2025-13"]), ("range", ["2025-08-31", "2025-03-01"]), ("year", ["x"]),
     ("week", ["2025"])],
)
def test_a_wrong_period_is_refused_with_a_reason(kind, values):
    with pytest.raises(ValueError):
        periods.parse(kind, *values)
