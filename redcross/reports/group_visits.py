"""Group visits, counted in one place: the training app's visits to its bases and the visits held at positions.

The two never hold the same visit: a base linked to its position takes its groups as the position's bookings, and
the training app records no new visit there. Every sentence, table and sheet of a report reads group visits from
here, so that a visitor is counted once.
"""

from datetime import date

from projects import summary as projects_summary
from training import summary as training_summary


def group_visits(start: date, end: date) -> dict:
    """Group visits in the period and their visitors (those who came), in all, at the bases and at the positions,
    and the positions' by kind of position."""
    bases = training_summary.group_visits(start, end)
    positions = projects_summary.group_visits(start, end)
    return {
        "visits": bases["visits"] + positions["visits"],
        "visitors": bases["visitors"] + positions["visitors"],
        "at_bases": {"visits": bases["visits"], "visitors": bases["visitors"]},
        "at_positions": {"visits": positions["visits"], "visitors": positions["visitors"]},
        "by_kind": positions["by_kind"],
    }


def group_visit_rows(start: date, end: date) -> list[dict]:
    """Every group visit of the period, at a base or a position, one row each in the order of their days: date,
    place, organisation, age group (recorded for bookings only) and visitors."""
    rows = [{**row, "age_group": ""} for row in training_summary.visit_rows(start, end)]
    rows += projects_summary.group_visit_rows(start, end)
    return sorted(rows, key=lambda row: row["date"])


def positions_by_kind(projects: dict, visits: dict) -> list[dict]:
    """Each kind of position the branch had at the period's end (from the projects summary): its positions by
    status then and those new in the period, with the assessments held and group visits received in the period
    (from group_visits)."""
    assessed = projects["positions"]["assessments_by_kind"]
    visited = {row["kind"]: row for row in visits["by_kind"]}
    return [
        {**row, "assessments": assessed.get(row["kind"], 0),
         "visits": visited.get(row["kind"], {}).get("visits", 0),
         "visitors": visited.get(row["kind"], {}).get("visitors", 0)}
        for row in projects["positions"]["by_kind"]
    ]
