"""Solar forecasts from the attributes of a forecast sensor, as the slots the planner takes.

Solcast's sensors carry `detailedForecast` (half hours) or `detailedHourly`: lists of
`{"period_start": ..., "pv_estimate": kW}`. Forecast.Solar-style data is a mapping of
times to watts (`watts`) or to watt-hours per period (`wh_period`). The energy is capped at
what the charger can take in the slot: the sun cannot put more into the car than that.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo

from .slots import SolarSlot

HALF_HOUR = timedelta(minutes=30)
HOUR = timedelta(hours=1)


def parse_solar_forecast(
    attributes: object, max_power_kw: float, tz: tzinfo | None = None
) -> tuple[SolarSlot, ...]:
    """The forecast's slots in time order; entries that cannot be read are left out."""
    if not isinstance(attributes, Mapping):
        return ()
    for key, length in (("detailedForecast", HALF_HOUR), ("detailedHourly", HOUR)):
        if isinstance(entries := attributes.get(key), list):
            points = [_solcast_point(entry, tz) for entry in entries]
            return _slots([p for p in points if p is not None], length, max_power_kw)
    if isinstance(watts := attributes.get("watts"), Mapping):
        points = [_point(at, value, tz, 1 / 1000) for at, value in watts.items()]
        return _slots([p for p in points if p is not None], HOUR, max_power_kw)
    if isinstance(energy := attributes.get("wh_period"), Mapping):
        # Watt-hours per hour-long period: numerically its mean power in W.
        points = [_point(at, value, tz, 1 / 1000) for at, value in energy.items()]
        return _slots([p for p in points if p is not None], HOUR, max_power_kw)
    return ()


def _solcast_point(entry: object, tz: tzinfo | None) -> tuple[datetime, float] | None:
    if not isinstance(entry, Mapping):
        return None
    return _point(entry.get("period_start"), entry.get("pv_estimate"), tz, 1.0)


def _point(
    at: object, value: object, tz: tzinfo | None, to_kw: float
) -> tuple[datetime, float] | None:
    """(start, mean power in kW), or None for an entry that is not a time and a number >= 0."""
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            return None
    if not isinstance(at, datetime) or isinstance(value, bool):
        return None
    if at.tzinfo is None:
        if tz is None:
            return None
        at = at.replace(tzinfo=tz)
    if not isinstance(value, int | float) or not value >= 0:
        return None
    return at, float(value) * to_kw


def _slots(
    points: list[tuple[datetime, float]], length: timedelta, max_power_kw: float
) -> tuple[SolarSlot, ...]:
    """Each point as a slot to the next one (or `length` at most), without overlaps."""
    points.sort(key=lambda point: point[0])
    slots: list[SolarSlot] = []
    for index, (start, power_kw) in enumerate(points):
        end = start + length
        if index + 1 < len(points):
            end = min(end, points[index + 1][0])
        if end <= start:
            continue
        hours = (end - start).total_seconds() / 3600
        slots.append(SolarSlot(start, end, min(power_kw, max_power_kw) * hours))
    return tuple(slots)
