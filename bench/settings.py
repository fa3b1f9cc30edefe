"""The portal's settings for the bench: its own URLconf (the portal plus a bare view) and its own static root."""

import os
from pathlib import Path

from redcross.settings import *  # noqa: F403
from redcross.settings import STATIC_ROOT

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT))
