"""Every option is checked when the settings are built, with a message naming it."""

from __future__ import annotations

from typing import Any

import pytest

from custom_components.lektrico_local.fuse import FuseSettings


def test_defaults_are_the_ones_the_issue_names() -> None:
    settings = FuseSettings(fuse_rating=25)

    assert (settings.margin, settings.fallback_current) == (2.0, 6)
    assert (settings.meter_timeout, settings.hold_time) == (30, 60)
    assert (settings.house_phases, settings.min_current, settings.max_current) == (3, 6, 32)
    assert settings.voltage == 230
    assert settings.charger_l1_phase == 1
    assert (settings.response_time, settings.meter_noise) == (10, 0.5)
    assert settings.limit == 23


def test_the_fuse_rating_has_no_default() -> None:
    with pytest.raises(TypeError):
        FuseSettings()  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ({"fuse_rating": 5}, "fuse_rating"),
        ({"fuse_rating": "25"}, "fuse_rating"),
        ({"fuse_rating": float("nan")}, "fuse_rating"),
        ({"margin": -1}, "margin"),
        ({"fuse_rating": 10, "margin": 5}, "min_current"),
        ({"fallback_current": 3}, "fallback_current"),
        ({"fallback_current": 6.0}, "fallback_current"),
        ({"fallback_current": 20, "max_current": 16}, "fallback_current"),
        ({"meter_timeout": 0}, "meter_timeout"),
        ({"hold_time": -1}, "hold_time"),
        ({"house_phases": 2}, "house_phases"),
        ({"house_phases": 3.0}, "house_phases"),
        ({"house_phases": True}, "house_phases"),
        ({"min_current": 5}, "min_current"),
        ({"min_current": 6.5}, "min_current"),
        ({"max_current": 33}, "max_current"),
        ({"min_current": 16, "max_current": 10}, "max_current"),
        ({"voltage": 0}, "voltage"),
        ({"charger_l1_phase": 4}, "charger_l1_phase"),
        ({"charger_l1_phase": 2, "house_phases": 1}, "charger_l1_phase"),
        ({"response_time": -1}, "response_time"),
        ({"meter_noise": 6}, "meter_noise"),
    ],
)
def test_invalid_options_raise_value_error_naming_the_option(
    options: dict[str, Any], names: str
) -> None:
    with pytest.raises(ValueError, match=names):
        FuseSettings(**{"fuse_rating": 25, **options})


def test_a_single_phase_house_with_a_pausing_fallback_is_valid() -> None:
    settings = FuseSettings(fuse_rating=40, house_phases=1, fallback_current=0, hold_time=0)

    assert settings.limit == 38
