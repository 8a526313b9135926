"""What the integration would see at any moment of a scenario: the price sensor's attributes
(parsed with the planner's own Nord Pool parser), the solar forecast, and what really happens."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from custom_components.lektrico_local.planner import PriceSlot, SolarSlot, parse_nord_pool

from .market import DAYS, HOUSE_KW, QUARTER, TZ, Market, local, market
from .scenarios import Scenario

ON_TIME = 13.0  # o'clock the day before: the day-ahead auction's results reach the sensor
LATE = 21.5


@dataclass(slots=True)
class World:
    scenario: Scenario
    market: Market
    prices: tuple[float, ...]  # what a quarter really costs
    solar: tuple[float, ...]  # kWh the sun really gives the car in each quarter, if it charges
    forecast_factor: tuple[float, ...]  # per day
    published: tuple[float, ...]  # per day: POSIX seconds its prices appear (inf: never)
    _prices_cache: dict[tuple[int, bool], tuple[PriceSlot, ...]] = field(default_factory=dict)
    _forecast_cache: dict[int, tuple[SolarSlot, ...]] = field(default_factory=dict)
    _days: dict[int, tuple[PriceSlot, ...]] = field(default_factory=dict)
    skipped_entries: int = 0

    def prices_at(self, timestamp: float) -> tuple[tuple[int, bool], tuple[PriceSlot, ...]]:
        """The sensor's slots at `timestamp` (today's, and tomorrow's once published), with a
        key that changes exactly when they do."""
        today = self.market.day_of(timestamp)
        key = (today, self.published[today + 1] <= timestamp)
        if key not in self._prices_cache:
            slots = self._day(today)
            if key[1]:
                slots += self._day(today + 1)
            self._prices_cache[key] = slots
        return key, self._prices_cache[key]

    def _day(self, index: int) -> tuple[PriceSlot, ...]:
        """One day's slots, read once from the sensor's attribute with the Nord Pool parser."""
        if index not in self._days:
            parsed = parse_nord_pool({"raw_today": self._raw(index), "raw_tomorrow": []})
            self.skipped_entries += len(parsed.skipped)
            self._days[index] = parsed.slots
        return self._days[index]

    def forecast_at(self, timestamp: float) -> tuple[SolarSlot, ...]:
        """Today's and tomorrow's forecast, in quarters, as a forecast integration gives it."""
        if not self.scenario.roof:
            return ()
        today = self.market.day_of(timestamp)
        if today not in self._forecast_cache:
            slots: list[SolarSlot] = []
            for index in (today, today + 1):
                slots.extend(self._day_forecast(index))
            self._forecast_cache[today] = tuple(slots)
        return self._forecast_cache[today]

    def _day_forecast(self, index: int) -> list[SolarSlot]:
        day = self.market.days[index]
        factor = self.forecast_factor[index]
        slots: list[SolarSlot] = []
        for quarter in range(day.first, day.first + day.quarters):
            kwh = self.solar[quarter]
            if kwh > 0:
                start = self.market.time_of(quarter)
                slots.append(SolarSlot(_dt(start), _dt(start + QUARTER), kwh * factor))
        return slots

    def _raw(self, index: int) -> list[dict[str, Any]]:
        """One day as the Nord Pool sensor holds it; values None when never published."""
        day = self.market.days[index]
        step = self.scenario.resolution // 15
        missing = math.isinf(self.published[index])
        return [
            {
                "start": _dt(self.market.time_of(quarter)),
                "end": _dt(self.market.time_of(quarter + step)),
                "value": None if missing else self.prices[quarter],
            }
            for quarter in range(day.first, day.first + day.quarters, step)
        ]


def build_world(scenario: Scenario, seed: int, days: int = DAYS) -> World:
    year = market(seed, days)
    settings = scenario.settings
    least, most = settings.min_power_kw, settings.max_power_kw
    solar = tuple(
        # The solar law starts only when the surplus pays for the minimum power.
        min(surplus, most) * QUARTER / 3600
        if scenario.roof and (surplus := pv - HOUSE_KW) >= least
        else 0.0
        for pv in year.pv_kw
    )
    rng = random.Random(f"{scenario.name}/{seed}")
    error = scenario.forecast_error
    factors = tuple(1.0 + rng.uniform(-error, error) for _ in year.days)
    published: list[float] = [-math.inf]
    for previous in year.days[:-1]:
        draw = rng.random()
        if draw < scenario.missing_prices:
            published.append(math.inf)
        elif draw < scenario.missing_prices + scenario.late_prices:
            published.append(local(previous.day, LATE))
        else:
            published.append(local(previous.day, ON_TIME))
    published.append(math.inf)  # the day after the last: nobody plugs in that late
    return World(
        scenario=scenario,
        market=year,
        prices=year.prices(scenario.resolution),
        solar=solar,
        forecast_factor=factors,
        published=tuple(published),
    )


def _dt(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, TZ)
