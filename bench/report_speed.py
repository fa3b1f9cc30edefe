"""How long a yearly report takes on a large city: figures, each file, and the same figures by hand-written SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/redcross_bench DEBUG=1 \\
        .venv/bin/python bench/report_speed.py --scale 100 --year 2026

Use a scratch database: the script migrates it and loads `seed_demo --scale N` into it. It prints figures,
never asserts them.
"""

import argparse
import io
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcross.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from redcross.reports import figures, periods  # noqa: E402
from redcross.reports.documents import excel, pdf, word  # noqa: E402
from redcross.reports.documents.text import sentences  # noqa: E402

HAND_WRITTEN = {
    "activities by kind": """
        SELECT kind, COUNT(*), SUM(participants), SUM(volunteers), SUM(volunteer_hours), SUM(beneficiaries)
        FROM projects_activity WHERE date BETWEEN %s AND %s GROUP BY kind""",
    "placements by level": """
        SELECT o.level, COUNT(*) FROM publicity_placement p JOIN publicity_outlet o ON o.id = p.outlet_id
        WHERE p.published_on BETWEEN %s AND %s GROUP BY o.level""",
    "trainees of held sessions": """
        SELECT COUNT(*), SUM(CASE WHEN a.n > 0 THEN a.n ELSE COALESCE(s.headcount, 0) END)
        FROM training_session s LEFT JOIN (
            SELECT session_id, COUNT(*) AS n FROM training_registration WHERE attended GROUP BY session_id
        ) a ON a.session_id = s.id
        WHERE s.status = 'held' AND (s.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN %s AND %s""",
    "money received by source": """
        SELECT source, SUM(amount) FROM projects_fundingline WHERE received_on BETWEEN %s AND %s GROUP BY source""",
}


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"  {label:<34} {time.perf_counter() - started:8.3f} s")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--year", type=int, default=date.today().year)
    parser.add_argument("--no-seed", action="store_true", help="use the data already in the database")
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not options.no_seed:
        timed(f"seed_demo --scale {options.scale}",
              lambda: call_command("seed_demo", scale=options.scale, force=True, stdout=io.StringIO()))
    period = periods.year(options.year)
    print(f"Yearly report {period.name} on {connection.vendor}:")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        data = timed("figures (three fronts × 3 periods)", lambda: figures.collect(period))
    print(f"  {'queries for the figures':<34} {len(queries):8d}")
    texts = timed("sentences", lambda: sentences(data))
    timed("Word", lambda: word.render(data, texts, timezone.now()))
    timed("Excel (with the lists)", lambda: excel.render(data, timezone.now()))
    timed("PDF", lambda: pdf.render(data, texts, timezone.now()))
    if connection.vendor == "postgresql":
        print("The same kind of figures by hand-written SQL (one period):")
        with connection.cursor() as cursor:
            for label, sql in HAND_WRITTEN.items():
                timed(label, lambda sql=sql: (cursor.execute(sql, [period.start, period.end]), cursor.fetchall()))


if __name__ == "__main__":
    main()
