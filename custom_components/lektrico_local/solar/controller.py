"""The solar-surplus control law: one decision per cycle from grid power and the charger.

The controller owns no clock and does no I/O. The caller feeds it sensor readings as they
arrive, calls step() about once a cycle and sends Decision.setpoint when Decision.write says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .decision import ControllerState, Decision
from .observation import ChargerObservation
from .readings import SensorReadings
from .settings import ChargeMode, SolarSettings

# A caller's timer may fire a little early; a deadline this close counts as reached.
CLOCK_TOLERANCE = 0.5


@dataclass(slots=True)
class _Timers:
    """When things began in this session; all forgotten when the car is unplugged."""

    on_since: float | None = None
    off_since: float | None = None  # None: paused since before we knew, counts as long ago
    surplus_since: float | None = None  # paused, and the surplus pays for the minimum
    shortfall_since: float | None = None  # charging, and the surplus does not pay for it
    three_phases_since: float | None = None  # on one phase, and three would be paid for
    switch_until: float | None = None  # end of the pause before the relays switch
    switch_to: int | None = None
    awaiting_draw: bool = False  # started, and the car has not drawn current yet
    seen_phases: int | None = None  # phases the car was last seen drawing on


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a cycle found, besides the setpoint the controller holds."""

    state: ControllerState
    seconds_left: int | None = None
    surplus_power: float | None = None


class SolarController:
    """Decides the charging current from grid power, on a clock in seconds the caller supplies."""

    def __init__(self, settings: SolarSettings, mode: ChargeMode = ChargeMode.SOLAR) -> None:
        self._settings = settings
        self._mode = mode
        self._readings = SensorReadings(settings)
        self._timers = _Timers()
        self._setpoint = 0
        self._phases = settings.phases
        self._written: int | None = None  # the setpoint last sent (or found at adoption)
        self._last_write: float | None = None
        self._off_sent = False
        # Readings taken before this moment still show an older current.
        self._settled_at = -math.inf
        self._last_evaluation: float | None = None
        self._next_evaluation = -math.inf
        self._watching_since: float | None = None  # the first step; stale counts from here
        self._adopt_pending = True
        self._previous: Decision | None = None
        # The surplus last computed: shown on cycles without a new grid reading, until stale.
        self._held_surplus: float | None = None

    @property
    def settings(self) -> SolarSettings:
        return self._settings

    @property
    def mode(self) -> ChargeMode:
        return self._mode

    def set_mode(self, mode: ChargeMode) -> None:
        """Switch mode; the next step() decides at once, starting from the charger's state."""
        if mode is not self._mode:
            self._mode = mode
            self._adopt_pending = True

    def add_grid_sample(self, now: float, watts: float | None) -> None:
        """Grid power at `now`: positive imports, negative exports, None unavailable."""
        self._readings.add_grid(now, watts)

    def add_battery_sample(self, now: float, watts: float | None, soc: float | None) -> None:
        """Home battery power (positive charges it) and its state of charge in %."""
        self._readings.add_battery(now, watts, soc)

    def step(self, now: float, charger: ChargerObservation) -> Decision:
        """Decide once per cycle; calls in between repeat the last decision without a write."""
        if not charger.vehicle_connected:
            self._timers = _Timers()
        if self._previous is not None and not self._is_due(now):
            return replace(self._previous, write=False)
        if self._adopt_pending:
            self._adopt(now, charger)
        self._watch_car(now, charger)
        plan = self._plan(now, charger)
        decision = self._commit(now, charger, plan)
        self._last_evaluation = now
        if _reached(now, self._next_evaluation):  # a mode change between cycles keeps the grid
            # max(): a call that comes a little early does not shift the cycle.
            self._next_evaluation = max(now, self._next_evaluation) + self._settings.cycle
        self._forget_old_samples(now)
        return decision

    # --- the cycle -------------------------------------------------------------------------

    def _is_due(self, now: float) -> bool:
        return self._adopt_pending or _reached(now, self._next_evaluation)

    def _adopt(self, now: float, charger: ChargerObservation) -> None:
        """Take over what the charger does now, so a restart never interrupts a session."""
        self._adopt_pending = False
        self._timers = _Timers()
        self._written = charger.held_current
        self._off_sent = False
        if self._watching_since is None:
            self._watching_since = now
        if not (charger.vehicle_connected and charger.charging):
            self._setpoint = 0
            return
        self._setpoint = self._adoptable_current(charger)
        self._timers.on_since = now
        self._timers.seen_phases = charger.phases_in_use
        if self._settings.phase_switching:
            self._phases = 1 if charger.phases_in_use == 1 else self._settings.phases

    def _adoptable_current(self, charger: ChargerObservation) -> int:
        settings = self._settings
        held = charger.held_current
        if held is None or held < settings.min_current:
            held = charger.offered_current
        if held is None or held < settings.min_current:
            return settings.min_current
        return min(held, settings.max_current)

    def _watch_car(self, now: float, charger: ChargerObservation) -> None:
        if self._setpoint == 0 or not self._is_drawing(charger):
            return
        if charger.phases_in_use is not None:
            self._timers.seen_phases = charger.phases_in_use
        if self._timers.awaiting_draw:
            # Readings up to now were (partly) taken before the car drew anything.
            self._timers.awaiting_draw = False
            self._settled_at = max(self._settled_at, now + self._settings.settle_time)

    def _plan(self, now: float, charger: ChargerObservation) -> _Plan:
        if self._mode is ChargeMode.OFF:
            self._setpoint = 0
            return _Plan(ControllerState.OFF)
        if self._mode is ChargeMode.FAST:
            return self._plan_fast(now)
        return self._plan_surplus(now, charger)

    def _commit(self, now: float, charger: ChargerObservation, plan: _Plan) -> Decision:
        write = self._needs_write(now, charger)
        if write:
            self._written = self._setpoint
            self._last_write = now
            self._settled_at = now + self._settings.settle_time
            self._off_sent = self._mode is ChargeMode.OFF
        target = None
        if plan.surplus_power is not None:
            amps = self._amps(plan.surplus_power, self._charging_phases())
            target = min(max(amps, 0), self._settings.max_current)
        self._previous = Decision(
            setpoint=self._setpoint,
            write=write,
            state=plan.state,
            seconds_left=plan.seconds_left,
            surplus_power=plan.surplus_power,
            target_current=target,
            phases=self._phases,
        )
        return self._previous

    def _needs_write(self, now: float, charger: ChargerObservation) -> bool:
        if self._mode is ChargeMode.OFF:
            return not self._off_sent  # Off writes 0 once and then leaves the number alone
        if self._setpoint != self._written:
            return True
        # Someone else changed the current. Poll results may lag our own write, so only
        # believe the charger once that write has had two cycles to show up.
        if charger.held_current is None or charger.held_current == self._setpoint:
            return False
        return self._last_write is None or now - self._last_write >= 2 * self._settings.cycle

    def _forget_old_samples(self, now: float) -> None:
        settings = self._settings
        keep = 2 * max(settings.cycle, settings.sensor_timeout) + settings.settle_time
        self._readings.forget_before(now - keep)

    # --- Fast --------------------------------------------------------------------------------

    def _plan_fast(self, now: float) -> _Plan:
        if self._phases != self._settings.phases:
            switching = self._switch_phases(now, self._settings.phases)
            if switching is not None:
                return switching
        self._setpoint = self._settings.max_current
        return _Plan(ControllerState.FAST)

    # --- Solar and Min + Solar ---------------------------------------------------------------

    def _plan_surplus(self, now: float, charger: ChargerObservation) -> _Plan:
        if not charger.vehicle_connected:
            self._setpoint = 0
            self._held_surplus = None
            return _Plan(ControllerState.NO_VEHICLE)
        if self._timers.switch_to is not None:
            switching = self._switch_phases(now, self._timers.switch_to)
            if switching is not None:
                return switching
            self._start(now)
            return self._describe(now, self._held_surplus)
        watching_since = now if self._watching_since is None else self._watching_since
        stale_for = self._readings.grid_stale_for(now, watching_since)
        if stale_for is not None:
            self._held_surplus = None
            return self._plan_stale(now, stale_for)
        grid = self._readings.grid_power(self._window_start(now), self._settled_at, now)
        if grid is None:  # nothing new since the last change settled
            if self._setpoint == 0 and self._mode is ChargeMode.MIN_SOLAR:
                self._start(now)
            return self._describe(now, self._held_surplus)
        power = self._surplus_power(now, grid, charger)
        self._held_surplus = power
        if self._setpoint == 0:
            switching = self._while_paused(now, power)
        else:
            switching = self._while_charging(now, power, charger)
        if switching is not None:
            return switching
        return self._describe(now, power)

    def _while_paused(self, now: float, power: float) -> _Plan | None:
        settings, timers = self._settings, self._timers
        phases = self._phases_to_start_on(power)
        if self._mode is ChargeMode.MIN_SOLAR:
            return self._start_on(now, phases)
        if self._amps(power, phases) < settings.min_current:
            timers.surplus_since = None
            return None
        if timers.surplus_since is None:
            timers.surplus_since = now
        if not _reached(now, self._start_allowed_at()):
            return None
        return self._start_on(now, phases)

    def _while_charging(
        self, now: float, power: float, charger: ChargerObservation
    ) -> _Plan | None:
        settings = self._settings
        phases = self._charging_phases()
        if self._amps(power, phases) < settings.min_current:
            return self._hold_minimum(now, power)
        self._timers.shortfall_since = None  # any recovery restarts the disable delay
        if self._three_phases_due(now, power):
            return self._switch_phases(now, 3)
        down = self._amps(power, phases)
        up = self._amps(power, phases, margin=settings.hysteresis_power)
        if down < self._setpoint:
            self._setpoint = down
        elif up > self._setpoint and self._may_increase(charger):
            self._setpoint = min(up, settings.max_current)
        return None

    def _hold_minimum(self, now: float, power: float) -> _Plan | None:
        timers = self._timers
        self._setpoint = self._settings.min_current
        timers.three_phases_since = None
        if timers.shortfall_since is None:
            timers.shortfall_since = now
        if not _reached(now, self._stop_allowed_at()):
            return None
        if self._one_phase_would_do(power):
            return self._switch_phases(now, 1)
        if self._mode is ChargeMode.SOLAR:
            self._stop(now)
        return None

    def _plan_stale(self, now: float, stale_for: float) -> _Plan:
        """Without grid power: never up; down to the minimum, then (Solar) pause."""
        settings = self._settings
        self._timers.surplus_since = None
        if self._setpoint == 0:
            if self._mode is ChargeMode.MIN_SOLAR:
                self._start(now)  # Min + Solar never pauses, sensor or not
            return _Plan(ControllerState.SENSOR_STALE)
        if self._mode is ChargeMode.SOLAR and stale_for >= settings.stale_pause_after:
            self._stop(now)
            return _Plan(ControllerState.SENSOR_STALE)
        if stale_for >= settings.stale_minimum_after:
            self._setpoint = settings.min_current
        return _Plan(ControllerState.SENSOR_STALE, self._seconds_to_next_stale_step(stale_for))

    def _seconds_to_next_stale_step(self, stale_for: float) -> int | None:
        settings = self._settings
        if self._setpoint > settings.min_current:
            return math.ceil(settings.stale_minimum_after - stale_for)
        if self._mode is ChargeMode.SOLAR:
            return math.ceil(settings.stale_pause_after - stale_for)
        return None

    def _describe(self, now: float, power: float | None) -> _Plan:
        timers = self._timers
        if self._setpoint == 0:
            if timers.surplus_since is None:
                return _Plan(ControllerState.WAITING_FOR_SURPLUS, None, power)
            left = _seconds_until(self._start_allowed_at(), now)
            return _Plan(ControllerState.STARTING, left, power)
        if timers.shortfall_since is None:
            return _Plan(ControllerState.CHARGING_ON_SURPLUS, None, power)
        if self._mode is ChargeMode.MIN_SOLAR:
            return _Plan(ControllerState.HOLDING_MINIMUM, None, power)
        left = _seconds_until(self._stop_allowed_at(), now)
        return _Plan(ControllerState.STOPPING, left, power)

    # --- starts, stops and phase switches ------------------------------------------------------

    def _start(self, now: float) -> None:
        timers = self._timers
        self._setpoint = self._settings.min_current  # the car shows what it takes before a ramp
        timers.on_since = now
        timers.off_since = timers.surplus_since = timers.shortfall_since = None
        timers.awaiting_draw = True

    def _stop(self, now: float) -> None:
        timers = self._timers
        self._setpoint = 0
        timers.off_since = now
        timers.on_since = timers.shortfall_since = timers.three_phases_since = None
        timers.awaiting_draw = False

    def _start_on(self, now: float, phases: int) -> _Plan | None:
        if phases != self._phases:
            switching = self._switch_phases(now, phases)
            if switching is not None:
                return switching
        self._start(now)
        return None

    def _switch_phases(self, now: float, phases: int) -> _Plan | None:
        """Pause, then take the new phase count; a plan while the pause lasts, else None."""
        settings, timers = self._settings, self._timers
        if timers.switch_to is None:
            # The pause counts from when the car stopped drawing: now, unless already paused.
            paused_since = now
            if self._setpoint == 0 and timers.off_since is not None:
                paused_since = timers.off_since
            self._stop(paused_since)
            timers.switch_to = phases
            timers.switch_until = paused_since + settings.phase_switch_pause
        if timers.switch_until is not None and not _reached(now, timers.switch_until):
            left = _seconds_until(timers.switch_until, now)
            return _Plan(ControllerState.SWITCHING_PHASES, left)
        self._phases = phases
        timers.switch_to = timers.switch_until = None
        return None

    def _three_phases_due(self, now: float, power: float) -> bool:
        settings, timers = self._settings, self._timers
        if not settings.phase_switching or self._phases != 1:
            return False
        # Up needs the hysteresis on top of what down tolerates, so the two never meet.
        if self._amps(power, 3, margin=settings.hysteresis_power) < settings.min_current:
            timers.three_phases_since = None
            return False
        if timers.three_phases_since is None:
            timers.three_phases_since = now
        on_long_enough = self._on_time_done_at()
        return _reached(now, max(timers.three_phases_since + settings.enable_delay, on_long_enough))

    def _one_phase_would_do(self, power: float) -> bool:
        settings = self._settings
        if not settings.phase_switching or self._charging_phases() != 3:
            return False
        return self._mode is ChargeMode.MIN_SOLAR or self._amps(power, 1) >= settings.min_current

    def _phases_to_start_on(self, power: float) -> int:
        settings = self._settings
        if not settings.phase_switching:
            return self._phases
        three = self._amps(power, 3, margin=settings.hysteresis_power) >= settings.min_current
        return 3 if three else 1

    def _start_allowed_at(self) -> float:
        settings, timers = self._settings, self._timers
        surplus_since = _expiry_base(timers.surplus_since)
        off_since = -math.inf if timers.off_since is None else timers.off_since
        return max(surplus_since + settings.enable_delay, off_since + settings.min_off_time)

    def _stop_allowed_at(self) -> float:
        shortfall_since = _expiry_base(self._timers.shortfall_since)
        return max(shortfall_since + self._settings.disable_delay, self._on_time_done_at())

    def _on_time_done_at(self) -> float:
        on_since = self._timers.on_since
        return -math.inf if on_since is None else on_since + self._settings.min_on_time

    # --- what the sensors and the charger say --------------------------------------------------

    def _window_start(self, now: float) -> float:
        """Readings after this are new to this cycle and show the current that is set now."""
        previous = self._last_evaluation
        cycle_start = now - self._settings.cycle if previous is None else previous
        return max(cycle_start, self._settled_at)

    def _surplus_power(self, now: float, grid: float, charger: ChargerObservation) -> float:
        """Available = effective current x V x phases - grid + battery - residual."""
        settings = self._settings
        car = self._effective_current(charger) * settings.watts_per_amp(self._charging_phases())
        battery = self._readings.battery_share(self._window_start(now), now)
        return car - grid + battery - settings.residual_power

    def _effective_current(self, charger: ChargerObservation) -> float:
        """What the car may take: what it draws plus some headroom, never above the offer.

        A car that draws less than offered (or nothing) thus cannot push the target up.
        """
        if self._setpoint == 0:
            return 0.0
        offered = self._setpoint
        if charger.offered_current is not None:
            offered = min(offered, charger.offered_current)
        measured = charger.highest_phase_current
        if measured is None:
            return float(offered)
        return min(measured + self._settings.headroom_current, offered)

    def _charging_phases(self) -> int:
        seen = self._timers.seen_phases
        return self._phases if seen is None else min(seen, self._phases)

    def _is_drawing(self, charger: ChargerObservation) -> bool:
        highest = charger.highest_phase_current
        if highest is None:
            return charger.charging
        return highest >= self._settings.drawing_current

    def _may_increase(self, charger: ChargerObservation) -> bool:
        return not self._timers.awaiting_draw and self._is_drawing(charger)

    def _amps(self, power: float, phases: int, margin: float = 0.0) -> int:
        return math.floor((power - margin) / self._settings.watts_per_amp(phases))


def _expiry_base(moment: float | None) -> float:
    """A timer that has not started never expires."""
    return math.inf if moment is None else moment


def _reached(now: float, moment: float) -> bool:
    return now >= moment - CLOCK_TOLERANCE


def _seconds_until(moment: float, now: float) -> int:
    return max(0, math.ceil(moment - now))
