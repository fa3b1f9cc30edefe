"""What a report's figure is: its key, front, words and unit, how it is read from the front's summary, and whether it
adds up over the days of a period (a flow) or is read as it stood at the period's end (a state)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FLOW, STATE, READING, RANK = "flow", "state", "reading", "rank"
# Where "since the start" begins: the field of the branch profile holding each origin's first day.
ORIGINS = {
    "projects": "projects_started_on",
    "training": "training_started_on",
    "correspondents": "correspondents_started_on",
    "wechat": "wechat_started_on",
}


@dataclass(frozen=True)
class Fact:
    key: str
    front: str
    label: Any
    unit: Any
    value: Callable[[dict], Any]
    kind: str = FLOW
    money: bool = False
    origin: str | None = None  # which start date "since the start" counts from; the front's own when None

    @property
    def front_label(self):
        from .figures import FRONTS  # the fronts read the apps' summaries, which a figure's definition does not need

        return FRONTS[self.front][0]

    @property
    def since_origin(self) -> str | None:
        return self.origin or (self.front if self.front in ORIGINS else None)
