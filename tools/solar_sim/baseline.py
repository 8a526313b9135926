"""The automation many users copy, for comparison: current = surplus / (V x phases) every 10 s."""

from __future__ import annotations

import math

from custom_components.lektrico_local.solar import (
    LOWEST_CHARGING_CURRENT,
    ChargerObservation,
    ControllerState,
    Decision,
    SolarSettings,
)

BASELINE_PERIOD = 10  # seconds between runs of the automation


class NaiveAutomation:
    """No delays, no averaging, no hysteresis: the latest grid reading decides.

    Below 6 A it pauses, above 32 A it clamps. It only sends a value that changed, which is
    kinder than most copies (they send every time) and keeps its write count comparable.
    """

    def __init__(self, settings: SolarSettings) -> None:
        self._settings = settings
        self._grid: float | None = None
        self._sent: int | None = None

    def add_grid_sample(self, now: float, watts: float | None) -> None:
        if watts is not None:
            self._grid = watts

    def add_battery_sample(self, now: float, watts: float | None, soc: float | None) -> None:
        """The automation does not know about batteries."""

    def step(self, now: float, charger: ChargerObservation) -> Decision:
        setpoint = self._sent or 0
        if self._grid is not None:
            setpoint = self._current_for(self._surplus(charger))
        write = setpoint != self._sent
        self._sent = setpoint
        state = (
            ControllerState.CHARGING_ON_SURPLUS if setpoint else ControllerState.WAITING_FOR_SURPLUS
        )
        return Decision(setpoint=setpoint, write=write, state=state, phases=self._settings.phases)

    def _surplus(self, charger: ChargerObservation) -> float:
        assert self._grid is not None
        car_amps = sum(amps for amps in charger.phase_currents if amps is not None)
        return car_amps * self._settings.voltage - self._grid

    def _current_for(self, surplus: float) -> int:
        settings = self._settings
        amps = math.floor(surplus / settings.watts_per_amp(settings.phases))
        if amps < LOWEST_CHARGING_CURRENT:
            return 0
        return min(amps, settings.max_current)
