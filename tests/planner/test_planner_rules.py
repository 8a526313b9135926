"""The planner's rules, each on a small price curve, on a virtual clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from custom_components.lektrico_local.planner import (
    ChargeRequest,
    Plan,
    PlannerSettings,
    PlanStatus,
    PriceSlot,
    Setpoint,
    SlotReason,
    plan_charging,
    setpoint_at,
)

from .clock import (
    AMSTERDAM,
    DEPARTURE,
    EVENING_TO_MORNING,
    NIGHT,
    QUARTER,
    at,
    slots,
    sun,
)

ELEVEN = PlannerSettings(max_current=16)  # 11.04 kW on three phases, 4.14 kW at 6 A
FULL_HOUR = 11.04  # kWh


def night(need: float, **changes: object) -> ChargeRequest:
    request = ChargeRequest(need, DEPARTURE, NIGHT)
    return replace(request, **changes)  # type: ignore[arg-type]


def charging(plan: Plan) -> dict[int, int]:
    """Hour of day -> current of every charging slot."""
    return {slot.start.hour: slot.current for slot in plan.charging_slots}


def test_the_cheapest_hours_that_meet_the_need() -> None:
    plan = plan_charging(night(3 * FULL_HOUR), ELEVEN, at(18))

    assert plan.status is PlanStatus.PLANNED
    assert charging(plan) == {2: 16, 3: 16, 4: 16}
    assert plan.energy_kwh == pytest.approx(3 * FULL_HOUR)
    assert plan.cost == pytest.approx(FULL_HOUR * (0.09 + 0.08 + 0.09))
    assert plan.grid_kwh == pytest.approx(plan.energy_kwh)
    assert plan.solar_kwh == 0
    assert plan.reachable
    assert plan.shortfall_kwh == 0
    assert plan.starts == 1
    assert plan.next_start == at(26)
    assert plan.prices_until == at(31)
    assert {slot.reason for slot in plan.charging_slots} == {SlotReason.CHEAPEST}


def test_a_partial_slot_runs_slower_for_the_whole_slot() -> None:
    """16 kWh: the cheapest hour in full, and the rest at 8 A over the next cheapest hour
    rather than at 16 A for part of it."""
    plan = plan_charging(night(16.0), ELEVEN, at(18))

    assert charging(plan) == {2: 8, 3: 16}
    assert plan.energy_kwh == pytest.approx(16.0)


def test_a_partial_slot_below_the_minimum_is_raised_to_it() -> None:
    """12 kWh: 0.96 kWh left for a second hour would need 1.4 A; it gets 6 A and the cheaper
    hour gives way, never a current between 1 and 5 A."""
    plan = plan_charging(night(12.0), ELEVEN, at(18))

    assert charging(plan) == {2: 6, 3: 12}
    assert plan.energy_kwh == pytest.approx(12.0)
    assert all(slot.current == 0 or slot.current >= 6 for slot in plan.slots)


def test_a_need_below_the_minimum_is_met_at_the_minimum() -> None:
    plan = plan_charging(night(0.5), ELEVEN, at(18))

    assert charging(plan) == {3: 6}
    assert plan.energy_kwh == pytest.approx(0.5)


def test_one_phase_for_a_small_need_when_the_unit_switches() -> None:
    switching = PlannerSettings(max_current=16, phase_switching=True)

    plan = plan_charging(night(2.0), switching, at(18))
    fixed = plan_charging(night(2.0), ELEVEN, at(18))

    (slot,) = plan.charging_slots
    assert (slot.start.hour, slot.current, slot.phases) == (3, 9, 1)  # 2.07 kW
    (other,) = fixed.charging_slots
    assert (other.current, other.phases) == (6, 3)


DAY = slots(at(8), (0.20, 0.20, 0.20, 0.20, 0.20, 0.05, 0.20, 0.20, 0.20))
SUNNY = sun(at(8), (0, 0, 2, 3, 4, 4, 3, 2, 0))  # 18 kWh between 10:00 and 16:00


def test_the_sun_comes_first_and_is_not_bought() -> None:
    plan = plan_charging(ChargeRequest(10.0, at(17), DAY, SUNNY), ELEVEN, at(8))

    assert plan.grid_kwh == pytest.approx(0)
    assert plan.cost == pytest.approx(0)
    assert plan.solar_kwh == pytest.approx(10.0)
    assert all(slot.follow_solar for slot in plan.charging_slots)
    assert {slot.reason for slot in plan.charging_slots} == {SlotReason.SOLAR}
    follow = setpoint_at(plan, at(11.5))
    assert follow.follow_solar
    assert follow.current >= 6


def test_grid_energy_joins_the_sun_when_it_costs_the_same() -> None:
    """30 kWh: 18 from the sun, the cheap 13:00 hour, and the rest at 0.20 next to the sun
    rather than at 08:00, which would cost the same and add a start."""
    plan = plan_charging(ChargeRequest(30.0, at(17), DAY, SUNNY), ELEVEN, at(8))

    assert plan.starts == 1
    assert plan.energy_kwh == pytest.approx(30.0)
    assert plan.solar_kwh >= 17.0
    assert plan.cost <= 7.04 * 0.05 + 5.6 * 0.20
    at_one = next(slot for slot in plan.slots if slot.start == at(13))
    assert (at_one.current, at_one.follow_solar) == (16, False)


NEGATIVE = slots(at(10), (0.10, 0.05, -0.05, -0.08, -0.02, 0.06, 0.12, 0.15))


def test_negative_prices_only_serve_the_need_without_a_price_cap() -> None:
    plan = plan_charging(ChargeRequest(5.0, at(18), NEGATIVE, room_kwh=40.0), ELEVEN, at(10))

    assert charging(plan) == {13: 8}
    assert plan.energy_kwh == pytest.approx(5.0)
    assert plan.cost == pytest.approx(-0.08 * 5.0)


def test_the_price_cap_fills_every_cheaper_slot_up_to_the_room() -> None:
    capped = PlannerSettings(max_current=16, price_cap=0.0)

    limited = plan_charging(ChargeRequest(5.0, at(18), NEGATIVE, room_kwh=30.0), capped, at(10))
    unknown = plan_charging(ChargeRequest(5.0, at(18), NEGATIVE), capped, at(10))

    assert charging(limited) == {12: 16, 13: 16, 14: 12}
    assert limited.energy_kwh == pytest.approx(30.0)
    assert {slot.reason for slot in limited.charging_slots} == {SlotReason.PRICE_CAP}
    assert charging(unknown) == {12: 16, 13: 16, 14: 16}
    assert unknown.energy_kwh == pytest.approx(3 * FULL_HOUR)


def test_the_price_cap_also_meets_the_need_above_it() -> None:
    capped = PlannerSettings(max_current=16, price_cap=-0.06)

    plan = plan_charging(ChargeRequest(20.0, at(18), NEGATIVE, room_kwh=25.0), capped, at(10))

    assert plan.energy_kwh == pytest.approx(20.0)
    assert charging(plan)[13] == 16


def test_an_unreachable_target_charges_at_once_at_full_power() -> None:
    plan = plan_charging(night(40.0), ELEVEN, at(29))

    assert plan.status is PlanStatus.SHORT
    assert not plan.reachable
    assert plan.shortfall_kwh == pytest.approx(40.0 - 2 * FULL_HOUR)
    assert charging(plan) == {5: 16, 6: 16}
    assert {slot.reason for slot in plan.charging_slots} == {SlotReason.AT_ONCE}
    assert setpoint_at(plan, at(29)) == Setpoint(16, 3, False, plan.slots[0])


def test_no_prices_for_the_window_charges_at_once_and_says_so() -> None:
    yesterday = slots(at(-6), [0.1] * 24)

    plan = plan_charging(ChargeRequest(2 * FULL_HOUR, DEPARTURE, yesterday), ELEVEN, at(18))
    short = plan_charging(ChargeRequest(200.0, DEPARTURE, ()), ELEVEN, at(18))

    assert plan.status is PlanStatus.NO_PRICES
    assert plan.reachable
    (slot,) = plan.slots
    assert (slot.start, slot.end, slot.current) == (at(18), at(20), 16)
    assert slot.price != slot.price  # NaN: nobody knows what it costs
    assert short.status is PlanStatus.NO_PRICES
    assert short.shortfall_kwh == pytest.approx(200.0 - 13 * FULL_HOUR)
    assert short.slots[0].end == DEPARTURE


def test_a_departure_already_past_charges_at_once() -> None:
    plan = plan_charging(night(5.0), ELEVEN, at(32))

    assert plan.status is PlanStatus.SHORT
    assert plan.shortfall_kwh == pytest.approx(5.0)
    assert setpoint_at(plan, at(32)).current == 16


@pytest.mark.parametrize("prices", [NIGHT, ()])
def test_nothing_needed_plans_no_charging(prices: tuple[PriceSlot, ...]) -> None:
    plan = plan_charging(ChargeRequest(0.0, DEPARTURE, prices), ELEVEN, at(18))

    assert plan.status is PlanStatus.NOTHING_NEEDED
    assert plan.charging_slots == ()
    assert plan.next_start is None
    assert plan.starts == 0
    assert setpoint_at(plan, at(20)) == Setpoint(0, 3)


def test_prices_not_published_yet_are_guessed_and_flagged() -> None:
    """Known until midnight: the rest is priced at the median of what is known (0.26), so the
    cheap 23:00 hour is taken now; the plan says it is an estimate."""
    until_midnight = slots(at(18), EVENING_TO_MORNING[:6])

    plan = plan_charging(ChargeRequest(FULL_HOUR, DEPARTURE, until_midnight), ELEVEN, at(18))

    assert plan.status is PlanStatus.ESTIMATED
    assert plan.prices_until == at(24)
    assert charging(plan) == {23: 16}
    assert [slot.estimated for slot in plan.slots] == [False] * 6 + [True] * 7
    assert all(slot.price == pytest.approx(0.26) for slot in plan.slots[6:])


def test_a_hole_in_the_prices_is_guessed_too() -> None:
    holed = NIGHT[:8] + NIGHT[9:]

    plan = plan_charging(night(FULL_HOUR, prices=holed), ELEVEN, at(18))

    assert plan.status is PlanStatus.ESTIMATED
    assert charging(plan) == {3: 16}


def test_setpoints_outside_the_plan_pause() -> None:
    plan = plan_charging(night(FULL_HOUR), ELEVEN, at(18))

    assert setpoint_at(plan, at(17)) == Setpoint(0, 3)
    assert setpoint_at(plan, at(25)) == Setpoint(0, 3)
    assert setpoint_at(plan, at(27.5)).current == 16
    assert setpoint_at(plan, DEPARTURE) == Setpoint(0, 3)


def test_a_slot_already_begun_counts_only_its_rest() -> None:
    plan = plan_charging(night(4.0), ELEVEN, at(27.75))

    assert plan.slots[0].start == at(27.75)
    assert plan.slots[0].end == at(28)
    assert plan.energy_kwh == pytest.approx(4.0)
    assert all(slot.current == 0 or slot.current >= 6 for slot in plan.slots)


# --- stability ------------------------------------------------------------------------------


def test_an_unchanged_situation_keeps_the_plan() -> None:
    plan = plan_charging(night(16.0), ELEVEN, at(18))

    later = plan_charging(night(16.0), ELEVEN, at(19.5), plan)

    assert later.chosen_at == at(18)
    assert later.created_at == at(19.5)
    assert later.slots[1:] == plan.slots[2:]
    assert later.slots[0].start == at(19.5)


def test_a_car_that_took_a_little_more_keeps_the_plan() -> None:
    plan = plan_charging(night(3 * FULL_HOUR), ELEVEN, at(18))
    # 02:30: half of the 02:00 hour is in, and the car took 0.3 kWh more than planned.
    need = 2.5 * FULL_HOUR - 0.3

    later = plan_charging(night(need), ELEVEN, at(26.5), plan)

    assert later.chosen_at == at(18)
    assert setpoint_at(later, at(26.5)).current == 16


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        ({"energy_kwh": 20.0}, "more needed"),
        ({"departure": at(30)}, "leaves earlier"),
        ({"solar": sun(at(29), [3.0])}, "sun forecast"),
        ({"prices": NIGHT[:-1] + slots(at(30), [0.01])}, "a price changed"),
    ],
)
def test_a_changed_situation_plans_again(changed: dict[str, object], why: str) -> None:
    plan = plan_charging(night(16.0), ELEVEN, at(18))

    later = plan_charging(replace(night(16.0), **changed), ELEVEN, at(19), plan)  # type: ignore[arg-type]

    assert later.chosen_at == at(19), why


def test_a_running_slot_finishes_while_prices_are_unchanged() -> None:
    """At 02:30 the user lowers the target: 2 kWh would be cheaper at 03:00 (0.08), but the
    02:00 hour is charging and the prices did not change, so it finishes."""
    plan = plan_charging(night(3 * FULL_HOUR), ELEVEN, at(18))

    later = plan_charging(night(2.0), ELEVEN, at(26.5), plan)

    assert later.chosen_at == at(26.5)
    assert later.slots[0].reason is SlotReason.KEPT
    assert setpoint_at(later, at(26.5)).current == 16
    assert charging(later) == {2: 16}
    assert later.energy_kwh == pytest.approx(2.0)


def test_new_prices_drop_a_running_slot_only_for_a_real_saving() -> None:
    plan = plan_charging(night(3 * FULL_HOUR), ELEVEN, at(18))
    cheaper_dawn = NIGHT[:11] + slots(at(29), [0.0, 0.20])  # 05:00 now costs nothing
    slightly = NIGHT[:11] + slots(at(29), [0.12, 0.20])  # 05:00 a cent cheaper

    dropped = plan_charging(night(10.0, prices=cheaper_dawn), ELEVEN, at(26.5), plan)
    tolerant = PlannerSettings(max_current=16, keep_tolerance_kwh=1.0)
    strict = PlannerSettings(max_current=16, keep_tolerance_kwh=0.0)
    kept = plan_charging(night(10.0, prices=slightly), tolerant, at(26.5), plan)
    not_kept = plan_charging(night(10.0, prices=slightly), strict, at(26.5), plan)

    assert setpoint_at(dropped, at(26.5)).current == 0
    assert charging(dropped) == {5: 15}
    assert setpoint_at(kept, at(26.5)).current == 16
    assert kept.slots[0].reason is SlotReason.KEPT
    assert setpoint_at(not_kept, at(26.5)).current == 0


def test_a_slot_on_the_sun_is_not_held_by_the_keep_rule() -> None:
    plan = plan_charging(ChargeRequest(10.0, at(17), DAY, SUNNY), ELEVEN, at(8))

    later = plan_charging(ChargeRequest(4.0, at(17), DAY, SUNNY), ELEVEN, at(11.5), plan)

    assert SlotReason.KEPT not in {slot.reason for slot in later.slots}


# --- starts ----------------------------------------------------------------------------------


def test_near_slots_are_joined_when_it_costs_little() -> None:
    """Every other quarter is 0.1 ct cheaper: four scattered quarters would be cheapest, one
    hour in a row costs 0.3 ct more and saves three starts."""
    zigzag = slots(at(0), [0.100 + 0.001 * (index % 2) for index in range(32)], QUARTER)

    plan = plan_charging(ChargeRequest(FULL_HOUR, at(8), zigzag), ELEVEN, at(0))

    assert plan.starts == 1
    assert plan.energy_kwh == pytest.approx(FULL_HOUR)


FOUR_VALLEYS = slots(at(0), [0.05 if hour % 4 == 1 else 0.30 for hour in range(16)])


@pytest.mark.parametrize(("max_starts", "made", "expected"), [(3, 0, 3), (1, 0, 1), (3, 2, 1)])
def test_starts_are_limited_even_when_that_costs(max_starts: int, made: int, expected: int) -> None:
    settings = PlannerSettings(max_current=16, max_starts=max_starts)
    request = ChargeRequest(4 * FULL_HOUR, at(16), FOUR_VALLEYS, starts_made=made)

    plan = plan_charging(request, settings, at(0))

    assert plan.starts == expected
    assert plan.energy_kwh == pytest.approx(4 * FULL_HOUR)
    assert all(slot.current == 0 or slot.current >= 6 for slot in plan.slots)


def test_a_start_that_saves_enough_is_kept() -> None:
    plan = plan_charging(ChargeRequest(2 * FULL_HOUR, at(16), FOUR_VALLEYS), ELEVEN, at(0))

    assert plan.starts == 2
    assert plan.cost == pytest.approx(2 * FULL_HOUR * 0.05)


# --- time ------------------------------------------------------------------------------------


def test_the_night_the_clocks_go_forward() -> None:
    """29-30 March 2025 in Amsterdam: 18:00 to 07:00 is 12 hours, not 13."""
    start = at(17, day=29)  # 18:00 CET
    prices = slots(start, [0.2] * 8 + [0.05] + [0.2] * 3)
    departure = start + timedelta(hours=12)
    now = start.astimezone(AMSTERDAM)

    plan = plan_charging(ChargeRequest(FULL_HOUR, departure, prices), ELEVEN, now)

    assert departure.astimezone(AMSTERDAM).hour == 7
    assert len(plan.slots) == 12
    (slot,) = plan.charging_slots
    assert slot.start.astimezone(AMSTERDAM).hour == 3  # 01:00 UTC is 03:00 CEST
    assert slot.start.tzinfo is AMSTERDAM


def test_times_must_be_aware() -> None:
    with pytest.raises(ValueError, match="now"):
        plan_charging(night(1.0), ELEVEN, at(18).replace(tzinfo=None))


def test_a_running_slot_gives_way_when_only_full_power_still_makes_it() -> None:
    """02:00 runs at 8 A; at 02:30 the need jumps to what only full power until 07:00 can
    deliver, which the half-speed slot would not allow."""
    plan = plan_charging(night(16.0), ELEVEN, at(18))
    assert setpoint_at(plan, at(26.5)).current == 8

    later = plan_charging(night(48.0), ELEVEN, at(26.5), plan)

    assert later.reachable
    assert setpoint_at(later, at(26.5)).current == 16
    assert SlotReason.KEPT not in {slot.reason for slot in later.slots}


def test_prices_and_forecast_in_any_order() -> None:
    ordered = plan_charging(ChargeRequest(30.0, at(17), DAY, SUNNY), ELEVEN, at(8))

    shuffled = plan_charging(ChargeRequest(30.0, at(17), DAY[::-1], SUNNY[::-1]), ELEVEN, at(8))

    assert shuffled.slots == ordered.slots


def test_nothing_needed_after_departure_either() -> None:
    plan = plan_charging(night(0.0), ELEVEN, at(32))

    assert plan.status is PlanStatus.NOTHING_NEEDED
    assert plan.slots == ()
    assert plan.reachable
