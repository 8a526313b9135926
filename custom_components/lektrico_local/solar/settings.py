"""What the user configures for solar charging, checked once when it is built."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from string import Formatter
from typing import TypeIs

# The charger takes 0 (pause) or 6..32 A.
LOWEST_CHARGING_CURRENT = 6
HIGHEST_CHARGING_CURRENT = 32


class ChargeMode(StrEnum):
    """What the user asked the charger to do."""

    OFF = "off"  # current 0: paused
    FAST = "fast"  # maximum current, whatever the sun does
    SOLAR = "solar"  # surplus only, pauses when there is none
    MIN_SOLAR = "min_solar"  # never below the minimum, never pauses


class SolarSettingsReason(StrEnum):
    """Why settings were refused; each has its placeholders (see `SOLAR_SETTINGS_PLACEHOLDERS`)."""

    NOT_A_NUMBER = "not_a_number"
    NOT_WHOLE_NUMBER = "not_whole_number"
    OUT_OF_RANGE = "out_of_range"
    MAX_BELOW_MIN = "max_below_min"
    NOT_A_CHOICE = "not_a_choice"
    NOT_BOOLEAN = "not_boolean"
    STALE_ORDER = "stale_order"
    NEEDS_THREE_PHASES = "needs_three_phases"


# The English sentence of each reason (after "field: "); its placeholders are the reason's.
_ENGLISH: dict[SolarSettingsReason, str] = {
    SolarSettingsReason.NOT_A_NUMBER: "must be a number, got {value}",
    SolarSettingsReason.NOT_WHOLE_NUMBER: "must be a whole number, got {value}",
    SolarSettingsReason.OUT_OF_RANGE: "must be between {minimum} and {maximum}, got {value}",
    SolarSettingsReason.MAX_BELOW_MIN: "{value} must not be below min_current ({minimum})",
    SolarSettingsReason.NOT_A_CHOICE: "must be one of {choices}, got {value}",
    SolarSettingsReason.NOT_BOOLEAN: "must be true or false, got {value}",
    SolarSettingsReason.STALE_ORDER: (
        "expected sensor_timeout <= stale_minimum_after <= stale_pause_after, got "
        "{sensor_timeout} s, {stale_minimum_after} s, {stale_pause_after} s"
    ),
    SolarSettingsReason.NEEDS_THREE_PHASES: "needs a unit installed on 3 phases",
}

SOLAR_SETTINGS_PLACEHOLDERS: dict[SolarSettingsReason, frozenset[str]] = {
    reason: frozenset(name for _, name, _, _ in Formatter().parse(sentence) if name)
    for reason, sentence in _ENGLISH.items()
}


class _Unfilled(dict[str, str]):
    """A placeholder left out shows as itself rather than failing the error."""

    def __missing__(self, key: str) -> str:
        return f"{{{key}}}"


class SolarSettingsError(ValueError):
    """A setting the control law cannot work with.

    `field` is the SolarSettings field to point at, `reason` says why and `placeholders` (text)
    carry the details, so a form can show the problem translated next to the field. `str()` is
    an English sentence naming the field.
    """

    def __init__(
        self,
        field: str,
        reason: SolarSettingsReason,
        placeholders: Mapping[str, str] | None = None,
    ) -> None:
        self.field = field
        self.reason = reason
        self.placeholders: dict[str, str] = dict(placeholders or {})
        super().__init__(f"{field} {_ENGLISH[reason].format_map(_Unfilled(self.placeholders))}")


@dataclass(frozen=True, slots=True)
class SolarSettings:
    """Options of the control law. Times are seconds, powers watts, currents amps.

    The defaults follow what evcc, OpenEVSE and SmartEVSE ship, tuned with `python -m solar_sim`.
    """

    min_current: int = LOWEST_CHARGING_CURRENT
    max_current: int = HIGHEST_CHARGING_CURRENT
    phases: int = 3  # phases the installation charges on (1 or 3)
    voltage: float = 230.0  # line to neutral
    residual_power: float = 100.0  # export kept as a margin so noise does not turn into import
    hysteresis_power: float = 100.0  # extra surplus needed before the current goes up
    enable_delay: float = 60.0  # surplus must last this long before a start
    disable_delay: float = 180.0  # a shortfall must last this long before a stop
    min_on_time: float = 600.0
    min_off_time: float = 300.0
    cycle: float = 30.0  # one decision per cycle
    settle_time: float = 20.0  # grid samples this soon after a write still show the old current
    quick_down_window: float = 10.0  # the cycle's last seconds alone may pull the current down
    sensor_timeout: float = 75.0  # a grid sensor silent this long is stale
    stale_minimum_after: float = 90.0  # stale this long: down to the minimum
    stale_pause_after: float = 300.0  # stale this long: pause (Solar mode)
    headroom_current: float = 2.0  # a car may grow this much above what it draws now
    drawing_current: float = 1.0  # a car drawing less than this on every phase is not charging
    battery_priority_soc: float | None = None  # below it the home battery charges first
    phase_switching: bool = False  # the unit can switch between 1 and 3 phases
    phase_switch_pause: float = 60.0  # paused this long before the relays switch

    def __post_init__(self) -> None:
        self._check_currents()
        self._check_electrics()
        self._check_times()
        self._check_battery_and_phases()

    def watts_per_amp(self, phases: int) -> float:
        """Power of one amp on every phase in use."""
        return self.voltage * phases

    def _check_currents(self) -> None:
        low, high = LOWEST_CHARGING_CURRENT, HIGHEST_CHARGING_CURRENT
        _require_int("min_current", self.min_current, low, high)
        _require_int("max_current", self.max_current, low, high)
        if self.max_current < self.min_current:
            raise SolarSettingsError(
                "max_current",
                SolarSettingsReason.MAX_BELOW_MIN,
                {"value": _text(self.max_current), "minimum": _text(self.min_current)},
            )
        _require_number("headroom_current", self.headroom_current, 0, 16)
        _require_number("drawing_current", self.drawing_current, 0, LOWEST_CHARGING_CURRENT)

    def _check_electrics(self) -> None:
        if not _is_number(self.phases) or self.phases not in (1, 3):
            raise SolarSettingsError(
                "phases",
                SolarSettingsReason.NOT_A_CHOICE,
                {"value": _text(self.phases), "choices": "1, 3"},
            )
        _require_number("voltage", self.voltage, 100, 260)
        _require_number("residual_power", self.residual_power, -2000, 5000)
        _require_number("hysteresis_power", self.hysteresis_power, 0, 2000)

    def _check_times(self) -> None:
        _require_number("cycle", self.cycle, 10, 300)
        for name in ("enable_delay", "disable_delay", "min_on_time", "min_off_time"):
            _require_number(name, getattr(self, name), 0, 7200)
        _require_number("settle_time", self.settle_time, 0, 300)
        _require_number("quick_down_window", self.quick_down_window, 0, 300)
        _require_number("phase_switch_pause", self.phase_switch_pause, 0, 600)
        _require_number("sensor_timeout", self.sensor_timeout, 1, 3600)
        _require_number("stale_minimum_after", self.stale_minimum_after, 1, 3600)
        _require_number("stale_pause_after", self.stale_pause_after, 1, 3600)
        if not self.sensor_timeout <= self.stale_minimum_after <= self.stale_pause_after:
            raise SolarSettingsError(
                # The later of the pair out of order.
                "stale_minimum_after"
                if self.sensor_timeout > self.stale_minimum_after
                else "stale_pause_after",
                SolarSettingsReason.STALE_ORDER,
                {
                    "sensor_timeout": _text(self.sensor_timeout),
                    "stale_minimum_after": _text(self.stale_minimum_after),
                    "stale_pause_after": _text(self.stale_pause_after),
                },
            )

    def _check_battery_and_phases(self) -> None:
        if self.battery_priority_soc is not None:
            _require_number("battery_priority_soc", self.battery_priority_soc, 0, 100)
        if self.phase_switching not in (True, False):
            raise SolarSettingsError(
                "phase_switching",
                SolarSettingsReason.NOT_BOOLEAN,
                {"value": _text(self.phase_switching)},
            )
        if self.phase_switching and self.phases != 3:
            raise SolarSettingsError("phase_switching", SolarSettingsReason.NEEDS_THREE_PHASES)


def _require_number(name: str, value: object, low: float, high: float) -> None:
    """An int or float within low..high."""
    if not _is_number(value):
        raise SolarSettingsError(name, SolarSettingsReason.NOT_A_NUMBER, {"value": _text(value)})
    if not low <= value <= high:  # also rejects NaN
        raise SolarSettingsError(
            name,
            SolarSettingsReason.OUT_OF_RANGE,
            {"value": _text(value), "minimum": _text(low), "maximum": _text(high)},
        )


def _require_int(name: str, value: object, low: int, high: int) -> None:
    if not _is_number(value) or not isinstance(value, int):
        raise SolarSettingsError(
            name, SolarSettingsReason.NOT_WHOLE_NUMBER, {"value": _text(value)}
        )
    if not low <= value <= high:
        raise SolarSettingsError(
            name,
            SolarSettingsReason.OUT_OF_RANGE,
            {"value": _text(value), "minimum": _text(low), "maximum": _text(high)},
        )


def _is_number(value: object) -> TypeIs[int | float]:
    """ValueError, not TypeError, for a wrong type: options come from a form, not from code."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: object) -> str:
    """A value as a message shows it, in any language: 16.0 as 16, text quoted, true/false/null."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
