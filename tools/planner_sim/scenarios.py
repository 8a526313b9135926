"""The scenarios: a year of one commute pattern on one charger, with its prices and its sun."""

from __future__ import annotations

from dataclasses import dataclass, field

from custom_components.lektrico_local.planner import PlannerSettings

from . import commutes
from .commutes import Pattern

DEFAULT_SEED = 7

ELEVEN_KW = PlannerSettings(phases=3, max_current=16)  # the usual 11 kW onboard charger


@dataclass(frozen=True, slots=True)
class Scenario:
    """One year: who plugs in when (pattern), on which charger, at which prices.

    resolution is the price slot in minutes (60 or 15). roof: the house has photovoltaics, and
    the planner a forecast of what they give the car, off by up to forecast_error (a factor per
    day, drawn uniformly within +-forecast_error); without a roof there is no sun at all.
    known_prices: every session's prices are published when the car is plugged in (and the
    forecast, if any, is exact), so the planner must get within 2 % of the clairvoyant lower
    bound. late_prices: this share of days is published at 21:30 instead of 13:00, and
    missing_prices never.
    """

    name: str
    description: str
    pattern: Pattern = field(repr=False)
    settings: PlannerSettings = ELEVEN_KW
    resolution: int = 60
    known_prices: bool = True
    roof: bool = False
    forecast_error: float = 0.0
    late_prices: float = 0.0
    missing_prices: float = 0.0


SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        Scenario(
            "commute_hourly",
            "weekday nights 18:00 -> 07:00, 10-30 kWh, 11 kW, hourly prices",
            commutes.weekday_nights(),
        ),
        Scenario(
            "commute_15min",
            "weekday nights 18:00 -> 07:00, 10-30 kWh, 11 kW, 15-minute prices",
            commutes.weekday_nights(),
            resolution=15,
        ),
        Scenario(
            "commute_1p7k",
            "weekday nights, 10-30 kWh, 1P7K on one phase at 32 A (7.4 kW), hourly prices",
            commutes.weekday_nights(),
            settings=PlannerSettings(phases=1, max_current=32),
        ),
        Scenario(
            "small_needs_switching",
            "weekday nights, 2-10 kWh, 3P22K switching 1<->3 phases, 16 A, 15-minute prices",
            commutes.weekday_nights(2.0, 10.0),
            settings=PlannerSettings(phases=3, max_current=16, phase_switching=True),
            resolution=15,
        ),
        Scenario(
            "home_office_solar",
            "weekdays 08:30 -> 17:30 under a 7.5 kWp roof, exact solar forecast, 15-min prices",
            commutes.home_office_days(),
            resolution=15,
            roof=True,
        ),
        Scenario(
            "solar_forecast_off",
            "the home-office days with a forecast up to 40 % off either way",
            commutes.home_office_days(),
            resolution=15,
            known_prices=False,
            roof=True,
            forecast_error=0.4,
        ),
        Scenario(
            "whole_year",
            "weekday nights plus irregular weekends (2-3 nights, prices not out yet), roof, hourly",
            commutes.whole_year(),
            known_prices=False,
            roof=True,
        ),
        Scenario(
            "late_prices",
            "weekday nights; 30 % of days published at 21:30, 5 % never (15-minute prices)",
            commutes.weekday_nights(),
            resolution=15,
            known_prices=False,
            late_prices=0.30,
            missing_prices=0.05,
        ),
        Scenario(
            "price_cap_weekends",
            "weekday nights, and sunny weekends home with 'charge when price below 0' on",
            commutes.sunny_weekends(),
            settings=PlannerSettings(phases=3, max_current=16, price_cap=0.0),
            resolution=15,
            known_prices=False,
            roof=True,
        ),
        Scenario(
            "late_nights_short",
            "home 21:00-05:30, off at 07:00, 10-45 kWh: some targets out of reach",
            commutes.late_nights(),
        ),
    )
}
