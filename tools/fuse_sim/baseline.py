"""The automation many users write, for comparison: every 10 s, cap = what is available."""

from __future__ import annotations

import math
from collections.abc import Sequence

from custom_components.lektrico_local.fuse import (
    ChargerDraw,
    FuseSettings,
    GuardDecision,
    GuardState,
)
from custom_components.lektrico_local.fuse.cap import whole_amps
from custom_components.lektrico_local.fuse.charger import car_phases
from custom_components.lektrico_local.fuse.readings import (
    PhaseCurrents,
    currents_from_amps,
    currents_from_total_power,
    currents_from_watts,
)

BASELINE_PERIOD = 10  # seconds between runs of the automation


class NaiveGuard:
    """The same formula as the guard, without what makes it a control law.

    Every 10 s on the clock: cap = rating - margin - (newest reading - the charger's current as
    last polled), the least over the car's phases, floored, 0 below 6 A (so it never sends 1..5 A
    either). No hold before going up, no allowance for the poll lagging the meter, and a meter
    that goes silent or unavailable leaves its last reading in force.
    """

    def __init__(self, settings: FuseSettings) -> None:
        self._settings = settings
        self._currents: PhaseCurrents | None = None
        self._draw: ChargerDraw | None = None
        self._cap = 0
        self._reported: int | None = None
        self._next_run = -math.inf

    def charger_polled(self, now: float, draw: ChargerDraw) -> None:
        self._draw = draw

    def setpoint_sent(self, now: float, amps: int) -> None:
        """The automation does not look at what was sent."""

    def add_phase_currents(self, now: float, amps: Sequence[float | None] | None) -> GuardDecision:
        self._keep(currents_from_amps(amps, self._settings.house_phases))
        return self.step(now)

    def add_phase_powers(self, now: float, watts: Sequence[float | None] | None) -> GuardDecision:
        settings = self._settings
        self._keep(currents_from_watts(watts, settings.house_phases, settings.voltage))
        return self.step(now)

    def add_total_power(self, now: float, watts: float | None) -> GuardDecision:
        settings = self._settings
        self._keep(currents_from_total_power(watts, settings.house_phases, settings.voltage))
        return self.step(now)

    def step(self, now: float) -> GuardDecision:
        if now >= self._next_run:
            self._next_run = (math.floor(now / BASELINE_PERIOD) + 1) * BASELINE_PERIOD
            if self._currents is not None:
                self._cap = self._available_cap(self._currents)
        changed = self._cap != self._reported
        self._reported = self._cap
        state = GuardState.PAUSED if self._cap == 0 else GuardState.LIMITING
        return GuardDecision(self._cap, changed, state, "naive")

    def _keep(self, currents: PhaseCurrents | None) -> None:
        if currents is not None:
            self._currents = currents

    def _available_cap(self, currents: PhaseCurrents) -> int:
        settings, draw = self._settings, self._draw
        available = min(
            settings.limit - currents[phase] + _polled(draw, index)
            for index, phase in enumerate(car_phases(settings, draw))
        )
        return whole_amps(available, settings)


def _polled(draw: ChargerDraw | None, index: int) -> float:
    """The charger's current on its phase `index` as last polled, 0 when not known."""
    if draw is None or index >= len(draw.phase_currents):
        return 0.0
    return draw.phase_currents[index] or 0.0
