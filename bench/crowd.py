"""Many different people signing up for one session at the same moment, each from a browser of their own."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse

from bench.client import Visitor
from redcross.validators import resident_id_check_char


def person(number: int) -> dict:
    first17 = f"320621199003{number % 28 + 1:02d}{number % 1000:03d}"
    return {
        "name": f"压测学员{number}",
        "mobile": f"139{number:08d}",
        "resident_id": first17 + resident_id_check_char(first17),
        "organisation": "压测单位",
        "consent": "on",
    }


def sign_up_crowd(base_url: str, session_path: str, people: int, first: int = 0) -> dict:
    """Each visitor opens the session's page (CSRF cookie), then all post the sign-up form at once: people `first`,
    `first` + 1 … (new people have a trainee record written as they sign up, besides their registration).

    Each comes from an address of its own (X-Forwarded-For behind TRUSTED_PROXY_COUNT=1), as people do. The posts
    are sent by curl, all transfers in parallel from one C process, so the times are the server's and not those of
    fifty Python threads taking turns with the client's interpreter lock.
    """
    visitors = [Visitor(base_url, address=f"10.77.{number // 250}.{number % 250 + 1}") for number in range(people)]
    for visitor in visitors:
        visitor.request(session_path)
    with tempfile.NamedTemporaryFile("w", suffix=".curl", delete=False) as config:
        config.write("next\n".join(
            curl_transfer(visitor, session_path + "sign-up/", person(first + number))
            for number, visitor in enumerate(visitors)
        ))
    curl = shutil.which("curl")
    if curl is None:
        sys.exit("curl is not installed: apt-get install curl, then run the bench again.")
    before, split_before = cpu_times(), cpu_by_program()
    try:
        finished = subprocess.run(  # noqa: S603  (curl from PATH with our own config)
            [curl, "--silent", "--parallel", "--parallel-immediate", "--parallel-max", str(people),
             "--config", config.name],
            capture_output=True, text=True, check=True, timeout=300,
        )
    finally:
        os.unlink(config.name)
    after, split_after = cpu_times(), cpu_by_program()
    results = [line.split() for line in finished.stdout.splitlines() if line.strip()]
    times = sorted(float(seconds) for _status, seconds in results)
    statuses: dict[int, int] = {}
    for status, _seconds in results:
        statuses[int(status)] = statuses.get(int(status), 0) + 1
    return {
        "statuses": statuses,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[max(0, round(0.95 * len(times)) - 1)] * 1000,
        "max_ms": times[-1] * 1000,
        # How busy the machine's cores were while the crowd signed up (curl included).
        "cpu_busy": 1 - (after[1] - before[1]) / max(1, after[0] - before[0]),
        # Processor time per sign-up by program, in milliseconds.
        "cpu_ms": {name: (split_after.get(name, 0) - split_before.get(name, 0)) * 1000 / CLOCK_TICKS / people
                   for name in split_after},
    }


def crowd(options) -> str:
    """A new session of 40 seats, a fortnight ahead, for each run: every run's crowd meets the same empty session."""
    import datetime as dt

    from django.utils import timezone

    from training.models import Registration, Session
    from training.services import session_open, session_save

    model = Session.objects.filter(public_signup=True, course__certifies=False).select_related("course").last()
    if model is None:
        return "crowd sign-up: no session to copy in the data"
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
    session = session_open(session=session_save(session=Session(
        course=model.course, base=model.base, venue=model.venue, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3), audience=model.audience, seats=40, public_signup=True,
    )))

    def confirmed() -> int:
        return session.registrations.filter(status=Registration.Status.CONFIRMED).count()

    before = confirmed()
    # People who never signed up before: a crowd of strangers for each session (the harder case), at most 1000.
    result = sign_up_crowd(options.base_url, f"/training/sessions/{session.pk}/", options.people_crowd,
                           first=session.pk * 1000)
    after, expected = confirmed(), min(session.seats, before + options.people_crowd)
    waiting = session.registrations.filter(status=Registration.Status.WAITING).count()
    verdict = "exactly the seats" if after == expected else f"WRONG: expected {expected} confirmed"
    return (f"crowd sign-up, {options.people_crowd} people at once for session {session.pk} ({session.seats} seats, "
            f"{before} confirmed before): {after} confirmed ({verdict}), {waiting} waiting; responses "
            f"{result['statuses']}; p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
            f"max {result['max_ms']:.0f} ms; cores busy {result['cpu_busy']:.0%}; processor time per sign-up: "
            + ", ".join(f"{name} {ms:.1f} ms" for name, ms in result["cpu_ms"].items()))


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def curl_transfer(visitor: Visitor, path: str, data: dict) -> str:
    """One POST of the form as curl's config file writes it, with the visitor's cookies and address."""
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in visitor.cookies)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": visitor.csrf_token(), **data})
    lines = [
        f"url = {_quoted(visitor.base_url + path)}",
        f"header = {_quoted('Cookie: ' + cookies)}",
        f"header = {_quoted('Referer: ' + visitor.base_url + path)}",
        f"header = {_quoted('X-Forwarded-For: ' + visitor.address)}",
        f"data = {_quoted(form)}",
        "output = /dev/null",
        'write-out = "%{http_code} %{time_total}\\n"',
    ]
    return "\n".join(lines) + "\n"


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# The programs a sign-up costs processor time in: (the program's file name begins with, a word of its command line).
PROGRAMS = {"gunicorn": ("python", "gunicorn"), "postgres": ("postgres", ""), "redis": ("redis-server", "")}


def cpu_by_program() -> dict[str, int]:
    """Ticks of processor time used so far by the live processes of each program (Linux /proc)."""
    ticks = dict.fromkeys(PROGRAMS, 0)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline, open(f"/proc/{pid}/stat") as stat:
                words, fields = cmdline.read().split(b"\0"), stat.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        command = b" ".join(words[:4]).decode(errors="replace")
        program = os.path.basename(command.split(" ", 1)[0])
        for name, (begins, word) in PROGRAMS.items():
            if program.startswith(begins) and word in command:
                ticks[name] += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def cpu_times() -> tuple[int, int]:
    """(all, idle) jiffies of every core since boot, from /proc/stat (Linux)."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]
