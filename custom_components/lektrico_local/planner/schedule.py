"""A week of departures: when the car leaves on each weekday, and what it needs by then."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAYS_IN_WEEK = 7


@dataclass(frozen=True, slots=True)
class DepartureRule:
    """One weekday's departure, as a wall-clock time in the home's time zone.

    The target is a state of charge (for cars that report one) or an energy (for those that do
    not); either may be left out, and the caller decides what a rule without one means.
    """

    departure: time
    target_soc: float | None = None  # %
    energy_kwh: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.departure, time) or self.departure.tzinfo is not None:
            raise ValueError(
                f"departure must be a wall-clock time without zone, got {self.departure!r}"
            )
        if self.target_soc is not None and not _within(self.target_soc, 0, 100):
            raise ValueError(f"target_soc must be 0..100 %, got {self.target_soc!r}")
        if self.energy_kwh is not None and not _within(self.energy_kwh, 0, math.inf):
            raise ValueError(f"energy_kwh must be 0 or more, got {self.energy_kwh!r}")


@dataclass(frozen=True, slots=True)
class Departure:
    """The next departure: when (in the schedule's zone) and by which rule."""

    at: datetime
    rule: DepartureRule


@dataclass(frozen=True, slots=True)
class WeeklySchedule:
    """A rule or None (no departure) per weekday, Monday first."""

    days: tuple[DepartureRule | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != DAYS_IN_WEEK:
            raise ValueError(f"a week has 7 days, got {len(self.days)}")

    @classmethod
    def workdays(
        cls, departure: time, target_soc: float | None = None, energy_kwh: float | None = None
    ) -> WeeklySchedule:
        """The same departure Monday to Friday, none at the weekend."""
        rule = DepartureRule(departure, target_soc, energy_kwh)
        return cls((rule,) * 5 + (None, None))

    def next_departure(self, now: datetime, tz: tzinfo) -> Departure | None:
        """The first departure strictly after `now`, or None when the week has none."""
        return next_departure(self, now, tz)


def next_departure(schedule: WeeklySchedule, now: datetime, tz: tzinfo) -> Departure | None:
    """The first departure strictly after `now` (aware), in the zone `tz`.

    Days are the zone's calendar days, so a departure keeps its wall-clock time across a DST
    change. A time the spring change skips (02:30 on the last Sunday of March in Europe) happens
    as late as the skipped hour: at 03:30; a time the autumn change repeats happens the first
    time round, to be on the safe side.
    """
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, got {now!r}")
    today = now.astimezone(tz).date()
    # Eight days: today's departure may have passed, and the same weekday comes round again.
    for offset in range(DAYS_IN_WEEK + 1):
        day = today + timedelta(days=offset)
        rule = schedule.days[day.weekday()]
        if rule is None:
            continue
        at = wall_clock(day, rule.departure, tz)
        if at > now:
            return Departure(at, rule)
    return None


def wall_clock(day: date, at: time, tz: tzinfo) -> datetime:
    """`at` on `day` in `tz`: skipped times move forward by the gap, repeated ones come first."""
    local = datetime.combine(day, at).replace(tzinfo=tz, fold=0)
    return local.astimezone(UTC).astimezone(tz)


def _within(value: object, low: float, high: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )
