"""Whole sessions seen from start to end: what a record holds, which records are kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from custom_components.lektrico_local.history import (
    ChargerSample,
    HistorySettings,
    SessionRecorder,
)

from .rig import T0, Rig

MIN = 60


def test_plug_charge_pause_resume_unplug() -> None:
    """One record with exact times, the charger's energy, the charging time without the pause,
    the peak power, the most phases, the modes in order of first use and the cost at the price."""
    rig = Rig(HistorySettings(fixed_price=0.25))
    rig.recorder.set_charge_mode("normal")
    rig.run(MIN)  # unplugged: the plug-in that follows is seen as it happens
    plugged_at = rig.now
    rig.plug()
    rig.run(2 * MIN)
    rig.charge(11000, phases=3)
    rig.run(60 * MIN)  # 11 kWh
    rig.pause()
    rig.run(30 * MIN)
    rig.recorder.set_charge_mode("solar")
    rig.recorder.set_charge_mode("normal")  # used before: not listed twice
    rig.charge(7200, phases=1)
    rig.run(30 * MIN)  # 3.6 kWh
    rig.unplug()
    unplugged_at = rig.now
    rig.run(MIN)

    [record] = rig.finished
    assert rig.recorder.sessions == (record,)
    assert (record.start, record.end) == (plugged_at, unplugged_at)
    assert not record.start_approximate
    assert not record.end_approximate
    assert record.duration_plugged_s == (2 + 60 + 30 + 30) * MIN
    assert record.duration_charging_s == (60 + 30) * MIN
    assert record.energy_wh == pytest.approx(14600)
    assert record.grid_energy_wh == pytest.approx(14600)
    assert record.solar_energy_wh is None  # no grid sensor: unknown, not 0
    assert record.unobserved_energy_wh == 0
    assert record.peak_power_w == 11000
    assert record.phases == 3
    assert record.charge_modes == ("normal", "solar")
    assert record.charger_session_ids == (101,)
    assert record.cost == pytest.approx(14.6 * 0.25)
    assert record.grid_cost == pytest.approx(14.6 * 0.25)
    assert record.tag is None
    assert (record.missed, record.sessions) == (False, 1)


def test_a_short_plug_without_energy_is_kept() -> None:
    """30 s plugged, 0 Wh: still a record, since the car was plugged; 0 Wh costs 0."""
    rig = Rig(HistorySettings(fixed_price=0.25))
    rig.run(20)
    rig.plug()
    rig.run(30)
    rig.unplug()
    rig.run(10)

    [record] = rig.recorder.sessions
    assert record.duration_plugged_s == 30
    assert record.duration_charging_s == 0
    assert record.energy_wh == 0
    assert record.cost == 0
    assert record.peak_power_w == 0


def test_a_session_already_running_when_first_seen() -> None:
    """The car was plugged before the first sample: the start is approximate (the first sample)
    and the charger's counter for the session so far is credited, as unobserved."""
    rig = Rig()
    rig.plug()
    rig.charge(7200)
    rig.run(30 * MIN, watching=False)  # 3.6 kWh before Home Assistant looks
    first_seen = rig.now
    rig.run(30 * MIN)
    rig.unplug()
    rig.run(10)

    [record] = rig.recorder.sessions
    assert record.start == first_seen
    assert record.start_approximate
    assert record.energy_wh == pytest.approx(7200)
    assert record.unobserved_energy_wh == pytest.approx(3600)


def test_the_tag_goes_to_the_next_session_or_the_one_in_progress() -> None:
    """A tag set with no car plugged waits for the next session, and only that one; a tag set
    during a session is that session's."""
    rig = Rig()
    rig.recorder.set_tag("work")
    rig.run(10)
    first = rig.session(5)
    second = rig.session(5)
    rig.plug()
    rig.run(30)
    rig.recorder.set_tag("private")
    rig.unplug()
    rig.run(10)
    third = rig.finished[-1]

    assert [first.tag, second.tag, third.tag] == ["work", None, "private"]
    assert rig.recorder.sessions == (first, second, third)


def test_samples_that_tell_nothing_change_nothing() -> None:
    """A sample that does not say whether a car is plugged (charger unreachable) or that is not
    newer than the last one neither ends the session nor counts its energy."""
    rig = Rig()
    rig.run(10)
    rig.plug()
    rig.charge(7200)
    rig.run(5 * MIN)
    recorder = rig.recorder
    recorder.add_sample(ChargerSample(rig.now, session_id=None, plugged=None))
    stale = ChargerSample(
        rig.now - timedelta(minutes=1), 101, plugged=False, session_energy_wh=99_999
    )
    assert recorder.add_sample(stale) == []

    current = recorder.current
    assert current is not None
    assert recorder.sessions == ()
    assert current.energy_wh == pytest.approx(580)  # the last sample showed 29 steps of 20 Wh


def test_times_must_be_timezone_aware() -> None:
    """A naive time would compare wrongly with the stored ones: it is refused at once."""
    with pytest.raises(ValueError, match="timezone-aware"):
        ChargerSample(T0.replace(tzinfo=None), plugged=True)
    with pytest.raises(ValueError, match="timezone-aware"):
        SessionRecorder().add_grid_power(T0.replace(tzinfo=None), 100.0)


def test_only_the_last_sessions_are_kept() -> None:
    """max_sessions records at most: the oldest go first."""
    rig = Rig(HistorySettings(max_sessions=3))
    rig.run(10)
    starts = []
    for _ in range(5):
        starts.append(rig.now)
        rig.session(1)

    assert [record.start for record in rig.recorder.sessions] == starts[2:]
    assert len(rig.finished) == 5  # each was handed out when it ended


def test_the_default_bound_is_2000_sessions() -> None:
    """The issue's bound: 2,000 records per charger, the 3 oldest of 2,003 dropped."""
    recorder = SessionRecorder()
    assert recorder.settings.max_sessions == 2000
    at = T0
    for session_id in range(2003):
        for plugged in (True, False):
            recorder.add_sample(ChargerSample(at, session_id, plugged, False, 0.0, 0.0))
            at += timedelta(seconds=10)

    sessions = recorder.sessions
    assert len(sessions) == 2000
    assert sessions[0].charger_session_ids == (3,)
    assert sessions[-1].charger_session_ids == (2002,)
