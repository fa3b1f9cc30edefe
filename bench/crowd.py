"""Many different people signing up for one session at the same moment, each from a browser of their own."""

import statistics
import threading

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


def sign_up_crowd(base_url: str, session_path: str, people: int) -> dict:
    """Each visitor opens the session's page (CSRF cookie), then all post the sign-up form at once.

    Each comes from an address of its own (X-Forwarded-For behind TRUSTED_PROXY_COUNT=1), as people do.
    """
    visitors = [Visitor(base_url, address=f"10.77.{number // 250}.{number % 250 + 1}") for number in range(people)]
    for visitor in visitors:
        visitor.request(session_path)
    start = threading.Barrier(people)
    results: list[tuple[int, float]] = [(0, 0.0)] * people

    def sign_up(number: int) -> None:
        start.wait()
        status, _content, seconds = visitors[number].request(session_path + "sign-up/", person(number))
        results[number] = (status, seconds)

    threads = [threading.Thread(target=sign_up, args=(number,)) for number in range(people)]
    before = cpu_times()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = cpu_times()
    times = sorted(seconds for _status, seconds in results)
    statuses: dict[int, int] = {}
    for status, _seconds in results:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "statuses": statuses,
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": times[max(0, round(0.95 * len(times)) - 1)] * 1000,
        "max_ms": times[-1] * 1000,
        # How busy the machine's cores were while the crowd signed up (this client included).
        "cpu_busy": 1 - (after[1] - before[1]) / max(1, after[0] - before[0]),
    }


def cpu_times() -> tuple[int, int]:
    """(all, idle) jiffies of every core since boot, from /proc/stat (Linux)."""
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    return sum(fields), fields[3] + fields[4]
