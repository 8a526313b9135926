"""Enumerations and limits of the Lektrico local API."""

from __future__ import annotations

from enum import IntEnum, StrEnum

MIN_CHARGING_CURRENT = 6
MAX_CHARGING_CURRENT = 32
INT_MAX = 2**31 - 1


class ChargerModel(StrEnum):
    """Charger models; the value is the prefix of the device id."""

    ONE_PHASE = "1p7k"
    THREE_PHASE = "3p22k"

    @property
    def phases(self) -> int:
        """Number of phases the model can charge on."""
        return 1 if self is ChargerModel.ONE_PHASE else 3

    @property
    def display_name(self) -> str:
        """Name as printed on the charger."""
        return self.value.upper()


class ChargerState(StrEnum):
    """Extended charger state (`extended_charger_state`)."""

    DISCONNECTED = "A"
    CONNECTED = "B"
    AWAITING_AUTHORIZATION = "B_AUTH"
    PAUSED = "B_PAUSE"
    PAUSED_BY_SCHEDULE = "B_SCHEDULER"
    CHARGING = "C"
    CHARGING_WITH_VENTILATION = "D"
    ERROR = "E"
    FAULT = "F"
    UPDATING_FIRMWARE = "OTA"
    LOCKED = "LOCKED"


class LimitReason(IntEnum):
    """Why the offered current is what it is (`current_limit_reason`)."""

    HARDWARE = 0
    INSTALLATION_CURRENT = 1
    USER_CURRENT = 2
    DYNAMIC_CURRENT = 3
    SCHEDULE = 4
    EM_OFFLINE = 5
    ENERGY_MANAGEMENT = 6
    OCPP = 7
    OVERTEMPERATURE = 8
    SWITCHING_PHASES = 9
    USER_POWER_LIMIT = 10
    SINGLE_PHASE_DISABLED = 11


class RelayMode(IntEnum):
    """`relay_mode` of `dynamic_current.get/set` (real units): the phase relays of a 3P22K."""

    NO_RELAY = 0  # what a unit without phase relays (1P7K) reports; never sent
    SINGLE_PHASE = 1
    THREE_PHASES = 3


# A device id with this prefix is a Lektrico energy meter (EM / 3EM), not a charger.
ENERGY_METER_PREFIX = "m2w_"


class LoadBalancingMode(IntEnum):
    """`load_balancing_mode`: a key of a Lektrico energy meter's app config, not a charger's."""

    OFF = 0
    POWER = 1
    HYBRID = 2
    GREEN = 3


# Every error flag of Active_errors.Get / Logged_errors.Get, in the document's order, with
# what it means in a few words (the integration's entity names are written from these).
ERROR_FLAG_LABELS: dict[str, str] = {
    "state_e_activated": "State E activated",
    "overtemp": "Overtemperature",
    "critical_temp": "Critical temperature",
    "overcurrent": "Overcurrent",
    "meter_fault": "Meter fault",
    "voltage_error": "Voltage error",
    "rcd_error": "RCD error",
    "rcd_test_error": "RCD test error",
    "rcd_err_pin_error": "RCD error pin",
    "rcd_err6_pin_error": "RCD 6 mA pin",
    "rcd_init_start_error": "RCD init start",
    "rcd_init_end_error": "RCD init end",
    "state_f_activated": "State F activated",
    "contactor_failure": "Contactor failure",
    "cp_diode_failure": "CP diode failure",
    "undervoltage_error": "Undervoltage",
    "overvoltage_error": "Overvoltage",
}
ERROR_FLAGS: tuple[str, ...] = tuple(ERROR_FLAG_LABELS)

# Older firmware spells some error flags differently (field notes).
ERROR_FLAG_ALIASES: dict[str, str] = {"state_machine_e_activated": "state_e_activated"}
