"""What the planner answers: a plan of slots, and the setpoint a plan asks for at a moment."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .slots import set_edges

# Energies below this count as nothing (a thousandth of a kWh: rounding, not charging).
ENERGY_EPSILON = 1e-3


class PlanStatus(StrEnum):
    """How the plan came about, as shown to the user."""

    NOTHING_NEEDED = "nothing_needed"  # no energy asked for, and no cheap slot to fill
    PLANNED = "planned"  # every slot to departure has a known price
    ESTIMATED = "estimated"  # some slots have no price yet; planned at the known median
    SHORT = "short"  # the target cannot be reached: charging at once at full power
    NO_PRICES = "no_prices"  # no price for any slot to departure: charging at once


class SlotReason(StrEnum):
    """Why a slot charges (or not)."""

    IDLE = "idle"
    CHEAPEST = "cheapest"  # among the cheapest energy that meets the target
    SOLAR = "solar"  # the sun alone: the solar law follows the surplus
    PRICE_CAP = "price_cap"  # below the user's price cap
    KEPT = "kept"  # already charging, and finishing it costs (nearly) nothing more
    MERGED = "merged"  # joins two runs: saves a start for little money
    AT_ONCE = "at_once"  # target out of reach, or no prices: full power now


@dataclass(frozen=True, slots=True)
class PlannedSlot:
    """One slot of the plan. current 0 means paused; otherwise min_current..max_current.

    energy_kwh is what the slot is expected to put into the car, solar_kwh of it from the sun
    and grid_kwh bought; cost = price x grid_kwh. follow_solar: the sun alone pays for this slot,
    so the solar law should drive the current (current is then its expected mean). price and
    cost are NaN in a plan that charges at once without any price known.
    """

    start: datetime
    end: datetime
    price: float
    estimated: bool  # the price is a guess: the real one was not published yet
    solar_forecast_kwh: float
    current: int
    phases: int
    energy_kwh: float
    solar_kwh: float
    grid_kwh: float
    cost: float
    follow_solar: bool
    reason: SlotReason
    start_ts: float = field(init=False, repr=False, compare=False)  # POSIX seconds
    end_ts: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_edges(self)

    @property
    def charging(self) -> bool:
        return self.current > 0


@dataclass(frozen=True, slots=True)
class Setpoint:
    """What the charger should do now: current 0 pauses; follow_solar hands over to the solar
    law for this slot (current is then the plan's expectation, not an order)."""

    current: int
    phases: int
    follow_solar: bool = False
    slot: PlannedSlot | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """The slots from created_at to departure (or, charging at once, until the energy is in).

    need_kwh is what was asked; shortfall_kwh what the plan cannot deliver by departure.
    phases is the unit's phase count, which a pause keeps.
    """

    created_at: datetime
    departure: datetime
    need_kwh: float
    status: PlanStatus
    slots: tuple[PlannedSlot, ...]
    phases: int
    shortfall_kwh: float = 0.0
    prices_until: datetime | None = None  # end of the last published price slot
    # When the slots were chosen: a re-plan that found nothing changed keeps them, and only
    # moves created_at.
    planned_at: datetime | None = None

    @property
    def chosen_at(self) -> datetime:
        return self.created_at if self.planned_at is None else self.planned_at

    @property
    def reachable(self) -> bool:
        return self.shortfall_kwh <= ENERGY_EPSILON

    @property
    def energy_kwh(self) -> float:
        return math.fsum(slot.energy_kwh for slot in self.slots)

    @property
    def solar_kwh(self) -> float:
        return math.fsum(slot.solar_kwh for slot in self.slots)

    @property
    def grid_kwh(self) -> float:
        return math.fsum(slot.grid_kwh for slot in self.slots)

    @property
    def cost(self) -> float:
        return math.fsum(slot.cost for slot in self.slots)

    @property
    def charging_slots(self) -> tuple[PlannedSlot, ...]:
        return tuple(slot for slot in self.slots if slot.charging)

    @property
    def starts(self) -> int:
        """Runs of charging slots: each begins with a start (the first may already be running)."""
        count = 0
        previous: PlannedSlot | None = None
        for slot in self.slots:
            joined = previous is not None and previous.charging and previous.end == slot.start
            if slot.charging and not joined:
                count += 1
            previous = slot
        return count

    @property
    def next_start(self) -> datetime | None:
        """When the first run begins: created_at if it is charging now, None if nothing is."""
        for slot in self.slots:
            if slot.charging:
                return max(slot.start, self.created_at)
        return None


def setpoint_at(plan: Plan, now: datetime) -> Setpoint:
    """The slot of `plan` that holds `now`, as a setpoint; a pause outside every slot."""
    index = bisect_right(plan.slots, now, key=lambda slot: slot.start) - 1
    if index >= 0:
        slot = plan.slots[index]
        if now < slot.end and slot.charging:
            return Setpoint(slot.current, slot.phases, slot.follow_solar, slot)
    return Setpoint(0, plan.phases)


def plan_to_dict(plan: Plan) -> dict[str, object]:
    """The plan as JSON, so that the plan being executed survives a restart."""
    return {
        "created_at": plan.created_at.isoformat(),
        "departure": plan.departure.isoformat(),
        "need_kwh": plan.need_kwh,
        "status": plan.status.value,
        "phases": plan.phases,
        "shortfall_kwh": plan.shortfall_kwh,
        "prices_until": _iso(plan.prices_until),
        "planned_at": _iso(plan.planned_at),
        "slots": [_slot_to_dict(slot) for slot in plan.slots],
    }


def plan_from_dict(data: object) -> Plan | None:
    """A plan plan_to_dict() wrote; None for anything else (a hand edit, an older layout)."""
    try:
        assert isinstance(data, dict)
        return Plan(
            created_at=datetime.fromisoformat(data["created_at"]),
            departure=datetime.fromisoformat(data["departure"]),
            need_kwh=float(data["need_kwh"]),
            status=PlanStatus(data["status"]),
            slots=tuple(_slot_from_dict(slot) for slot in data["slots"]),
            phases=int(data["phases"]),
            shortfall_kwh=float(data["shortfall_kwh"]),
            prices_until=_moment(data["prices_until"]),
            planned_at=_moment(data["planned_at"]),
        )
    except (AssertionError, KeyError, TypeError, ValueError):
        return None


# A price or cost no one knew is NaN here and null in JSON.
_MAYBE_NAN = ("price", "cost")


def _slot_to_dict(slot: PlannedSlot) -> dict[str, object]:
    data: dict[str, object] = {name: getattr(slot, name) for name in _FIELDS}
    data |= {"start": slot.start.isoformat(), "end": slot.end.isoformat()}
    data["reason"] = slot.reason.value
    for name in _MAYBE_NAN:
        data[name] = None if math.isnan(getattr(slot, name)) else getattr(slot, name)
    return data


def _slot_from_dict(data: Any) -> PlannedSlot:
    values = {name: data[name] for name in _FIELDS}
    values |= {
        "start": datetime.fromisoformat(data["start"]),
        "end": datetime.fromisoformat(data["end"]),
        "reason": SlotReason(data["reason"]),
    }
    for name in _MAYBE_NAN:
        values[name] = math.nan if data[name] is None else data[name]
    slot = PlannedSlot(**values)
    if slot.start.utcoffset() is None or slot.end <= slot.start:
        raise ValueError("a slot needs aware edges, start before end")
    return slot


_FIELDS = tuple(name for name, item in PlannedSlot.__dataclass_fields__.items() if item.init)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment(value: object) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))
