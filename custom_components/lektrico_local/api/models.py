"""Typed answers of the charger.

Every model is built with `from_response`, which never fails on a missing or
odd field (see `_parse.FieldReader`) but does fail on an answer that is not a
JSON object at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from ._parse import FieldReader
from .const import (
    ENERGY_METER_PREFIX,
    ERROR_FLAG_ALIASES,
    ERROR_FLAGS,
    ChargerModel,
    ChargerState,
    LimitReason,
    LoadBalancingMode,
)

_PHASE_COUNT = 3


@dataclass(frozen=True, slots=True)
class ChargerInfo:
    """Live data: `Charger_info.Get`."""

    iec_state: str | None
    state: ChargerState | None
    session_energy: float | None  # Wh
    charging_time: int | None  # s
    session_id: int | None
    instant_power: float | None  # W
    current: float | None
    currents: tuple[float | None, ...]
    limit_reason: LimitReason | None
    voltage: float | None
    voltages: tuple[float | None, ...]
    temperature: float | None
    energy_index: float | None
    total_charged_energy: float | None  # kWh
    headless: bool | None
    led_max_brightness: int | None
    install_current: int | None
    dynamic_current: int | None
    fw_version: str | None
    has_active_errors: bool | None
    is_paused: bool | None
    heap_free: int | None
    pwm_current: int | None
    relay_mode: int | None  # firmware 1.47 lacks it: `dynamic_current.get` has it everywhere
    em_current: int | None  # firmware 1.47: what a Lektrico energy meter allows
    # The fields this firmware sends: what it leaves out (1.23: no arrays, no limit reason...)
    # gets no entity, rather than one that is unknown forever.
    reported: frozenset[str] = frozenset()

    FIELDS = frozenset(
        {
            "charger_state", "session_energy", "charging_time", "session_id", "instant_power",
            "current", "currents", "current_limit_reason", "voltage", "voltages", "temperature",
            "energy_index", "total_charged_energy", "headless", "led_max_brightness",
            "install_current", "dynamic_current", "fw_version", "extended_charger_state",
            "has_active_errors", "charger_is_paused", "heap_free", "pwm_current", "relay_mode",
            "em_current",
        }
    )  # fmt: skip

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("charger_info", data, known=cls.FIELDS) as read:
            iec_state = read.str_("charger_state")
            current, voltage = read.float_("current"), read.float_("voltage")
            return cls(
                iec_state=iec_state,
                # Firmware 1.23 has only the IEC letter, whose values the extended state shares.
                state=read.enum("extended_charger_state", ChargerState)
                if read.has("extended_charger_state")
                else _state_from_iec(iec_state),
                session_energy=read.float_("session_energy"),
                charging_time=read.int_("charging_time"),
                session_id=read.int_("session_id"),
                instant_power=read.float_("instant_power"),
                current=current,
                # Firmware 1.23 has single values only: they are L1's.
                currents=read.floats("currents", _PHASE_COUNT, fallback=current),
                limit_reason=read.enum("current_limit_reason", LimitReason),
                voltage=voltage,
                voltages=read.floats("voltages", _PHASE_COUNT, fallback=voltage),
                temperature=read.float_("temperature"),
                energy_index=read.float_("energy_index"),
                total_charged_energy=read.float_("total_charged_energy"),
                headless=read.bool_("headless"),
                led_max_brightness=read.int_("led_max_brightness"),
                install_current=read.int_("install_current"),
                dynamic_current=read.int_("dynamic_current"),
                fw_version=read.str_("fw_version"),
                has_active_errors=read.bool_("has_active_errors"),
                is_paused=read.bool_("charger_is_paused"),
                heap_free=read.int_("heap_free"),
                pwm_current=read.int_("pwm_current"),
                relay_mode=read.int_("relay_mode"),
                em_current=read.int_("em_current"),
                reported=read.keys,
            )

    @classmethod
    def unknown(cls) -> Self:
        """Every field unknown, built without reading a response.

        Reading an empty one would note every field as missing, and since each surprise is
        logged once, a field that real firmware leaves out would then never be logged.
        """
        values: dict[str, Any] = dict.fromkeys(cls.__dataclass_fields__)
        no_phases = (None,) * _PHASE_COUNT
        return cls(
            **values | {"currents": no_phases, "voltages": no_phases, "reported": frozenset()}
        )

    @property
    def vehicle_connected(self) -> bool | None:
        """True from plug-in to unplug, whatever the charger is doing."""
        if self.iec_state is None:
            return None
        return self.iec_state != "A"

    @property
    def charging(self) -> bool | None:
        """True while energy flows (IEC states C and D)."""
        if self.iec_state is None:
            return None
        return self.iec_state in ("C", "D")


def _state_from_iec(letter: str | None) -> ChargerState | None:
    """The extended state an IEC 61851 letter (A..F) stands for; None for anything else."""
    if letter is None or len(letter) != 1:
        return None
    try:
        return ChargerState(letter.upper())
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class AppConfig:
    """Application configuration: `App_config.Get` (spec section 3)."""

    headless: bool | None
    install_current: int | None
    led_max_brightness: int | None
    led_dimming_delay: int | None
    charger_locked: bool | None
    led_template_enabled: bool | None
    led_template: str | None
    charger_alias: str | None
    latitude: float | None
    longitude: float | None
    ocpp_server_link: str | None
    connected_phase: int | None
    owner_id: str | None
    user_current: int | None
    gmt_offset: int | None
    precise_pwm_mode: bool | None
    energy_management_enabled: bool | None
    charging_schedule_enabled: bool | None
    em_id: str | None
    timezone: str | None
    load_balancing_mode: LoadBalancingMode | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("app_config", data) as read:
            return cls(
                headless=read.bool_("headless"),
                install_current=read.int_("install_current"),
                led_max_brightness=read.int_("led_max_brightness"),
                led_dimming_delay=read.int_("led_dimming_delay"),
                charger_locked=read.bool_("charger_locked"),
                led_template_enabled=read.bool_("led_template_enabled"),
                led_template=read.str_("led_template"),
                charger_alias=read.str_("charger_alias"),
                latitude=read.float_("latitude"),
                longitude=read.float_("longitude"),
                ocpp_server_link=read.str_("ocpp_server_link"),
                connected_phase=read.int_("connected_phase"),
                owner_id=read.str_("owner_id"),
                user_current=read.int_("user_current"),
                gmt_offset=read.int_("gmt_offset"),
                precise_pwm_mode=read.bool_("precise_pwm_mode"),
                energy_management_enabled=read.bool_("energy_management_enabled"),
                charging_schedule_enabled=read.bool_("charging_schedule_enabled"),
                em_id=read.str_("em_id"),
                timezone=read.str_("timezone"),
                load_balancing_mode=read.enum("load_balancing_mode", LoadBalancingMode),
            )


@dataclass(frozen=True, slots=True)
class Counters:
    """Lifetime counters: `Counters_config.Get` (spec section 4)."""

    total_charged_time: int | None  # min
    total_charged_sessions: int | None
    total_charged_energy: float | None  # kWh
    reset_counter: int | None
    last_session_energy: float | None  # Wh

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("counters_config", data) as read:
            return cls(
                total_charged_time=read.int_("total_charged_time"),
                total_charged_sessions=read.int_("total_charged_sessions"),
                total_charged_energy=read.float_("total_charged_energy"),
                reset_counter=read.int_("reset_counter"),
                last_session_energy=read.float_("last_session_energy"),
            )


@dataclass(frozen=True, slots=True)
class SoftwareVersion:
    """`Sw_version.Get`."""

    fw_version: str | None
    fw_id: str | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("sw_version", data) as read:
            return cls(fw_version=read.str_("fw_version"), fw_id=read.str_("fw_id"))


@dataclass(frozen=True, slots=True)
class ErrorFlags:
    """`Active_errors.Get` / `Logged_errors.Get`: each flag True, False or unknown (None)."""

    flags: dict[str, bool | None]

    @classmethod
    def from_response(cls, data: Any, *, source: str = "errors") -> Self:
        """Build from the JSON result, accepting older firmware's flag names."""
        with FieldReader(
            source, data, aliases=ERROR_FLAG_ALIASES, known=frozenset(ERROR_FLAGS)
        ) as read:
            return cls(flags={flag: read.bool_(flag) for flag in ERROR_FLAGS})

    @property
    def active(self) -> list[str]:
        """The flags that are set, in the document's order."""
        return [flag for flag, value in self.flags.items() if value]


@dataclass(frozen=True, slots=True)
class WifiStatus:
    """`Wifi_status.Get`."""

    connected: bool | None
    ip_address: str | None
    ssid: str | None
    rssi: int | None
    bssid: str | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("wifi_status", data) as read:
            return cls(
                connected=read.bool_("connected"),
                ip_address=read.str_("sta_ip"),
                ssid=read.str_("sta_name"),
                rssi=read.int_("rssi"),
                bssid=read.str_("bssid"),
            )


@dataclass(frozen=True, slots=True)
class SystemCurrents:
    """`System_currents.Get`: every limit that the offered current is the smallest of."""

    cable_current: int | None
    install_current: int | None
    dynamic_current: int | None
    user_current: int | None
    charging_current: int | None
    system_max_current: int | None
    schedule_current: int | None
    ocpp_current: int | None
    em_current: int | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result (the document's keys carry stray spaces)."""
        with FieldReader("system_currents", data) as read:
            return cls(
                cable_current=read.int_("cable_current"),
                install_current=read.int_("install_current"),
                dynamic_current=read.int_("dynamic_current"),
                user_current=read.int_("user_current"),
                charging_current=read.int_("charging_current"),
                system_max_current=read.int_("system_max_current"),
                schedule_current=read.int_("schedule_current"),
                ocpp_current=read.int_("ocpp_current"),
                em_current=read.int_("em_current"),
            )


def em_current_from_response(data: Any) -> int | None:
    """`EM_current.Get` -> the current in A."""
    with FieldReader("em_current", data) as read:
        return read.int_("em_current")


def split_device_id(device_id: str | None) -> tuple[ChargerModel | None, str | None]:
    """'3p22k_500006' -> (ChargerModel.THREE_PHASE, '500006')."""
    if not device_id:
        return None, None
    prefix, _, serial = device_id.partition("_")
    try:
        model = ChargerModel(prefix.lower())
    except ValueError:
        model = None
    return model, serial or None


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """`Device_info.Get` (or `Device_id.Get` on units without it)."""

    device_id: str | None
    connected_phase: int | None
    fw_version: str | None
    charger_alias: str | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("device_info", data) as read:
            return cls(
                device_id=read.str_("device_id"),
                connected_phase=read.int_("connected_phase"),
                fw_version=read.str_("fw_version"),
                charger_alias=read.str_("charger_alias"),
            )

    @property
    def model(self) -> ChargerModel | None:
        """The model from the device id prefix."""
        return split_device_id(self.device_id)[0]

    @property
    def serial_number(self) -> str | None:
        """The serial number from the device id."""
        return split_device_id(self.device_id)[1]

    @property
    def is_energy_meter(self) -> bool:
        """A Lektrico energy meter answers the same identity methods with an `m2w_` id."""
        return bool(self.device_id and self.device_id.lower().startswith(ENERGY_METER_PREFIX))


@dataclass(frozen=True, slots=True)
class ChargerConfig:
    """`charger_config.get` (real units, not in the document)."""

    serial_number: str | None
    board_revision: str | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("charger_config", data) as read:
            return cls(
                serial_number=read.str_("serial_number"), board_revision=read.str_("board_revision")
            )


@dataclass(frozen=True, slots=True)
class DynamicCurrent:
    """`dynamic_current.get` (real units, not in the document)."""

    dynamic_current: int | None
    relay_mode: int | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("dynamic_current", data) as read:
            return cls(
                dynamic_current=read.int_("dynamic_current"), relay_mode=read.int_("relay_mode")
            )


@dataclass(frozen=True, slots=True)
class EmStatus:
    """`EM_status.Get`."""

    em_offline: bool | None

    @classmethod
    def from_response(cls, data: Any) -> Self:
        """Build from the JSON result."""
        with FieldReader("em_status", data) as read:
            return cls(em_offline=read.bool_("em_offline"))


@dataclass(frozen=True, slots=True)
class ScheduleInterval:
    """One interval of the charging schedule. Days 1..7 (Monday = 1)."""

    start_day: int
    start_hour: int
    start_minute: int
    end_day: int
    end_hour: int
    end_minute: int
    current: int  # 0 pauses, otherwise 6..32 A

    @property
    def start_minute_of_week(self) -> int:
        """Minutes since Monday 00:00 at which the interval begins."""
        return (self.start_day - 1) * 1440 + self.start_hour * 60 + self.start_minute

    @property
    def end_minute_of_week(self) -> int:
        """Minutes since Monday 00:00 at which the interval ends."""
        return (self.end_day - 1) * 1440 + self.end_hour * 60 + self.end_minute

    def as_wire(self) -> dict[str, int]:
        """The interval as the charger's JSON."""
        return {
            "start_d": self.start_day,
            "start_h": self.start_hour,
            "start_m": self.start_minute,
            "end_d": self.end_day,
            "end_h": self.end_hour,
            "end_m": self.end_minute,
            "current": self.current,
        }

    @classmethod
    def from_response(cls, data: Any) -> Self | None:
        """Build from one JSON interval; None when a field is unusable."""
        if not isinstance(data, Mapping):
            return None
        with FieldReader("charging_schedule", data) as read:
            values = [
                read.int_(key)
                for key in ("start_d", "start_h", "start_m", "end_d", "end_h", "end_m", "current")
            ]
            if any(value is None for value in values):
                return None
            return cls(*values)  # type: ignore[arg-type]


def schedule_from_response(data: Any) -> list[ScheduleInterval]:
    """`Charging_schedule.Get` -> intervals; unusable entries are dropped (and logged once)."""
    with FieldReader("charging_schedule", data) as read:
        items = read.list_("charging_schedule")
    intervals = (ScheduleInterval.from_response(item) for item in items)
    return [interval for interval in intervals if interval is not None]


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """Who the charger is: what a config entry is keyed on."""

    serial_number: str
    model: ChargerModel | None
    fw_version: str | None
    alias: str | None = None

    @property
    def phases(self) -> int:
        """Phases the model charges on (3 when the model is unknown: show everything)."""
        return self.model.phases if self.model else 3
