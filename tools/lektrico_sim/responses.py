"""The result objects of the read methods, built from a ChargerState snapshot.

Where firmware versions differ (charger_info.get, charger_config.get) the model's every value
is built here and the unit's firmware profile picks and formats what it shows.
"""

from .error_flags import flags_as_dict
from .hardware import CABLE_CURRENT, HARDWARE_MAX_CURRENT, OCPP_CURRENT, OVERTEMPERATURE_THRESHOLD
from .json_types import JsonObject
from .profiles import profile_named
from .snapshot import ChargerState

# The simulated unit's network, as Wifi_status.Get reports it.
WIFI_SSID = "HomeNet"
WIFI_STATION_IP = "192.168.1.163"
WIFI_BSSID = "a4:2b:b0:5c:12:7e"
BOARD_REVISION = "B"

# Factory calibration of the simulated board, as charger_config.get on real units shows it.
CRITICAL_TEMPERATURE = 80
VOLTAGE_GAIN = 1.0032
CURRENT_GAIN = 0.9987
CALIBRATION_TEMPERATURE = 24.5
TEMPERATURE_OFFSET = -1.5


def charger_info(state: ChargerState) -> JsonObject:
    """Charger_info.Get: section 5.5 of the document, as the unit's firmware shows it."""
    config = state.app_config
    every_value: JsonObject = {
        "charger_state": state.charger_state,
        "session_energy": state.session_energy,
        "charging_time": state.charging_time,
        "session_id": state.session_id,
        "instant_power": state.instant_power,
        "current": max(state.currents),
        "currents": list(state.currents),
        "current_limit_reason": state.current_limit_reason,
        "voltage": state.voltages[0],
        "voltages": list(state.voltages),
        "temperature": state.temperature,
        "energy_index": state.energy_index,
        "total_charged_energy": state.total_charged_energy,
        "headless": config["headless"],
        "led_max_brightness": config["led_max_brightness"],
        "install_current": config["install_current"],
        "dynamic_current": state.dynamic_current,
        "relay_mode": state.relay_mode,
        "em_current": state.em_current,
        "fw_version": state.fw_version,
        "extended_charger_state": state.extended_charger_state,
        "has_active_errors": state.has_active_errors,
        "charger_is_paused": state.charger_is_paused,
        "heap_free": state.heap_free,
        "pwm_current": state.pwm_current,
    }
    return profile_named(state.firmware).shape_info(every_value)


def system_currents(state: ChargerState) -> JsonObject:
    config = state.app_config
    return {
        "cable_current": CABLE_CURRENT,
        "install_current": config["install_current"],
        "dynamic_current": state.dynamic_current,
        "user_current": config["user_current"],
        "charging_current": state.pwm_current,
        "system_max_current": HARDWARE_MAX_CURRENT,
        "schedule_current": state.schedule_current,
        "ocpp_current": OCPP_CURRENT,
        "em_current": state.em_current,
    }


def device_info(state: ChargerState) -> JsonObject:
    return {
        "device_id": state.device_id,
        "connected_phase": state.app_config["connected_phase"],
        "fw_version": state.fw_version,
        "charger_alias": state.app_config["charger_alias"],
    }


def wifi_status(state: ChargerState) -> JsonObject:
    return {
        "connected": True,
        "sta_ip": WIFI_STATION_IP,
        "sta_name": WIFI_SSID,
        "rssi": state.rssi,
        "bssid": WIFI_BSSID,
    }


def sw_version(state: ChargerState) -> JsonObject:
    return {"fw_version": state.fw_version, "fw_id": state.fw_id}


def charger_config(state: ChargerState) -> JsonObject:
    """charger_config.get: serial number and board revision, and on real firmware calibration."""
    every_value: JsonObject = {
        "serial_number": state.serial,
        "board_revision": BOARD_REVISION,
        "overtemp_threshold": round(OVERTEMPERATURE_THRESHOLD),
        "critical_temp_threshold": CRITICAL_TEMPERATURE,
        "voltage_gain": VOLTAGE_GAIN,
        "current_gain": CURRENT_GAIN,
        "calibration_temperature": CALIBRATION_TEMPERATURE,
        "rcd_enabled": True,
        "temp_offset": TEMPERATURE_OFFSET,
    }
    return profile_named(state.firmware).shape_charger_config(every_value)


def dynamic_current(state: ChargerState) -> JsonObject:
    """dynamic_current.get, in every profile: where clients read relay_mode from."""
    return {"dynamic_current": state.dynamic_current, "relay_mode": state.relay_mode}


def logged_errors(state: ChargerState) -> JsonObject:
    return flags_as_dict(frozenset(state.logged_errors))


def active_errors(state: ChargerState) -> JsonObject:
    return flags_as_dict(frozenset(state.active_errors))
