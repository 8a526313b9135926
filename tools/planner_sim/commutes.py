"""When the car is plugged in, when it leaves and what it needs: a year of sessions.

Weekday departures come from the planner's own weekly schedule (Monday to Friday 07:00), so the
runner plans against the departures the integration would compute. Plug-in times are whole
quarter hours, so every session starts and ends on the market's quarter grid.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from custom_components.lektrico_local.planner import WeeklySchedule

from .market import TZ, Market, local

WORKDAYS = WeeklySchedule.workdays(time(7, 0), target_soc=80.0)


@dataclass(frozen=True, slots=True)
class Session:
    plug_in: int  # POSIX seconds, on a quarter hour
    departure: int
    need_kwh: float
    room_kwh: float | None = None  # what the battery could take beyond the need, when known


Pattern = Callable[[random.Random, Market], list[Session]]


def _quarter(hours: float) -> float:
    return round(hours * 4) / 4


def _next_workday_departure(plug_in: int) -> int:
    found = WORKDAYS.next_departure(datetime.fromtimestamp(plug_in, TZ), TZ)
    assert found is not None
    return int(found.at.timestamp())


def _evening(rng: random.Random) -> float:
    return _quarter(min(max(rng.gauss(18.0, 0.75), 16.5), 21.5))


def weekday_nights(
    low: float = 10.0, high: float = 30.0, evenings: tuple[int, ...] = (6, 0, 1, 2, 3)
) -> Pattern:
    """Plugged in about 18:00 on the given evenings (Sunday to Thursday), off at 07:00."""

    def build(rng: random.Random, market: Market) -> list[Session]:
        sessions: list[Session] = []
        for day in market.days[:-2]:
            if day.day.weekday() not in evenings:
                continue
            plug_in = local(day.day, _evening(rng))
            need = round(rng.uniform(low, high), 2)
            sessions.append(Session(plug_in, _next_workday_departure(plug_in), need))
        return sessions

    return build


def late_nights(low: float = 10.0, high: float = 45.0) -> Pattern:
    """Home between 21:00 and 05:30, off at 07:00, needing up to 45 kWh: some cannot make it."""

    def build(rng: random.Random, market: Market) -> list[Session]:
        sessions: list[Session] = []
        for day in market.days[:-2]:
            if day.day.weekday() not in (6, 0, 1, 2, 3):
                continue
            hours = _quarter(rng.uniform(21.0, 29.5))
            when = day.day + timedelta(days=int(hours // 24))
            plug_in = local(when, hours % 24)
            need = round(rng.uniform(low, high), 2)
            sessions.append(Session(plug_in, _next_workday_departure(plug_in), need))
        return sessions

    return build


def home_office_days(low: float = 5.0, high: float = 25.0) -> Pattern:
    """Plugged in 08:00-09:30 on weekdays, off 16:30-18:30 the same day: the sun's hours."""

    def build(rng: random.Random, market: Market) -> list[Session]:
        sessions: list[Session] = []
        for day in market.days[:-2]:
            if day.day.weekday() >= 5:
                continue
            plug_in = local(day.day, _quarter(rng.uniform(8.0, 9.5)))
            departure = local(day.day, _quarter(rng.uniform(16.5, 18.5)))
            sessions.append(Session(plug_in, departure, round(rng.uniform(low, high), 2)))
        return sessions

    return build


def whole_year() -> Pattern:
    """Monday to Thursday nights as usual; weekends as they come.

    From Friday evening: a Saturday or a Sunday trip (back in the evening, plugged in until
    Monday 07:00), or the car stays home until Monday. Sessions of two or three nights need
    prices nobody has yet when the car is plugged in.
    """
    nights = weekday_nights(evenings=(0, 1, 2, 3))

    def build(rng: random.Random, market: Market) -> list[Session]:
        sessions = nights(rng, market)
        for day in market.days[:-3]:
            if day.day.weekday() != 4:
                continue
            friday = local(day.day, _evening(rng))
            choice = rng.random()
            if choice < 0.7:
                trip_day = day.day + timedelta(days=1 if choice < 0.4 else 2)
                leave = local(trip_day, _quarter(rng.uniform(9.0, 14.0)))
                back = local(trip_day, _quarter(rng.uniform(16.0, 21.0)))
                sessions.append(Session(friday, leave, round(rng.uniform(5.0, 25.0), 2)))
                need = round(rng.uniform(10.0, 30.0), 2)
                sessions.append(Session(back, _next_workday_departure(back), need))
            else:
                need = round(rng.uniform(10.0, 40.0), 2)
                sessions.append(Session(friday, _next_workday_departure(friday), need))
        return sorted(sessions, key=lambda session: session.plug_in)

    return build


def sunny_weekends(room: float = 30.0) -> Pattern:
    """Monday to Thursday nights, and the car home from Saturday morning to Sunday evening with
    room for `room` kWh more than the trip needs (for the price cap)."""
    nights = weekday_nights(evenings=(0, 1, 2, 3))

    def build(rng: random.Random, market: Market) -> list[Session]:
        sessions = [
            Session(session.plug_in, session.departure, session.need_kwh, session.need_kwh)
            for session in nights(rng, market)
        ]
        for day in market.days[:-3]:
            if day.day.weekday() != 5:
                continue
            plug_in = local(day.day, _quarter(rng.uniform(9.0, 11.0)))
            departure = local(day.day + timedelta(days=1), _quarter(rng.uniform(16.0, 19.0)))
            need = round(rng.uniform(5.0, 20.0), 2)
            sessions.append(Session(plug_in, departure, need, need + room))
        return sorted(sessions, key=lambda session: session.plug_in)

    return build
