"""Every option is checked when the settings are built, with a message naming it."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.lektrico_local.solar import ChargeMode, SolarSettings


def test_defaults_are_the_ones_the_issue_names() -> None:
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
    assert [mode.value for mode in ChargeMode] == ["off", "fast", "solar", "min_solar"]


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ({"min_current": 5}, "min_current"),
        ({"min_current": 6.5}, "min_current"),
        ({"max_current": 33}, "max_current"),
        ({"min_current": 16, "max_current": 10}, "max_current"),
        ({"phases": 2}, "phases"),
        ({"phases": True}, "phases"),
        ({"voltage": 0}, "voltage"),
        ({"voltage": float("nan")}, "voltage"),
        ({"residual_power": "100"}, "residual_power"),
        ({"hysteresis_power": -1}, "hysteresis_power"),
        ({"cycle": 9}, "cycle"),
        ({"enable_delay": -1}, "enable_delay"),
        ({"disable_delay": 10_000}, "disable_delay"),
        ({"min_on_time": -5}, "min_on_time"),
        ({"min_off_time": None}, "min_off_time"),
        ({"settle_time": -1}, "settle_time"),
        ({"quick_down_window": -1}, "quick_down_window"),
        ({"sensor_timeout": 0}, "sensor_timeout"),
        ({"stale_minimum_after": 400}, "stale_pause_after"),
        ({"sensor_timeout": 100}, "sensor_timeout"),
        ({"headroom_current": -1}, "headroom_current"),
        ({"drawing_current": 7}, "drawing_current"),
        ({"battery_priority_soc": 101}, "battery_priority_soc"),
        ({"phase_switching": "yes"}, "phase_switching"),
        ({"phase_switching": True, "phases": 1}, "phase_switching"),
        ({"phase_switch_pause": -1}, "phase_switch_pause"),
    ],
)
def test_invalid_options_raise_value_error_naming_the_option(
    options: dict[str, Any], names: str
) -> None:
    with pytest.raises(ValueError, match=names):
        SolarSettings(**options)


def test_a_single_phase_unit_and_a_battery_priority_are_valid() -> None:
    settings = SolarSettings(phases=1, battery_priority_soc=80, min_current=8, max_current=16)

    assert settings.watts_per_amp(settings.phases) == 230.0
