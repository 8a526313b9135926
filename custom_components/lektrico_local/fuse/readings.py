"""Meter readings in any of the shapes Home Assistant has them, as amps per house phase."""

from __future__ import annotations

import math
from collections.abc import Sequence

PhaseCurrents = tuple[float, ...]  # A per house phase (L1, L2, L3); positive imports


def currents_from_amps(amps: Sequence[float | None] | None, phases: int) -> PhaseCurrents | None:
    """Per-phase currents as they are. None: the meter is unavailable."""
    return _per_phase(amps, phases, 1.0, "phase currents")


def currents_from_watts(
    watts: Sequence[float | None] | None, phases: int, voltage: float
) -> PhaseCurrents | None:
    """Per-phase powers divided by the line-to-neutral voltage."""
    return _per_phase(watts, phases, voltage, "phase powers")


def currents_from_total_power(
    watts: float | None, phases: int, voltage: float
) -> PhaseCurrents | None:
    """One total power: the current of the single phase of a single-phase house.

    A three-phase house's total says nothing about its most loaded phase, which is what trips.
    """
    if phases != 1:
        raise ValueError(
            "a total power is only a phase current in a single-phase house; "
            "a three-phase house needs a current or power per phase"
        )
    return _per_phase(None if watts is None else (watts,), 1, voltage, "total power")


def _per_phase(
    values: Sequence[float | None] | None, phases: int, divisor: float, what: str
) -> PhaseCurrents | None:
    """One value per phase, or None when any phase is unknown.

    One unknown phase makes the whole reading unavailable: the phase nobody measured may be the
    one that is about to trip.
    """
    if values is None:
        return None
    if len(values) != phases:
        raise ValueError(f"expected {phases} {what}, one per house phase, got {len(values)}")
    currents: list[float] = []
    for value in values:
        if value is None or not math.isfinite(value):
            return None
        currents.append(value / divisor)
    return tuple(currents)
