"""Replays every session of a scenario, a quarter hour at a time, through the planner and the
three baselines: charging at plug-in, the cheapest whole hours, and the clairvoyant bound."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache

from custom_components.lektrico_local.planner import (
    ChargeRequest,
    Plan,
    PlannerSettings,
    plan_charging,
    setpoint_at,
)

from .commutes import Session
from .market import DAYS, QUARTER, TZ
from .scenarios import DEFAULT_SEED, SCENARIOS, Scenario
from .world import World, build_world

HOURS_PER_QUARTER = QUARTER / 3600
MET_TOLERANCE = 0.01  # kWh: a departure with this little missing is met


class Policy(StrEnum):
    PLANNER = "planner"
    AT_PLUG_IN = "at_plug_in"  # full power from plug-in until the need is in
    CHEAPEST_HOURS = "cheapest_hours"  # EV Smart Charging: the N cheapest whole hours
    LOWER_BOUND = "lower_bound"  # perfect knowledge, any power from 0 to full: a bound


@dataclass(frozen=True, slots=True)
class SessionResult:
    session: Session
    feasible: bool  # full power from plug-in to departure would deliver the need
    delivered_kwh: float
    solar_kwh: float
    grid_kwh: float
    cost: float
    starts: int | None  # None: the bound does not model starts
    setpoints: tuple[int, ...]  # every distinct current the policy asked for
    negative_kwh: float = 0.0  # bought while the price was below zero
    cut_short: int = 0  # stops inside a price slot with energy still wanted: a flap
    plans: int = 0  # full plans made (planner only)
    statuses: tuple[str, ...] = ()  # plan statuses seen in the session (planner only)

    @property
    def met(self) -> bool:
        return self.delivered_kwh >= self.session.need_kwh - MET_TOLERANCE

    @property
    def beyond_need_kwh(self) -> float:
        return max(0.0, self.delivered_kwh - self.session.need_kwh)


@dataclass(frozen=True, slots=True)
class ScenarioRun:
    scenario: Scenario
    seed: int
    results: dict[Policy, tuple[SessionResult, ...]]
    skipped_price_entries: int


def run(scenario: Scenario, seed: int = DEFAULT_SEED, days: int = DAYS) -> ScenarioRun:
    """The scenario's year (or its first `days` days) through every policy."""
    world = build_world(scenario, seed, days)
    sessions = scenario.pattern(_session_rng(scenario, seed), world.market)
    results = {
        Policy.PLANNER: tuple(_planner(world, session) for session in sessions),
        Policy.AT_PLUG_IN: tuple(_at_plug_in(world, session) for session in sessions),
        Policy.CHEAPEST_HOURS: tuple(_cheapest_hours(world, session) for session in sessions),
        Policy.LOWER_BOUND: tuple(_lower_bound(world, session) for session in sessions),
    }
    return ScenarioRun(scenario, seed, results, world.skipped_entries)


@cache
def run_named(name: str, seed: int = DEFAULT_SEED) -> ScenarioRun:
    """Each scenario once per process: the tests share them."""
    return run(SCENARIOS[name], seed)


def _session_rng(scenario: Scenario, seed: int) -> random.Random:
    return random.Random(f"sessions/{scenario.name}/{seed}")


class _Meter:
    """Adds up what a policy gives the car, quarter by quarter."""

    def __init__(self, world: World, session: Session, target: float) -> None:
        self.world = world
        self.session = session
        self.target = target
        self.delivered = self.solar = self.grid = self.cost = self.negative = 0.0
        self.starts = 0
        self.cut_short = 0
        self.was_on = False
        self.slot_seconds = world.scenario.resolution * 60
        self.setpoints: set[int] = set()

    @property
    def left(self) -> float:
        return self.target - self.delivered

    def charge(self, quarter: int, power_kw: float, follow_solar: bool = False) -> None:
        sun = self.world.solar[quarter]
        offered = sun if follow_solar else power_kw * HOURS_PER_QUARTER
        energy = max(0.0, min(offered, self.left))
        on = energy > 1e-9
        if on:
            from_sun = min(sun, energy)
            bought = energy - from_sun
            price = self.world.prices[quarter]
            self.delivered += energy
            self.solar += from_sun
            self.grid += bought
            self.cost += bought * price
            if price < 0:
                self.negative += bought
            if not self.was_on:
                self.starts += 1
        elif self.was_on and power_kw == 0 and self.left > 1e-9:
            # Paused by the policy (not by the sun going) before its price slot ended.
            if self.world.market.time_of(quarter) % self.slot_seconds:
                self.cut_short += 1
        self.was_on = on

    def result(self, plans: int = 0, statuses: tuple[str, ...] = ()) -> SessionResult:
        return SessionResult(
            session=self.session,
            feasible=_feasible(self.world.scenario.settings, self.session),
            delivered_kwh=self.delivered,
            solar_kwh=self.solar,
            grid_kwh=self.grid,
            cost=self.cost,
            starts=self.starts,
            setpoints=tuple(sorted(self.setpoints)),
            negative_kwh=self.negative,
            cut_short=self.cut_short,
            plans=plans,
            statuses=statuses,
        )


def _quarters(world: World, session: Session) -> Iterator[int]:
    market = world.market
    return iter(range(market.index(session.plug_in), market.index(session.departure)))


def _feasible(settings: PlannerSettings, session: Session) -> bool:
    hours = (session.departure - session.plug_in) / 3600
    return session.need_kwh <= settings.max_power_kw * hours + 1e-9


def _planner(world: World, session: Session) -> SessionResult:
    settings = world.scenario.settings
    room = session.room_kwh if settings.price_cap is not None else None
    meter = _Meter(world, session, session.need_kwh if room is None else max(room, 0.0))
    departure = datetime.fromtimestamp(session.departure, TZ)
    plan: Plan | None = None
    seen: tuple[int, bool] | None = None
    plans = 0
    statuses: dict[str, None] = {}
    for quarter in _quarters(world, session):
        timestamp = world.market.time_of(quarter)
        now = datetime.fromtimestamp(timestamp, TZ)
        key, prices = world.prices_at(timestamp)
        # Re-plan when the sensor changes and on every hour, as the integration would.
        if plan is None or key != seen or timestamp % 3600 == 0:
            request = ChargeRequest(
                energy_kwh=max(0.0, session.need_kwh - meter.delivered),
                departure=departure,
                prices=prices,
                solar=world.forecast_at(timestamp),
                room_kwh=None if room is None else max(0.0, room - meter.delivered),
                starts_made=meter.starts,
            )
            plan, seen = plan_charging(request, settings, now, plan), key
            plans += plan.chosen_at == now
            statuses[plan.status.value] = None
        setpoint = setpoint_at(plan, now)
        meter.setpoints.add(setpoint.current)
        power = setpoint.current * setpoint.phases * settings.voltage / 1000
        if setpoint.current > 0:
            meter.charge(quarter, power, setpoint.follow_solar)
        else:
            meter.charge(quarter, 0.0)
    return meter.result(plans, tuple(statuses))


def _at_plug_in(world: World, session: Session) -> SessionResult:
    settings = world.scenario.settings
    meter = _Meter(world, session, session.need_kwh)
    for quarter in _quarters(world, session):
        on = meter.left > 1e-9
        meter.setpoints.add(settings.max_current if on else 0)
        meter.charge(quarter, settings.max_power_kw if on else 0.0)
    return meter.result()


def _cheapest_hours(world: World, session: Session) -> SessionResult:
    """The N cheapest whole clock hours among those with a published price, N the hours the
    rest of the need takes at full power; chosen again on every hour and when prices appear."""
    settings = world.scenario.settings
    power = settings.max_power_kw
    meter = _Meter(world, session, session.need_kwh)
    chosen: set[int] = set()
    seen: tuple[int, bool] | None = None
    for quarter in _quarters(world, session):
        timestamp = world.market.time_of(quarter)
        key, prices = world.prices_at(timestamp)
        if key != seen or timestamp % 3600 == 0:
            seen = key
            hours: dict[int, list[float]] = {}
            for slot in prices:
                start = int(slot.start_ts)
                hour = start - start % 3600
                if hour + 3600 > timestamp and hour < session.departure:
                    hours.setdefault(hour, []).append(slot.price)
            ranked = sorted(hours, key=lambda hour: (math.fsum(hours[hour]) / len(hours[hour])))
            wanted = math.ceil(max(0.0, meter.left) / power - 1e-9)
            chosen = set(ranked[:wanted])
        hour_now = timestamp - timestamp % 3600
        on = hour_now in chosen and meter.left > 1e-9
        meter.setpoints.add(settings.max_current if on else 0)
        meter.charge(quarter, power if on else 0.0)
    return meter.result()


def _lower_bound(world: World, session: Session) -> SessionResult:
    """Cheapest energy first, each quarter up to full power, the sun's share free.

    This is the exact optimum without the minimum current and without a limit on starts (the
    cost of a quarter is convex in its energy while its price is >= 0); a quarter with a
    negative price counts at its convex envelope (the price spread over all its energy, sun
    included), which is never more than what it can really cost: a bound from below.
    """
    capacity = world.scenario.settings.max_power_kw * HOURS_PER_QUARTER
    segments: list[tuple[float, float, float]] = []  # (price per kWh, kWh, of it from the sun)
    for quarter in _quarters(world, session):
        price, sun = world.prices[quarter], world.solar[quarter]
        if price < 0:
            segments.append((price * (capacity - sun) / capacity, capacity, sun))
        else:
            if sun > 0:
                segments.append((0.0, sun, sun))
            segments.append((price, capacity - sun, 0.0))
    segments.sort(key=lambda segment: segment[0])
    left = session.need_kwh
    cost = solar = delivered = negative = 0.0
    for unit, kwh, sun in segments:
        if left <= 1e-12:
            break
        take = min(kwh, left)
        from_sun = sun * take / kwh if kwh > 0 else 0.0
        cost += unit * take
        solar += from_sun
        delivered += take
        left -= take
        if unit < 0:
            negative += take - from_sun
    return SessionResult(
        session=session,
        feasible=_feasible(world.scenario.settings, session),
        delivered_kwh=delivered,
        solar_kwh=solar,
        grid_kwh=delivered - solar,
        cost=cost,
        starts=None,
        setpoints=(),
        negative_kwh=negative,
    )
