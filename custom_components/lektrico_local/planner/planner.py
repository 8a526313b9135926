"""The smart-charging planner: cheapest slots to departure, the sun first, few starts.

plan_charging() is pure: the caller passes the time, the prices it has, the forecast, and the
plan it is executing; it returns a new Plan and the caller asks setpoint_at() each cycle. Re-plan
whenever something changes (prices published, the car's need, the departure) or every slot:
an unchanged situation gives back the plan being executed, and a slot that is charging is not
interrupted for a saving smaller than keep_tolerance_kwh (nor at all while prices are unchanged).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

from ._allocation import EPSILON, Allocation, Problem
from ._window import HOUR, Window, WindowSlot, build_window
from .plan import (
    ENERGY_EPSILON,
    Plan,
    PlannedSlot,
    PlanStatus,
    Setpoint,
    SlotReason,
    setpoint_at,
)
from .settings import PlannerSettings, PowerLevel
from .slots import ChargeRequest

# Slot edges closer than this (seconds) are the same edge: datetimes keep microseconds.
EDGE_TOLERANCE = 1e-3
# A forecast that moved less than this (kWh, plus 5 %) is the same forecast.
FORECAST_TOLERANCE = 0.05


def plan_charging(
    request: ChargeRequest,
    settings: PlannerSettings,
    now: datetime,
    current: Plan | None = None,
) -> Plan:
    """The plan from `now` to the request's departure; `current` is the plan being executed."""
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, got {now!r}")
    need = request.energy_kwh
    now_ts, departure_ts = now.timestamp(), request.departure.timestamp()
    if departure_ts <= now_ts:
        return _at_once(request, settings, now, PlanStatus.SHORT)
    window = build_window(request.prices, request.solar, now_ts, departure_ts)
    if window.known == 0:
        if need <= ENERGY_EPSILON:
            return Plan(
                now,
                request.departure,
                need,
                PlanStatus.NOTHING_NEEDED,
                (),
                settings.phases,
                planned_at=now,
            )
        return _at_once(request, settings, now, PlanStatus.NO_PRICES)
    kept = _restamp(current, window, request, settings, now)
    if kept is not None:
        return kept
    running = None if current is None else setpoint_at(current, now)
    return _Planner(request, settings, now, window, running).plan(current)


class _Planner:
    """One planning pass over one window."""

    def __init__(
        self,
        request: ChargeRequest,
        settings: PlannerSettings,
        now: datetime,
        window: Window,
        running: Setpoint | None,
    ) -> None:
        self.request = request
        self.settings = settings
        self.now = now
        self.window = window
        self.running = running
        # Starts this session already had count against the limit; one more is always allowed.
        starts_left = max(1, settings.max_starts - request.starts_made)
        self.problem = Problem(
            window.slots,
            settings.max_power_kw,
            settings.min_power_kw,
            settings.start_penalty_kwh,
            starts_left,
            running=running is not None and running.current > 0,
        )
        self.levels = settings.levels()
        self.powers = [level.power_kw for level in self.levels]

    def plan(self, current: Plan | None) -> Plan:
        problem, need = self.problem, self.request.energy_kwh
        shortfall = need - math.fsum(problem.capacity)
        if shortfall > ENERGY_EPSILON:
            energy = list(problem.capacity)
            reasons = dict.fromkeys(range(problem.size), SlotReason.AT_ONCE)
            return self._plan(PlanStatus.SHORT, energy, reasons, math.inf, shortfall)
        goal, cheap = _goal(self.request, self.settings, self.window)
        floor = [0.0] * problem.size
        limit = list(problem.capacity)
        chosen = problem.optimize(goal, floor, limit)
        if chosen is None:  # pragma: no cover - the capacity check above rules it out
            raise AssertionError("a feasible need found no allocation")
        reasons = dict.fromkeys(cheap, SlotReason.PRICE_CAP)
        kept = self._keep_running(current, goal, floor, limit, chosen)
        if kept is not None:
            chosen = kept
            reasons[0] = SlotReason.KEPT
        for index in chosen.merged:
            reasons.setdefault(index, SlotReason.MERGED)
        status = PlanStatus.ESTIMATED if self.window.estimated else PlanStatus.PLANNED
        return self._plan(status, chosen.energy, reasons, goal, 0.0)

    def _keep_running(
        self,
        current: Plan | None,
        need: float,
        floor: list[float],
        limit: list[float],
        fresh: Allocation,
    ) -> Allocation | None:
        """The slot charging now, finished at its current, when prices did not change or when
        dropping it saves less than the tolerance. None: no such slot, or drop it."""
        running = self.running
        if current is None or running is None or running.current <= 0 or running.follow_solar:
            return None
        problem = self.problem
        power = running.current * running.phases * self.settings.voltage / 1000
        fixed = min(max(power * self.window.slots[0].hours, problem.minimum[0]), limit[0])
        kept_floor, kept_limit = list(floor), list(limit)
        kept_floor[0] = kept_limit[0] = max(floor[0], fixed)
        kept = problem.optimize(need, kept_floor, kept_limit)
        if kept is None:
            return None
        if _same_prices(current, self.window, self.now.timestamp()):
            return kept
        allowed = self.settings.keep_tolerance_kwh * problem.typical_price
        if problem.cost(kept.energy) <= problem.cost(fresh.energy) + allowed + EPSILON:
            return kept
        return None

    def _plan(
        self,
        status: PlanStatus,
        energy: Sequence[float],
        reasons: dict[int, SlotReason],
        target: float,
        shortfall: float,
    ) -> Plan:
        slots = self._slots(energy, reasons, target)
        if status is not PlanStatus.SHORT and not any(slot.charging for slot in slots):
            status = PlanStatus.NOTHING_NEEDED
        until = self.window.prices_until
        return Plan(
            created_at=self.now,
            departure=self.request.departure,
            need_kwh=self.request.energy_kwh,
            status=status,
            slots=slots,
            phases=self.settings.phases,
            shortfall_kwh=max(0.0, shortfall),
            prices_until=None if until is None else _time(until, self.now.tzinfo),
            planned_at=self.now,
        )

    def _slots(
        self, energy: Sequence[float], reasons: dict[int, SlotReason], target: float
    ) -> tuple[PlannedSlot, ...]:
        """Energies turned into whole amps (rounded up), then trimmed to the target from the
        end: the car stops when it has enough, so the last slots are the ones that lose."""
        problem = self.problem
        chosen: list[tuple[PowerLevel, float, bool] | None] = []
        for index, slot in enumerate(self.window.slots):
            kwh = energy[index]
            if kwh <= EPSILON:
                chosen.append(None)
                continue
            level = self._level(kwh / slot.hours)
            sunny = kwh <= problem.solar[index] + EPSILON
            expected = kwh if sunny else min(level.power_kw * slot.hours, problem.capacity[index])
            chosen.append((level, expected, sunny))
        excess = math.fsum(item[1] for item in chosen if item is not None) - target
        for index in reversed(range(len(chosen))):
            item = chosen[index]
            if excess <= EPSILON:
                break
            if item is None:
                continue
            cut = min(excess, item[1])
            excess -= cut
            chosen[index] = None if item[1] - cut <= EPSILON else (item[0], item[1] - cut, item[2])
        return tuple(
            self._slot(index, slot, chosen[index], reasons)
            for index, slot in enumerate(self.window.slots)
        )

    def _slot(
        self,
        index: int,
        slot: WindowSlot,
        chosen: tuple[PowerLevel, float, bool] | None,
        reasons: dict[int, SlotReason],
    ) -> PlannedSlot:
        tz = self.now.tzinfo
        start = self.now if index == 0 else _time(slot.start, tz)
        if chosen is None:
            return PlannedSlot(
                start=start,
                end=_time(slot.end, tz),
                price=slot.price,
                estimated=slot.estimated,
                solar_forecast_kwh=slot.solar_kwh,
                current=0,
                phases=self.settings.phases,
                energy_kwh=0.0,
                solar_kwh=0.0,
                grid_kwh=0.0,
                cost=0.0,
                follow_solar=False,
                reason=SlotReason.IDLE,
            )
        level, kwh, sunny = chosen
        solar = min(self.problem.solar[index], kwh)
        grid = max(0.0, kwh - solar)
        reason = reasons.get(index, SlotReason.SOLAR if sunny else SlotReason.CHEAPEST)
        return PlannedSlot(
            start=start,
            end=_time(slot.end, tz),
            price=slot.price,
            estimated=slot.estimated,
            solar_forecast_kwh=slot.solar_kwh,
            current=level.current,
            phases=level.phases,
            energy_kwh=kwh,
            solar_kwh=solar,
            grid_kwh=grid,
            cost=slot.price * grid,
            follow_solar=sunny and reason is not SlotReason.AT_ONCE,
            reason=reason,
        )

    def _level(self, power_kw: float) -> PowerLevel:
        """The least power at or above power_kw: a partial slot runs slower, never shorter."""
        index = bisect_left(self.powers, power_kw - 1e-9)
        return self.levels[min(index, len(self.levels) - 1)]


def _goal(
    request: ChargeRequest, settings: PlannerSettings, window: Window
) -> tuple[float, list[int]]:
    """The energy to place, and the slots below the price cap.

    With a price cap, everything the slots below it can hold is wanted too (up to the room in
    the battery): they are the cheapest there are, so the usual pouring fills them first, and
    the usual rules still keep the minimum current and the limit on starts.
    """
    need, cap = request.energy_kwh, settings.price_cap
    if cap is None:
        return need, []
    cheap = [
        index for index, slot in enumerate(window.slots) if not slot.estimated and slot.price < cap
    ]
    room = math.inf if request.room_kwh is None else request.room_kwh
    wanted = min(
        room, math.fsum(settings.max_power_kw * window.slots[index].hours for index in cheap)
    )
    return max(need, wanted), cheap


def _at_once(
    request: ChargeRequest, settings: PlannerSettings, now: datetime, status: PlanStatus
) -> Plan:
    """Full power from now until the need is in (or until departure, when that comes first)."""
    need, power = request.energy_kwh, settings.max_power_kw
    now_ts, departure_ts = now.timestamp(), request.departure.timestamp()
    end = now_ts + max(need / power * HOUR, 1.0)
    if departure_ts > now_ts:
        end = min(end, departure_ts)
    energy = min(need, power * (end - now_ts) / HOUR)
    shortfall = need - energy if departure_ts > now_ts else need
    window = build_window((), request.solar, now_ts, end)
    forecast = math.fsum(item.solar_kwh for item in window.slots)
    solar = min(forecast, energy)
    slot = PlannedSlot(
        start=now,
        end=_time(end, now.tzinfo),
        price=math.nan,
        estimated=True,
        solar_forecast_kwh=forecast,
        current=settings.max_current,
        phases=settings.phases,
        energy_kwh=energy,
        solar_kwh=solar,
        grid_kwh=energy - solar,
        cost=math.nan,
        follow_solar=False,
        reason=SlotReason.AT_ONCE,
    )
    slots = (slot,) if energy > ENERGY_EPSILON else ()
    if shortfall <= ENERGY_EPSILON and not slots:
        status = PlanStatus.NOTHING_NEEDED
    return Plan(
        now,
        request.departure,
        need,
        status,
        slots,
        settings.phases,
        max(0.0, shortfall),
        planned_at=now,
    )


def _restamp(
    current: Plan | None,
    window: Window,
    request: ChargeRequest,
    settings: PlannerSettings,
    now: datetime,
) -> Plan | None:
    """The plan being executed, from now on, when nothing it was made from has changed.

    Re-optimizing an unchanged situation would only shake it (a slot shortened by `now`, the
    rounding to whole amps); so prices, slots, the departure and the forecast must be the same,
    and the need at most what the plan still delivers and not much below it.
    """
    if current is None or current.status not in (PlanStatus.PLANNED, PlanStatus.ESTIMATED):
        return None
    if current.departure != request.departure:
        return None
    now_ts = now.timestamp()
    remaining = [slot for slot in current.slots if slot.end_ts > now_ts]
    if not _same_slots(remaining, window, now_ts):
        return None
    shares = [_share(slot, now_ts) for slot in remaining]
    for slot, share, fresh in zip(remaining, shares, window.slots, strict=True):
        if abs(slot.solar_forecast_kwh * share - fresh.solar_kwh) > (
            FORECAST_TOLERANCE * (1 + fresh.solar_kwh)
        ):
            return None
    still = math.fsum(
        slot.energy_kwh * share for slot, share in zip(remaining, shares, strict=True)
    )
    goal, _ = _goal(request, settings, window)
    if not still - settings.replan_tolerance_kwh <= goal <= still + ENERGY_EPSILON:
        return None
    slots = tuple(
        slot if share >= 1.0 else _clipped(slot, share, now)
        for slot, share in zip(remaining, shares, strict=True)
    )
    return replace(
        current,
        created_at=now,
        need_kwh=request.energy_kwh,
        slots=slots,
        shortfall_kwh=0.0,
        planned_at=current.chosen_at,
    )


def _same_slots(slots: Sequence[PlannedSlot], window: Window, now_ts: float) -> bool:
    if len(slots) != len(window.slots):
        return False
    for slot, fresh in zip(slots, window.slots, strict=True):
        if (
            abs(max(slot.start_ts, now_ts) - fresh.start) > EDGE_TOLERANCE
            or abs(slot.end_ts - fresh.end) > EDGE_TOLERANCE
            or slot.estimated != fresh.estimated
            or not abs(slot.price - fresh.price) <= 1e-12  # NaN (no price) is never the same
        ):
            return False
    return True


def _same_prices(current: Plan, window: Window, now_ts: float) -> bool:
    """The executed plan saw the same slots at the same prices from now to departure."""
    remaining = [slot for slot in current.slots if slot.end_ts > now_ts]
    return abs(
        current.departure.timestamp() - window.slots[-1].end
    ) < EDGE_TOLERANCE and _same_slots(remaining, window, now_ts)


def _share(slot: PlannedSlot, now_ts: float) -> float:
    """The part of the slot still ahead."""
    start, end = slot.start_ts, slot.end_ts
    if now_ts <= start:
        return 1.0
    return (end - now_ts) / (end - start)


def _clipped(slot: PlannedSlot, share: float, now: datetime) -> PlannedSlot:
    return replace(
        slot,
        start=now,
        solar_forecast_kwh=slot.solar_forecast_kwh * share,
        energy_kwh=slot.energy_kwh * share,
        solar_kwh=slot.solar_kwh * share,
        grid_kwh=slot.grid_kwh * share,
        cost=slot.cost * share,
    )


def _time(timestamp: float, tz: tzinfo | None) -> datetime:
    return datetime.fromtimestamp(timestamp, tz)
