"""Solar-surplus charging inside Home Assistant: sensors in, EM current out.

The control law lives in `solar/` and knows nothing of Home Assistant. This
coordinator feeds it the grid and battery sensors and the charger's live data
once per cycle, sends the setpoint it decides, and keeps the EM current alive
so the charger never falls back to "EM offline" while a mode is active.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from homeassistant.const import UnitOfPower
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.util import dt as dt_util

from .api import LektricoClient, LektricoError
from .const import (
    CONF_BATTERY_INVERTED,
    CONF_BATTERY_POWER_SENSOR,
    CONF_BATTERY_PRIORITY_SOC,
    CONF_BATTERY_SOC_SENSOR,
    CONF_CYCLE,
    CONF_DISABLE_DELAY,
    CONF_ENABLE_DELAY,
    CONF_EXPORT_SENSOR,
    CONF_GRID_INVERTED,
    CONF_GRID_SENSOR,
    CONF_MAX_CURRENT,
    CONF_MIN_CURRENT,
    CONF_MIN_OFF_TIME,
    CONF_MIN_ON_TIME,
    CONF_PHASE_SWITCHING,
    CONF_PHASES,
    CONF_RESIDUAL_POWER,
    EM_KEEPALIVE_SECONDS,
    LOGGER,
    PHASES_AUTO,
)
from .coordinator import LektricoConfigEntry, LektricoCoordinator, LiveData, ReadBack
from .solar import ChargeMode, ChargerObservation, Decision, SolarController, SolarSettings

WATTS_PER_UNIT = {UnitOfPower.WATT: 1.0, UnitOfPower.KILO_WATT: 1000.0, "MW": 1_000_000.0}
DRAWING_AMPS = 1.0  # a phase carrying less than this is not charging

# Option -> SolarSettings field, for the plain numbers.
NUMBER_OPTIONS = {
    CONF_MIN_CURRENT: "min_current",
    CONF_MAX_CURRENT: "max_current",
    CONF_RESIDUAL_POWER: "residual_power",
    CONF_ENABLE_DELAY: "enable_delay",
    CONF_DISABLE_DELAY: "disable_delay",
    CONF_MIN_ON_TIME: "min_on_time",
    CONF_MIN_OFF_TIME: "min_off_time",
    CONF_CYCLE: "cycle",
    CONF_BATTERY_PRIORITY_SOC: "battery_priority_soc",
}
INT_SETTINGS = {"min_current", "max_current"}


def solar_settings(options: Mapping[str, Any], charger_phases: int) -> SolarSettings:
    """The controller's settings from the options page; raises ValueError naming a bad one."""
    values: dict[str, Any] = {}
    for option, field in NUMBER_OPTIONS.items():
        if options.get(option) is not None:
            values[field] = (
                int(options[option]) if field in INT_SETTINGS else float(options[option])
            )
    phases = options.get(CONF_PHASES, PHASES_AUTO)
    values["phases"] = charger_phases if phases == PHASES_AUTO else int(phases)
    values["phase_switching"] = bool(options.get(CONF_PHASE_SWITCHING)) and charger_phases == 3
    return SolarSettings(**values)


def number(state: State | None) -> float | None:
    """A sensor's state as a number; None when it is unavailable, unknown or not a number."""
    if state is None:
        return None
    try:
        return float(state.state)  # "unavailable" and "unknown" fail here too
    except ValueError:
        return None


def watts(state: State | None, *, inverted: bool = False) -> float | None:
    """A power sensor's state in W; None when it is unavailable or not a number."""
    value = number(state)
    if state is None or value is None:
        return None
    value *= WATTS_PER_UNIT.get(state.attributes.get("unit_of_measurement", UnitOfPower.WATT), 1.0)
    return -value if inverted else value


def observation(live: LiveData, em_current: int | None) -> ChargerObservation:
    """What the controller needs to know of the charger, from the latest poll."""
    info = live.info
    drawing = [amps for amps in info.currents if amps is not None and amps >= DRAWING_AMPS]
    return ChargerObservation(
        vehicle_connected=bool(info.vehicle_connected),
        charging=bool(info.charging),
        offered_current=info.pwm_current,
        phase_currents=info.currents,
        em_current=em_current,
        phases_in_use=len(drawing) if drawing else None,
    )


class SolarChargingCoordinator(LektricoCoordinator[Decision | None]):
    """Runs the control law once per cycle and owns the charger's EM current."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: LektricoConfigEntry,
        client: LektricoClient,
        settings: SolarSettings,
    ) -> None:
        super().__init__(hass, entry, client, "solar charging", timedelta(seconds=settings.cycle))
        self.controller = SolarController(settings, ChargeMode.FAST)
        self.options = entry.options
        self._last_write: float | None = None
        self._failed_write = False

    @property
    def mode(self) -> ChargeMode:
        """The charge mode the user chose."""
        return self.controller.mode

    async def async_set_mode(self, mode: ChargeMode) -> None:
        """Switch mode and decide at once."""
        self.controller.set_mode(mode)
        await self.async_refresh()

    @callback
    def async_start(self) -> None:
        """Listen to the power sensors between cycles (the average needs every sample)."""
        sensors = [self.options.get(key) for key in (CONF_GRID_SENSOR, CONF_EXPORT_SENSOR)]
        sensors += [
            self.options.get(key) for key in (CONF_BATTERY_POWER_SENSOR, CONF_BATTERY_SOC_SENSOR)
        ]
        tracked = [entity_id for entity_id in sensors if entity_id]
        self.config_entry.async_on_unload(
            async_track_state_change_event(self.hass, tracked, self._on_sensor_change)
        )
        # A coordinator polls only while something listens. The controller must run (and keep
        # the EM current alive) even if every solar entity is disabled.
        self.config_entry.async_on_unload(self.async_add_listener(lambda: None))

    @callback
    def _on_sensor_change(self, event: Event[EventStateChangedData]) -> None:
        self._sample(dt_util.utcnow().timestamp())

    def _sample(self, now: float) -> None:
        """Feed the controller the sensors as they are now (None while a sensor is unavailable)."""
        states = self.hass.states
        grid = watts(
            states.get(self.options[CONF_GRID_SENSOR]),
            inverted=bool(self.options.get(CONF_GRID_INVERTED)),
        )
        if grid is not None and (export_sensor := self.options.get(CONF_EXPORT_SENSOR)):
            export = watts(states.get(export_sensor))
            grid = None if export is None else grid - export
        self.controller.add_grid_sample(now, grid)
        if battery_sensor := self.options.get(CONF_BATTERY_POWER_SENSOR):
            battery = watts(
                states.get(battery_sensor), inverted=bool(self.options.get(CONF_BATTERY_INVERTED))
            )
            soc_sensor = self.options.get(CONF_BATTERY_SOC_SENSOR)
            self.controller.add_battery_sample(
                now, battery, number(states.get(soc_sensor)) if soc_sensor else None
            )

    async def _async_update_data(self) -> Decision | None:
        runtime = self.config_entry.runtime_data
        if runtime.live.data is None or not runtime.live.last_update_success:
            return self.data  # nothing is known of the charger: decide nothing
        now = dt_util.utcnow().timestamp()
        self._sample(now)
        currents = runtime.settings.data.system_currents
        decision = self.controller.step(
            now, observation(runtime.live.data, currents.em_current if currents else None)
        )
        await self._send(decision, now)
        return decision

    async def _send(self, decision: Decision, now: float) -> None:
        """The setpoint when it changed, else the same one as a keepalive."""
        keepalive_due = self._last_write is None or now - self._last_write >= EM_KEEPALIVE_SECONDS
        if not decision.write and not keepalive_due:
            return
        runtime = self.config_entry.runtime_data
        try:
            await self._own_energy_management()
            await self._switch_phases(decision)
            await self.client.set_em_current(decision.setpoint)
        except LektricoError as err:
            if not self._failed_write:
                LOGGER.warning(
                    "%s: could not set the EM current to %s A: %s",
                    self.name,
                    decision.setpoint,
                    err,
                )
            self._failed_write = True
            return
        if self._failed_write:
            LOGGER.info("%s: the EM current is set again", self.name)
        self._failed_write = False
        self._last_write = now
        if decision.write:
            # A keepalive changes nothing; a new setpoint is confirmed for the EM current number.
            await runtime.async_read_back(ReadBack.SYSTEM_CURRENTS)

    async def _own_energy_management(self) -> None:
        """The charger obeys the EM current only with energy management on."""
        settings = self.config_entry.runtime_data.settings
        config = settings.data.app_config
        if config is not None and config.energy_management_enabled is False:
            LOGGER.info("%s: turning on energy management to control the current", self.name)
            await self.client.set_app_config("energy_management_enabled", True)
            await self.config_entry.runtime_data.async_read_back(ReadBack.APP_CONFIG)

    async def _switch_phases(self, decision: Decision) -> None:
        """On units that may switch, the relays follow the phases the setpoint is meant for."""
        if not self.controller.settings.phase_switching:
            return
        info = self.config_entry.runtime_data.live.data.info
        relay_mode = 1 if decision.phases == 1 else 0
        if info.relay_mode is not None and info.relay_mode != relay_mode:
            await self.client.set_dynamic_current(info.dynamic_current or 32, relay_mode=relay_mode)
