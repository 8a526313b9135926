"""Runs the issue's scenarios once per test session and reads the results."""

from __future__ import annotations

from functools import cache

from custom_components.lektrico_local.fuse import GuardState
from fuse_sim import SCENARIOS, PolicyKind, Run, run
from fuse_sim.scenarios import DEFAULT_SEED


@cache
def guard_run(name: str, seed: int = DEFAULT_SEED) -> Run:
    return run(SCENARIOS[name], PolicyKind.GUARD, seed)


@cache
def naive_run(name: str, seed: int = DEFAULT_SEED) -> Run:
    return run(SCENARIOS[name], PolicyKind.NAIVE, seed)


def caps(result: Run, start: int, end: int) -> set[int]:
    """The caps decided in [start, end)."""
    return set(result.caps[start:end])


def states(result: Run, start: int, end: int) -> set[GuardState]:
    return {decision.state for decision in result.decisions[start:end]}


def first_reading_from(result: Run, second: int) -> int:
    """The first second at or after `second` with a meter reading."""
    meter = result.scenario.meter
    while not meter.reports_at(second):
        second += 1
    return second


def seconds_above(result: Run, start: int, end: int) -> list[int]:
    """Seconds in [start, end) in which a phase carried more than the fuse rating."""
    rating = result.scenario.settings.fuse_rating
    return [s for s in range(start, end) if max(result.phase_currents[s]) > rating]
