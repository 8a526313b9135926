"""Firmware profiles: how differently real units answer the same methods.

The API document describes one `Charger_info.Get`; captures of real units show that what a
unit answers depends on its firmware (keys added and dropped, integers where the document says
double, methods that do not exist yet). A client has to cope with all of them, so the simulator
can be any of them: `ChargerSimulator(firmware="1.47")`.

The charger model always computes every value; a profile only decides which keys a unit shows
and how it prints them.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from .json_types import JsonObject, JsonValue

# Charger_info.Get as section 5.5 of the document lists it.
DOCUMENT_INFO_KEYS: tuple[str, ...] = (
    "charger_state", "session_energy", "charging_time", "session_id", "instant_power",
    "current", "currents", "current_limit_reason", "voltage", "voltages", "temperature",
    "energy_index", "total_charged_energy", "headless", "led_max_brightness", "install_current",
    "dynamic_current", "fw_version", "extended_charger_state", "has_active_errors",
    "charger_is_paused", "heap_free", "pwm_current",
)  # fmt: skip


def _with_key_after(keys: tuple[str, ...], after: str, key: str) -> tuple[str, ...]:
    """The document's keys with one more, where the unit prints it."""
    at = keys.index(after) + 1
    return (*keys[:at], key, *keys[at:])


# 1.51 shows where the phase relays are (relay_mode) next to the dynamic current.
FW_1_51_INFO_KEYS = _with_key_after(DOCUMENT_INFO_KEYS, "dynamic_current", "relay_mode")
# 1.47 (captured under an energy meter): no relay_mode, but the EM current it obeys.
FW_1_47_INFO_KEYS = _with_key_after(DOCUMENT_INFO_KEYS, "dynamic_current", "em_current")

# 1.23: the IEC letter and single current/voltage values only; no extended state, no arrays,
# no limit reason, no error or pause flags.
FW_1_23_INFO_KEYS: tuple[str, ...] = (
    "charger_state", "session_energy", "charging_time", "session_id", "instant_power",
    "current", "voltage", "temperature", "energy_index", "dynamic_current", "headless",
    "install_current", "led_max_brightness", "total_charged_energy", "fw_version",
)  # fmt: skip

# charger_config.get: the short answer public clients rely on, and what real units add to it.
SHORT_CHARGER_CONFIG_KEYS: tuple[str, ...] = ("serial_number", "board_revision")
REAL_CHARGER_CONFIG_KEYS: tuple[str, ...] = (
    *SHORT_CHARGER_CONFIG_KEYS,
    "overtemp_threshold",
    "critical_temp_threshold",
    "voltage_gain",
    "current_gain",
    "calibration_temperature",
    "rcd_enabled",
    "temp_offset",
)

# Methods firmware 1.23 does not have yet (document sections 5.12, 5.19, 5.23-5.25).
FW_1_23_MISSING_METHODS = frozenset(
    {"device_info.get", "system_currents.get", "em_status.get", "em_current.get", "em_current.set"}
)

PER_PHASE_KEYS = ("currents", "voltages")


@dataclass(frozen=True)
class FirmwareProfile:
    """What one firmware answers: the keys and number formats it uses, the methods it lacks."""

    name: str
    fw_version: str  # reported until an OTA update changes it
    # Real builds name the build time and the git commit; "{version}" is the running version.
    fw_id_format: str
    info_keys: tuple[str, ...]  # charger_info.get, in the unit's order
    charger_config_keys: tuple[str, ...]
    missing_methods: frozenset[str] = frozenset()  # answered as unknown methods
    integer_zeros: bool = False  # per-phase arrays print 0 instead of 0.0: [5.468, 0, 0]
    whole_energy_as_integer: bool = False  # total_charged_energy 0, not 0.0

    def fw_id(self, version: str) -> str:
        return self.fw_id_format.format(version=version)

    def shape_info(self, every_value: Mapping[str, JsonValue]) -> JsonObject:
        """charger_info.get from every value the model knows: this firmware's keys and formats."""
        info = {key: every_value[key] for key in self.info_keys}
        if self.integer_zeros:
            for key in PER_PHASE_KEYS:
                if key in info:
                    info[key] = _integer_zeros(info[key])
        if self.whole_energy_as_integer:
            info["total_charged_energy"] = _integer_when_whole(info["total_charged_energy"])
        return info

    def shape_charger_config(self, every_value: Mapping[str, JsonValue]) -> JsonObject:
        return {key: every_value[key] for key in self.charger_config_keys}


def _integer_zeros(values: JsonValue) -> JsonValue:
    if not isinstance(values, list):
        return values
    return [0 if value == 0 and isinstance(value, float) else value for value in values]


def _integer_when_whole(value: JsonValue) -> JsonValue:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


_PROFILES: tuple[FirmwareProfile, ...] = (
    FirmwareProfile(
        name="document",
        fw_version="1.51",
        fw_id_format="LKFW-{version}",
        info_keys=DOCUMENT_INFO_KEYS,
        charger_config_keys=SHORT_CHARGER_CONFIG_KEYS,
    ),
    FirmwareProfile(
        name="1.51",
        fw_version="1.51",
        fw_id_format="20240318-101544/v{version}-12-g8f3c2d1-develop-dirty",
        info_keys=FW_1_51_INFO_KEYS,
        charger_config_keys=REAL_CHARGER_CONFIG_KEYS,
    ),
    FirmwareProfile(
        name="1.47",
        fw_version="1.47",
        fw_id_format="20231120-151210/v{version}-4-g2b7e9a0-develop-dirty",
        info_keys=FW_1_47_INFO_KEYS,
        charger_config_keys=REAL_CHARGER_CONFIG_KEYS,
        integer_zeros=True,
    ),
    FirmwareProfile(
        name="1.23",
        fw_version="1.23",
        fw_id_format="20230109-124642/v{version}-36-g56a3edd-develop-dirty",
        info_keys=FW_1_23_INFO_KEYS,
        charger_config_keys=REAL_CHARGER_CONFIG_KEYS,
        missing_methods=FW_1_23_MISSING_METHODS,
        whole_energy_as_integer=True,
    ),
)
PROFILES: Mapping[str, FirmwareProfile] = {profile.name: profile for profile in _PROFILES}
FIRMWARE_PROFILES: tuple[str, ...] = tuple(PROFILES)


def profile_named(name: str) -> FirmwareProfile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(FIRMWARE_PROFILES)
        raise ValueError(f"unknown firmware profile {name!r}; known: {known}") from None
