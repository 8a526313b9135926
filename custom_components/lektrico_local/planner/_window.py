"""The time from now to departure cut into slots, on POSIX seconds: the arithmetic is floats.

Published prices give the slots; time without a price (tomorrow's not out yet, a hole in the
feed) is cut at whole hours and priced at the median of the prices the caller has, so that a plan
can be made now and improved when the prices arrive.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from .slots import PriceSlot, SolarSlot

HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class WindowSlot:
    start: float
    end: float
    price: float
    estimated: bool
    solar_kwh: float  # the forecast, spread over the slot's share of each forecast slot

    @property
    def hours(self) -> float:
        return (self.end - self.start) / HOUR


@dataclass(frozen=True, slots=True)
class Window:
    slots: tuple[WindowSlot, ...]
    prices_until: float | None  # end of the last published slot, None when there is none
    known: int  # slots with a published price

    @property
    def estimated(self) -> bool:
        return self.known < len(self.slots)


def build_window(
    prices: Sequence[PriceSlot], solar: Sequence[SolarSlot], now: float, departure: float
) -> Window:
    """Slots covering [now, departure) in order; the first one may have begun before now."""
    published = _in_order(prices)
    spans: list[tuple[float, float, float, bool]] = []
    guess: float | None = None  # worked out only when some time has no price
    cursor = now
    for slot in published:
        start, end = slot.start_ts, slot.end_ts
        if end <= cursor:
            continue
        if start >= departure:
            break
        if start > cursor:
            guess = _median(published) if guess is None else guess
            spans.extend(_unpriced(cursor, start, guess))
        # Overlapping feeds: the earlier slot wins the overlap.
        spans.append((max(start, cursor), min(end, departure), float(slot.price), False))
        cursor = min(end, departure)
    if cursor < departure:
        guess = _median(published) if guess is None else guess
        spans.extend(_unpriced(cursor, departure, guess))
    forecast = [(item.start_ts, item.end_ts, float(item.kwh)) for item in _in_order(solar)]
    slots = tuple(
        WindowSlot(start, end, price, estimated, sun)
        for (start, end, price, estimated), sun in zip(spans, _spread(forecast, spans), strict=True)
    )
    until = max((slot.end_ts for slot in published), default=None)
    return Window(slots, until, sum(1 for slot in slots if not slot.estimated))


def _in_order[Slot: (PriceSlot, SolarSlot)](items: Sequence[Slot]) -> Sequence[Slot]:
    """By start; feeds are nearly always in order already, which one pass confirms."""
    if all(earlier.start_ts <= later.start_ts for earlier, later in pairwise(items)):
        return items
    return sorted(items, key=lambda item: item.start_ts)


def _median(prices: Sequence[PriceSlot]) -> float:
    """The guess for time without a price: the median of every price the caller has."""
    return statistics.median(slot.price for slot in prices) if prices else 0.0


def _unpriced(start: float, end: float, price: float) -> list[tuple[float, float, float, bool]]:
    """[start, end) cut at whole hours, each piece priced at the guess."""
    pieces: list[tuple[float, float, float, bool]] = []
    while start < end:
        cut = min(end, (start // HOUR + 1) * HOUR)
        pieces.append((start, cut, price, True))
        start = cut
    return pieces


def _spread(
    forecast: list[tuple[float, float, float]], spans: list[tuple[float, float, float, bool]]
) -> list[float]:
    """kWh of the forecast in each span, each forecast slot shared out by overlap."""
    result: list[float] = []
    first = 0
    for start, end, _, _ in spans:
        while first < len(forecast) and forecast[first][1] <= start:
            first += 1
        total = 0.0
        index = first
        while index < len(forecast) and forecast[index][0] < end:
            f_start, f_end, kwh = forecast[index]
            overlap = min(end, f_end) - max(start, f_start)
            if overlap > 0:
                total += kwh * overlap / (f_end - f_start)
            index += 1
        result.append(total)
    return result
