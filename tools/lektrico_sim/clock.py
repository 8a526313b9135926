"""Clocks the charger model reads its time from.

The model never sleeps: it catches up with `clock.now()` whenever it is asked something,
so a ManualClock makes hours of charging happen instantly and deterministically in tests.
"""

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol

# A Monday morning, so schedule tests read naturally (day 1 = Monday).
DEFAULT_START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


class Clock(Protocol):
    """What the charger needs from a clock: the current UTC time and a way to skip ahead."""

    def now(self) -> datetime: ...

    def advance(self, seconds: float) -> None: ...


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        self._now = _as_utc(start)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._now += timedelta(seconds=seconds)

    def set(self, when: datetime) -> None:
        """Jump to `when` (not earlier than now)."""
        when = _as_utc(when)
        if when < self._now:
            raise ValueError("time only moves forward")
        self._now = when


class RealClock:
    """Wall-clock time, optionally running `speed` times faster (for demos)."""

    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._speed = speed
        self._start = _as_utc(start) if start is not None else datetime.now(UTC)
        self._started_at = time.monotonic()
        self._skipped = timedelta()

    def now(self) -> datetime:
        elapsed = (time.monotonic() - self._started_at) * self._speed
        return self._start + timedelta(seconds=elapsed) + self._skipped

    def advance(self, seconds: float) -> None:
        """Skip ahead; time keeps flowing from there."""
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._skipped += timedelta(seconds=seconds)


def _as_utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("clock times must be timezone-aware")
    return when.astimezone(UTC)
