"""Where the work happened this year, by street or town: a list, not a map.

Activities are placed by their site's street or town, group visits by their position's, sessions by the street or
town of their base's Red Cross position (a session elsewhere has none). A grouped query per front, one row per
street or town: a city has tens of them, never thousands.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from projects import summary as projects_summary
from training import summary as training_summary

from ..figures import FACT_BY_KEY

ROWS = 15
# What is counted by street or town: (key, front that shows it, function, figure whose unit it takes).
COUNTED = (
    ("activities", "projects", projects_summary.activities_by_town, "activities"),
    ("sessions", "training", training_summary.sessions_by_town, "sessions"),
    ("visits", "positions", projects_summary.group_visits_by_town, "visits"),
)
LABELS = {
    "activities": _("activities held"),
    "sessions": _("training sessions held"),
    "visits": _("group visits received"),
}


def counted(start: date, end: date, fronts) -> dict[str, dict[str, int]]:
    """Each count by street or town ("" where none is given), for the fronts named."""
    return {key: function(start, end) for key, front, function, _fact in COUNTED if front in fronts}


def columns(fronts) -> list[dict]:
    return [{"key": key, "label": LABELS[key], "unit": FACT_BY_KEY[fact].unit}
            for key, front, _function, fact in COUNTED if front in fronts]


def rows(found: dict[str, dict[str, int]], fronts) -> list[dict]:
    """The streets and towns with the most work first (at most ROWS), the rest together as one last row."""
    keys = [key for key, front, _function, _fact in COUNTED if front in fronts and key in found]
    towns = sorted({town for key in keys for town in found[key]})
    table = [
        {"name": town, "counts": {key: found[key].get(town, 0) for key in keys}}
        for town in towns
    ]
    for row in table:
        row["total"] = sum(row["counts"].values())
    table = [row for row in table if row["total"]]
    # Named places by their work, then the records without a place, which no leader can visit.
    table.sort(key=lambda row: (row["name"] == "", -row["total"], row["name"]))
    shown, rest = table[:ROWS], table[ROWS:]
    for row in shown:
        row["others"] = False
        if row["name"] == "":
            row["name"] = _("street or town not given")
    if rest:
        counts = {key: sum(row["counts"][key] for row in rest) for key in keys}
        shown.append({"name": _("other streets and towns"), "counts": counts, "total": sum(counts.values()),
                      "others": True})
    return shown
