"""Sessions that go on through a charger reboot, an outage or a Home Assistant restart."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from custom_components.lektrico_local.history import HistorySettings

from .rig import SOLAR, STEP, Rig

MIN = 60


def started(rig: Rig, power_w: float = 7200) -> Rig:
    """Counters read, the car seen plugging in and charging at `power_w`."""
    rig.read_counters()
    rig.arrive(power_w)
    return rig


def test_charger_reboot_continues_the_same_record() -> None:
    """A new session id with the car still plugged, after a minute unreachable: one record with
    both charger sessions, their energies added (the second's from 0, so the 60 Wh it had when
    first seen count), and the 20 Wh the first delivered after its last sample added from the
    counters' last_session_energy."""
    rig = started(Rig())
    rig.run(30 * MIN)  # 3600 Wh; the last sample showed 3580
    rig.charger.reboot()
    rig.pause()
    rig.run(MIN / 2, watching=False)
    rig.charge(7200)
    rig.run(MIN / 2, watching=False)  # 60 Wh before the new session's first sample
    rig.run(10 * MIN)
    rig.read_counters()  # one session ended (the reboot), with 3600 Wh
    rig.run(20 * MIN)
    rig.leave()
    rig.read_counters()
    rig.run(STEP)

    [record] = rig.recorder.sessions
    assert record.charger_session_ids == (101, 102)
    assert record.energy_wh == pytest.approx(3600 + 60 + 3600)
    assert record.unobserved_energy_wh == pytest.approx(20)
    assert not record.missed
    # The minute of the reboot counts: charging was seen before and after it.
    assert record.duration_charging_s == 60 * MIN + MIN


def test_outage_back_plugged_credits_the_gap_as_grid() -> None:
    """30 min without samples in a solar session: the counter's growth over the gap (1810 s of
    7.2 kW) is credited, as grid and unobserved; the watched time is 5/12 solar
    (3 kW exported before the car, 7.2 kW drawn)."""
    rig = started(Rig(SOLAR, house_w=-3000))
    rig.run(10 * MIN)
    rig.run(30 * MIN, watching=False)
    rig.run(10 * MIN)
    rig.leave()

    [record] = rig.recorder.sessions
    gap_wh = (30 * MIN + STEP) * 2  # 2 Wh/s, from the last sample before to the first after
    watched_wh = 6000 - gap_wh
    assert record.energy_wh == pytest.approx(6000)
    assert record.unobserved_energy_wh == pytest.approx(gap_wh)
    assert record.solar_energy_wh == pytest.approx(watched_wh * 3000 / 7200)
    assert record.grid_energy_wh == pytest.approx(6000 - watched_wh * 3000 / 7200)
    assert record.duration_charging_s == 50 * MIN  # charging on both sides of the gap
    assert not record.end_approximate


def test_charging_time_across_a_gap_needs_charging_at_both_ends() -> None:
    """Charging before a 10 min outage and paused after it: the outage does not count as
    charging, since nobody knows when the car stopped."""
    rig = started(Rig())
    rig.run(10 * MIN)
    rig.pause()
    rig.run(10 * MIN, watching=False)
    rig.run(MIN)
    rig.leave()

    [record] = rig.recorder.sessions
    assert record.duration_charging_s == 10 * MIN - STEP
    assert record.duration_plugged_s == 21 * MIN


def test_outage_back_unplugged_ends_at_the_last_sight_and_waits_for_the_counters() -> None:
    """The car left during an outage and the charger no longer shows the session: the record
    ends when the car was last seen plugged (approximate), waits for the counters, and takes
    the rest of its energy from last_session_energy."""
    rig = started(Rig(HistorySettings(fixed_price=0.2)))
    rig.charger.forgets_on_unplug = True
    rig.run(10 * MIN)
    last_seen = rig.now - timedelta(seconds=STEP)
    rig.run(20 * MIN, watching=False)
    rig.unplug()  # 30 min at 7.2 kW: 3600 Wh
    rig.run(10 * MIN, watching=False)
    rig.run(3 * STEP)

    assert rig.recorder.sessions == ()
    [waiting] = rig.recorder.awaiting_counters
    assert waiting.energy_wh == pytest.approx(1180)  # what the last sample showed
    assert this_month_energy(rig) == pytest.approx(1180)

    rig.read_counters()
    rig.run(STEP)  # a sample at the reading's time: it waits for a later one
    assert rig.finished == []
    rig.run(STEP)

    [record] = rig.finished
    assert rig.recorder.awaiting_counters == ()
    assert record.end == last_seen
    assert record.end_approximate
    assert record.duration_plugged_s == 10 * MIN - STEP
    assert record.energy_wh == pytest.approx(3600)
    assert record.unobserved_energy_wh == pytest.approx(3600 - 1180)
    assert record.cost == pytest.approx(3.6 * 0.2)
    assert not record.missed


def test_outage_back_unplugged_without_counters_is_stored_after_the_wait() -> None:
    """No counters reading comes: after counters_wait the record is stored with what was seen."""
    rig = started(Rig())
    rig.charger.forgets_on_unplug = True
    rig.run(10 * MIN)
    rig.run(5 * MIN, watching=False)
    rig.unplug()
    rig.run(5 * MIN, watching=False)
    rig.run(14 * MIN)
    assert rig.recorder.sessions == ()

    rig.run(2 * MIN)

    [record] = rig.recorder.sessions
    assert record.energy_wh == pytest.approx(1180)
    assert record.end_approximate


def test_new_session_after_a_long_silence_is_a_new_record() -> None:
    """A new id after more than max_reboot_gap unseen: the car may have left and come back, so
    the first record ends at its last sight, and the counters' last_session_energy completes it;
    the second starts approximately with its counter so far."""
    rig = started(Rig())
    rig.run(10 * MIN)
    rig.run(5 * MIN, watching=False)
    rig.unplug()  # 15 min: 1800 Wh
    rig.plug()
    rig.charge(3600)
    rig.run(10 * MIN, watching=False)  # 600 Wh
    back = rig.now
    rig.run(MIN)
    rig.read_counters()
    rig.run(2 * STEP)

    [first] = rig.recorder.sessions
    second = rig.recorder.current
    assert second is not None
    assert first.charger_session_ids == (101,)
    assert first.energy_wh == pytest.approx(1800)
    assert first.end_approximate
    assert second.charger_session_ids == (102,)
    assert (second.start, second.start_approximate) == (back, True)
    assert second.energy_wh == pytest.approx(600 + 70)


def test_restart_after_every_sample_changes_nothing() -> None:
    """to_dict() through JSON and from_dict() between every two samples, prices and grid readings
    included: the record is the same as without restarts, to the last Wh and cent."""
    records = []
    for restarting in (False, True):
        rig = started(Rig(HistorySettings(grid_sensor=True, price_sensor=True), house_w=-3000))
        rig.set_price(0.30)
        for step in range(360):
            if step == 180:
                rig.set_price(0.10)
                rig.house_w = 1000
            rig.run(STEP)
            if restarting:
                rig.restart()
        rig.leave()
        [record] = rig.recorder.sessions
        records.append(record)

    assert records[0] == records[1]
    record = records[1]
    assert record.energy_wh == pytest.approx(7200)
    assert record.solar_energy_wh == pytest.approx(3600 * 3000 / 7200)  # the first half
    assert record.cost == pytest.approx(3.6 * 0.30 + 3.6 * 0.10)
    assert record.grid_cost == pytest.approx(3.6 * 4200 / 7200 * 0.30 + 3.6 * 0.10)


def test_restart_with_downtime_counts_every_wh_once() -> None:
    """Home Assistant down 5 minutes in the middle of a session: after from_dict() the session
    goes on, and its energy is the charger's, the downtime's part unobserved."""
    rig = started(Rig())
    rig.run(20 * MIN)
    rig.restart()
    rig.run(5 * MIN, watching=False)
    rig.restart()
    rig.run(20 * MIN)
    rig.leave()

    [record] = rig.recorder.sessions
    assert record.energy_wh == pytest.approx(rig.charger.energy_wh)
    assert record.energy_wh == pytest.approx(45 * MIN * 2)
    assert record.unobserved_energy_wh == pytest.approx((5 * MIN + STEP) * 2)


def this_month_energy(rig: Rig) -> float:
    return rig.recorder.this_month(rig.now, UTC).energy_wh
