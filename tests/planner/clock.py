"""Price curves and times for the planner's tests: a virtual clock, no sleeping."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from custom_components.lektrico_local.planner import PriceSlot, SolarSlot

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HOUR = timedelta(hours=1)
QUARTER = timedelta(minutes=15)


def at(hour: float, day: int = 3) -> datetime:
    """`hour` o'clock (may pass 24) counted from midnight of 2025-03-`day`, in UTC."""
    return datetime(2025, 3, day, tzinfo=UTC) + timedelta(hours=hour)


def slots(
    start: datetime, prices: Sequence[float], step: timedelta = HOUR
) -> tuple[PriceSlot, ...]:
    return tuple(
        PriceSlot(start + index * step, start + (index + 1) * step, price)
        for index, price in enumerate(prices)
    )


def sun(start: datetime, kwh: Sequence[float], step: timedelta = HOUR) -> tuple[SolarSlot, ...]:
    return tuple(
        SolarSlot(start + index * step, start + (index + 1) * step, amount)
        for index, amount in enumerate(kwh)
        if amount > 0
    )


# 18:00 to 07:00: an evening peak, a night valley from 01:00 to 05:00, a morning rise.
EVENING_TO_MORNING = (
    0.30, 0.32, 0.28, 0.24, 0.20, 0.18, 0.16, 0.10, 0.09, 0.08, 0.09, 0.13, 0.20,
)  # fmt: skip
NIGHT = slots(at(18), EVENING_TO_MORNING)
DEPARTURE = at(31)  # 07:00 the next morning
