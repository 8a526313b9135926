"""The main-fuse guard inside Home Assistant: grid-meter sensors in, a current cap out.

The control law lives in `fuse/` and knows nothing of Home Assistant. This module feeds it
every meter reading as it arrives (not on a cycle: an overload must reach the charger within
one meter update and one request) and every poll of the charger, and when the cap changes it
sends the capped setpoint at once through the control lever (`lever.py`, the one place that
writes the charging current, whatever the mode).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import UnitOfElectricCurrent
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .api import LektricoError
from .const import (
    CONF_FUSE_FALLBACK,
    CONF_FUSE_HOLD_TIME,
    CONF_FUSE_MARGIN,
    CONF_FUSE_RATING,
    CONF_FUSE_SENSORS,
    FUSE_CHECK_INTERVAL,
    LOGGER,
)
from .coordinator import LektricoConfigEntry
from .fuse import ChargerDraw, FuseGuard, FuseSettings, GuardDecision, GuardState
from .helpers import show_repair_issue
from .lever import async_apply_caps
from .solar_charging import DRAWING_AMPS, WATTS_PER_UNIT, number

UNIT = "unit_of_measurement"


def fuse_settings(options: Mapping[str, Any]) -> FuseSettings:
    """The guard's settings from the options page; raises ValueError naming a bad one."""
    values: dict[str, Any] = {
        "fuse_rating": float(options[CONF_FUSE_RATING]),
        "house_phases": 3 if len(options[CONF_FUSE_SENSORS]) == 3 else 1,
    }
    if options.get(CONF_FUSE_MARGIN) is not None:
        values["margin"] = float(options[CONF_FUSE_MARGIN])
    if options.get(CONF_FUSE_FALLBACK) is not None:
        values["fallback_current"] = int(options[CONF_FUSE_FALLBACK])
    if options.get(CONF_FUSE_HOLD_TIME) is not None:
        values["hold_time"] = float(options[CONF_FUSE_HOLD_TIME])
    return FuseSettings(**values)


class FuseGuarding:
    """Runs the guard on every meter reading and publishes its decisions."""

    def __init__(
        self, hass: HomeAssistant, entry: LektricoConfigEntry, settings: FuseSettings
    ) -> None:
        self.hass = hass
        self.entry = entry
        self.sensors: list[str] = list(entry.options[CONF_FUSE_SENSORS])
        self.guard = FuseGuard(settings)
        self.coordinator: DataUpdateCoordinator[GuardDecision | None] = DataUpdateCoordinator(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{entry.title} main-fuse guard",
            update_interval=FUSE_CHECK_INTERVAL,
            update_method=self._async_check,
        )
        self._started = dt_util.utcnow().timestamp()
        self._enforce_failed = False

    @property
    def cap(self) -> int:
        """The most current the charger may be given now (0: paused for the fuse)."""
        return self.guard.cap

    @callback
    def async_start(self) -> None:
        """Hear every meter reading and every poll of the charger."""
        runtime = self.entry.runtime_data
        self.entry.async_on_unload(
            async_track_state_change_event(self.hass, self.sensors, self._on_meter_reading)
        )
        self.entry.async_on_unload(runtime.live.async_add_listener(self._on_charger_polled))
        # The staleness check runs whether or not anything shows the guard's sensors.
        self.entry.async_on_unload(self.coordinator.async_add_listener(lambda: None))
        self._on_charger_polled()

    def setpoint_sent(self, amps: int) -> None:
        """The lever sent this current: the meter shows the car there a little later."""
        self.guard.setpoint_sent(dt_util.utcnow().timestamp(), amps)

    @callback
    def _on_charger_polled(self) -> None:
        live = self.entry.runtime_data.live
        if live.data is None or not live.last_update_success:
            return
        currents = live.data.info.currents
        drawing = [amps for amps in currents if amps is not None and amps >= DRAWING_AMPS]
        draw = ChargerDraw(
            phase_currents=tuple(amps or 0.0 for amps in currents[: self._charger_phases()]),
            phases_in_use=len(drawing) if drawing else None,
        )
        self.guard.charger_polled(dt_util.utcnow().timestamp(), draw)

    def _charger_phases(self) -> int:
        return self.entry.runtime_data.identity.phases

    @callback
    def _on_meter_reading(self, event: Event[EventStateChangedData]) -> None:
        self._publish(self._read_meter(dt_util.utcnow().timestamp()))

    def _read_meter(self, now: float) -> GuardDecision:
        """All meter sensors as they are now: amps, or watts (W, kW) by their unit."""
        states = [self.hass.states.get(entity_id) for entity_id in self.sensors]
        units = [
            str(state.attributes.get("unit_of_measurement")) if state else "" for state in states
        ]
        values = [number(state) for state in states]
        if all(unit == UnitOfElectricCurrent.AMPERE for unit in units):
            return self.guard.add_phase_currents(now, values)
        watts = [
            None if value is None else value * WATTS_PER_UNIT.get(unit, 1.0)
            for value, unit in zip(values, units, strict=True)
        ]
        if len(watts) == 1:
            return self.guard.add_total_power(now, watts[0])
        return self.guard.add_phase_powers(now, watts)

    async def _async_check(self) -> GuardDecision | None:
        """The timer: notice a meter gone silent, and say so while it lasts."""
        now = dt_util.utcnow().timestamp()
        decision = self.guard.step(now)
        await self._async_enforce(decision)
        waited = now - self._started > self.guard.settings.meter_timeout
        stale = decision.state is GuardState.METER_STALE and waited
        show_repair_issue(
            self.hass,
            f"fuse_meter_stale_{self.entry.entry_id}",
            "fuse_meter_stale",
            {"name": self.entry.title, "fallback": str(self.guard.settings.fallback_current)}
            if stale
            else None,
        )
        return decision

    @callback
    def _publish(self, decision: GuardDecision) -> None:
        self.coordinator.async_set_updated_data(decision)
        if decision.changed:
            self.entry.async_create_task(
                self.hass, self._async_enforce(decision), "lektrico_local fuse cap"
            )

    async def _async_enforce(self, decision: GuardDecision) -> None:
        """A new cap goes to the charger at once; one that failed is tried at the next check."""
        if not decision.changed and not self._enforce_failed:
            return
        try:
            await async_apply_caps(self.entry.runtime_data)
        except LektricoError as err:
            if not self._enforce_failed:
                LOGGER.warning(
                    "%s: could not apply the fuse cap of %s A: %s", self.entry.title, self.cap, err
                )
            self._enforce_failed = True
            return
        self._enforce_failed = False
