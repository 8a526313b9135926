"""Checks applied before anything is sent to the charger.

The ranges are the API document's. A value outside them raises
`LektricoValidationError` and no request leaves the process.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .const import INT_MAX, MAX_CHARGING_CURRENT, MIN_CHARGING_CURRENT, RelayMode
from .exceptions import LektricoValidationError
from .models import ScheduleInterval

AP_PASSWORD_MIN_LENGTH = 8
AP_PASSWORD_MAX_LENGTH = 63
TAG_MAX_LENGTH = 36  # OCPP 2.0 IdToken; the document sets no limit
LED_TEMPLATE_VALUES = 12  # 4 segments x RGB


def require_int(field: str, value: Any, minimum: int, maximum: int) -> int:
    """A whole number in [minimum, maximum]; 16.0 is accepted as 16, 6.5 and True are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LektricoValidationError(field, f"expected a whole number, got {value!r}")
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise LektricoValidationError(field, f"expected a whole number, got {value!r}")
    if not minimum <= value <= maximum:
        raise LektricoValidationError(field, f"{value} is outside {minimum}..{maximum}")
    return int(value)


def require_float(field: str, value: Any, minimum: float, maximum: float) -> float:
    """A finite number in [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LektricoValidationError(field, f"expected a number, got {value!r}")
    if not minimum <= value <= maximum:
        raise LektricoValidationError(field, f"{value} is outside {minimum}..{maximum}")
    return float(value)


def require_bool(field: str, value: Any) -> bool:
    """A real boolean (1 and "true" are not)."""
    if not isinstance(value, bool):
        raise LektricoValidationError(field, f"expected true or false, got {value!r}")
    return value


def require_str(field: str, value: Any, max_length: int = 255) -> str:
    """A string of printable length."""
    if not isinstance(value, str):
        raise LektricoValidationError(field, f"expected text, got {value!r}")
    if len(value) > max_length:
        raise LektricoValidationError(field, f"longer than {max_length} characters")
    return value


def charging_current(field: str, value: Any, *, allow_zero: bool = True) -> int:
    """0 (pause, when allowed) or 6..32 A."""
    current = require_int(
        field, value, 0 if allow_zero else MIN_CHARGING_CURRENT, MAX_CHARGING_CURRENT
    )
    if 0 < current < MIN_CHARGING_CURRENT:
        raise LektricoValidationError(
            field, f"{current} A is below the {MIN_CHARGING_CURRENT} A minimum; use 0 to pause"
        )
    return current


def relay_mode(value: Any) -> int:
    """1 (one phase) or 3 (three phases): what every public client sends; 0 is only reported."""
    mode = require_int("relay_mode", value, RelayMode.SINGLE_PHASE, RelayMode.THREE_PHASES)
    if mode not in (RelayMode.SINGLE_PHASE, RelayMode.THREE_PHASES):
        raise LektricoValidationError("relay_mode", f"{mode} is not 1 (one phase) or 3 (three)")
    return mode


def validate_led_template(field: str, value: Any) -> str:
    """'r,g,b' for the top, right, bottom and left segments: 12 values 0..255."""
    text = require_str(field, value)
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != LED_TEMPLATE_VALUES or not all(part.isdigit() for part in parts):
        raise LektricoValidationError(
            field, "expected 12 comma-separated numbers (RGB of 4 segments)"
        )
    for part in parts:
        require_int(field, int(part), 0, 255)
    return ",".join(parts)


@dataclass(frozen=True, slots=True)
class ConfigKey:
    """One application configuration key: how to check a value for it."""

    check: Callable[[str, Any], Any]


def _int_key(minimum: int, maximum: int) -> ConfigKey:
    return ConfigKey(lambda field, value: require_int(field, value, minimum, maximum))


def _float_key(minimum: float, maximum: float) -> ConfigKey:
    return ConfigKey(lambda field, value: require_float(field, value, minimum, maximum))


_BOOL_KEY = ConfigKey(require_bool)
_STR_KEY = ConfigKey(require_str)

APP_CONFIG_KEYS: dict[str, ConfigKey] = {
    "headless": _BOOL_KEY,
    "install_current": _int_key(MIN_CHARGING_CURRENT, MAX_CHARGING_CURRENT),
    # The document says 10..100; the vendor has since lowered the minimum to 0 (off).
    "led_max_brightness": _int_key(0, 100),
    "led_dimming_delay": _int_key(0, INT_MAX),
    "charger_locked": _BOOL_KEY,
    "led_template_enabled": _BOOL_KEY,
    "led_template": ConfigKey(validate_led_template),
    "charger_alias": _STR_KEY,
    "latitude": _float_key(-90.0, 90.0),
    "longitude": _float_key(-180.0, 180.0),
    "ocpp_server_link": _STR_KEY,
    "connected_phase": _int_key(1, 3),
    "owner_id": _STR_KEY,
    "user_current": _int_key(MIN_CHARGING_CURRENT, MAX_CHARGING_CURRENT),
    "gmt_offset": _int_key(-12, 12),
    "precise_pwm_mode": _BOOL_KEY,
    "energy_management_enabled": _BOOL_KEY,
    "charging_schedule_enabled": _BOOL_KEY,
    "em_id": _STR_KEY,
    "timezone": _STR_KEY,
    # A Lektrico energy meter's key (0 off, 1 power, 2 hybrid, 3 green); chargers whose app
    # config carries it take it too.
    "load_balancing_mode": _int_key(0, 3),
}


def validate_app_config(key: Any, value: Any) -> tuple[str, Any]:
    """A known key and a value of its type and range."""
    if not isinstance(key, str) or key not in APP_CONFIG_KEYS:
        raise LektricoValidationError(
            "config_key", f"{key!r} is not a configuration key of the charger"
        )
    return key, APP_CONFIG_KEYS[key].check(key, value)


def validate_ap_password(password: Any) -> str:
    """Empty (removes the password) or 8..63 characters."""
    text = require_str("password", password, max_length=AP_PASSWORD_MAX_LENGTH)
    if 0 < len(text) < AP_PASSWORD_MIN_LENGTH:
        raise LektricoValidationError(
            "password",
            f"must be empty or {AP_PASSWORD_MIN_LENGTH} to {AP_PASSWORD_MAX_LENGTH} characters",
        )
    return text


def validate_tag(tag: Any) -> str:
    """An authorization tag: non-empty text of at most 36 characters."""
    text = require_str("tag", tag, max_length=TAG_MAX_LENGTH)
    if not text.strip():
        raise LektricoValidationError("tag", "must not be empty")
    return text


def validate_interval(index: int, interval: ScheduleInterval) -> None:
    """One interval: days 1..7, hours 0..23, minutes 0..59, current 0 or 6..32, end after start."""
    prefix = f"charging_schedule[{index}]"
    for name, value, minimum, maximum in (
        ("start_day", interval.start_day, 1, 7),
        ("start_hour", interval.start_hour, 0, 23),
        ("start_minute", interval.start_minute, 0, 59),
        ("end_day", interval.end_day, 1, 7),
        ("end_hour", interval.end_hour, 0, 23),
        ("end_minute", interval.end_minute, 0, 59),
    ):
        require_int(f"{prefix}.{name}", value, minimum, maximum)
    charging_current(f"{prefix}.current", interval.current)
    if interval.end_minute_of_week <= interval.start_minute_of_week:
        raise LektricoValidationError(prefix, "ends before it starts")


def validate_schedule(intervals: Iterable[ScheduleInterval]) -> list[ScheduleInterval]:
    """Every interval valid and none overlapping another."""
    checked = list(intervals)
    for index, interval in enumerate(checked):
        validate_interval(index, interval)
    ordered = sorted(checked, key=lambda interval: interval.start_minute_of_week)
    for before, after in itertools.pairwise(ordered):
        if after.start_minute_of_week < before.end_minute_of_week:
            raise LektricoValidationError(
                "charging_schedule", f"intervals overlap: {before.as_wire()} and {after.as_wire()}"
            )
    return checked
