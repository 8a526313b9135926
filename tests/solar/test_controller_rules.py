"""The rules of the control law, one at a time, on a virtual clock."""

from __future__ import annotations

import random
from itertools import pairwise
from typing import Any

import pytest

from custom_components.lektrico_local.solar import (
    ChargeMode,
    ChargerObservation,
    ControllerState,
    SolarController,
    SolarSettings,
)

from .rig import Rig, surplus_for

CYCLE = 30


def charging_rig(amps: int, **options: Any) -> Rig:
    """A rig that finds the car charging at `amps` when the controller starts."""
    return Rig(em_current=amps, **options)


# --- starting -------------------------------------------------------------------------------


def test_starts_at_the_minimum_after_the_enable_delay_and_ramps_once_the_car_draws() -> None:
    """After the 60 s enable delay it starts at the minimum, and ramps up once the car draws."""
    rig = Rig()

    rig.run(60, surplus=6000)
    assert [decision.state for _, decision in rig.decisions] == [ControllerState.STARTING] * 2
    assert rig.last.seconds_left == 30
    assert rig.last.setpoint == 0
    assert (rig.last.surplus_power, rig.last.target_current) == (5900, 8)  # less the residual

    rig.run(1, surplus=6000)
    assert (rig.last.setpoint, rig.last.write) == (6, True)

    rig.run(120, surplus=6000)
    assert rig.first_time(8) == 120  # 90: the car just began to draw; 120: settled readings
    assert set(rig.setpoints_since(60)) == {6, 8}


def test_an_interrupted_surplus_restarts_the_enable_delay() -> None:
    """A surplus that goes away during the enable delay starts the delay over."""
    rig = Rig()

    rig.run(45, surplus=6000)  # seen at 0 and 30
    rig.run(30, surplus=1000)  # seen at 60: gone
    assert rig.last.state is ControllerState.WAITING_FOR_SURPLUS
    rig.run(120, surplus=6000)

    assert rig.first_time(6) == 150  # 60 s after it was seen again at 90


def test_no_start_without_surplus_for_the_minimum() -> None:
    """A surplus just short of the minimum current never starts charging."""
    rig = Rig()

    rig.run(1800, surplus=surplus_for(5.9))

    assert set(rig.setpoints_since(0)) == {0}
    assert rig.writes == []


def test_min_off_time_holds_a_stopped_charger_paused() -> None:
    """A stopped charger stays paused for the 300 s minimum off time, surplus or not."""
    rig = charging_rig(8)
    rig.run(630, surplus=2000)  # on-time runs out at 600: paused
    stopped_at = rig.first_time(0)
    assert stopped_at == 600

    rig.run(600, surplus=6000)

    assert rig.first_time(6, since=stopped_at) == stopped_at + 300


# --- following the surplus ------------------------------------------------------------------


def test_goes_up_only_past_the_hysteresis_band() -> None:
    """The current goes up only once the surplus passes the hysteresis band."""
    rig = charging_rig(8)
    band = rig.settings.hysteresis_power

    rig.run(600, surplus=surplus_for(9) + band - 1)
    assert set(rig.setpoints_since(0)) == {8}

    rig.run(31, surplus=surplus_for(9) + band)
    assert rig.last.setpoint == 9


def test_goes_down_at_once() -> None:
    """A surplus one watt short lowers the current at the next decision."""
    rig = charging_rig(9)
    rig.run(60, surplus=surplus_for(9))

    rig.run(1, surplus=surplus_for(9) - 1)  # seen by one reading, at 60

    assert rig.decisions[-1] == (60, rig.last)
    assert (rig.last.setpoint, rig.last.write) == (8, True)


def test_never_above_max_current() -> None:
    """However large the surplus, the current stays at the maximum setting."""
    rig = charging_rig(10, settings=SolarSettings(max_current=16))

    rig.run(600, surplus=20_000)

    assert max(rig.setpoints_since(0)) == 16


# --- stopping -------------------------------------------------------------------------------


def test_holds_the_minimum_and_stops_after_the_disable_delay() -> None:
    """A shortfall holds the minimum through the 180 s disable delay, counting down, then pauses."""
    rig = charging_rig(8)
    rig.run(600, surplus=surplus_for(8))  # the minimum on-time has passed

    rig.run(300, surplus=2000)

    shortfall_seen = rig.first_time(6, since=600)
    assert shortfall_seen is not None
    stopping = [d for t, d in rig.decisions if shortfall_seen <= t < shortfall_seen + 180]
    assert {d.setpoint for d in stopping} == {6}
    assert {d.state for d in stopping} == {ControllerState.STOPPING}
    assert [d.seconds_left for d in stopping] == [180, 150, 120, 90, 60, 30]
    assert rig.first_time(0, since=600) == shortfall_seen + 180


def test_any_recovery_restarts_the_disable_delay() -> None:
    """Shortfalls shorter than the disable delay, each with a recovery, never pause."""
    rig = charging_rig(8)
    rig.run(600, surplus=surplus_for(8))

    for _ in range(5):
        rig.run(150, surplus=2000)  # seen short for 150 s, less than the disable delay
        rig.run(60, surplus=surplus_for(8))  # seen enough for a cycle

    assert 0 not in rig.setpoints_since(600)


def test_min_on_time_keeps_a_fresh_start_charging_through_a_shortfall() -> None:
    """A fresh start charges for the 600 s minimum on time even through a shortfall."""
    rig = Rig()
    rig.run(61, surplus=6000)  # started at 60
    rig.run(900, surplus=2000)

    assert rig.first_time(0, since=61) == 60 + 600


def test_min_solar_holds_the_minimum_and_never_pauses() -> None:
    """Min+solar holds the minimum current and never pauses, whatever the surplus."""
    rig = charging_rig(8, mode=ChargeMode.MIN_SOLAR)

    rig.run(3600, surplus=500)

    assert set(rig.setpoints_since(30)) == {6}
    assert rig.last.state is ControllerState.HOLDING_MINIMUM


def test_min_solar_starts_at_once_without_surplus() -> None:
    """Min+solar starts at the minimum at once, without surplus or delay."""
    rig = Rig(mode=ChargeMode.MIN_SOLAR)

    rig.run(1, surplus=0)

    assert (rig.last.setpoint, rig.last.write) == (6, True)


# --- stale sensor ---------------------------------------------------------------------------


def test_unavailable_sensor_no_increase_then_minimum_then_pause() -> None:
    """An unavailable grid sensor: no increase, the minimum after 90 s, a pause after 300 s."""
    rig = charging_rig(16)
    rig.run(600, surplus=surplus_for(16))  # last good reading at 595

    rig.run(600, surplus=None)

    stale = [(t, d) for t, d in rig.decisions if t >= 600]
    assert {d.state for _, d in stale} == {ControllerState.SENSOR_STALE}
    assert max(d.setpoint for _, d in stale) == 16
    assert rig.first_time(6, since=600) == 690  # 95 s after the last good reading
    assert rig.first_time(0, since=600) == 900  # 305 s after it
    assert [d.seconds_left for t, d in stale if t < 690] == [85, 55, 25]


def test_stale_sensor_in_min_solar_goes_to_the_minimum_and_stays() -> None:
    """In min+solar, a stale sensor brings the current to the minimum and keeps it there."""
    rig = charging_rig(16, mode=ChargeMode.MIN_SOLAR)
    rig.run(600, surplus=surplus_for(16))

    rig.run(1200, surplus=None)

    assert set(rig.setpoints_since(690)) == {6}


def test_a_silent_sensor_is_stale_after_the_timeout() -> None:
    """A sensor that stops reporting counts as stale 90 s after its last reading."""
    rig = charging_rig(8)
    rig.run(600, surplus=surplus_for(8))  # last reading at 595

    rig.run(91, surplus=surplus_for(8), readings=False)

    states = {t: d.state for t, d in rig.decisions if t >= 600}
    assert states == {
        600: ControllerState.CHARGING_ON_SURPLUS,
        630: ControllerState.CHARGING_ON_SURPLUS,
        660: ControllerState.CHARGING_ON_SURPLUS,  # 65 s: not yet
        690: ControllerState.SENSOR_STALE,  # 95 s
    }


def test_a_sensor_reporting_every_minute_is_not_stale() -> None:
    """A sensor reporting once a minute is never taken for stale."""
    controller = SolarController(SolarSettings())
    charging = ChargerObservation(True, True, 8, (8.0, 8.0, 8.0), 8, 3)
    states = set()
    for now in range(0, 1800, CYCLE):
        if now % 60 == 0:
            controller.add_grid_sample(now, -480.0)
        states.add(controller.step(now, charging).state)

    assert states == {ControllerState.CHARGING_ON_SURPLUS}


def test_readings_within_the_settle_window_are_skipped() -> None:
    """Readings taken while the car settles after a change are ignored."""
    controller = SolarController(SolarSettings())
    at_eight = ChargerObservation(True, True, 8, (8.0, 8.0, 8.0), 8, 3)
    controller.add_grid_sample(0, -480.0)
    assert controller.step(0, at_eight).setpoint == 8
    for now in range(5, 31, 5):
        controller.add_grid_sample(now, 200.0)  # importing a little at 8 A
    down = controller.step(30, at_eight)
    assert (down.setpoint, down.write) == (7, True)

    at_seven = ChargerObservation(True, True, 7, (7.0, 7.0, 7.0), 7, 3)
    for now in range(35, 51, 5):
        controller.add_grid_sample(now, -9000.0)  # a glitch while the car settles
    for now in range(55, 61, 5):
        controller.add_grid_sample(now, -490.0)

    assert controller.step(60, at_seven).setpoint == 7


# --- startup, unplugging, modes -------------------------------------------------------------


def test_startup_adopts_a_charging_car_without_a_write() -> None:
    """At start-up a car charging on enough surplus is adopted as it is, without a write."""
    rig = charging_rig(16)

    rig.run(1, surplus=surplus_for(16))

    assert (rig.last.setpoint, rig.last.write) == (16, False)
    assert rig.last.state is ControllerState.CHARGING_ON_SURPLUS


def test_startup_never_pauses_on_the_first_cycle() -> None:
    """At start-up without surplus a charging car drops to the minimum, not to a pause."""
    rig = charging_rig(16)

    rig.run(1, surplus=0)

    assert (rig.last.setpoint, rig.last.state) == (6, ControllerState.STOPPING)
    assert rig.last.seconds_left == 600  # the on-time counts from the start of the controller


def test_startup_without_any_reading_holds_the_charger() -> None:
    """At start-up before any reading, the charger is left as it is."""
    rig = charging_rig(16)

    rig.run(1, surplus=None, readings=False)

    assert (rig.last.setpoint, rig.last.write) == (16, False)
    assert rig.last.state is ControllerState.SENSOR_STALE


def test_a_sensor_that_never_reports_pauses_a_charging_car_after_5_minutes() -> None:
    """A sensor that never reports: the minimum after 90 s, a pause after 5 minutes."""
    rig = charging_rig(16)

    rig.run(331, surplus=None, readings=False)

    assert rig.first_time(6) == 90
    assert rig.first_time(0) == 300


def test_startup_adopts_a_paused_charger() -> None:
    """At start-up a paused charger without surplus is left paused, without a write."""
    rig = Rig(em_current=0)

    rig.run(1, surplus=0)

    assert (rig.last.setpoint, rig.last.write) == (0, False)
    assert rig.last.state is ControllerState.WAITING_FOR_SURPLUS


def test_unplugging_resets_the_timers() -> None:
    """Unplugging clears the timers: the next car waits for the enable delay only."""
    rig = charging_rig(8)
    rig.run(630, surplus=2000)
    assert rig.first_time(0) == 600  # stopped; the minimum off-time runs until 900

    rig.plugged = False
    rig.run(30, surplus=6000)
    assert (rig.last.state, rig.last.setpoint) == (ControllerState.NO_VEHICLE, 0)
    rig.plugged = True
    rig.run(61, surplus=6000)

    assert rig.first_time(6, since=630) == 720  # enable delay only, long before 900


def test_unplugging_during_a_countdown_restarts_it() -> None:
    """Unplugging during the start countdown makes the next car's countdown start over."""
    rig = Rig()
    rig.run(45, surplus=6000)  # starting: 30 s left
    rig.plugged = False
    assert rig.step().state is ControllerState.STARTING  # between cycles: a repeat...
    rig.plugged = True  # ...yet the timers are gone
    rig.run(76, surplus=6000)

    assert rig.first_time(6) == 120


def test_off_writes_zero_once_and_then_leaves_the_number_alone() -> None:
    """Off writes 0 once and then leaves a current set by hand alone."""
    rig = charging_rig(16, mode=ChargeMode.OFF)
    rig.run(60, surplus=6000)
    assert [(t, d.setpoint) for t, d in rig.writes] == [(0, 0)]

    rig.em_current = 10  # the user sets the number by hand
    rig.run(600, surplus=6000)

    assert len(rig.writes) == 1
    assert rig.last.state is ControllerState.OFF


def test_fast_writes_the_maximum_and_a_mode_change_decides_at_once() -> None:
    """Fast writes the maximum, and a mode change is decided at once, not at the next cycle."""
    rig = charging_rig(8)
    rig.run(40, surplus=surplus_for(8))

    rig.controller.set_mode(ChargeMode.FAST)
    fast = rig.step()  # at 40: between cycles, yet decided at once
    assert (fast.setpoint, fast.write, fast.state) == (32, True, ControllerState.FAST)

    rig.controller.set_mode(ChargeMode.SOLAR)
    rig.run(90, surplus=surplus_for(8))
    assert rig.last.setpoint == 8


def test_an_em_current_changed_by_someone_else_is_written_back() -> None:
    """A held current changed by someone else is set back to the controller's."""
    controller = SolarController(SolarSettings())
    drawing_eight = ChargerObservation(True, True, 8, (8.0, 8.0, 8.0), 8, 3)
    controller.add_grid_sample(0, -480.0)
    assert controller.step(0, drawing_eight).write is False
    changed = ChargerObservation(True, True, 8, (8.0, 8.0, 8.0), held_current=20, phases_in_use=3)
    controller.add_grid_sample(30, -480.0)

    decision = controller.step(30, changed)

    assert (decision.setpoint, decision.write) == (8, True)


def test_a_lagging_poll_after_our_own_write_is_not_taken_for_a_change() -> None:
    """A poll that has not yet seen our own write is not taken for someone else's change."""
    controller = SolarController(SolarSettings())
    drawing_eight = ChargerObservation(True, True, 8, (8.0, 8.0, 8.0), 8, 3)
    controller.add_grid_sample(0, 200.0)
    assert controller.step(0, drawing_eight).write is True  # down to 7
    for now in range(25, 31, 5):
        controller.add_grid_sample(now, -490.0)

    assert controller.step(30, drawing_eight).write is False  # still says 8: not yet polled


# --- what the car does ----------------------------------------------------------------------


def test_a_full_car_never_drives_the_setpoint_up() -> None:
    """A car that draws nothing never makes the current go up."""
    rig = Rig(car_fraction=0.0)

    rig.run(3600, surplus=20_000)

    assert set(rig.setpoints_since(60)) == {6}


def test_a_lazy_car_gets_at_most_its_draw_plus_the_headroom_above_the_surplus() -> None:
    """A car drawing less than offered gets at most its draw plus the headroom, and settles."""
    rig = Rig(car_fraction=0.7)

    rig.run(3600, surplus=surplus_for(8))

    assert max(rig.setpoints_since(0)) <= 8 + rig.settings.headroom_current
    assert rig.writes[-1][0] < 600  # and settles


# --- the home battery -----------------------------------------------------------------------


def _decide_with_battery(
    settings: SolarSettings, grid: float, battery: float, soc: float, charging_at: int
) -> ControllerState:
    controller = SolarController(settings)
    amps = float(charging_at)
    charger = ChargerObservation(True, charging_at > 0, charging_at, (amps,) * 3, charging_at, 3)
    for now in range(0, 31, 5):
        controller.add_grid_sample(now, grid)
        controller.add_battery_sample(now, battery, soc)
    controller.step(0, charger)
    return controller.step(30, charger).state


def test_battery_discharge_counts_as_import() -> None:
    """A home battery discharging counts as grid import: the charger starts stopping."""
    state = _decide_with_battery(SolarSettings(), grid=0, battery=-3000, soc=90, charging_at=8)

    assert state is ControllerState.STOPPING


def test_battery_charging_below_the_priority_soc_is_not_surplus() -> None:
    """Below the priority charge level, power going into the battery is not surplus."""
    settings = SolarSettings(battery_priority_soc=80)

    below = _decide_with_battery(settings, grid=-1000, battery=5000, soc=50, charging_at=0)
    above = _decide_with_battery(settings, grid=-1000, battery=5000, soc=85, charging_at=0)
    no_priority = _decide_with_battery(
        SolarSettings(), grid=-1000, battery=5000, soc=50, charging_at=0
    )

    assert below is ControllerState.WAITING_FOR_SURPLUS
    assert above is ControllerState.STARTING
    assert no_priority is ControllerState.STARTING


# --- setpoints and writes -------------------------------------------------------------------


def test_setpoints_are_only_zero_or_within_the_limits_and_writes_only_changes() -> None:
    """Under random conditions setpoints are 0 or in range; writes are changes, a cycle apart."""
    rng = random.Random(7)
    settings = SolarSettings(min_current=8, max_current=16)
    rig = Rig(settings=settings, car_fraction=0.9)
    for _ in range(400):
        rig.plugged = rng.random() > 0.05
        surplus = None if rng.random() < 0.05 else rng.uniform(-2000, 15_000)
        rig.run(rng.choice((5, 30, 90)), surplus=surplus)

    allowed = {0, *range(8, 17)}
    assert {decision.setpoint for _, decision in rig.decisions} <= allowed
    previous = 0
    for _, write in rig.writes:
        assert write.setpoint != previous
        previous = write.setpoint
    times = [time for time, _ in rig.writes]
    assert all(later - earlier >= CYCLE for earlier, later in pairwise(times))


def test_steps_between_cycles_repeat_the_decision_without_writing() -> None:
    """Steps between cycles repeat the last decision and write nothing."""
    rig = Rig()
    for now in range(0, 181):
        rig.now = now
        if now % 5 == 0:
            rig.controller.add_grid_sample(now, rig.grid_for(6000))
        rig.step()  # every second

    assert [time for time, _ in rig.writes] == [60, 120]  # start, then ramp
    assert [d.setpoint for _, d in rig.decisions[60:90]] == [6] * 30


def test_no_writes_while_nothing_changes() -> None:
    """A steady surplus causes no writes at all."""
    rig = charging_rig(8)

    rig.run(3600, surplus=surplus_for(8.5))

    assert rig.writes == []


# --- phase switching ------------------------------------------------------------------------


def test_without_phase_switching_the_phases_never_change() -> None:
    """Without phase switching the phases stay at three, even if one would do."""
    rig = charging_rig(8)

    rig.run(1800, surplus=2500)  # one phase would do, three do not

    assert {decision.phases for _, decision in rig.decisions} == {3}
    assert rig.last.setpoint == 0


def test_phase_switches_come_after_a_pause_and_only_where_supported() -> None:
    """Switching phases goes through a pause, then restarts at the minimum on the new phases."""
    settings = SolarSettings(phase_switching=True)
    rig = charging_rig(8, settings=settings)

    rig.run(1200, surplus=2500)  # one phase only
    rig.run(1800, surplus=6000)  # three phases again

    phase_writes = [(t, d.setpoint, d.phases) for t, d in rig.writes]
    switches = [
        (earlier, later) for earlier, later in pairwise(phase_writes) if later[2] != earlier[2]
    ]
    assert [later[2] for _, later in switches] == [1, 3]
    for earlier, later in switches:
        assert earlier[1] == 0  # the pause
        assert later[0] - earlier[0] >= settings.phase_switch_pause
        assert later[1] == settings.min_current
    switching = {d.state for _, d in rig.decisions if d.setpoint == 0}
    assert switching == {ControllerState.SWITCHING_PHASES}
    assert rig.last.setpoint == 8
    on_one_phase = [d.setpoint for t, d in rig.decisions if d.phases == 1 and t < 1200]
    assert max(on_one_phase) == 10  # (2500 - 100) / 230


def test_fast_goes_back_to_three_phases_through_a_pause() -> None:
    """Fast mode on one phase goes back to three phases through a pause."""
    settings = SolarSettings(phase_switching=True)
    rig = charging_rig(10, settings=settings, phases=1)
    rig.controller.set_mode(ChargeMode.FAST)

    rig.run(91, surplus=0)

    assert [(t, d.setpoint, d.phases) for t, d in rig.writes] == [(0, 0, 1), (60, 32, 3)]
    assert rig.decisions[1][1].state is ControllerState.SWITCHING_PHASES


def test_an_observation_with_an_impossible_phase_count_is_refused() -> None:
    """An observation with more than three phases in use is refused."""
    with pytest.raises(ValueError, match="phases_in_use"):
        ChargerObservation(True, True, 6, (6.0,), 6, phases_in_use=4)


def test_the_surplus_holds_through_cycles_without_a_fresh_reading() -> None:
    """A meter that reports only now and then: the surplus shown stays until it is stale."""
    rig = Rig(settings=SolarSettings(sensor_timeout=75, stale_minimum_after=90))
    rig.run(31, surplus=6000)
    shown = rig.last.surplus_power
    assert shown == 5900
    rig.run(30, surplus=6000, readings=False)  # no reading in this cycle: nothing new
    assert rig.last.state is ControllerState.CHARGING_ON_SURPLUS  # started at 60 s
    assert rig.last.surplus_power == shown
    assert rig.last.target_current == 8
    rig.run(60, surplus=6000, readings=False)  # silent past the timeout: stale
    assert rig.last.state is ControllerState.SENSOR_STALE
    assert rig.last.surplus_power is None
