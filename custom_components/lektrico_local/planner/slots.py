"""What the planner is asked: price slots, the sun's forecast, the energy and the departure."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


def _require_aware(name: str, value: datetime) -> None:
    """Naive times are refused: a slot's hour means nothing without its offset (DST)."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


def _require_span(start: datetime, end: datetime) -> None:
    _require_aware("start", start)
    _require_aware("end", end)
    if end <= start:
        raise ValueError(f"a slot must end after it starts, got {start} .. {end}")


class Span(Protocol):
    """Anything with aware start and end times."""

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...


def set_edges(slot: Span) -> None:
    """Store a frozen slot's edges as POSIX seconds in its start_ts and end_ts."""
    object.__setattr__(slot, "start_ts", slot.start.timestamp())
    object.__setattr__(slot, "end_ts", slot.end.timestamp())


@dataclass(frozen=True, slots=True)
class PriceSlot:
    """The price of energy from start (inclusive) to end (exclusive), per kWh; may be < 0."""

    start: datetime
    end: datetime
    price: float
    # The edges in POSIX seconds, worked out once: a plan compares them many times, and an
    # aware datetime's timestamp() is slow.
    start_ts: float = field(init=False, repr=False, compare=False)
    end_ts: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require_span(self.start, self.end)
        if not isinstance(self.price, int | float) or not math.isfinite(self.price):
            raise ValueError(f"price must be a finite number, got {self.price!r}")
        set_edges(self)


@dataclass(frozen=True, slots=True)
class SolarSlot:
    """kWh the sun is expected to put into the car from start to end, if the car charges then.

    That is the surplus the solar law would hand the car (PV less the house, up to what the
    charger takes), not the panels' whole yield.
    """

    start: datetime
    end: datetime
    kwh: float
    start_ts: float = field(init=False, repr=False, compare=False)
    end_ts: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require_span(self.start, self.end)
        if not isinstance(self.kwh, int | float) or not math.isfinite(self.kwh) or self.kwh < 0:
            raise ValueError(f"kwh must be a finite number >= 0, got {self.kwh!r}")
        set_edges(self)


@dataclass(frozen=True, slots=True)
class ChargeRequest:
    """One plan's question: this much energy into the car by `departure`, at these prices.

    prices may cover only part of the time to departure (tomorrow's arrive mid-afternoon);
    solar may be empty. room_kwh is what the battery can still take, when known: only the
    price-cap mode charges beyond energy_kwh, and never beyond the room. starts_made counts the
    starts this session has had so far, which the limit on starts includes.
    """

    energy_kwh: float
    departure: datetime
    prices: tuple[PriceSlot, ...]
    solar: tuple[SolarSlot, ...] = ()
    room_kwh: float | None = None
    starts_made: int = 0

    def __post_init__(self) -> None:
        _require_energy("energy_kwh", self.energy_kwh)
        _require_aware("departure", self.departure)
        if self.room_kwh is not None:
            _require_energy("room_kwh", self.room_kwh)
        if (
            not isinstance(self.starts_made, int)
            or isinstance(self.starts_made, bool)
            or self.starts_made < 0
        ):
            raise ValueError(f"starts_made must be a whole number >= 0, got {self.starts_made!r}")


def _require_energy(name: str, value: float) -> None:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
