"""Price slots from the state attributes of the common Home Assistant price integrations.

Each parser takes a sensor's attributes as Home Assistant holds them (datetimes, or ISO 8601
text after a restart or a template) and returns the slots it could read and what it skipped and
why. Nothing here raises on bad data: a feed with one broken hour still plans on the others.

The shapes (hourly or 15-minute; each list may be empty or missing until published):

* Nord Pool (custom `nordpool`): `raw_today` / `raw_tomorrow`, lists of
  `{"start": ..., "end": ..., "value": price}`; `value` is None for hours not published.
* ENTSO-e (`entsoe`): `prices_today` / `prices_tomorrow` (or `prices`, both days), lists of
  `{"time": start, "price": price}`.
* EnergyZero / Frank Energie: `prices`, a list of `{"from": start, "till": end, "price": price}`;
  `till` may be left out.
* Tibber: `today` / `tomorrow`, lists of `{"startsAt": start, "total": price, ...}`.
* Octopus Energy Agile: `rates`, a list of `{"start": ..., "end": ..., "value_inc_vat": price}`.

A slot without an end ends where the next one starts, when that is at most an hour later;
otherwise it lasts as long as the step before it (an hour when there is none). A naive time
takes the zone `tz` when given and is skipped otherwise. Prices are in the sensor's unit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from .slots import PriceSlot

LONGEST_STEP = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry left out: where it was (`raw_today[3]`) and why."""

    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedPrices:
    """The usable slots, in time order and without overlaps, and what was skipped."""

    slots: tuple[PriceSlot, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def until(self) -> datetime | None:
        """The end of the last slot: how far ahead prices are known."""
        return self.slots[-1].end if self.slots else None


@dataclass(frozen=True, slots=True)
class _Shape:
    lists: tuple[str, ...]
    start: str
    end: str | None
    price: str


NORD_POOL = _Shape(("raw_today", "raw_tomorrow"), "start", "end", "value")
ENTSOE = _Shape(("prices_today", "prices_tomorrow"), "time", None, "price")
ENTSOE_COMBINED = _Shape(("prices",), "time", None, "price")
ENERGYZERO = _Shape(("prices",), "from", "till", "price")
TIBBER = _Shape(("today", "tomorrow"), "startsAt", None, "total")
OCTOPUS_AGILE = _Shape(("rates",), "start", "end", "value_inc_vat")


def parse_nord_pool(attributes: object, tz: tzinfo | None = None) -> ParsedPrices:
    return _parse(attributes, NORD_POOL, tz)


def parse_entsoe(attributes: object, tz: tzinfo | None = None) -> ParsedPrices:
    """`prices_today` and `prices_tomorrow`; `prices` when neither is there."""
    if isinstance(attributes, Mapping) and not any(key in attributes for key in ENTSOE.lists):
        return _parse(attributes, ENTSOE_COMBINED, tz)
    return _parse(attributes, ENTSOE, tz)


def parse_energyzero(attributes: object, tz: tzinfo | None = None) -> ParsedPrices:
    return _parse(attributes, ENERGYZERO, tz)


def parse_tibber(attributes: object, tz: tzinfo | None = None) -> ParsedPrices:
    return _parse(attributes, TIBBER, tz)


def parse_octopus_agile(attributes: object, tz: tzinfo | None = None) -> ParsedPrices:
    return _parse(attributes, OCTOPUS_AGILE, tz)


def parse_price_attributes(attributes: object, tz: tzinfo | None = None) -> ParsedPrices:
    """Whichever of the shapes above the attributes have."""
    if not isinstance(attributes, Mapping):
        return ParsedPrices((), (Skipped("attributes", "not a mapping"),))
    if "raw_today" in attributes or "raw_tomorrow" in attributes:
        return parse_nord_pool(attributes, tz)
    if "prices_today" in attributes or "prices_tomorrow" in attributes:
        return parse_entsoe(attributes, tz)
    if "rates" in attributes:
        return parse_octopus_agile(attributes, tz)
    if "today" in attributes or "tomorrow" in attributes:
        return parse_tibber(attributes, tz)
    if "prices" in attributes:
        first = _first_entry(attributes["prices"])
        if first is not None and "time" in first:
            return parse_entsoe(attributes, tz)
        return parse_energyzero(attributes, tz)
    return ParsedPrices((), (Skipped("attributes", "no known price attribute"),))


@dataclass(frozen=True, slots=True)
class _Entry:
    where: str
    start: datetime
    end: datetime | None
    price: float


def _parse(attributes: object, shape: _Shape, tz: tzinfo | None) -> ParsedPrices:
    if not isinstance(attributes, Mapping):
        return ParsedPrices((), (Skipped("attributes", "not a mapping"),))
    skipped: list[Skipped] = []
    entries: list[_Entry] = []
    for key in shape.lists:
        value = attributes.get(key)
        if value is None:
            continue  # not published yet
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            skipped.append(Skipped(key, "not a list"))
            continue
        for index, item in enumerate(value):
            entry, reason = _entry(f"{key}[{index}]", item, shape, tz)
            if entry is None:
                skipped.append(Skipped(f"{key}[{index}]", reason))
            else:
                entries.append(entry)
    return ParsedPrices(_slots(entries, skipped), tuple(skipped))


def _entry(where: str, item: object, shape: _Shape, tz: tzinfo | None) -> tuple[_Entry | None, str]:
    if not isinstance(item, Mapping):
        return None, "not a mapping"
    start = _time(item.get(shape.start), tz)
    if start is None:
        return None, f"no usable {shape.start}"
    end = None
    if shape.end is not None and item.get(shape.end) is not None:
        end = _time(item.get(shape.end), tz)
        if end is None:
            return None, f"no usable {shape.end}"
    price = _number(item.get(shape.price))
    if price is None:
        return None, f"no usable {shape.price}"
    return _Entry(where, start, end, price), ""


def _slots(entries: list[_Entry], skipped: list[Skipped]) -> tuple[PriceSlot, ...]:
    """Ends filled in, then slots in order; a slot overlapping the one before it is skipped."""
    entries.sort(key=lambda entry: entry.start)
    slots: list[PriceSlot] = []
    step = LONGEST_STEP
    for index, entry in enumerate(entries):
        end = entry.end
        if end is None:
            following = entries[index + 1].start if index + 1 < len(entries) else None
            if following is not None and timedelta(0) < following - entry.start <= LONGEST_STEP:
                step = following - entry.start
                end = following
            else:
                try:
                    end = entry.start + step
                except OverflowError:  # a start at the end of time
                    skipped.append(Skipped(entry.where, "no usable end"))
                    continue
        if end <= entry.start:
            skipped.append(Skipped(entry.where, "ends before it starts"))
            continue
        if slots and entry.start < slots[-1].end:
            skipped.append(Skipped(entry.where, "overlaps the slot before"))
            continue
        slots.append(PriceSlot(entry.start, end, entry.price))
    return tuple(slots)


def _time(value: object, tz: tzinfo | None) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.utcoffset() is None:
        return None if tz is None else value.replace(tzinfo=tz)
    return value


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _first_entry(value: object) -> Mapping[str, object] | None:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes) and value:
        first = value[0]
        if isinstance(first, Mapping):
            return first
    return None
