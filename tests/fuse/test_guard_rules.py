"""The rules of the main-fuse guard, one at a time, on a virtual clock.

The fuse is 25 A with a 2 A margin: each phase may carry 23 A.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from custom_components.lektrico_local.fuse import (
    ChargerDraw,
    FuseGuard,
    FuseSettings,
    GuardState,
    apply_cap,
)

from .rig import FUSE_25A, Rig, started

HOLD = 60


# --- the cap ----------------------------------------------------------------------------------


def test_the_cap_is_what_the_most_loaded_car_phase_leaves_floored() -> None:
    rig = started(10, 10, 10, 10)  # nothing else on: 22 A after the 0.5 A noise allowance
    assert rig.guard.cap == 22

    decision = rig.read(18.7, 14, 12)  # L1: 23 - (18.7 - 10) = 14.3 A

    assert (decision.cap, decision.changed) == (14, True)
    assert decision.available == pytest.approx(14.3)
    assert decision.reason == "L1 leaves 14.3 A for the car"


def test_only_the_phases_the_car_draws_on_count() -> None:
    rig = Rig()
    rig.charging(16, in_use=1)  # a one-phase car on the charger's L1

    decision = rig.read(19, 22, 3)  # L1 leaves 20 A; L2 would leave 1 A

    assert decision.cap == 19
    assert rig.read(19, 26, 3).cap == 19  # an overloaded L2 is not the charger's to relieve


def test_the_charger_l1_may_be_wired_to_another_house_phase() -> None:
    rig = Rig(FuseSettings(fuse_rating=25, charger_l1_phase=2))
    rig.charging(16, in_use=1)

    assert rig.read(22, 19, 3).cap == 19  # the car is on house L2


def test_phases_in_use_unknown_counts_every_phase_of_the_charger() -> None:
    rig = Rig()
    rig.send(0)
    rig.poll(0, in_use=None)

    assert rig.read(3, 12, 3).cap == 10  # L2 leaves 11 A


def test_a_1p7k_loads_the_house_phase_its_l1_is_wired_to() -> None:
    guard = FuseGuard(FUSE_25A)
    guard.setpoint_sent(0, 16)
    guard.charger_polled(0, ChargerDraw((16.0,)))

    assert guard.add_phase_currents(0, (19, 22, 22)).cap == 19


def test_less_than_the_minimum_pauses() -> None:
    rig = started(10, 10, 10, 10)

    decision = rig.read(27.2, 10, 10)  # L1 leaves 5.8 A

    assert (decision.cap, decision.state) == (0, GuardState.PAUSED)
    assert decision.reason == "L1 leaves 5.8 A for the car, less than the 6 A minimum"


def test_never_above_max_current() -> None:
    rig = started(10, 10, 10, 10, settings=FuseSettings(fuse_rating=63))

    decision = rig.read(10, 10, 10)

    assert (decision.cap, decision.state) == (32, GuardState.INACTIVE)


@given(
    events=st.lists(
        st.tuples(
            st.sampled_from(["read", "poll", "send", "step"]),
            st.lists(st.one_of(st.none(), st.floats(-20, 80)), min_size=3, max_size=3),
            st.sampled_from([0, 6, 7, 10, 16, 25, 32]),
            st.floats(0, 40),
        ),
        max_size=40,
    )
)
def test_the_cap_is_never_1_to_5_amps(
    events: list[tuple[str, list[float | None], int, float]],
) -> None:
    guard = FuseGuard(FuseSettings(fuse_rating=25, hold_time=5))
    now = 0.0
    for kind, amps, setpoint, wait in events:
        now += wait
        if kind == "read":
            decision = guard.add_phase_currents(now, amps)
        elif kind == "poll":
            guard.charger_polled(now, ChargerDraw(tuple(amps), setpoint % 4 or None))
            decision = guard.step(now)
        elif kind == "send":
            guard.setpoint_sent(now, setpoint)
            decision = guard.step(now)
        else:
            decision = guard.step(now)
        assert decision.cap == 0 or 6 <= decision.cap <= 32
        assert all(not 1 <= apply_cap(wanted, decision.cap) <= 5 for wanted in range(33))


# --- down at once, up after the hold time -----------------------------------------------------


def cut_to_14() -> Rig:
    """A guard whose cap a load on L1 has just cut from 22 to 14 A; the car stays at 10 A."""
    rig = started(10, 10, 10, 10)
    rig.read(18.7, 14, 12)
    rig.wait(1)
    return rig


def test_goes_up_only_after_the_hold_time_and_in_one_step() -> None:
    rig = cut_to_14()

    waiting = rig.readings(HOLD, 10, 10, 10)  # the load is gone: 23 A free again
    assert {decision.cap for decision in waiting} == {14}

    decision = rig.read(10, 10, 10)
    assert (decision.cap, decision.changed) == (22, True)


def test_goes_up_to_the_least_seen_during_the_hold() -> None:
    rig = cut_to_14()

    rig.readings(30, 10, 10, 10)
    rig.readings(1, 12.3, 10, 10)  # 20.7 A free for a second
    rig.readings(29, 10, 10, 10)

    assert rig.read(10, 10, 10).cap == 20


def test_a_dip_restarts_the_hold() -> None:
    rig = cut_to_14()

    rig.readings(40, 10, 10, 10)
    rig.readings(1, 18.7, 10, 10)  # back to 14.3 A free: no more than the cap allows
    assert {decision.cap for decision in rig.readings(HOLD, 10, 10, 10)} == {14}

    assert rig.read(10, 10, 10).cap == 22


def test_noise_around_a_whole_amp_does_not_raise() -> None:
    rig = cut_to_14()

    assert {decision.cap for decision in rig.readings(300, 17.6, 10, 10)} == {14}  # 15.4 A free
    rig.readings(HOLD, 17.5, 10, 10)  # 15.5 A free: 15 A with 0.5 A to spare

    assert rig.read(17.5, 10, 10).cap == 15


def test_the_wait_is_shown_and_counts_down() -> None:
    rig = cut_to_14()

    first = rig.read(10, 10, 10)
    rig.wait(10)
    later = rig.read(10, 10, 10)

    assert (first.seconds_to_raise, later.seconds_to_raise) == (60, 50)
    assert later.reason == "L1 leaves 23.0 A for the car; up to 22 A in 50 s if that lasts"


def test_a_raise_waits_for_a_reading() -> None:
    rig = cut_to_14()
    for _ in range(3):  # a meter that reports every 20 s
        rig.read(10, 10, 10)
        rig.wait(20)

    assert rig.step().cap == 14  # the hold time is over, but no reading says so yet
    rig.wait(5)
    assert rig.read(10, 10, 10).cap == 22


# --- the poll lags the meter --------------------------------------------------------------------


def test_the_car_following_a_raise_before_the_poll_shows_it_does_not_cut() -> None:
    rig = started(10, 10, 10, 10)
    rig.send(16)  # the mode wants more
    rig.wait(2)

    decision = rig.read(16, 16, 16)  # the car is at 16 A; the last poll still says 10 A

    assert (decision.cap, decision.changed) == (22, False)
    assert decision.available == pytest.approx(23)


def test_the_same_rise_from_a_load_does_cut() -> None:
    rig = started(10, 10, 10, 10)
    rig.wait(2)

    assert rig.read(16, 16, 16).cap == 17


def test_a_cut_is_not_repeated_while_the_car_follows_it() -> None:
    rig = started(20, 20, 20, 20)  # cap 22
    assert rig.read(29, 20, 20).cap == 14  # a kettle: L1 leaves 14 A
    rig.send(14)
    rig.wait(1)

    assert rig.read(29.3, 20, 20).cap == 14  # the car is still at 20 A, the meter noisy
    rig.wait(1)
    assert rig.read(23, 14, 14).cap == 14  # the car has followed; the poll does not say yet


def test_a_phase_over_its_limit_while_the_car_moves_counts_the_car_low() -> None:
    rig = started(18, 18, 18, 18)
    rig.send(15)  # the mode wants less
    rig.wait(2)
    rig.read(15, 15, 15)  # the car has followed; the last poll says 18 A
    rig.wait(2)

    decision = rig.read(28, 15, 15)  # an oven on L1: 13 A, so 10 A left for the car

    assert decision.cap == 10


def test_readings_while_the_car_settles_do_not_count_towards_a_raise() -> None:
    rig = cut_to_14()
    rig.send(14)  # the mode raises the car to the cap; no poll confirms it
    rig.readings(2 * HOLD, 14, 14, 14)
    assert rig.guard.cap == 14

    rig.poll(14)
    rig.readings(HOLD, 14, 14, 14)
    assert rig.read(14, 14, 14).cap == 22


def test_a_car_drawing_less_than_offered_is_counted_at_what_it_draws() -> None:
    rig = Rig()
    rig.send(16)
    rig.poll(10)  # offered 16 A, it takes 10 A
    rig.read(10, 10, 10)

    assert rig.read(19, 10, 10).cap == 14  # 23 - (19 - 10)


# --- the meter ----------------------------------------------------------------------------------


def test_before_the_first_reading_the_cap_is_the_fallback() -> None:
    decision = Rig().step()

    assert (decision.cap, decision.changed, decision.state) == (6, True, GuardState.METER_STALE)
    assert decision.reason == "no meter reading yet: the fallback of 6 A"
    assert (decision.headroom, decision.available) == (None, None)


def test_the_first_reading_sets_the_cap_without_waiting() -> None:
    rig = Rig()
    rig.charging(16)
    rig.step()

    assert rig.read(20, 18, 17).cap == 18  # 19 A free, less the noise allowance


@pytest.mark.parametrize("amps", [None, (10, None, 10), (10, math.nan, 10)])
def test_an_unavailable_reading_is_the_fallback_at_once(
    amps: tuple[float | None, ...] | None,
) -> None:
    rig = started(10, 10, 10, 10)

    decision = rig.guard.add_phase_currents(rig.now, amps)

    assert (decision.cap, decision.state) == (6, GuardState.METER_STALE)
    assert decision.reason == "the meter is unavailable: the fallback of 6 A"
    assert rig.step().state is GuardState.METER_STALE


def test_a_silent_meter_is_the_fallback_after_the_timeout() -> None:
    rig = started(10, 10, 10, 10)  # read at 0

    rig.now = 30
    assert rig.step().cap == 22
    rig.now = 31
    decision = rig.step()

    assert (decision.cap, decision.changed, decision.state) == (6, True, GuardState.METER_STALE)
    assert decision.reason == "no meter reading for 31 s: the fallback of 6 A"


def test_after_a_stale_meter_down_is_at_once() -> None:
    rig = started(10, 10, 10, 10)
    rig.read(None, None, None)

    assert rig.read(28, 10, 10).cap == 0  # 5 A free


def test_after_a_stale_meter_up_waits_the_hold_time() -> None:
    rig = started(10, 10, 10, 10)
    rig.read(None, None, None)

    assert {decision.cap for decision in rig.readings(HOLD, 10, 10, 10)} == {6}
    assert rig.read(10, 10, 10).cap == 22


def test_a_fallback_of_0_pauses() -> None:
    rig = started(10, 10, 10, 10, settings=FuseSettings(fuse_rating=25, fallback_current=0))

    assert rig.read(None, None, None).cap == 0


def test_a_late_reading_is_ignored() -> None:
    rig = started(10, 10, 10, 10)
    rig.now = 10
    rig.read(10, 10, 10)

    rig.now = 9
    assert rig.read(30, 30, 30).cap == 22


def test_phase_powers_are_divided_by_the_voltage() -> None:
    rig = Rig()
    rig.charging(10)

    decision = rig.guard.add_phase_powers(0, (4600, 2300, 2300))  # 20, 10 and 10 A

    assert decision.available == pytest.approx(13)


def test_a_single_phase_house_reads_one_total_power() -> None:
    guard = FuseGuard(FuseSettings(fuse_rating=25, house_phases=1))
    guard.setpoint_sent(0, 10)
    guard.charger_polled(0, ChargerDraw((10.0, 0.0, 0.0)))

    assert guard.add_total_power(0, 4600).available == pytest.approx(13)
    assert guard.add_total_power(1, None).state is GuardState.METER_STALE


def test_a_total_power_cannot_guard_a_three_phase_house() -> None:
    with pytest.raises(ValueError, match="single-phase house"):
        FuseGuard(FUSE_25A).add_total_power(0, 4600)


def test_a_reading_needs_one_value_per_house_phase() -> None:
    with pytest.raises(ValueError, match="expected 3 phase currents"):
        FuseGuard(FUSE_25A).add_phase_currents(0, (10, 10))


# --- the decision -----------------------------------------------------------------------------


def test_changed_only_when_the_cap_moves() -> None:
    rig = started(10, 10, 10, 10)

    assert not rig.read(11, 10, 10).changed
    assert rig.read(18.7, 10, 10).changed
    assert not rig.step().changed


def test_the_headroom_is_that_of_the_most_loaded_phase_of_the_house() -> None:
    rig = Rig()
    rig.charging(16, in_use=1)

    assert rig.read(19, 4, 24).headroom == pytest.approx(1)


def test_limiting_while_the_charger_is_at_the_cap() -> None:
    rig = cut_to_14()
    assert rig.read(18.7, 14, 12).state is GuardState.INACTIVE  # the mode wants 10 A

    rig.send(14)
    assert rig.read(18.7, 14, 12).state is GuardState.LIMITING


def test_still_limiting_right_after_a_raise_until_the_caller_sends_it() -> None:
    rig = cut_to_14()
    rig.send(14)
    rig.wait(10)
    rig.poll(14)  # a response time after the raise: the car has settled

    rig.readings(HOLD, 14, 14, 14)
    raised = rig.read(14, 14, 14)
    assert (raised.cap, raised.state) == (22, GuardState.LIMITING)

    rig.send(16)  # the mode wants 16 A, less than the new cap
    assert rig.read(14, 14, 14).state is GuardState.INACTIVE


# --- the parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "cap", "sent"),
    [(32, 14, 14), (10, 14, 10), (32, 0, 0), (0, 20, 0), (3, 20, 0), (6, 6, 6)],
)
def test_apply_cap_sends_the_lower_and_never_1_to_5_amps(wanted: int, cap: int, sent: int) -> None:
    assert apply_cap(wanted, cap) == sent


@pytest.mark.parametrize(
    ("currents", "in_use", "message"),
    [
        ((), None, "1 to 3 phase currents"),
        ((1.0, 2.0, 3.0, 4.0), None, "1 to 3"),
        ((1.0,), 4, "1..3"),
    ],
)
def test_a_charger_draw_is_checked(
    currents: tuple[float, ...], in_use: int | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ChargerDraw(currents, in_use)


def test_the_charger_takes_no_setpoint_of_1_to_5_amps() -> None:
    with pytest.raises(ValueError, match="0 or 6..32"):
        FuseGuard(FUSE_25A).setpoint_sent(0, 4)


def test_an_unknown_phase_current_counts_the_car_as_other_load() -> None:
    guard = FuseGuard(FUSE_25A)
    guard.setpoint_sent(0, 10)
    guard.charger_polled(0, ChargerDraw((None, 10.0, 10.0), 3))

    assert guard.add_phase_currents(0, (10, 10, 10)).available == pytest.approx(13)


def test_the_settings_are_kept() -> None:
    assert FuseGuard(FUSE_25A).settings is FUSE_25A
