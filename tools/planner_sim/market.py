"""A year of day-ahead prices and sunshine, one value per quarter hour, from a seeded generator.

Prices are spot prices in EUR/kWh as the Nord Pool and ENTSO-e sensors show them: a seasonal
level (dearer in winter), weather regimes that last a few days, a daily shape (cheap night,
morning and evening peaks, a dip under the midday sun that goes below zero on sunny spring and
summer days), cheaper weekends and noise. The 15-minute variant adds the ramps and the noise a
quarter-hour market shows within each hour.

Days are the calendar days of Europe/Amsterdam, so the year has its two DST changes (a 23-hour
and a 25-hour day), and a day's prices are published at 13:00 the day before.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")
FIRST_DAY = date(2025, 1, 1)
DAYS = 365
QUARTER = 900  # seconds
HOUSE_KW = 0.45  # what the house takes while the sun shines: the car gets the rest
PV_PEAK_KW = 7.5  # a large roof (30 panels); a quarter of the peak on a grey day
SOLAR_NOON_UTC = 11.67  # hours, at about 5 degrees east


@dataclass(frozen=True, slots=True)
class Day:
    """One local calendar day: where its quarters are in the year's arrays."""

    day: date
    midnight: int  # POSIX seconds
    first: int  # index of its first quarter
    quarters: int  # 92, 96 or 100


@dataclass(frozen=True, slots=True)
class Market:
    """Quarter-hour arrays from the first local midnight, and the days that cut them."""

    start: int
    days: tuple[Day, ...]
    hourly: tuple[float, ...]  # the hourly price, repeated in each quarter of its hour
    quarterly: tuple[float, ...]  # the 15-minute price
    pv_kw: tuple[float, ...]  # mean photovoltaic power in each quarter
    sunny: tuple[float, ...]  # per day, 0 (grey) .. 1 (clear)

    def index(self, timestamp: float) -> int:
        return int((timestamp - self.start) // QUARTER)

    def time_of(self, index: int) -> int:
        return self.start + index * QUARTER

    def day_of(self, timestamp: float) -> int:
        """Index of the local day holding `timestamp`."""
        quarter = self.index(timestamp)
        low, high = 0, len(self.days) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.days[middle].first <= quarter:
                low = middle
            else:
                high = middle - 1
        return low

    def prices(self, resolution: int) -> tuple[float, ...]:
        return self.hourly if resolution == 60 else self.quarterly


def local(day: date, hour: float) -> int:
    """POSIX seconds of `hour` o'clock on `day` in the home's zone (DST-safe via UTC)."""
    whole = int(hour)
    minute = round((hour - whole) * 60)
    moment = datetime.combine(day, time(whole, minute)).replace(tzinfo=TZ)
    return int(moment.timestamp())


def _bell(x: float, centre: float, width: float) -> float:
    return math.exp(-(((x - centre) / width) ** 2))


@cache
def market(seed: int, days: int = DAYS) -> Market:
    """The year (plus two days, so that the last night has tomorrow's prices)."""
    rng = random.Random(seed)
    start = local(FIRST_DAY, 0)
    day_list: list[Day] = []
    hourly: list[float] = []
    quarterly: list[float] = []
    pv: list[float] = []
    sunny: list[float] = []
    regime = 0.0
    for offset in range(days + 2):
        day = FIRST_DAY + timedelta(days=offset)
        midnight = local(day, 0)
        quarters = (local(day + timedelta(days=1), 0) - midnight) // QUARTER
        day_list.append(Day(day, midnight, len(quarterly), quarters))
        season = math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365)  # 1 January
        clear = _clearness(rng, season)
        sunny.append(clear)
        regime = 0.7 * regime + rng.gauss(0.0, 0.014)
        day_pv = [_pv(midnight + q * QUARTER, season, clear) for q in range(quarters)]
        pv.extend(day_pv)
        hours = _day_prices(rng, day, midnight, quarters // 4, season, clear, regime)
        for hour, price in enumerate(hours):
            before = hours[hour - 1] if hour else price
            after = hours[hour + 1] if hour + 1 < len(hours) else price
            for quarter in range(4):
                # The quarter-hour market ramps through the hour, with its own noise.
                ramp = (after - before) / 2 * (quarter - 1.5) / 4
                hourly.append(price)
                quarterly.append(round(price + ramp + rng.gauss(0.0, 0.004), 5))
    return Market(
        start=start,
        days=tuple(day_list),
        hourly=tuple(hourly),
        quarterly=tuple(quarterly),
        pv_kw=tuple(pv),
        sunny=tuple(sunny),
    )


def _clearness(rng: random.Random, season: float) -> float:
    """Clear days are likelier in summer (season -1) than in winter (season 1)."""
    clear_chance = 0.45 - 0.25 * season
    if rng.random() < clear_chance:
        return rng.uniform(0.8, 1.0)
    return rng.uniform(0.1, 0.7)


def _pv(timestamp: int, season: float, clear: float) -> float:
    hour_utc = (timestamp % 86400) / 3600 + 0.125  # the quarter's middle
    length = 12.0 - 4.3 * season  # hours of daylight: 7.7 in December, 16.3 in June
    height = 1.0 - 0.45 * (season + 1) / 2  # the winter sun is low
    phase = (hour_utc - (SOLAR_NOON_UTC - length / 2)) / length
    if not 0 < phase < 1:
        return 0.0
    return PV_PEAK_KW * height * clear * float(math.sin(math.pi * phase) ** 1.3)


def _day_prices(
    rng: random.Random,
    day: date,
    midnight: int,
    hours: int,
    season: float,
    clear: float,
    regime: float,
) -> list[float]:
    weekend = day.weekday() >= 5
    level = (0.085 + 0.03 * season + regime) * (0.85 if weekend else 1.0)
    # Sunny days in the light half of the year push noon below zero now and then.
    dip = (0.03 + 0.09 * (1 - season) / 2) * clear**2 * (1.25 if weekend else 1.0)
    prices: list[float] = []
    for hour in range(hours):
        wall = (datetime.fromtimestamp(midnight + hour * 3600, TZ)).hour + 0.5
        shape = (
            -0.028 * _bell(wall, 3.5, 2.5)
            + (0.018 if weekend else 0.036) * _bell(wall, 8.0, 1.5)
            + 0.055 * _bell(wall, 19.0, 2.0)
            - dip * _bell(wall, 13.5, 2.6)
        )
        prices.append(round(level + shape + rng.gauss(0.0, 0.006), 5))
    return prices
