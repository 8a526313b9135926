"""Solar-surplus charging inside Home Assistant: sensors in, charging current out.

The control law lives in `solar/` and knows nothing of Home Assistant. This
coordinator feeds it the grid and battery sensors and the charger's live data
once per cycle and sends the setpoint it decides through the control lever
(`lever.py`: the dynamic current, or the EM current, which it then keeps alive
so the charger never falls back to "EM offline" while a mode is active).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from homeassistant.const import UnitOfPower
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .api import LektricoClient, LektricoError, RelayMode
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
    ControlLever,
)
from .coordinator import LektricoConfigEntry, LiveData, ReadBack
from .lever import active_lever, async_set_lever_current, held_wish, lever_read_back, relay_mode
from .planner import PlannerSettings
from .smart_charging import SMART_MODES, ChargingMode, SmartCharging
from .solar import (
    ChargeMode,
    ChargerObservation,
    ControllerState,
    Decision,
    SolarController,
    SolarSettings,
)

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


def planner_settings(settings: SolarSettings) -> PlannerSettings:
    """Smart charging plans with the currents and phases solar charging may use."""
    return PlannerSettings(
        phases=settings.phases,
        phase_switching=settings.phase_switching,
        min_current=settings.min_current,
        max_current=settings.max_current,
        voltage=settings.voltage,
    )


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


def observation(live: LiveData, held_current: int | None) -> ChargerObservation:
    """What the controller needs to know of the charger, from the latest poll."""
    info = live.info
    drawing = [amps for amps in info.currents if amps is not None and amps >= DRAWING_AMPS]
    return ChargerObservation(
        vehicle_connected=bool(info.vehicle_connected),
        charging=bool(info.charging),
        offered_current=info.pwm_current,
        phase_currents=info.currents,
        held_current=held_current,
        phases_in_use=len(drawing) if drawing else None,
    )


class SolarCharging:
    """Runs the control law once per cycle and owns the charger's control lever.

    Its decisions are published by a plain DataUpdateCoordinator, which its sensors follow.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry: LektricoConfigEntry,
        client: LektricoClient,
        settings: SolarSettings,
        smart: SmartCharging,
    ) -> None:
        self.hass = hass
        self.entry = entry
        self.client = client
        self.name = f"{entry.title} solar charging"
        self.controller = SolarController(settings, ChargeMode.FAST)
        self.smart = smart
        self._mode = ChargingMode.FAST
        self.options = entry.options
        self.coordinator: DataUpdateCoordinator[Decision | None] = DataUpdateCoordinator(
            hass,
            LOGGER,
            config_entry=entry,
            name=self.name,
            update_interval=timedelta(seconds=settings.cycle),
            update_method=self._async_decide,
        )
        self._last_write: float | None = None
        self._failed_write = False
        # The current smart charging holds over the solar law (a planned slot, the session
        # limit); None while the law decides.
        self._overruling: int | None = None

    @property
    def mode(self) -> ChargingMode:
        """The charge mode the user chose."""
        return self._mode

    @property
    def modes(self) -> list[ChargingMode]:
        """The modes on offer: the smart ones only with a price sensor to plan with."""
        return [mode for mode in ChargingMode if mode not in SMART_MODES or self.smart.configured]

    async def async_set_mode(self, mode: ChargingMode) -> None:
        """Switch mode and decide at once."""
        self._mode = mode
        self.controller.set_mode(mode.solar_mode)
        if mode not in SMART_MODES:
            self.smart.stop()
        await self.coordinator.async_refresh()

    @callback
    def async_start(self) -> None:
        """Listen to the power sensors between cycles (the average needs every sample)."""
        sensors = [self.options.get(key) for key in (CONF_GRID_SENSOR, CONF_EXPORT_SENSOR)]
        sensors += [
            self.options.get(key) for key in (CONF_BATTERY_POWER_SENSOR, CONF_BATTERY_SOC_SENSOR)
        ]
        tracked = [entity_id for entity_id in sensors if entity_id]
        self.entry.async_on_unload(
            async_track_state_change_event(self.hass, tracked, self._on_sensor_change)
        )
        # A coordinator polls only while something listens. The controller must run (and keep
        # the EM current alive) even if every solar entity is disabled.
        self.entry.async_on_unload(self.coordinator.async_add_listener(lambda: None))

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

    async def _async_decide(self) -> Decision | None:
        """One cycle: sensors and the charger's latest poll in, the setpoint out."""
        runtime = self.entry.runtime_data
        if runtime.live.data is None or not runtime.live.last_update_success:
            # Nothing is known of the charger now: say so, decide nothing.
            previous = self.coordinator.data
            return Decision(
                setpoint=previous.setpoint if previous else 0,
                write=False,
                state=ControllerState.CHARGER_UNREACHABLE,
            )
        moment = dt_util.utcnow()
        now = moment.timestamp()
        self._sample(now)
        charger = observation(runtime.live.data, held_wish(runtime))
        decision = self.controller.step(now, charger)
        overruling = self._overrule(decision, moment, runtime.live.data)
        if overruling is not None:
            decision = self._overruled(decision, *overruling)
        elif self._overruling is not None:
            # The plan lets go. The law ran all along on what the sun alone gives the car, so
            # its setpoint stands at once: a pause unless there is surplus.
            self._overruling = None
            decision = replace(decision, write=True)
        await self._send(decision, now)
        if self.entry.runtime_data.session_stopped:
            # The lever holds the charger at 0 whatever the mode asks: say why.
            decision = replace(decision, state=ControllerState.SESSION_LIMIT_REACHED)
        return decision

    def _overrule(
        self, decision: Decision, moment: datetime, live: LiveData
    ) -> tuple[int, int, ControllerState] | None:
        """What smart charging holds over the law's decision: (current, phases, state), or None.

        A planned slot charges at its current, or more when the sun pays for more.
        """
        held: tuple[int, int, ControllerState] | None = None
        if self._mode in SMART_MODES:
            price_cap = self._mode is ChargingMode.SMART_PRICE_CAP
            planned = self.smart.setpoint(moment, live, price_cap=price_cap)
            if planned is not None and planned.current > 0 and not planned.follow_solar:
                current = max(planned.current, decision.setpoint)
                held = (current, planned.phases, ControllerState.CHARGING_ON_PLAN)
        return held

    def _overruled(
        self, decision: Decision, current: int, phases: int, state: ControllerState
    ) -> Decision:
        """The law's decision with smart charging's current: written when it is news."""
        held = held_wish(self.entry.runtime_data)
        write = current != self._overruling or (held is not None and held != current)
        self._overruling = current
        return replace(decision, setpoint=current, phases=phases, state=state, write=write)

    async def _send(self, decision: Decision, now: float) -> None:
        """The setpoint when it changed; through the EM current, also as a keepalive."""
        runtime = self.entry.runtime_data
        keepalive_due = active_lever(runtime) is ControlLever.EM_CURRENT and (
            self._last_write is None or now - self._last_write >= EM_KEEPALIVE_SECONDS
        )
        # A write that failed is sent again next cycle: the controller counts it as sent.
        if not decision.write and not keepalive_due and not self._failed_write:
            return
        await self._switch_phases(decision)
        try:
            await async_set_lever_current(runtime, decision.setpoint)
        except LektricoError as err:
            if not self._failed_write:
                LOGGER.warning(
                    "%s: could not set the charging current to %s A: %s",
                    self.name,
                    decision.setpoint,
                    err,
                )
            self._failed_write = True
            return
        if self._failed_write:
            LOGGER.info("%s: the charging current is set again", self.name)
        self._failed_write = False
        self._last_write = now
        if decision.write:
            # A keepalive changes nothing; a new setpoint is confirmed for the numbers.
            await runtime.async_read_back(*lever_read_back(runtime))

    async def _switch_phases(self, decision: Decision) -> None:
        """On units that may switch, the relays follow the phases the setpoint is meant for.

        A refused switch is logged and tried again next cycle; the current is written anyway.
        """
        if not self.controller.settings.phase_switching:
            return
        runtime = self.entry.runtime_data
        wanted = RelayMode.SINGLE_PHASE if decision.phases == 1 else RelayMode.THREE_PHASES
        current = relay_mode(runtime)
        if current is None or current == wanted:
            return
        try:
            await self.client.set_relay_mode(wanted)
        except LektricoError as err:
            LOGGER.warning("%s: could not switch to %s phase(s): %s", self.name, wanted, err)
            return
        await runtime.async_read_back(ReadBack.DYNAMIC_CURRENT, ReadBack.LIVE)
