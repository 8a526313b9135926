"""The charger model: state machine, current limits and energy integration. No I/O here.

Time is integrated lazily: every public method first steps the model from its last update
to `clock.now()` in steps of at most one second, so schedule boundaries, the EM timeout and
the EV becoming full happen at the right moment however rarely the charger is asked.
"""

import dataclasses
import functools
import math
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Concatenate

from .app_config import AppConfig
from .clock import Clock, RealClock
from .energy_management import (
    DEFAULT_METER_PERIOD,
    DEFAULT_METER_SERIAL,
    EnergyManagement,
    PairedMeter,
)
from .error_flags import ERROR_FLAG_NAMES, ErrorFlags
from .ev import EvProfile
from .firmware import Firmware
from .hardware import (
    CABLE_CURRENT,
    DERATED_CURRENT,
    HARDWARE_MAX_CURRENT,
    PHASE_COUNT,
    SINGLE_PHASE,
    ZERO_PHASES,
    PhaseValues,
    Thermal,
    mains_voltages,
    model_named,
)
from .json_types import JsonObject, JsonValue
from .limits import CurrentLimit, LimitReason, binding_limit
from .profiles import FirmwareProfile, profile_named
from .rpc_errors import ErrorCode, RpcError
from .schedule import ScheduleInterval, parse_schedule, schedule_current
from .session import Counters, Session
from .snapshot import ChargerState
from .state_machine import ExtendedState, StateInputs, decide_state, iec_letter
from .values import require_range

MAX_STEP = timedelta(seconds=1)
AP_PASSWORD_LENGTHS = range(8, 64)  # 8..63 characters, or empty to remove the password
# What pairing an energy meter changes in the charger's configuration (restored on unpairing).
PAIRING_CONFIG_KEYS = ("energy_management_enabled", "em_id")
# A limit source at this value limits nothing, so it is never named as the reason.
NO_LIMIT = HARDWARE_MAX_CURRENT


@dataclasses.dataclass(frozen=True)
class OperatingPoint:
    """What the charger does at one instant."""

    state: ExtendedState
    limit: CurrentLimit
    currents: PhaseValues
    voltages: PhaseValues

    @property
    def power_w(self) -> float:
        return sum(amps * volts for amps, volts in zip(self.currents, self.voltages, strict=True))


def _caught_up[**P, R](
    method: Callable[Concatenate["ChargerSimulator", P], R],
) -> Callable[Concatenate["ChargerSimulator", P], R]:
    """Bring the model up to the clock's present before the method runs."""

    @functools.wraps(method)
    def wrapper(self: "ChargerSimulator", /, *args: P.args, **kwargs: P.kwargs) -> R:
        self.catch_up()
        return method(self, *args, **kwargs)

    return wrapper


class ChargerSimulator:
    """A simulated Lektrico 1P7K / 3P22K charger.

    `firmware` picks how it answers (profiles.py): "document" follows the API document,
    "1.51", "1.47" and "1.23" follow captures of real units. `fw_version` overrides the version
    the profile reports.
    """

    def __init__(
        self,
        model: str = "3p22k",
        serial: int = 500006,
        clock: Clock | None = None,
        *,
        firmware: str = "document",
        fw_version: str | None = None,
        update_available: str | None = None,
        ota_seconds: float = 30.0,
        em_timeout: float = 60.0,
        em_fallback_current: int = 6,
        ambient_temperature: float = 21.0,
        app_config: Mapping[str, object] | None = None,
        ev: EvProfile | None = None,
    ) -> None:
        self._model = model_named(model)
        self._profile = profile_named(firmware)
        self._serial = serial
        self._clock: Clock = clock if clock is not None else RealClock()
        self._config = AppConfig(app_config)
        self._errors = ErrorFlags()
        self._counters = Counters()
        self._session = Session()
        self._ev = ev if ev is not None else EvProfile()
        self._ev_full = False
        self._em = EnergyManagement(em_timeout, em_fallback_current)
        self._firmware = Firmware(
            fw_version if fw_version is not None else self._profile.fw_version,
            update_available,
            ota_seconds,
            fw_id_format=self._profile.fw_id_format,
        )
        self._thermal = Thermal(ambient_temperature)
        self._schedule: tuple[ScheduleInterval, ...] = ()
        self._dynamic_current = NO_LIMIT
        self._relay_mode = self._model.default_relay_mode
        self._ap_password = ""
        self._reboot_pending = False
        self._last_update = self._clock.now()

    # ------------------------------------------------------------------ observing

    @property
    def state(self) -> ChargerState:
        """A snapshot of everything observable, as of the clock's present."""
        self.catch_up()
        return self._snapshot(self._last_update)

    @property
    def ev(self) -> EvProfile:
        return self._ev

    @property
    def profile(self) -> FirmwareProfile:
        """The firmware profile: which keys and methods this unit has."""
        return self._profile

    @property
    def device_id(self) -> str:
        """What Device_id.Get answers, and the `src` of JSON-RPC replies: "3p22k_500006"."""
        return f"{self._model.name}_{self._serial}"

    @property
    def clock(self) -> Clock:
        return self._clock

    # ------------------------------------------------------------------ the physical world

    @_caught_up
    def plug_in(self) -> None:
        """Connect the EV: a new session starts (authorized at once when headless)."""
        if self._session.plugged:
            return
        self._session = Session(
            session_id=self._session.session_id + 1,
            plugged=True,
            authorized=self._config.flag("headless"),
        )
        self._ev_full = False

    @_caught_up
    def unplug(self) -> None:
        """Disconnect the EV: the session ends and is counted."""
        if not self._session.plugged:
            return
        session = self._session
        session.plugged = False
        session.authorized = False
        session.paused = False
        session.schedule_override = False  # the override lasts one session only
        self._counters.last_session_energy_wh = session.energy_wh
        self._counters.total_charged_sessions += 1
        if self._reboot_pending:
            self._reboot()

    @_caught_up
    def set_ev(
        self,
        max_current: float = 16,
        phases: int = 3,
        needs_ventilation: bool = False,
        energy_wanted_wh: float | None = None,
    ) -> None:
        """Describe the EV (also while plugged in). A newly described EV is not full."""
        self._ev = EvProfile(max_current, phases, needs_ventilation, energy_wanted_wh)
        self._ev_full = False

    @_caught_up
    def set_ev_full(self, full: bool = True) -> None:
        """The EV stops drawing (full) or draws again (which also drops energy_wanted_wh)."""
        self._ev_full = full
        if not full:
            self._ev = dataclasses.replace(self._ev, energy_wanted_wh=None)

    @_caught_up
    def raise_error(self, name: str) -> None:
        self._errors.raise_error(name)

    @_caught_up
    def clear_error(self, name: str) -> None:
        self._errors.clear_error(name)

    @_caught_up
    def clear_all_errors(self) -> None:
        self._errors.clear_all()

    @_caught_up
    def set_ambient_temperature(self, celsius: float) -> None:
        """The board temperature then relaxes toward it (time constant 15 min)."""
        self._thermal.ambient = celsius

    @_caught_up
    def attach_energy_meter(
        self,
        current: int,
        *,
        period: float = DEFAULT_METER_PERIOD,
        meter_serial: int = DEFAULT_METER_SERIAL,
    ) -> None:
        """Pair a Lektrico energy meter that drives the EM current with `current` amps.

        Like a real pairing it turns energy management on and names the meter in `em_id`. The
        meter sends its current at once and then every `period` seconds, so an EM_current.Set
        from a client is obeyed only until the meter's next message.
        """
        previous = self._em.meter
        config_before = (
            previous.config_before
            if previous is not None
            else {key: self._config.as_dict()[key] for key in PAIRING_CONFIG_KEYS}
        )
        meter = PairedMeter(
            current,
            timedelta(seconds=period),
            meter_serial,
            next_send=self._last_update,
            config_before=config_before,
        )
        self._em.meter = meter
        self._config.set("energy_management_enabled", True)
        self._config.set("em_id", meter.device_id)
        self._em.meter_sends(self._last_update)

    @_caught_up
    def set_meter_current(self, current: int) -> None:
        """The paired meter measured a new headroom: it sends `current` at once."""
        meter = self._paired_meter()
        self._em.meter = dataclasses.replace(meter, current=current)
        self._em.meter_sends(self._last_update)

    @_caught_up
    def detach_energy_meter(self) -> None:
        """Unpair the meter (if any): energy management and em_id go back to what they were.

        The EM current stays at the meter's last value, as a charger keeps the last one it got.
        """
        meter = self._em.meter
        if meter is None:
            return
        self._em.meter = None
        for key, value in meter.config_before.items():
            self._config.set(key, value)

    def _paired_meter(self) -> PairedMeter:
        if self._em.meter is None:
            raise RuntimeError("no energy meter is attached")
        return self._em.meter

    @_caught_up
    def offer_update(self, version: str | None) -> None:
        """Make Ota.Verify find `version` (None: the firmware is up to date)."""
        self._firmware.update_available = version

    def advance(self, seconds: float) -> None:
        """Move the clock forward and integrate up to the new present."""
        self.catch_up()
        self._clock.advance(seconds)
        self.catch_up()

    # ------------------------------------------------------------------ device commands

    @_caught_up
    def start_charging(self, tag: str | None = None) -> None:
        """Charge.Start: authorize the session (no effect without an EV)."""
        if self._session.plugged:
            self._session.authorized = True
            self._session.tag = tag

    @_caught_up
    def stop_charging(self) -> None:
        """Charge.Stop: deauthorize until the next Charge.Start."""
        self._session.authorized = False

    @_caught_up
    def pause_charging(self) -> None:
        if self._session.plugged:
            self._session.paused = True

    @_caught_up
    def resume_charging(self) -> None:
        self._session.paused = False

    @_caught_up
    def set_app_config(self, key: str, value: object) -> None:
        self._config.set(key, value)

    @_caught_up
    def set_schedule(self, raw_schedule: object) -> None:
        self._schedule = parse_schedule(raw_schedule)

    @_caught_up
    def override_schedule(self) -> None:
        """Charging_schedule.Override: ignore the schedule until the EV is unplugged."""
        if self._session.plugged:
            self._session.schedule_override = True

    @_caught_up
    def set_em_current(self, amps: int) -> None:
        """EM_current.Set: stored (and the EM device counts as online) even when EM is off."""
        self._em.set_current(amps, self._last_update)

    @_caught_up
    def set_dynamic_current(self, amps: int, relay_mode: int | None = None) -> None:
        """dynamic_current.set: 0 pauses, 6..32 A limits; `relay_mode` switches the phase relays.

        The current is what the request says even when it only meant to switch phases, as on
        real units: clients resend the current they have, so a paused unit stays paused.
        """
        require_range(amps, 0, NO_LIMIT, "dynamic_current")
        if relay_mode is not None and relay_mode not in self._model.relay_modes:
            accepted = " or ".join(str(mode) for mode in self._model.relay_modes)
            raise RpcError(
                ErrorCode.RANGE, f"relay_mode must be {accepted} on a {self._model.name}"
            )
        self._dynamic_current = amps
        if relay_mode is not None:
            self._relay_mode = relay_mode

    @_caught_up
    def power_cycle(self) -> None:
        """A reboot that does not wait (power cut, watchdog).

        A plugged EV stays plugged, but the charger closes the session it had
        (counted like an unplug) and opens a new one with a new id.
        """
        was_plugged = self.state.plugged
        self.unplug()
        self._reboot()
        if was_plugged:
            self.plug_in()

    def reset_device(self) -> None:
        """Device.Reset: reboot now, or when the charging session ends (document 5.7)."""
        if self._operating_point(self._last_update).state.charging:
            self._reboot_pending = True
        else:
            self._reboot()

    @_caught_up
    def factory_reset(self) -> None:
        """Factory.Reset: configuration, schedule, password, relays and meter pairing go."""
        self._config.reset_to_defaults()
        self._em.meter = None
        self._schedule = ()
        self._ap_password = ""
        self._dynamic_current = NO_LIMIT
        self._relay_mode = self._model.default_relay_mode

    @_caught_up
    def verify_ota(self) -> None:
        self._firmware.start_update(self._last_update)

    @_caught_up
    def set_ap_password(self, password: str) -> None:
        if password and len(password) not in AP_PASSWORD_LENGTHS:
            raise RpcError(ErrorCode.STRING_LENGTH, "password must have 8..63 characters")
        self._ap_password = password

    @_caught_up
    def reset_logged_errors(self) -> None:
        self._errors.reset_logged()

    # ------------------------------------------------------------------ persistence

    @_caught_up
    def persistent_state(self) -> JsonObject:
        """What a real unit keeps in flash across reboots."""
        logged: list[JsonValue] = [*sorted(self._errors.logged)]
        return {
            "app_config": self._config.as_dict(),
            "owner_id_locked": self._config.owner_id_locked,
            "counters": dataclasses.asdict(self._counters),
            "session_id": self._session.session_id,
            "schedule": [interval.as_dict() for interval in self._schedule],
            "fw_version": self._firmware.version,
            "ap_password": self._ap_password,
            "logged_errors": logged,
        }

    def restore_persistent_state(self, saved: Mapping[str, JsonValue]) -> None:
        """Load what persistent_state() returned; missing or malformed entries are skipped."""
        config = saved.get("app_config")
        if isinstance(config, dict):
            self._config.restore(config, owner_id_locked=saved.get("owner_id_locked") is True)
        self._counters = Counters.from_saved(saved.get("counters"))
        self._session.session_id = _saved(saved, "session_id", int, 0)
        self._firmware.version = _saved(saved, "fw_version", str, self._firmware.version)
        self._ap_password = _saved(saved, "ap_password", str, "")
        self._schedule = _saved_schedule(saved.get("schedule"))
        logged = _saved(saved, "logged_errors", list, [])
        self._errors.logged = {name for name in ERROR_FLAG_NAMES if name in logged}

    # ------------------------------------------------------------------ time integration

    def catch_up(self) -> None:
        """Integrate from the last update to the clock's present."""
        now = self._clock.now()
        while self._last_update < now:
            step_end = min(now, self._last_update + MAX_STEP)
            self._step(self._last_update, (step_end - self._last_update).total_seconds())
            self._last_update = step_end
        self._apply_timed_events(self._last_update)

    def _step(self, at: datetime, seconds: float) -> None:
        self._apply_timed_events(at)
        point = self._operating_point(at)
        if point.state.charging:
            self._deliver_energy(point.power_w * seconds / 3600, seconds)
        self._thermal.step(point.power_w, seconds)

    def _apply_timed_events(self, at: datetime) -> None:
        if self._firmware.finish_update_if_due(at):
            self._reboot()
        self._em.meter_sends_if_due(at)

    def _deliver_energy(self, energy_wh: float, seconds: float) -> None:
        wanted = self._ev.energy_wanted_wh
        if wanted is not None:
            energy_wh = min(energy_wh, max(0.0, wanted - self._session.energy_wh))
        self._session.energy_wh += energy_wh
        self._session.charging_seconds += seconds
        self._counters.add_charging(energy_wh, seconds)
        if wanted is not None and self._session.energy_wh >= wanted:
            self._ev_full = True

    def _reboot(self) -> None:
        self._counters.reset_counter += 1
        self._reboot_pending = False
        self._session.paused = False
        self._em.last_set = None  # the EM device has to speak again after a boot

    # ------------------------------------------------------------------ the present

    def _operating_point(self, at: datetime) -> OperatingPoint:
        limit = binding_limit(self._current_limits(at))
        state = decide_state(self._state_inputs(at, limit))
        currents = self._ev_currents(limit.amps) if state.charging else ZERO_PHASES
        return OperatingPoint(state, limit, currents, mains_voltages(self._model, at, currents))

    def _current_limits(self, at: datetime) -> list[CurrentLimit]:
        """Every source's ceiling; sources that do not apply right now are left out."""
        limits = [
            CurrentLimit(min(self._model.max_current, CABLE_CURRENT), LimitReason.HARDWARE),
            CurrentLimit(self._config.integer("install_current"), LimitReason.INSTALL),
            CurrentLimit(self._config.integer("user_current"), LimitReason.USER),
        ]
        if self._dynamic_current < NO_LIMIT:
            limits.append(CurrentLimit(self._dynamic_current, LimitReason.DYNAMIC))
        if self._schedule_applies():
            limits.append(CurrentLimit(self._schedule_current_at(at), LimitReason.SCHEDULE))
        if self._config.flag("energy_management_enabled"):
            limits.append(self._em.limit(at))
        if self._thermal.overheated:
            limits.append(CurrentLimit(DERATED_CURRENT, LimitReason.OVERTEMPERATURE))
        return limits

    def _schedule_applies(self) -> bool:
        return self._config.flag("charging_schedule_enabled") and not (
            self._session.schedule_override
        )

    def _schedule_current_at(self, at: datetime) -> int:
        local_time = at + timedelta(hours=self._config.integer("gmt_offset"))
        return schedule_current(self._schedule, local_time)

    def _state_inputs(self, at: datetime, limit: CurrentLimit) -> StateInputs:
        return StateInputs(
            plugged=self._session.plugged,
            updating=self._firmware.updating(at),
            error_state=self._errors.error_state(),
            locked=self._config.flag("charger_locked"),
            authorized=self._session.authorized,
            headless=self._config.flag("headless"),
            user_paused=self._session.paused,
            limit=limit,
            ev_wants_energy=not self._ev_full,
            ev_needs_ventilation=self._ev.needs_ventilation,
        )

    def _ev_currents(self, offered: int) -> PhaseValues:
        """The EV draws min(offered, its maximum) on the phases both sides switch."""
        amps = float(min(offered, self._ev.max_current))
        phases = min(self._model.phases, self._ev.phases)
        if self._relay_mode == SINGLE_PHASE:
            phases = 1
        drawn = tuple(amps if phase < phases else 0.0 for phase in range(PHASE_COUNT))
        return (drawn[0], drawn[1], drawn[2])

    def _snapshot(self, at: datetime) -> ChargerState:
        point = self._operating_point(at)
        schedule_now = self._schedule_current_at(at) if self._schedule_applies() else NO_LIMIT
        return ChargerState(
            time=at,
            model=self._model.name,
            serial=self._serial,
            device_id=self.device_id,
            firmware=self._profile.name,
            charger_state=iec_letter(point.state, self._session.plugged),
            extended_charger_state=point.state.value,
            plugged=self._session.plugged,
            authorized=self._session.authorized,
            paused=self._session.paused,
            charger_is_paused=point.state == ExtendedState.B_PAUSE,
            pwm_current=point.limit.amps,
            current_limit_reason=int(point.limit.reason),
            currents=point.currents,
            voltages=point.voltages,
            instant_power=round(point.power_w, 1),
            session_id=self._session.session_id,
            session_energy=round(self._session.energy_wh, 2),
            charging_time=int(self._session.charging_seconds),
            temperature=round(self._thermal.celsius, 1),
            energy_index=round(self._counters.total_energy_wh, 1),
            total_charged_energy=round(self._counters.total_energy_wh / 1000, 3),
            counters=self._counters.as_rpc(),
            app_config=self._config.as_dict(),
            dynamic_current=self._dynamic_current,
            relay_mode=self._relay_mode,
            em_current=self._em.current,
            em_offline=self._em.is_offline(at),
            meter_current=None if self._em.meter is None else self._em.meter.current,
            schedule=[interval.as_dict() for interval in self._schedule],
            schedule_override=self._session.schedule_override,
            schedule_current=schedule_now,
            active_errors=sorted(self._errors.active),
            logged_errors=sorted(self._errors.logged),
            fw_version=self._firmware.version,
            fw_id=self._firmware.fw_id,
            update_available=self._firmware.update_available,
            reboot_pending=self._reboot_pending,
            ev=dataclasses.asdict(self._ev),
            ev_full=self._ev_full,
            heap_free=_heap_free(at, self._session.session_id),
            rssi=_wifi_rssi(at),
            ap_password_set=bool(self._ap_password),
            last_tag=self._session.tag,
        )


def _heap_free(at: datetime, session_id: int) -> int:
    # A little deterministic churn, like an embedded heap.
    return 162_000 - 48 * (session_id % 9) - 8 * (int(at.timestamp()) % 13)


def _wifi_rssi(at: datetime) -> int:
    return -60 + round(3 * math.sin(at.timestamp() / 300))


def _saved[T](saved: Mapping[str, JsonValue], key: str, kind: type[T], default: T) -> T:
    value = saved.get(key)
    return value if isinstance(value, kind) else default


def _saved_schedule(raw: JsonValue) -> tuple[ScheduleInterval, ...]:
    try:
        return parse_schedule(raw if raw is not None else [])
    except RpcError:
        return ()
