"""`wrk` (Debian package wrk) run against one URL: requests per second and latency percentiles."""

import re
import shutil
import subprocess
import sys
import tempfile

# wrk prints 50/75/90/99 % with --latency but not 95 %: a done() hook writes the figures the table needs.
REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def require() -> str:
    path = shutil.which("wrk")
    if path is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian package wrk), then run the bench again.")
    return path


def run(url: str, *, seconds: int, connections: int, threads: int = 2) -> dict:
    """{"rps", "p50_ms", "p95_ms", "errors"} of `wrk -t2 -cN -dS --latency url`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(REPORT)
        script.flush()
        output = subprocess.run(  # noqa: S603  (wrk from PATH, our arguments)
            [require(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
             "-s", script.name, url],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout
    match = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    requests, duration_us, p50_us, p95_us, errors = map(int, match.groups())
    return {"rps": requests / (duration_us / 1e6), "p50_ms": p50_us / 1000, "p95_ms": p95_us / 1000,
            "errors": errors}
