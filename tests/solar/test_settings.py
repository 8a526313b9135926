"""Every option is checked when the settings are built: the error names it and says why."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.lektrico_local.solar import ChargeMode, SolarSettings
from custom_components.lektrico_local.solar.settings import (
    SOLAR_SETTINGS_PLACEHOLDERS,
    SolarSettingsError,
    SolarSettingsReason,
)


def test_defaults_are_the_ones_the_issue_names() -> None:
    """The default settings are the values the feature request names."""
    settings = SolarSettings()

    assert (settings.min_current, settings.max_current, settings.phases) == (6, 32, 3)
    assert settings.cycle == 30
    assert (settings.enable_delay, settings.disable_delay) == (60, 180)
    assert (settings.min_on_time, settings.min_off_time) == (600, 300)
    assert (settings.stale_minimum_after, settings.stale_pause_after) == (90, 300)
    assert settings.headroom_current == 2
    assert settings.battery_priority_soc is None
    assert settings.phase_switching is False


def test_modes_have_stable_values_for_restore() -> None:
    """Charge modes keep their stored values, so a restored mode is understood."""
    assert [mode.value for mode in ChargeMode] == ["off", "fast", "solar", "min_solar"]


R = SolarSettingsReason


def _range(value: str, minimum: str, maximum: str) -> dict[str, str]:
    return {"value": value, "minimum": minimum, "maximum": maximum}


STALE = {"sensor_timeout": "75", "stale_minimum_after": "90", "stale_pause_after": "300"}

# options -> (field, reason, placeholders): what the refusal says, in no language.
INVALID_OPTIONS: list[tuple[dict[str, Any], str, SolarSettingsReason, dict[str, str]]] = [
    ({"min_current": 5}, "min_current", R.OUT_OF_RANGE, _range("5", "6", "32")),
    ({"min_current": 6.5}, "min_current", R.NOT_WHOLE_NUMBER, {"value": "6.5"}),
    ({"max_current": 33}, "max_current", R.OUT_OF_RANGE, _range("33", "6", "32")),
    (
        {"min_current": 16, "max_current": 10},
        "max_current", R.MAX_BELOW_MIN, {"value": "10", "minimum": "16"},
    ),
    ({"phases": 2}, "phases", R.NOT_A_CHOICE, {"value": "2", "choices": "1, 3"}),
    ({"phases": True}, "phases", R.NOT_A_CHOICE, {"value": "true", "choices": "1, 3"}),
    ({"voltage": 0}, "voltage", R.OUT_OF_RANGE, _range("0", "100", "260")),
    ({"voltage": float("nan")}, "voltage", R.OUT_OF_RANGE, _range("nan", "100", "260")),
    ({"residual_power": "100"}, "residual_power", R.NOT_A_NUMBER, {"value": '"100"'}),
    ({"hysteresis_power": -1}, "hysteresis_power", R.OUT_OF_RANGE, _range("-1", "0", "2000")),
    ({"cycle": 9}, "cycle", R.OUT_OF_RANGE, _range("9", "10", "300")),
    ({"cycle": 300.5}, "cycle", R.OUT_OF_RANGE, _range("300.5", "10", "300")),
    ({"enable_delay": -1}, "enable_delay", R.OUT_OF_RANGE, _range("-1", "0", "7200")),
    ({"disable_delay": 10_000}, "disable_delay", R.OUT_OF_RANGE, _range("10000", "0", "7200")),
    ({"min_on_time": -5}, "min_on_time", R.OUT_OF_RANGE, _range("-5", "0", "7200")),
    ({"min_off_time": None}, "min_off_time", R.NOT_A_NUMBER, {"value": "null"}),
    ({"settle_time": -1}, "settle_time", R.OUT_OF_RANGE, _range("-1", "0", "300")),
    ({"quick_down_window": -1}, "quick_down_window", R.OUT_OF_RANGE, _range("-1", "0", "300")),
    ({"sensor_timeout": 0}, "sensor_timeout", R.OUT_OF_RANGE, _range("0", "1", "3600")),
    (
        {"stale_minimum_after": 400},
        "stale_pause_after", R.STALE_ORDER, {**STALE, "stale_minimum_after": "400"},
    ),
    (
        {"sensor_timeout": 100},
        "stale_minimum_after", R.STALE_ORDER, {**STALE, "sensor_timeout": "100"},
    ),
    ({"headroom_current": -1}, "headroom_current", R.OUT_OF_RANGE, _range("-1", "0", "16")),
    ({"drawing_current": 7}, "drawing_current", R.OUT_OF_RANGE, _range("7", "0", "6")),
    (
        {"battery_priority_soc": 101},
        "battery_priority_soc", R.OUT_OF_RANGE, _range("101", "0", "100"),
    ),
    ({"phase_switching": "yes"}, "phase_switching", R.NOT_BOOLEAN, {"value": '"yes"'}),
    ({"phase_switching": True, "phases": 1}, "phase_switching", R.NEEDS_THREE_PHASES, {}),
    (
        {"phase_switch_pause": -1},
        "phase_switch_pause", R.OUT_OF_RANGE, _range("-1", "0", "600"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("options", "field", "reason", "placeholders"), INVALID_OPTIONS)
def test_invalid_options_raise_an_error_naming_the_option(
    options: dict[str, Any],
    field: str,
    reason: SolarSettingsReason,
    placeholders: dict[str, str],
) -> None:
    """Each invalid option raises an error with field, reason and placeholders, in English too."""
    with pytest.raises(SolarSettingsError) as err:
        SolarSettings(**options)
    assert (err.value.field, err.value.reason, err.value.placeholders) == (
        field,
        reason,
        placeholders,
    )
    assert set(placeholders) == SOLAR_SETTINGS_PLACEHOLDERS[reason]
    # Still a ValueError, whose English text names the option, for logs and older callers.
    assert isinstance(err.value, ValueError)
    assert field in str(err.value)
    assert "{" not in str(err.value)


def test_every_reason_is_exercised() -> None:
    """Every settings error reason has a case in INVALID_OPTIONS."""
    assert {reason for _, _, reason, _ in INVALID_OPTIONS} == set(SolarSettingsReason)


def test_english_sentence() -> None:
    """The error's English text is a full sentence with the values."""
    with pytest.raises(ValueError, match=r"^max_current 10 must not be below min_current \(16\)$"):
        SolarSettings(min_current=16, max_current=10)


def test_a_single_phase_unit_and_a_battery_priority_are_valid() -> None:
    """Single-phase settings with a battery priority are valid, at 230 W per amp."""
    settings = SolarSettings(phases=1, battery_priority_soc=80, min_current=8, max_current=16)

    assert settings.watts_per_amp(settings.phases) == 230.0
