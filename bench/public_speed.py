"""How fast the public pages are next to a bare view, a crowd signing up, and documents in a running process.

    .venv/bin/python bench/public_speed.py --scale 1        # also --scale 20, --scale 100; --help for the rest

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust), Redis at 127.0.0.1:6379 and `wrk` (Debian package
wrk). It uses a database of its own, redcross_bench_<scale> (migrated and loaded with `seed_demo --scale N`
unless --no-seed), Redis database 12 (emptied), and files under /tmp/redcross-bench-<scale>. It starts gunicorn
with production settings (DEBUG=0, Redis cache, persistent connections, 2 sync workers, plain HTTP) and
bench/settings.py, which adds a bare view. Figures on a shared machine are indicative: compare the ratios within one
run. The bench prints figures; it never fails on time.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # `bench.…` and the portal's packages, not bench/'s modules as top-level names

from bench import wrk  # noqa: E402
from bench.client import Visitor, first_link  # noqa: E402
from bench.crowd import crowd  # noqa: E402

PYTHON = sys.executable
PARTS = ("pages", "crowd", "documents")
LISTS = [
    "/", "/projects/", "/projects/activities/", "/projects/donations/", "/training/", "/training/sessions/", "/news/",
]
# (label, the list page it is linked from, the link's pattern)
DETAILS = [
    ("site detail", "/projects/", r"/projects/sites/\d+/"),
    ("base detail", "/training/", r"/training/bases/\d+/"),
    ("session detail", "/training/sessions/", r"/training/sessions/\d+/"),
    ("article detail", "/news/", r"/news/\d+/"),
]


def environment(options) -> dict:
    scratch = Path(f"/tmp/redcross-bench-{options.scale}")  # noqa: S108  (a scratch copy, rebuilt each run)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/redcross_bench_{options.scale}",
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "CACHE_KEY_PREFIX": "bench",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{options.port}",
        "CONN_MAX_AGE": "600",
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS, no HSTS, cookies without Secure.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The crowd's visitors come with addresses of their own, as behind one nginx.
        "TRUSTED_PROXY_COUNT": "1",
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_ROOT": str(scratch / "private"),
        "BENCH_STATIC_ROOT": str(scratch / "static"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str, **extra: str) -> None:
    subprocess.run(  # noqa: S603  (our own interpreter and commands)
        [PYTHON, "manage.py", *args], cwd=ROOT, env={**env, **extra}, check=True, stdout=subprocess.DEVNULL
    )


def prepare(env: dict, options) -> None:
    import psycopg
    import redis

    name = f"redcross_bench_{options.scale}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    manage(env, "migrate", "--noinput")
    if not options.no_seed:
        print(f"Loading seed_demo --scale {options.scale} into {name} …", flush=True)
        manage(env, "seed_demo", "--scale", str(options.scale), "--force", DEBUG="1")  # it refuses without DEBUG
    manage(env, "collectstatic", "--noinput", "--clear")


def start_gunicorn(env: dict, options) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603  (our own interpreter)
        [PYTHON, "-m", "gunicorn", "--config", "python:redcross.gunicorn", "redcross.wsgi:application",
         "--chdir", str(ROOT), "--workers", str(options.workers), "--threads", str(options.threads),
         "--bind", f"127.0.0.1:{options.port}", "--timeout", "300",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    for _ in range(60):
        time.sleep(1)
        try:
            if Visitor(options.base_url).request("/healthz", timeout=5)[0] == 200:
                return server
        except OSError:
            pass
    server.terminate()
    sys.exit("gunicorn did not answer /healthz within a minute.")


def queries_of(path: str) -> str:
    """Queries of a first and a second anonymous request (a cached page costs the second)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            Client().get(path)
        counts.append(len(queries))
    return "/".join(map(str, counts))


def measure(path: str, options) -> dict:
    status, body, _seconds = Visitor(options.base_url).request(path)
    row = {"status": status, "kb": len(body) / 1024, "gz_kb": len(gzip.compress(body, 6)) / 1024,
           "form": path == "/training/certificates/" or b"/sign-up/" in body}  # every page has the language form
    row["queries"] = queries_of(path)
    return {**row, **wrk.run(options.base_url + path, seconds=options.duration, connections=options.connections)}


def timed_post(visitor: Visitor, path: str, data: dict, times: int = 3) -> str:
    seconds, sizes = [], set()
    for _ in range(times):
        status, content, elapsed = visitor.request(path, data)
        seconds.append(elapsed)
        sizes.add(f"{status} {content[:4].decode(errors='replace')} {len(content) // 1024} KB")
    return f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s ({', '.join(sorted(sizes))})"


def documents(options) -> list[str]:
    """Roster and certificates over HTTP from a gunicorn worker that has served every wrk run, then a yearly
    report in this process after it has served many requests, as a Celery worker that has been up a while."""
    from django.db.models import Count, Q
    from django.test import Client
    from django.utils import timezone

    from redcross.reports import periods, services
    from training.models import Certificate, Registration, Session

    confirmed = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED), distinct=True)
    sessions = (Session.objects.annotate(people=confirmed, issued=Count("certificates", distinct=True))
                .filter(issued__gte=1))
    session = min(sessions, key=lambda session: abs(session.people - options.people))
    with_most = sessions.order_by("-issued").first()
    certificates = list(Certificate.objects.filter(session=with_most, revoked=False)
                        .order_by("number").values_list("pk", flat=True)[:options.people])
    staff = Visitor(options.base_url)
    staff.log_in("demo-admin", "redcross-demo")
    action = {"index": "0", "select_across": "0"}
    lines = [
        f"roster PDF, {session.people} people (gunicorn, HTTP): " + timed_post(
            staff, "/admin/training/session/",
            {**action, "action": "download_roster_pdf", "_selected_action": session.pk}),
        f"certificates PDF, {len(certificates)} certificates (gunicorn, HTTP): " + timed_post(
            staff, "/admin/training/certificate/",
            {**action, "action": "download_pdf", "_selected_action": certificates}),
    ]
    client = Client()
    for _ in range(options.warm_up // len(LISTS)):
        for path in LISTS:
            client.get(path)
    year = options.year or timezone.localdate().year - 1
    report, _created = services.report_request(period=periods.year(year), queue=False)
    started = time.perf_counter()
    services.report_build(report_id=report.pk)
    lines.append(f"yearly report {year}, Word + Excel + PDF (this process, after {options.warm_up} requests): "
                 f"{time.perf_counter() - started:.2f} s")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="seed_demo --scale (1 = the demo city)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1,
                        help="gunicorn threads per worker (1: sync workers, as the README's deployment runs them)")
    parser.add_argument("--no-seed", action="store_true", help="keep the data already in the bench's database")
    parser.add_argument("--people", type=int, default=30, help="people on the roster and certificates")
    parser.add_argument("--people-crowd", type=int, default=50, choices=range(1, 1001), metavar="1…1000",
                        help="simultaneous sign-ups")
    parser.add_argument("--crowd-runs", type=int, default=3,
                        help="crowds one after the other, each for a new session (the first meets workers that "
                             "have served no sign-up yet when the pages are not measured)")
    parser.add_argument("--warm-up", type=int, default=600, help="requests this process serves before the report")
    parser.add_argument("--year", type=int, help="the yearly report's year (default: last year)")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="run only this part (repeatable); default: all of " + ", ".join(PARTS))
    options = parser.parse_args()
    options.base_url = f"http://127.0.0.1:{options.port}"
    wrk.require()
    env = environment(options)
    prepare(env, options)
    os.environ.update(env)
    import django

    django.setup()
    server = start_gunicorn(env, options)
    parts = options.only or PARTS
    try:
        if "pages" in parts:
            pages(options)
        if "crowd" in parts:
            for run in range(options.crowd_runs):
                print(f"[{run + 1}/{options.crowd_runs}] " + crowd(options), flush=True)
        if "documents" in parts:
            for line in documents(options):
                print(line, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


def project_donation_page() -> str | None:
    """The donation page of a project (linked from its site's money card, not from a list the bench reads)."""
    from projects.donation_selectors import donation_page_projects

    project = donation_page_projects().order_by("pk").first()
    return f"/projects/donations/projects/{project.pk}/" if project else None


def beside_bare(path: str, options) -> dict:
    """The page measured right after the bare view, so that its ratio compares the two at one moment: a shared
    machine's speed drifts over the minutes a run takes."""
    bare = measure("/bench/bare/", options)
    return {**measure(path, options), "bare_rps": bare["rps"]}


def pages(options) -> None:
    rows = [("bare view", "/bench/bare/", beside_bare("/bench/bare/", options))]
    client = Visitor(options.base_url)
    for path in LISTS:
        rows.append((path, path, beside_bare(path, options)))
    for label, listing, pattern in DETAILS:
        path = first_link(client.request(listing)[1], pattern)
        rows.append((label, path, beside_bare(path, options)) if path else (label, "(no link)", None))
    for label, path in (("certificate check", "/training/certificates/"),
                        ("donor lookup", "/projects/donations/lookup/"),
                        ("donations of a project", project_donation_page())):
        rows.append((label, path, beside_bare(path, options)) if path else (label, "(none)", None))
    print_table(rows, options)


def print_table(rows, options) -> None:
    print(f"\nscale {options.scale}, gunicorn {options.workers} workers × {options.threads} threads, DEBUG=0, "
          "Redis cache, CONN_MAX_AGE=600, "
          f"wrk -t2 -c{options.connections} -d{options.duration}s; KB as served (the portal does not compress "
          "HTML: no GZipMiddleware, compression is the proxy's) and gzip -6; queries: first/second request; "
          "bare req/s: the bare view measured just before the page")
    header = ("page", "scale", "req/s", "bare req/s", "ratio", "p50 ms", "p95 ms", "KB", "gz KB", "queries", "errors")
    widths = (44, 5, 8, 10, 6, 8, 8, 7, 6, 8, 6)
    print("  ".join(f"{text:<{width}}" if index == 0 else f"{text:>{width}}"
                    for index, (text, width) in enumerate(zip(header, widths, strict=True))))
    for label, path, row in rows:
        name = f"{label} {path}" if label != path else path
        if row is None:
            print(f"{name:<44}  (not found)")
            continue
        form = " (form)" if row["form"] else ""
        status = "" if row["status"] == 200 else f"HTTP {row['status']}"
        errors = " ".join(filter(None, [str(row["errors"] or ""), status]))
        cells = (f"{name}{form}"[:44], options.scale, f"{row['rps']:.0f}", f"{row['bare_rps']:.0f}",
                 f"{row['rps'] / row['bare_rps']:.2f}", f"{row['p50_ms']:.0f}", f"{row['p95_ms']:.0f}",
                 f"{row['kb']:.1f}", f"{row['gz_kb']:.1f}", row["queries"], errors)
        print("  ".join(f"{cell:<{width}}" if index == 0 else f"{cell!s:>{width}}"
                        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))))
    print(flush=True)


if __name__ == "__main__":
    main()
