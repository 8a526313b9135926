"""Sessions Home Assistant never saw, found from the charger's counters, and the races between
counter readings and samples that must not make up missed sessions."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from custom_components.lektrico_local.history import Counters, HistorySettings

from .rig import STEP, Rig

MIN = 60


def watched(rig: Rig) -> Rig:
    """A first reading (the baseline) taken against a sample after it."""
    rig.read_counters()
    rig.run(2 * STEP)
    return rig


def unseen_sessions(rig: Rig, *energies_wh: float) -> None:
    """Sessions of these energies at 6 kW while Home Assistant is down, 10 min apart."""
    for energy_wh in energies_wh:
        rig.plug()
        rig.charge(6000)
        rig.run(energy_wh / 6000 * 3600, watching=False)
        rig.unplug()
        rig.run(10 * MIN, watching=False)


def test_one_missed_session() -> None:
    """Home Assistant down while a 5 kWh session happened: one missed record with the counters'
    last_session_energy, approximate over the window from the last sample before to the reading
    that found it, priced at the price in force then; its solar part unknown."""
    rig = watched(Rig(HistorySettings(fixed_price=0.3)))
    last_seen = rig.now - timedelta(seconds=STEP)
    unseen_sessions(rig, 5000)
    rig.read_counters()
    found = rig.now
    rig.run(2 * STEP)

    [record] = rig.finished
    assert record.missed
    assert (record.start, record.end) == (last_seen, found)
    assert record.start_approximate
    assert record.end_approximate
    assert record.energy_wh == pytest.approx(5000)
    assert record.unobserved_energy_wh == pytest.approx(5000)
    assert record.grid_energy_wh == pytest.approx(5000)
    assert record.solar_energy_wh is None
    assert record.cost == pytest.approx(1.5)
    assert (record.duration_plugged_s, record.duration_charging_s) == (None, None)
    assert record.sessions == 1


def test_three_missed_sessions() -> None:
    """Three unseen sessions of 5, 7 and 4 kWh: the latest with its 4 kWh, and one record for
    the 2 others with the lifetime counter's growth less the latest: 16 - 4 = 12 kWh."""
    rig = watched(Rig())
    unseen_sessions(rig, 5000, 7000, 4000)
    rig.read_counters()
    rig.run(2 * STEP)

    others, latest = rig.recorder.sessions
    assert others.sessions == 2
    assert others.energy_wh == pytest.approx(12000)
    assert latest.sessions == 1
    assert latest.energy_wh == pytest.approx(4000)
    assert (others.missed, latest.missed) == (True, True)
    assert others.cost is None  # no price configured
    assert rig.recorder.this_month(rig.now, UTC).sessions == 3


def test_missed_sessions_leave_out_the_energy_that_was_seen() -> None:
    """A session Home Assistant saw (3.6 kWh), then two it did not (2 and 3 kWh): the record of
    the other missed one has the lifetime growth less the seen session and the latest."""
    rig = watched(Rig())
    seen = rig.session(30)
    rig.run(MIN)
    unseen_sessions(rig, 2000, 3000)
    rig.read_counters()
    rig.run(2 * STEP)

    first, others, latest = rig.recorder.sessions
    assert first == seen
    assert seen.energy_wh == pytest.approx(3600)
    assert others.sessions == 1
    assert others.energy_wh == pytest.approx(2000)
    assert latest.energy_wh == pytest.approx(3000)


def test_counters_read_before_the_unplug_is_seen_make_no_missed_session() -> None:
    """The charger counts an unplug before a sample shows it: the reading waits for a later
    sample, which shows the end, and nothing is missed."""
    rig = watched(Rig())
    rig.plug()
    rig.charge(7200)
    rig.run(10 * MIN)
    rig.unplug()
    rig.read_counters()  # already counts the unplug, which no sample showed yet
    rig.run(2 * STEP)

    [record] = rig.recorder.sessions
    assert not record.missed


def test_an_unplug_seen_after_a_reading_that_missed_it_is_matched_later() -> None:
    """The reading came just before the unplug and the sample after it shows the unplug: the
    end waits for the next reading, and neither reading makes a missed session."""
    rig = watched(Rig())
    rig.plug()
    rig.charge(7200)
    rig.run(10 * MIN)
    rig.read_counters()  # before the unplug
    rig.now += timedelta(seconds=1)
    rig.unplug()
    rig.run(2 * STEP)
    rig.read_counters()
    rig.run(2 * STEP)

    assert [record.missed for record in rig.recorder.sessions] == [False]


def test_counters_before_the_first_sample_after_a_restart() -> None:
    """Home Assistant comes back with a session open in storage and reads the counters before
    the charger: the reading waits for the sample, which shows the session over, and it counts
    as that session's end, not as a missed one."""
    rig = watched(Rig())
    rig.plug()
    rig.charge(7200)
    rig.run(10 * MIN)
    rig.restart()
    rig.run(10 * MIN, watching=False)
    rig.unplug()  # 20 min: 2400 Wh
    rig.run(5 * MIN, watching=False)
    rig.read_counters()
    rig.run(2 * STEP)

    [record] = rig.recorder.sessions
    assert not record.missed
    assert record.end_approximate
    assert record.energy_wh == pytest.approx(2400)


def test_an_end_the_charger_never_counted_is_dropped() -> None:
    """The samples showed an unplug the counters did not count: nothing is missed and the
    reading gives no top-up; the end is not kept to hide a later missed session."""
    rig = watched(Rig())
    rig.session(10)
    rig.charger.total_sessions -= 1  # as if the charger had not counted it
    rig.read_counters()
    rig.run(2 * STEP)
    unseen_sessions(rig, 1000)
    rig.read_counters()
    rig.run(2 * STEP)

    seen, missed = rig.recorder.sessions
    assert (seen.missed, missed.missed) == (False, True)
    assert missed.energy_wh == pytest.approx(1000)


def test_counters_without_sessions_or_that_went_back() -> None:
    """A reading without total_sessions cannot be compared: a session waiting for it is stored
    at once. A total that went back (charger reset or replaced) is a new baseline, not sessions
    missed; nor is the first reading ever."""
    rig = Rig()
    rig.arrive(None)
    rig.run(MIN)
    rig.run(5 * MIN, watching=False)
    rig.unplug()
    rig.run(3 * STEP)
    assert len(rig.recorder.awaiting_counters) == 1

    last_sample = rig.now - timedelta(seconds=STEP)
    rig.finished += rig.recorder.add_counters(Counters(last_sample - timedelta(seconds=1)))
    assert len(rig.recorder.sessions) == 1

    rig.read_counters()  # the first reading with a total: a baseline
    rig.run(2 * STEP)
    rig.charger.total_sessions = 3
    rig.read_counters()
    rig.run(2 * STEP)
    assert [record.missed for record in rig.recorder.sessions] == [False]


def test_older_readings_are_ignored_and_lifetime_unknown_leaves_energy_unknown() -> None:
    """A reading older than the last one taken changes nothing. Without the lifetime counter
    the energy of the other missed sessions is unknown (None), not 0."""
    rig = watched(Rig())
    baseline_at = rig.now - timedelta(seconds=2 * STEP)
    rig.recorder.add_counters(Counters(baseline_at - timedelta(minutes=1), total_sessions=0))
    unseen_sessions(rig, 1000, 2000)
    counters = Counters(rig.now, rig.charger.total_sessions, 2000.0, None)
    rig.recorder.add_counters(counters)
    rig.run(2 * STEP)

    others, latest = rig.recorder.sessions
    assert (others.sessions, others.energy_wh, others.cost) == (1, None, None)
    assert latest.energy_wh == pytest.approx(2000)
