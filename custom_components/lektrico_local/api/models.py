"""Typed answers of the charger.

A model declares each field once, with the type it is read as. Where the firmware's
key differs from the field's name, the field says so:

    is_paused: bool | None = field(metadata=wire("charger_is_paused"))

`from_response` (from `ResponseModel`) then reads every field by its type. It never
fails on a missing or odd field (see `_parse.FieldReader`) but does fail on an
answer that is not a JSON object at all. Pass the client's `SurpriseLog` to log each
surprise once per client; without one, parsing shares a module-wide memo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from ._parse import (
    PHASE_COUNT,
    FieldReader,
    ResponseModel,
    SurpriseLog,
    field_plans,
    read_fields,
    wire,
    wire_keys,
)
from .const import (
    ENERGY_METER_PREFIX,
    ERROR_FLAG_ALIASES,
    ERROR_FLAGS,
    ChargerModel,
    ChargerState,
    LimitReason,
    LoadBalancingMode,
)


def _state_from_iec(letter: str | None) -> ChargerState | None:
    """The extended state an IEC 61851 letter (A..F) stands for; None for anything else."""
    if letter is None or len(letter) != 1:
        return None
    try:
        return ChargerState(letter.upper())
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ChargerInfo(ResponseModel):
    """Live data: `Charger_info.Get`."""

    SOURCE: ClassVar[str] = "charger_info"
    LOG_UNKNOWN_KEYS: ClassVar[bool] = True
    FIELDS: ClassVar[frozenset[str]]  # every key read; set below the class

    iec_state: str | None = field(metadata=wire("charger_state"))
    # Firmware 1.23 has only the IEC letter, whose values the extended state shares.
    state: ChargerState | None = field(
        metadata=wire("extended_charger_state", fallback="iec_state", convert=_state_from_iec)
    )
    session_energy: float | None  # Wh
    charging_time: int | None  # s
    session_id: int | None
    instant_power: float | None  # W
    current: float | None
    # Firmware 1.23 has single values only: they are L1's.
    currents: tuple[float | None, ...] = field(metadata=wire(fallback="current"))
    limit_reason: LimitReason | None = field(metadata=wire("current_limit_reason"))
    voltage: float | None
    voltages: tuple[float | None, ...] = field(metadata=wire(fallback="voltage"))
    temperature: float | None
    energy_index: float | None
    total_charged_energy: float | None  # kWh
    headless: bool | None
    led_max_brightness: int | None
    install_current: int | None
    dynamic_current: int | None
    fw_version: str | None
    has_active_errors: bool | None
    is_paused: bool | None = field(metadata=wire("charger_is_paused"))
    heap_free: int | None
    pwm_current: int | None
    relay_mode: int | None  # firmware 1.47 lacks it: `dynamic_current.get` has it everywhere
    em_current: int | None  # firmware 1.47: what a Lektrico energy meter allows
    # The fields this firmware sends: what it leaves out (1.23: no arrays, no limit reason...)
    # gets no entity, rather than one that is unknown forever.
    reported: frozenset[str] = field(default=frozenset(), metadata=wire(sent_keys=True))

    @classmethod
    def unknown(cls) -> Self:
        """Every field unknown, built without reading a response.

        Reading an empty one would note every field as missing, and since each surprise is
        logged once, a field that real firmware leaves out would then never be logged.
        """
        no_phases = (None,) * PHASE_COUNT
        values: dict[str, Any] = {
            plan.name: no_phases if plan.kind is tuple else None for plan in field_plans(cls)
        }
        return cls(**values | {"reported": frozenset()})

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


ChargerInfo.FIELDS = wire_keys(ChargerInfo)


@dataclass(frozen=True, slots=True)
class AppConfig(ResponseModel):
    """Application configuration: `App_config.Get` (spec section 3)."""

    SOURCE: ClassVar[str] = "app_config"

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


@dataclass(frozen=True, slots=True)
class Counters(ResponseModel):
    """Lifetime counters: `Counters_config.Get` (spec section 4)."""

    SOURCE: ClassVar[str] = "counters_config"

    total_charged_time: int | None  # min
    total_charged_sessions: int | None
    total_charged_energy: float | None  # kWh
    reset_counter: int | None
    last_session_energy: float | None  # Wh


@dataclass(frozen=True, slots=True)
class SoftwareVersion(ResponseModel):
    """`Sw_version.Get`."""

    SOURCE: ClassVar[str] = "sw_version"

    fw_version: str | None
    fw_id: str | None


@dataclass(frozen=True, slots=True)
class ErrorFlags:
    """`Active_errors.Get` / `Logged_errors.Get`: each flag True, False or unknown (None).

    Not a ResponseModel: the flags are a dict keyed by the document's names, so that the
    integration can make one entity per flag without a field per flag here.
    """

    flags: dict[str, bool | None]

    @classmethod
    def from_response(
        cls, data: Any, log: SurpriseLog | None = None, *, source: str = "errors"
    ) -> Self:
        """Build from the JSON result, accepting older firmware's flag names."""
        with FieldReader(
            source, data, aliases=ERROR_FLAG_ALIASES, known=frozenset(ERROR_FLAGS), log=log
        ) as read:
            return cls(flags={flag: read.bool_(flag) for flag in ERROR_FLAGS})

    @property
    def active(self) -> list[str]:
        """The flags that are set, in the document's order."""
        return [flag for flag, value in self.flags.items() if value]


@dataclass(frozen=True, slots=True)
class WifiStatus(ResponseModel):
    """`Wifi_status.Get`."""

    SOURCE: ClassVar[str] = "wifi_status"

    connected: bool | None
    ip_address: str | None = field(metadata=wire("sta_ip"))
    ssid: str | None = field(metadata=wire("sta_name"))
    rssi: int | None
    bssid: str | None


@dataclass(frozen=True, slots=True)
class SystemCurrents(ResponseModel):
    """`System_currents.Get`: every limit that the offered current is the smallest of.

    The document's keys carry stray spaces and capitals ('EM_current '): the reader
    normalizes every key, so the field names match them as they are.
    """

    SOURCE: ClassVar[str] = "system_currents"

    cable_current: int | None
    install_current: int | None
    dynamic_current: int | None
    user_current: int | None
    charging_current: int | None
    system_max_current: int | None
    schedule_current: int | None
    ocpp_current: int | None
    em_current: int | None


def em_current_from_response(data: Any, log: SurpriseLog | None = None) -> int | None:
    """`EM_current.Get` -> the current in A."""
    with FieldReader("em_current", data, log=log) as read:
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
class DeviceInfo(ResponseModel):
    """`Device_info.Get` (or `Device_id.Get` on units without it)."""

    SOURCE: ClassVar[str] = "device_info"

    device_id: str | None
    connected_phase: int | None
    fw_version: str | None
    charger_alias: str | None

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
class ChargerConfig(ResponseModel):
    """`charger_config.get` (real units, not in the document)."""

    SOURCE: ClassVar[str] = "charger_config"

    serial_number: str | None
    board_revision: str | None


@dataclass(frozen=True, slots=True)
class DynamicCurrent(ResponseModel):
    """`dynamic_current.get` (real units, not in the document)."""

    SOURCE: ClassVar[str] = "dynamic_current"

    dynamic_current: int | None
    relay_mode: int | None


@dataclass(frozen=True, slots=True)
class EmStatus(ResponseModel):
    """`EM_status.Get`."""

    SOURCE: ClassVar[str] = "em_status"

    em_offline: bool | None


@dataclass(frozen=True, slots=True)
class ScheduleInterval:
    """One interval of the charging schedule. Days 1..7 (Monday = 1).

    Not a ResponseModel: an interval with an unusable field is dropped (None), not kept
    with a hole in it. Its fields are declared the same way, and `as_wire` uses the keys.
    """

    start_day: int = field(metadata=wire("start_d"))
    start_hour: int = field(metadata=wire("start_h"))
    start_minute: int = field(metadata=wire("start_m"))
    end_day: int = field(metadata=wire("end_d"))
    end_hour: int = field(metadata=wire("end_h"))
    end_minute: int = field(metadata=wire("end_m"))
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
        return {plan.key: getattr(self, plan.name) for plan in field_plans(type(self))}

    @classmethod
    def from_response(cls, data: Any, log: SurpriseLog | None = None) -> Self | None:
        """Build from one JSON interval; None when a field is unusable."""
        if not isinstance(data, Mapping):
            return None
        with FieldReader("charging_schedule", data, log=log) as read:
            values = read_fields(cls, read)
        if any(value is None for value in values.values()):
            return None
        return cls(**values)


def schedule_from_response(data: Any, log: SurpriseLog | None = None) -> list[ScheduleInterval]:
    """`Charging_schedule.Get` -> intervals; unusable entries are dropped (and logged once)."""
    with FieldReader("charging_schedule", data, log=log) as read:
        items = read.list_("charging_schedule")
    intervals = (ScheduleInterval.from_response(item, log) for item in items)
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
