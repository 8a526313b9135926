"""Runs the issue's scenarios once per test session and reads the results."""

from __future__ import annotations

import math
from functools import cache
from itertools import pairwise

from custom_components.lektrico_local.solar import Decision
from solar_sim import SCENARIOS, PolicyKind, Run, run
from solar_sim.metrics import Period, complete_periods, periods
from solar_sim.scenarios import DEFAULT_SEED


@cache
def controller_run(name: str, seed: int = DEFAULT_SEED) -> Run:
    return run(SCENARIOS[name], PolicyKind.CONTROLLER, seed)


@cache
def baseline_run(name: str, seed: int = DEFAULT_SEED) -> Run:
    return run(SCENARIOS[name], PolicyKind.BASELINE, seed)


def start_times(result: Run) -> list[int]:
    return [period.start for period in periods(result.setpoints)[1:] if period.on]


def stop_times(result: Run) -> list[int]:
    return [period.start for period in periods(result.setpoints)[1:] if not period.on]


def on_periods(result: Run) -> list[Period]:
    return complete_periods(result.setpoints, on=True)


def off_periods(result: Run) -> list[Period]:
    return complete_periods(result.setpoints, on=False)


def reversals(setpoints: tuple[int, ...]) -> int:
    """How often the setpoint turned around (up then down, or down then up)."""
    steps = [later - earlier for earlier, later in pairwise(setpoints) if later != earlier]
    return sum(1 for first, second in pairwise(steps) if (first > 0) != (second > 0))


def steady_current(result: Run, surplus: float) -> int:
    """Whole amps a steady surplus pays for after the residual margin."""
    settings = result.scenario.settings
    watts_per_amp = settings.watts_per_amp(settings.phases)
    return math.floor((surplus - settings.residual_power) / watts_per_amp)


def decisions_between(result: Run, start: int, end: int) -> list[tuple[int, Decision]]:
    return [(time, decision) for time, decision in result.decisions if start <= time < end]


def per_hour(times: list[int], hours: int) -> list[int]:
    """How many of `times` fall into each clock hour of the run."""
    return [
        sum(1 for time in times if hour * 3600 <= time < (hour + 1) * 3600) for hour in range(hours)
    ]
