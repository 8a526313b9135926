"""Constants of the Lektrico Local integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from enum import StrEnum
from typing import Final

DOMAIN: Final = "lektrico_local"
LOGGER = logging.getLogger(__package__)
MANUFACTURER: Final = "Lektrico"

# The charger answers in tens to hundreds of ms; 10 s means it is gone, not slow.
REQUEST_TIMEOUT: Final = 10.0

CONF_SCAN_INTERVAL: Final = "scan_interval"
DEFAULT_SCAN_INTERVAL: Final = 10  # s; what the core integration polls at
# Option: the entities only diagnosis needs (each error flag, every current limit, voltages ...).
CONF_DETAILED_DIAGNOSTICS: Final = "detailed_diagnostics"
MIN_SCAN_INTERVAL: Final = 5
MAX_SCAN_INTERVAL: Final = 120

# Settings, counters and wifi change rarely and are re-read at once after our own writes.
SLOW_UPDATE_INTERVAL: Final = timedelta(minutes=5)

# Fired on the event bus for every charging-session event (see event.py).
EVENT_SESSION: Final = f"{DOMAIN}_session_event"

# Solar-surplus charging (options, page "solar"). No grid sensor: the feature is off.
CONF_GRID_SENSOR: Final = "grid_power_sensor"
CONF_GRID_INVERTED: Final = "grid_power_inverted"
CONF_EXPORT_SENSOR: Final = "grid_export_sensor"
CONF_BATTERY_POWER_SENSOR: Final = "battery_power_sensor"
CONF_BATTERY_INVERTED: Final = "battery_power_inverted"
CONF_BATTERY_SOC_SENSOR: Final = "battery_soc_sensor"
CONF_BATTERY_PRIORITY_SOC: Final = "battery_priority_soc"
CONF_MIN_CURRENT: Final = "min_current"
CONF_MAX_CURRENT: Final = "max_current"
CONF_PHASES: Final = "phases"
CONF_RESIDUAL_POWER: Final = "residual_power"
CONF_ENABLE_DELAY: Final = "enable_delay"
CONF_DISABLE_DELAY: Final = "disable_delay"
CONF_MIN_ON_TIME: Final = "min_on_time"
CONF_MIN_OFF_TIME: Final = "min_off_time"
CONF_CYCLE: Final = "cycle"
CONF_PHASE_SWITCHING: Final = "phase_switching"
PHASES_AUTO: Final = "auto"

# Options page "control": which current setting Home Assistant steers charging with.
CONF_CONTROL_LEVER: Final = "control_lever"


class ControlLever(StrEnum):
    """The charger setting the Charging current number and solar charging write."""

    DYNAMIC_CURRENT = "dynamic_current"  # what every public client uses; 0 stays 0
    EM_CURRENT = "em_current"  # falls back to the EM-offline current when not renewed


DEFAULT_CONTROL_LEVER: Final = ControlLever.DYNAMIC_CURRENT

# Options page "fuse": the main-fuse guard. No meter sensors: the feature is off.
CONF_FUSE_SENSORS: Final = "fuse_sensors"  # 3 (L1, L2, L3) or 1 (single-phase house); A or W
CONF_FUSE_RATING: Final = "fuse_rating"
CONF_FUSE_MARGIN: Final = "fuse_margin"
CONF_FUSE_FALLBACK: Final = "fuse_fallback_current"
CONF_FUSE_HOLD_TIME: Final = "fuse_hold_time"
# How often the guard checks whether the meter has gone silent (readings themselves are events).
FUSE_CHECK_INTERVAL: Final = timedelta(seconds=5)

# Re-sent at least this often while the controller owns the EM current, so the charger
# never falls back to "EM offline" (it does after about a minute of silence).
EM_KEEPALIVE_SECONDS: Final = 30.0

# Options page "smart": smart charging on top of solar charging. No price sensor: no smart modes.
CONF_PRICE_SENSOR: Final = "price_sensor"
CONF_SOLAR_FORECAST_SENSOR: Final = "solar_forecast_sensor"
CONF_CAR_SOC_SENSOR: Final = "car_soc_sensor"
CONF_CAR_CAPACITY: Final = "car_battery_capacity"  # kWh
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def departure_option(day: str) -> str:
    """The smart page's option holding a weekday's departure time: "departure_monday"."""
    return f"departure_{day}"


# Options page "history": what a kWh costs when no price sensor says (session costs).
CONF_FIXED_PRICE: Final = "fixed_price"
