from dataclasses import dataclass
from datetime import date


def add_years(day: date, years: int) -> date:
    """The same day `years` later (or earlier); 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Dated:
    """How a record is placed in the reports' periods: the dates that place it (a path such as
    "session__starts_at" may follow a relation), and the other fields whose change alters a figure (None: any)."""

    dates: tuple[str, ...]
    counted: tuple[str, ...] | None = None
