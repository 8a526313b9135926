"""A read-only picture of the charger at one instant (`ChargerSimulator.state`)."""

from dataclasses import asdict, dataclass
from datetime import datetime

from .hardware import PhaseValues
from .json_types import JsonObject, JsonValue


@dataclass(frozen=True)
class ChargerState:
    """Everything observable about the charger; field names follow the device API.

    Read as attributes (`state.extended_charger_state`) or like a dict (`state["session_id"]`).
    """

    time: datetime
    model: str
    serial: int
    device_id: str
    firmware: str  # the firmware profile's name (profiles.py)
    charger_state: str
    extended_charger_state: str
    plugged: bool
    authorized: bool
    paused: bool  # Charge.Pause in effect
    charger_is_paused: bool  # as reported: any pause (user, EM, dynamic current 0)
    pwm_current: int  # the offered current
    current_limit_reason: int
    currents: PhaseValues
    voltages: PhaseValues
    instant_power: float  # W
    session_id: int
    session_energy: float  # Wh
    charging_time: int  # s
    temperature: float
    energy_index: float  # Wh, lifetime meter reading
    total_charged_energy: float  # kWh
    counters: JsonObject  # as Counters_config.Get answers
    app_config: JsonObject
    dynamic_current: int
    relay_mode: int
    em_current: int
    em_offline: bool
    meter_current: int | None  # what a paired energy meter sends; None: no meter
    schedule: list[JsonObject]
    schedule_override: bool
    schedule_current: int  # the schedule's current now (32 when it does not apply)
    active_errors: list[str]
    logged_errors: list[str]
    fw_version: str
    fw_id: str
    update_available: str | None
    reboot_pending: bool
    ev: JsonObject
    ev_full: bool
    heap_free: int
    rssi: int
    ap_password_set: bool
    last_tag: str | None

    @property
    def has_active_errors(self) -> bool:
        return bool(self.active_errors)

    # Short names for the fields tests ask about most.
    @property
    def extended_state(self) -> str:
        return self.extended_charger_state

    @property
    def offered_current(self) -> int:
        return self.pwm_current

    @property
    def limit_reason(self) -> int:
        return self.current_limit_reason

    def __getitem__(self, name: str) -> object:
        return getattr(self, name)

    def as_dict(self) -> JsonObject:
        values: dict[str, JsonValue] = asdict(self)
        values["time"] = self.time.isoformat()
        values["has_active_errors"] = self.has_active_errors
        values["currents"] = list(self.currents)
        values["voltages"] = list(self.voltages)
        return values
