"""Whatever the prices, the need and the charger: the plan keeps the rules."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from custom_components.lektrico_local.planner import (
    ChargeRequest,
    PlannerSettings,
    PlanStatus,
    plan_charging,
    setpoint_at,
)
from custom_components.lektrico_local.planner.plan import ENERGY_EPSILON

from .clock import at, slots, sun

PRICES = st.floats(min_value=-0.1, max_value=0.5).map(lambda price: round(price, 2))


@st.composite
def cases(draw: st.DrawFn) -> tuple[ChargeRequest, PlannerSettings, float]:
    minutes = draw(st.sampled_from([15, 60]))
    step = timedelta(minutes=minutes)
    count = draw(st.integers(min_value=1, max_value=56 if minutes == 15 else 16))
    prices = draw(st.lists(PRICES, min_size=count, max_size=count))
    phases = draw(st.sampled_from([1, 3]))
    switching = phases == 3 and draw(st.booleans())
    low = draw(st.integers(min_value=6, max_value=10))
    options = PlannerSettings(
        phases=phases,
        phase_switching=switching,
        min_current=low,
        max_current=draw(st.integers(min_value=low, max_value=32)),
        max_starts=draw(st.integers(min_value=1, max_value=4)),
        price_cap=draw(st.none() | st.sampled_from([-0.05, 0.0, 0.1])),
    )
    published = draw(st.integers(min_value=0, max_value=count))
    solar = draw(st.lists(st.floats(min_value=0, max_value=3), max_size=count))
    start = at(18)
    request = ChargeRequest(
        energy_kwh=draw(st.floats(min_value=0, max_value=80)),
        departure=start + count * step - draw(st.integers(0, minutes - 1)) * timedelta(minutes=1),
        prices=slots(start, prices[:published], step),
        solar=sun(start, solar, step),
        room_kwh=draw(st.none() | st.floats(min_value=0, max_value=80)),
        starts_made=draw(st.integers(min_value=0, max_value=4)),
    )
    offset = draw(st.integers(min_value=0, max_value=minutes - 1)) / 60
    return request, options, 18 + offset


@settings(max_examples=300)
@given(cases())
def test_every_plan_keeps_the_rules(case: tuple[ChargeRequest, PlannerSettings, float]) -> None:
    request, options, hour = case
    now = at(hour)

    plan = plan_charging(request, options, now)

    need = request.energy_kwh
    hours = (request.departure - now).total_seconds() / 3600
    for slot in plan.slots:
        assert slot.current == 0 or options.min_current <= slot.current <= options.max_current
        assert slot.phases == options.phases or (options.phase_switching and slot.phases == 1)
        assert slot.energy_kwh >= 0
        assert abs(slot.solar_kwh + slot.grid_kwh - slot.energy_kwh) < 1e-9
        assert 0 < setpoint_at(plan, slot.start).current >= options.min_current or (
            setpoint_at(plan, slot.start).current == 0
        )
    if plan.status is PlanStatus.SHORT:
        assert need > options.max_power_kw * hours - 1e-6
        assert plan.shortfall_kwh > 0
        assert all(slot.current == options.max_current for slot in plan.slots)
        return
    if plan.status is PlanStatus.NO_PRICES:
        assert not request.prices
        return
    assert plan.reachable
    assert plan.energy_kwh >= need - ENERGY_EPSILON
    if options.price_cap is None:
        assert plan.energy_kwh <= need + 1e-6
    elif request.room_kwh is not None:
        assert plan.energy_kwh <= max(need, request.room_kwh) + 1e-6
    assert plan.starts <= max(1, options.max_starts - request.starts_made)
    again = plan_charging(request, options, now, plan)
    assert again.chosen_at == plan.chosen_at
    assert again.slots == plan.slots
