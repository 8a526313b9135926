"""What the session history is configured with, checked once when it is built."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeIs

MAX_SESSIONS = 2000
MINUTE = 60.0


@dataclass(frozen=True, slots=True)
class HistorySettings:
    """Options of the recorder; times in seconds.

    Not stored with the history: they come from the config entry each time the recorder is
    built, so that a sensor the user adds or removes counts from then on.
    """

    max_sessions: int = MAX_SESSIONS  # the oldest records go beyond this many
    grid_sensor: bool = False  # a grid power sensor is configured: the solar part is known
    grid_max_age: float = 5 * MINUTE  # an older grid reading is not used
    price_sensor: bool = False  # prices come from set_price(); fixed_price until the first
    fixed_price: float | None = None  # currency per kWh; None: no cost
    # Samples further apart than this: Home Assistant did not see what happened in between.
    max_sample_gap: float = 2 * MINUTE
    # A new charger session id with the car plugged after at most this long without samples is
    # the charger rebooting inside the same session; after longer, the car may have been
    # unplugged and plugged again: the record is closed and a new one opened.
    max_reboot_gap: float = 15 * MINUTE
    # A session that ended while Home Assistant was not looking waits this long at most for the
    # counters' last_session_energy before it is stored without them.
    counters_wait: float = 15 * MINUTE

    def __post_init__(self) -> None:
        sessions = self.max_sessions
        if not _is_whole(sessions) or sessions < 1:
            raise ValueError(f"max_sessions must be a whole number from 1, got {sessions!r}")
        for name in ("grid_max_age", "max_sample_gap", "max_reboot_gap", "counters_wait"):
            _require_seconds(name, getattr(self, name))
        price = self.fixed_price
        if price is not None and (not _is_number(price) or not math.isfinite(price)):
            raise ValueError(f"fixed_price must be a number or None, got {price!r}")

    def seconds(self, name: str) -> timedelta:
        """One of the times above, as a timedelta to add to datetimes."""
        return timedelta(seconds=float(getattr(self, name)))


def _require_seconds(name: str, value: object) -> None:
    if not _is_number(value) or not 0 < value < math.inf:  # also refuses NaN
        raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")


def _is_number(value: object) -> TypeIs[int | float]:
    """ValueError, not TypeError, for a wrong type: options come from a form, not from code."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value: object) -> TypeIs[int]:
    return isinstance(value, int) and not isinstance(value, bool)
