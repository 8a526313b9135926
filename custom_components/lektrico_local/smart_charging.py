"""Smart charging inside Home Assistant: price, forecast and car sensors in, a plan out.

The planner in `planner/` is pure. This reads the price sensor's attributes, the solar
forecast, the car's state of charge and the charger's session, asks the planner for a plan,
and answers the setpoint the plan asks for now. Solar charging's cycle (`solar_charging.py`)
stays the one place that turns a mode, a plan and the sun into a current.

What the user sets (targets, departures, price limit, session limit) is kept in Home
Assistant's storage, so a restart finds it again; the charge mode is restored by its select.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from homeassistant.core import HomeAssistant, State
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import (
    CONF_CAR_CAPACITY,
    CONF_CAR_SOC_SENSOR,
    CONF_PRICE_SENSOR,
    CONF_SOLAR_FORECAST_SENSOR,
    DOMAIN,
    LOGGER,
    WEEKDAYS,
    departure_option,
)
from .coordinator import LiveData
from .planner import (
    ChargeRequest,
    Departure,
    DepartureRule,
    Plan,
    PlannerSettings,
    PriceSlot,
    SessionCap,
    Setpoint,
    WeeklySchedule,
    energy_to_soc,
    next_departure,
    parse_price_attributes,
    plan_charging,
    session_cap,
    setpoint_at,
    wall_clock,
)
from .planner.forecast import parse_solar_forecast
from .planner.plan import plan_from_dict, plan_to_dict
from .solar import ChargeMode

STORAGE_VERSION = 1
PLAN_SAVE_DELAY = 5  # s: a burst of re-plans (prices and target changing together) is one write
# A plain current-price sensor says nothing about later hours: its price counts for this one.
CURRENT_PRICE_SPAN = timedelta(hours=1)
# Without a departure, the price cap looks as far ahead as prices are known, or this far.
CAP_HORIZON = timedelta(hours=24)


class ChargingMode(StrEnum):
    """The charge mode select: the solar law's modes, and the planner's two."""

    OFF = ChargeMode.OFF.value
    FAST = ChargeMode.FAST.value
    SOLAR = ChargeMode.SOLAR.value
    MIN_SOLAR = ChargeMode.MIN_SOLAR.value
    SMART = "smart"  # the sun, plus the cheapest slots that meet the target by departure
    SMART_PRICE_CAP = "smart_price_cap"  # also every slot cheaper than the price limit

    @property
    def solar_mode(self) -> ChargeMode:
        """What the solar law runs in: Solar under the smart modes (the sun first)."""
        return ChargeMode.SOLAR if self in SMART_MODES else ChargeMode(self.value)


SMART_MODES = frozenset({ChargingMode.SMART, ChargingMode.SMART_PRICE_CAP})


class PlanState(StrEnum):
    """Why there is no plan, or how the plan came about (the planner's PlanStatus values)."""

    NOT_SMART = "not_smart"  # the mode is not a smart one
    NO_VEHICLE = "no_vehicle"
    NO_DEPARTURE = "no_departure"  # only the price limit and the sun charge
    FAILED = "failed"  # the planner refused its inputs (logged)


@dataclass
class SmartTargets:
    """What the user sets; stored. None everywhere means "not set"."""

    ready_by: datetime | None = None  # a one-off departure, before the week's next one
    target_energy_kwh: float | None = None
    target_soc: float | None = None  # %
    price_limit: float | None = None
    stop_after_kwh: float | None = None  # the session limit, in every mode
    # From the set_plan action; None: the week of the options.
    week: dict[str, dict[str, Any] | None] | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON for the store."""
        data = asdict(self)
        data["ready_by"] = self.ready_by.isoformat() if self.ready_by else None
        return data

    @classmethod
    def from_dict(cls, data: object) -> SmartTargets:
        """From the store; whatever cannot be read is left unset (a hand-edited file)."""
        if not isinstance(data, Mapping):
            return cls()
        targets = cls()
        for item in fields(cls):
            value = data.get(item.name)
            if item.name == "ready_by":
                value = dt_util.parse_datetime(value) if isinstance(value, str) else None
            elif item.name == "week":
                value = value if _readable_week(value) else None
            elif not _is_number(value):
                value = None
            setattr(targets, item.name, value)
        return targets


def week_rules(week: Mapping[str, Mapping[str, Any] | None]) -> WeeklySchedule:
    """The stored week (weekday name -> departure, targets) as the planner's schedule."""
    rules: list[DepartureRule | None] = []
    for day in WEEKDAYS:
        entry = week.get(day)
        if not entry:
            rules.append(None)
            continue
        rules.append(
            DepartureRule(
                time.fromisoformat(entry["departure"]),
                entry.get("target_soc"),
                entry.get("target_energy"),
            )
        )
    return WeeklySchedule(tuple(rules))


def options_week(options: Mapping[str, Any]) -> dict[str, dict[str, Any] | None]:
    """The week of the options page: a departure time per weekday, the targets' entities."""
    return {
        day: {"departure": value} if (value := options.get(departure_option(day))) else None
        for day in WEEKDAYS
    }


@dataclass
class SmartCharging:
    """Keeps what the user set (targets, week, limits: the session limit works with every
    charger); with solar charging set up, plans the session and answers the setpoint each cycle."""

    hass: HomeAssistant
    options: Mapping[str, Any]
    settings: PlannerSettings
    store: Store[dict[str, Any]]
    targets: SmartTargets = field(default_factory=SmartTargets)
    plan: Plan | None = None
    state: str = PlanState.NOT_SMART.value
    _session_id: int | None = None
    _starts: int = 0
    _charging: bool = False

    @classmethod
    def create(
        cls,
        hass: HomeAssistant,
        entry_id: str,
        options: Mapping[str, Any],
        settings: PlannerSettings,
    ) -> SmartCharging:
        store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}.smart")
        return cls(hass, options, settings, store)

    @property
    def configured(self) -> bool:
        """Whether the options name a price sensor: the smart modes need one."""
        return bool(self.options.get(CONF_PRICE_SENSOR))

    @property
    def knows_soc(self) -> bool:
        """Whether the options name the car's state-of-charge sensor and its battery's size."""
        return bool(self.options.get(CONF_CAR_SOC_SENSOR)) and bool(
            self.options.get(CONF_CAR_CAPACITY)
        )

    @property
    def price_unit(self) -> str | None:
        """The price sensor's unit (EUR/kWh, ct/kWh ...), which the price limit shares."""
        state = self._state(CONF_PRICE_SENSOR)
        unit = state.attributes.get("unit_of_measurement") if state else None
        return unit if isinstance(unit, str) else None

    def ready_by_at(self, wanted: time, now: datetime) -> datetime:
        """The next time the clock shows `wanted` (today or tomorrow), as a one-off departure."""
        local_now = dt_util.as_local(now)
        day = local_now.date()
        if wanted <= local_now.time().replace(tzinfo=None):
            day += timedelta(days=1)
        return wall_clock(day, wanted, _zone())

    async def async_load(self) -> None:
        """Take up the targets and the plan being executed from before the restart."""
        stored = await self.store.async_load()
        if not isinstance(stored, dict):  # nothing stored yet, or a hand edit gone wrong
            stored = {}
        self.targets = SmartTargets.from_dict(stored.get("targets"))
        self.plan = plan_from_dict(stored.get("plan"))

    async def async_update_targets(self, **changes: Any) -> None:
        """Change what the user set, and store it at once (a reload right after finds it)."""
        self.targets = replace(self.targets, **changes)
        await self.store.async_save(self._stored())

    def _stored(self) -> dict[str, Any]:
        return {
            "targets": self.targets.as_dict(),
            "plan": plan_to_dict(self.plan) if self.plan else None,
        }

    def week(self) -> WeeklySchedule:
        """The departures: set_plan's week, or the options'."""
        return week_rules(self.targets.week or options_week(self.options))

    def departure(self, now: datetime) -> Departure | None:
        """The next departure: the one-off Ready by while it lies ahead, else the week's."""
        ready_by = self.targets.ready_by
        if ready_by is not None and ready_by > now:
            local = dt_util.as_local(ready_by)
            return Departure(local, DepartureRule(local.time().replace(tzinfo=None)))
        return next_departure(self.week(), now, _zone())

    def session_cap(self, live: LiveData) -> SessionCap:
        """The Stop after limit as it stands for the session in progress."""
        return session_cap(_session_kwh(live), self.targets.stop_after_kwh)

    def setpoint(self, now: datetime, live: LiveData, *, price_cap: bool) -> Setpoint | None:
        """What the plan asks for now; None while there is no plan (the sun alone decides)."""
        self._count_starts(live)
        if not live.info.vehicle_connected:
            self.plan, self.state = None, PlanState.NO_VEHICLE.value
            return None
        try:
            request = self._request(now, live)
            settings = replace(
                self.settings, price_cap=self.targets.price_limit if price_cap else None
            )
            chosen = self.plan.chosen_at if self.plan else None
            self.plan = plan_charging(request, settings, now, self.plan)
            if self.plan.chosen_at != chosen:  # new slots: kept in case Home Assistant restarts
                self.store.async_delay_save(self._stored, PLAN_SAVE_DELAY)
        except ValueError as err:  # inputs the planner refuses (a capacity of 0 ...)
            if self.state != PlanState.FAILED:
                LOGGER.warning("Smart charging cannot plan: %s", err)
            self.plan, self.state = None, PlanState.FAILED.value
            return None
        departure = self.departure(now)
        self.state = self.plan.status.value if departure else PlanState.NO_DEPARTURE.value
        return setpoint_at(self.plan, now)

    def stop(self) -> None:
        """The mode left the smart ones: no plan until it comes back."""
        self.plan, self.state = None, PlanState.NOT_SMART.value

    def _request(self, now: datetime, live: LiveData) -> ChargeRequest:
        prices = self._prices(now)
        departure = self.departure(now)
        rule = departure.rule if departure else None
        need, room = self._need(live, rule)
        if departure is None:
            # No deadline, so nothing must be bought: the price limit still charges, as far
            # as prices go, and the sun (the solar law) whenever it shines.
            until = prices[-1].end if prices else now
            at = max(until, now + timedelta(minutes=15)) if prices else now + CAP_HORIZON
            need = 0.0
        else:
            at = departure.at
        forecast = self._state(CONF_SOLAR_FORECAST_SENSOR)
        solar = (
            parse_solar_forecast(forecast.attributes, self.settings.max_power_kw, _zone())
            if forecast
            else ()
        )
        return ChargeRequest(need, at, prices, solar, room, self._starts)

    def _need(self, live: LiveData, rule: DepartureRule | None) -> tuple[float, float | None]:
        """kWh to put in by departure, and the room in the battery (None: unknown)."""
        targets = self.targets
        need, room = 0.0, None
        target_soc = rule.target_soc if rule and rule.target_soc is not None else targets.target_soc
        soc = _number(self._state(CONF_CAR_SOC_SENSOR))
        if self.knows_soc and soc is not None and target_soc is not None and 0 <= soc <= 100:
            capacity = float(self.options[CONF_CAR_CAPACITY])
            need = energy_to_soc(soc, target_soc, capacity)
            room = energy_to_soc(soc, 100, capacity)
        else:
            target = rule.energy_kwh if rule and rule.energy_kwh is not None else None
            target = targets.target_energy_kwh if target is None else target
            if target is not None:
                need = max(0.0, target - (_session_kwh(live) or 0.0))
        cap = self.session_cap(live)
        if cap.remaining_kwh is not None:
            need = min(need, cap.remaining_kwh)
            room = cap.remaining_kwh if room is None else min(room, cap.remaining_kwh)
        return need, room

    def _prices(self, now: datetime) -> tuple[PriceSlot, ...]:
        """Today's and tomorrow's prices; a plain current-price sensor gives this hour's."""
        state = self._state(CONF_PRICE_SENSOR)
        if state is None:
            return ()
        parsed = parse_price_attributes(state.attributes, _zone())
        if parsed.slots:
            return parsed.slots
        price = _number(state)
        if price is None:
            return ()
        hour = now.replace(minute=0, second=0, microsecond=0)
        return (PriceSlot(hour, hour + CURRENT_PRICE_SPAN, price),)

    def _state(self, option: str) -> State | None:
        entity_id = self.options.get(option)
        return self.hass.states.get(entity_id) if entity_id else None

    def _count_starts(self, live: LiveData) -> None:
        """Starts this session has had: the planner keeps within its limit on starts."""
        info = live.info
        if info.session_id != self._session_id:
            self._session_id, self._starts = info.session_id, 0
        charging = bool(info.charging)
        if charging and not self._charging:
            self._starts += 1
        self._charging = charging


def plan_data(smart: SmartCharging) -> dict[str, Any]:
    """The plan as the Plan sensor's attributes and get_plan's answer."""
    plan = smart.plan
    data: dict[str, Any] = {"status": smart.state}
    if plan is None:
        return data
    return data | {
        "departure": plan.departure.isoformat(),
        "need_kwh": round(plan.need_kwh, 3),
        "reachable": plan.reachable,
        "shortfall_kwh": round(plan.shortfall_kwh, 3),
        "solar_kwh": round(plan.solar_kwh, 3),
        "grid_kwh": round(plan.grid_kwh, 3),
        "estimated_cost": _rounded(plan.cost),
        "prices_until": plan.prices_until.isoformat() if plan.prices_until else None,
        "slots": [
            {
                "start": slot.start.isoformat(),
                "end": slot.end.isoformat(),
                "current": slot.current,
                "phases": slot.phases,
                "power_kw": round(slot.current * slot.phases * smart.settings.voltage / 1000, 2),
                "price": _rounded(slot.price),
                "energy_kwh": round(slot.energy_kwh, 3),
                "reason": slot.reason.value,
            }
            for slot in plan.charging_slots
        ],
    }


def _rounded(value: float) -> float | None:
    """Money and prices to 4 decimals; NaN (no price known) as None."""
    return None if math.isnan(value) else round(value, 4)


def _session_kwh(live: LiveData) -> float | None:
    energy = live.info.session_energy
    return None if energy is None or not live.info.vehicle_connected else energy / 1000


def _number(state: State | None) -> float | None:
    if state is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _zone() -> tzinfo:
    return dt_util.get_default_time_zone()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _readable_week(value: object) -> bool:
    """A stored week the schedule can be built from (weekday -> departure or None)."""
    if not isinstance(value, Mapping):
        return False
    try:
        week_rules(value)
    except (TypeError, ValueError, KeyError, AttributeError):
        return False
    return True
