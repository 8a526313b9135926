"""Checks applied before anything is sent to the charger.

The ranges are the API document's. A value outside them raises
`LektricoValidationError` and no request leaves the process. The error says why as a
`ValidationReason` with language-neutral placeholders (numbers as written, text quoted), so an
application can show it in any language; `str()` of it is English.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .const import INT_MAX, MAX_CHARGING_CURRENT, MIN_CHARGING_CURRENT, RelayMode
from .exceptions import LektricoValidationError, ValidationReason
from .models import ScheduleInterval

AP_PASSWORD_MIN_LENGTH = 8
AP_PASSWORD_MAX_LENGTH = 63
TAG_MAX_LENGTH = 36  # OCPP 2.0 IdToken; the document sets no limit
LED_TEMPLATE_VALUES = 12  # 4 segments x RGB
SHOWN_TEXT_LENGTH = 40  # a refused text longer than this is shortened in the message


def shown(value: Any) -> str:
    """A refused value as a message shows it: numbers as written, text quoted, true/false/null.

    Language-neutral (it goes into translated messages) and short (a long text is cut).
    """
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if len(value) > SHOWN_TEXT_LENGTH:
            value = value[: SHOWN_TEXT_LENGTH - 1] + "…"
        return json.dumps(value, ensure_ascii=False)
    text = repr(value)
    return text if len(text) <= SHOWN_TEXT_LENGTH else text[: SHOWN_TEXT_LENGTH - 1] + "…"


def number_text(value: float) -> str:
    """16.0 -> '16', 6.5 -> '6.5', nan -> 'nan'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def require_whole_number(field: str, value: Any) -> int:
    """A whole number of any size; 16.0 is accepted as 16, 6.5, True and "16" are not."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not (math.isfinite(value) and value.is_integer()))
    ):
        raise LektricoValidationError(
            field, ValidationReason.NOT_WHOLE_NUMBER, {"value": shown(value)}
        )
    return int(value)


def _require_range(field: str, value: float, minimum: float, maximum: float) -> None:
    if not minimum <= value <= maximum:
        raise LektricoValidationError(
            field,
            ValidationReason.OUT_OF_RANGE,
            {
                "value": shown(value),
                "minimum": number_text(minimum),
                "maximum": number_text(maximum),
            },
        )


def require_int(field: str, value: Any, minimum: int, maximum: int) -> int:
    """A whole number in [minimum, maximum]; 16.0 is accepted as 16, 6.5 and True are not."""
    number = require_whole_number(field, value)
    _require_range(field, number, minimum, maximum)
    return number


def require_float(field: str, value: Any, minimum: float, maximum: float) -> float:
    """A finite number in [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LektricoValidationError(field, ValidationReason.NOT_A_NUMBER, {"value": shown(value)})
    _require_range(field, value, minimum, maximum)
    return float(value)


def require_bool(field: str, value: Any) -> bool:
    """A real boolean (1 and "true" are not)."""
    if not isinstance(value, bool):
        raise LektricoValidationError(field, ValidationReason.NOT_BOOLEAN, {"value": shown(value)})
    return value


def _require_text(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise LektricoValidationError(field, ValidationReason.NOT_TEXT, {"value": shown(value)})
    return value


def require_str(field: str, value: Any, max_length: int = 255) -> str:
    """A string of printable length."""
    text = _require_text(field, value)
    if len(text) > max_length:
        raise LektricoValidationError(
            field, ValidationReason.TOO_LONG, {"length": str(len(text)), "maximum": str(max_length)}
        )
    return text


def charging_current(field: str, value: Any, *, allow_zero: bool = True) -> int:
    """0 (pause, when allowed) or 6..32 A."""
    current = require_int(
        field, value, 0 if allow_zero else MIN_CHARGING_CURRENT, MAX_CHARGING_CURRENT
    )
    if 0 < current < MIN_CHARGING_CURRENT:
        raise LektricoValidationError(
            field,
            ValidationReason.BELOW_MINIMUM_CURRENT,
            {"value": str(current), "minimum": str(MIN_CHARGING_CURRENT)},
        )
    return current


def relay_mode(value: Any) -> int:
    """1 (one phase) or 3 (three phases): what every public client sends; 0 is only reported."""
    mode = require_whole_number("relay_mode", value)
    choices = (RelayMode.SINGLE_PHASE, RelayMode.THREE_PHASES)
    if mode not in choices:
        raise LektricoValidationError(
            "relay_mode",
            ValidationReason.NOT_A_CHOICE,
            {"value": str(mode), "choices": ", ".join(str(int(choice)) for choice in choices)},
        )
    return mode


def validate_led_template(field: str, value: Any) -> str:
    """'r,g,b' for the top, right, bottom and left segments: 12 values 0..255."""
    text = require_str(field, value)
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != LED_TEMPLATE_VALUES or not all(part.isdigit() for part in parts):
        raise LektricoValidationError(
            field,
            ValidationReason.BAD_FORMAT,
            {"value": shown(text), "count": str(LED_TEMPLATE_VALUES)},
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
            "config_key", ValidationReason.UNKNOWN_KEY, {"value": shown(key)}
        )
    return key, APP_CONFIG_KEYS[key].check(key, value)


def validate_ap_password(password: Any) -> str:
    """Empty (removes the password) or 8..63 characters."""
    text = _require_text("password", password)
    if text and not AP_PASSWORD_MIN_LENGTH <= len(text) <= AP_PASSWORD_MAX_LENGTH:
        raise LektricoValidationError(
            "password",
            ValidationReason.PASSWORD_LENGTH,
            {
                "length": str(len(text)),
                "minimum": str(AP_PASSWORD_MIN_LENGTH),
                "maximum": str(AP_PASSWORD_MAX_LENGTH),
            },
        )
    return text


def validate_tag(tag: Any) -> str:
    """An authorization tag: non-empty text of at most 36 characters."""
    text = require_str("tag", tag, max_length=TAG_MAX_LENGTH)
    if not text.strip():
        raise LektricoValidationError("tag", ValidationReason.EMPTY)
    return text


def _interval_field(index: int) -> str:
    return f"charging_schedule[{index}]"


def _clock(hour: float, minute: float) -> str:
    """HH:MM (2.0 counts as 2: the ranges were checked already)."""
    return f"{int(hour):02d}:{int(minute):02d}"


def validate_interval(index: int, interval: ScheduleInterval) -> None:
    """One interval: days 1..7, hours 0..23, minutes 0..59, current 0 or 6..32, end after start."""
    prefix = _interval_field(index)
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
        raise LektricoValidationError(
            prefix,
            ValidationReason.ENDS_BEFORE_START,
            {
                "start_day": str(int(interval.start_day)),
                "start_time": _clock(interval.start_hour, interval.start_minute),
                "end_day": str(int(interval.end_day)),
                "end_time": _clock(interval.end_hour, interval.end_minute),
            },
        )


def validate_schedule(intervals: Iterable[ScheduleInterval]) -> list[ScheduleInterval]:
    """Every interval valid and none overlapping another.

    An overlap is reported on the interval that starts later, naming the one it overlaps.
    """
    checked = list(intervals)
    for index, interval in enumerate(checked):
        validate_interval(index, interval)
    ordered = sorted(enumerate(checked), key=lambda item: item[1].start_minute_of_week)
    for (first, before), (second, after) in itertools.pairwise(ordered):
        if after.start_minute_of_week < before.end_minute_of_week:
            raise LektricoValidationError(
                _interval_field(second), ValidationReason.OVERLAP, {"other": _interval_field(first)}
            )
    return checked
