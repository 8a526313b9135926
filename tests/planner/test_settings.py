"""Settings and inputs are checked when they are built: the error names the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from custom_components.lektrico_local.planner import (
    ChargeRequest,
    PlannerSettings,
    PlannerSettingsError,
    PowerLevel,
    PriceSlot,
    SolarSlot,
)

from .clock import at


def test_defaults() -> None:
    settings = PlannerSettings()

    assert (settings.phases, settings.min_current, settings.max_current) == (3, 6, 32)
    assert settings.max_starts == 3
    assert settings.price_cap is None
    assert settings.max_power_kw == pytest.approx(22.08)
    assert settings.min_power_kw == pytest.approx(4.14)


def test_levels_on_one_phase_and_with_switching() -> None:
    one = PlannerSettings(phases=1, max_current=8).levels()
    switching = PlannerSettings(max_current=16, phase_switching=True)

    assert one == tuple(PowerLevel(amps, 1, round(amps * 0.23, 9)) for amps in (6, 7, 8))
    assert switching.min_power_kw == pytest.approx(1.38)
    levels = switching.levels()
    powers = [level.power_kw for level in levels]
    assert powers == sorted(powers)
    # 18 A on one phase is 6 A on three: three phases win the tie (and 18 A is above 16 A).
    assert (levels[-1].current, levels[-1].phases) == (16, 3)
    assert levels[-1].power_kw == pytest.approx(11.04)
    assert {(level.current, level.phases) for level in levels if level.power_kw == 4.14} == {(6, 3)}


INVALID: list[tuple[dict[str, Any], str]] = [
    ({"phases": 2}, "phases"),
    ({"phases": True}, "phases"),
    ({"phase_switching": "yes"}, "phase_switching"),
    ({"phases": 1, "phase_switching": True}, "phase_switching"),
    ({"min_current": 5}, "min_current"),
    ({"min_current": 6.5}, "min_current"),
    ({"max_current": 33}, "max_current"),
    ({"min_current": 16, "max_current": 10}, "max_current"),
    ({"voltage": 0}, "voltage"),
    ({"voltage": float("nan")}, "voltage"),
    ({"price_cap": "cheap"}, "price_cap"),
    ({"max_starts": 0}, "max_starts"),
    ({"start_penalty_kwh": -1}, "start_penalty_kwh"),
    ({"keep_tolerance_kwh": None}, "keep_tolerance_kwh"),
    ({"replan_tolerance_kwh": float("inf")}, "replan_tolerance_kwh"),
]


@pytest.mark.parametrize(("options", "field"), INVALID)
def test_invalid_settings_name_the_field(options: dict[str, Any], field: str) -> None:
    with pytest.raises(PlannerSettingsError) as refused:
        PlannerSettings(**options)

    assert refused.value.field == field
    assert str(refused.value).startswith(field)


NAIVE = datetime(2025, 3, 3)


@pytest.mark.parametrize(
    "build",
    [
        lambda: PriceSlot(NAIVE, NAIVE + timedelta(hours=1), 0.1),
        lambda: PriceSlot(at(1), at(1), 0.1),
        lambda: PriceSlot(at(1), at(2), float("nan")),
        lambda: PriceSlot(at(1), at(2), "0.1"),  # type: ignore[arg-type]
        lambda: SolarSlot(at(1), at(2), -1.0),
        lambda: SolarSlot(at(2), at(1), 1.0),
        lambda: ChargeRequest(-1.0, at(8), ()),
        lambda: ChargeRequest(float("nan"), at(8), ()),
        lambda: ChargeRequest(True, at(8), ()),
        lambda: ChargeRequest(1.0, NAIVE, ()),
        lambda: ChargeRequest(1.0, at(8), (), room_kwh=-2.0),
        lambda: ChargeRequest(1.0, at(8), (), starts_made=-1),
        lambda: ChargeRequest(1.0, at(8), (), starts_made=True),
    ],
)
def test_bad_inputs_are_refused(build: Any) -> None:
    with pytest.raises(ValueError, match="must"):
        build()


def test_slots_know_their_edges_in_seconds() -> None:
    slot = PriceSlot(at(1), at(2), -0.02)

    assert slot.start_ts == datetime(2025, 3, 3, 1, tzinfo=UTC).timestamp()
    assert slot.end_ts - slot.start_ts == 3600
