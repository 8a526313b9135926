"""Solar forecasts read from a forecast sensor's attributes (Solcast, watts per hour)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from custom_components.lektrico_local.planner.forecast import parse_solar_forecast

T0 = datetime(2026, 6, 1, 10, tzinfo=UTC)


def test_solcast_half_hours_become_energy_capped_at_the_charger() -> None:
    """kW per half hour -> kWh; more sun than the charger takes counts only what it takes."""
    attributes = {
        "detailedForecast": [
            {"period_start": T0.isoformat(), "pv_estimate": 4.0},
            {"period_start": (T0 + timedelta(minutes=30)).isoformat(), "pv_estimate": 30.0},
        ]
    }
    slots = parse_solar_forecast(attributes, max_power_kw=11.0)
    assert [(slot.start, slot.end, slot.kwh) for slot in slots] == [
        (T0, T0 + timedelta(minutes=30), 2.0),
        (T0 + timedelta(minutes=30), T0 + timedelta(hours=1), 5.5),
    ]


def test_hourly_watts_and_naive_times_in_the_home_zone() -> None:
    """Forecast.Solar-style {time: W}: local times without zone take the zone given."""
    zone = timezone(timedelta(hours=1))
    slots = parse_solar_forecast(
        {"watts": {"2026-06-01T12:00:00": 3000, "2026-06-01T13:00:00": 1500}}, 22.0, zone
    )
    assert [slot.kwh for slot in slots] == [3.0, 1.5]
    assert slots[0].start == datetime(2026, 6, 1, 12, tzinfo=zone)


@pytest.mark.parametrize(
    "attributes",
    [
        None,
        {},
        {"detailedForecast": [{"period_start": "soon", "pv_estimate": 1}, "x"]},
        {"detailedHourly": [{"period_start": T0.isoformat(), "pv_estimate": -1}]},
        {"watts": {"2026-06-01T12:00:00": True}},
        {"wh_period": {"2026-06-01T12:00:00": 500}},  # no zone, and none given
    ],
)
def test_what_cannot_be_read_is_left_out(attributes: object) -> None:
    """Garbage, negative power and zoneless times without a zone give no slots."""
    assert parse_solar_forecast(attributes, 11.0) == ()


def test_wh_per_period_reads_as_mean_power() -> None:
    """Watt-hours per hour-long period are the hour's energy."""
    slots = parse_solar_forecast({"wh_period": {T0.isoformat(): 2500}}, 11.0)
    assert [slot.kwh for slot in slots] == [2.5]
