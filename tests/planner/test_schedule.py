"""The weekly schedule: the next departure from now, in local time, across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from custom_components.lektrico_local.planner import (
    DepartureRule,
    WeeklySchedule,
    next_departure,
)

from .clock import AMSTERDAM

WORKDAYS = WeeklySchedule.workdays(time(7, 0), target_soc=80.0)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (local(2025, 3, 3, 18, 0), local(2025, 3, 4, 7, 0)),  # Monday evening: Tuesday
        (local(2025, 3, 4, 6, 59), local(2025, 3, 4, 7, 0)),  # just before
        (local(2025, 3, 4, 7, 0), local(2025, 3, 5, 7, 0)),  # at it: the next one
        (local(2025, 3, 7, 18, 0), local(2025, 3, 10, 7, 0)),  # Friday: Monday
        (local(2025, 3, 8, 12, 0), local(2025, 3, 10, 7, 0)),  # Saturday: Monday
    ],
)
def test_the_next_workday_departure(now: datetime, expected: datetime) -> None:
    found = WORKDAYS.next_departure(now, AMSTERDAM)

    assert found is not None
    assert found.at == expected
    assert found.rule.target_soc == 80.0


def test_now_in_another_zone_is_the_same_moment() -> None:
    now = datetime(2025, 3, 3, 17, 0, tzinfo=UTC)  # 18:00 in Amsterdam

    found = next_departure(WORKDAYS, now, AMSTERDAM)

    assert found is not None
    assert found.at == local(2025, 3, 4, 7, 0)


def test_the_departure_keeps_its_wall_clock_time_across_dst() -> None:
    spring = WORKDAYS.next_departure(local(2025, 3, 28, 18, 0), AMSTERDAM)  # Friday
    autumn = WORKDAYS.next_departure(local(2025, 10, 24, 18, 0), AMSTERDAM)

    assert spring is not None
    assert autumn is not None
    assert (spring.at.hour, spring.at.utcoffset()) == (7, local(2025, 6, 1).utcoffset())
    assert (autumn.at.hour, autumn.at.utcoffset()) == (7, local(2025, 1, 1).utcoffset())
    # Friday 18:00 CET to Monday 07:00 CEST is 60 hours, one short of the wall clock's 61
    # (which is what subtracting two datetimes of the same zone gives).
    elapsed = spring.at.astimezone(UTC) - local(2025, 3, 28, 18, 0).astimezone(UTC)
    assert elapsed.total_seconds() == 60 * 3600


def test_a_time_the_clocks_skip_moves_forward_and_a_repeated_one_comes_first() -> None:
    sundays = WeeklySchedule((None,) * 6 + (DepartureRule(time(2, 30)),))

    skipped = sundays.next_departure(local(2025, 3, 29, 12, 0), AMSTERDAM)
    repeated = sundays.next_departure(local(2025, 10, 25, 12, 0), AMSTERDAM)

    assert skipped is not None
    assert repeated is not None
    assert (skipped.at.hour, skipped.at.minute) == (3, 30)
    assert repeated.at.astimezone(UTC).hour == 0  # 02:30 CEST, the first time round
    assert repeated.at.fold == 0


def test_a_week_without_departures() -> None:
    assert WeeklySchedule((None,) * 7).next_departure(local(2025, 3, 3), AMSTERDAM) is None


def test_a_rule_on_today_only_comes_round_a_week_later() -> None:
    mondays = WeeklySchedule((DepartureRule(time(7, 0), energy_kwh=20.0),) + (None,) * 6)

    found = mondays.next_departure(local(2025, 3, 3, 8, 0), AMSTERDAM)

    assert found is not None
    assert found.at == local(2025, 3, 10, 7, 0)
    assert found.rule.energy_kwh == 20.0


@pytest.mark.parametrize(
    "rule",
    [
        {"departure": "07:00"},
        {"departure": time(7, 0, tzinfo=UTC)},
        {"departure": time(7), "target_soc": 101},
        {"departure": time(7), "target_soc": True},
        {"departure": time(7), "energy_kwh": -1},
        {"departure": time(7), "energy_kwh": float("inf")},
    ],
)
def test_bad_rules_are_refused(rule: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must"):
        DepartureRule(**rule)  # type: ignore[arg-type]


def test_a_week_has_seven_days_and_now_a_zone() -> None:
    with pytest.raises(ValueError, match="7 days"):
        WeeklySchedule((None,) * 6)
    with pytest.raises(ValueError, match="aware"):
        WORKDAYS.next_departure(datetime(2025, 3, 3), AMSTERDAM)
