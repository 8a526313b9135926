"""to_dict() and from_dict(): JSON only, and garbage in storage never raises."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from custom_components.lektrico_local.history import (
    ChargerSample,
    HistorySettings,
    SessionRecord,
    SessionRecorder,
)

from .rig import SOLAR, STEP, T0, Rig

GARBAGE: list[Any] = [None, "x", 1.5, -3, True, [], {}, [1, "a"], {"a": 1}, float("nan")]


def busy() -> Rig:
    """A recorder with something in every part of its state: stored and missed records, a
    session waiting for the counters, one in progress, a pending reading, grid and price."""
    rig = Rig(SOLAR, house_w=-3000)
    rig.charger.forgets_on_unplug = True
    rig.recorder.set_charge_mode("solar")
    rig.read_counters()
    rig.run(2 * STEP)
    rig.session(10)
    rig.plug()
    rig.charge(7200)
    rig.run(5 * 60)
    rig.run(5 * 60, watching=False)
    rig.unplug()
    rig.plug()  # a second session, which the record below shows from its middle
    rig.run(20 * 60, watching=False)
    rig.run(3 * STEP)
    rig.recorder.set_tag("work")
    rig.read_counters()
    return rig


def test_the_busy_state_round_trips_through_json() -> None:
    """Everything survives JSON: the same records, and the same record after more samples."""
    rig = busy()
    twin = Rig(SOLAR, house_w=-3000, now=rig.now, charger=replace(rig.charger))
    stored = json.dumps(rig.recorder.to_dict(), allow_nan=False)
    twin.recorder = SessionRecorder.from_dict(json.loads(stored), SOLAR)
    assert twin.recorder.to_dict() == rig.recorder.to_dict()
    assert rig.recorder.awaiting_counters  # the state really is busy
    assert rig.recorder.current is not None

    for one in (rig, twin):
        one.run(60)
        one.unplug()
        one.run(STEP)
    assert twin.recorder.sessions == rig.recorder.sessions
    first, second, third = rig.recorder.sessions
    assert (first.tag, second.tag, third.tag) == (None, None, "work")
    assert second.end_approximate
    assert second.energy_wh == pytest.approx(1200)  # 10 min at 7.2 kW, topped up by the counters
    assert third.start_approximate


def test_a_record_round_trips() -> None:
    """as_dict() is JSON and from_dict() gives the same record back."""
    record = busy().recorder.sessions[0]
    again = SessionRecord.from_dict(json.loads(json.dumps(record.as_dict())))
    assert again == record
    assert record.charger_session_ids == (101,)


def paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and index inside a to_dict(), nested ones included."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        yield (*path, key)
        yield from paths(item, (*path, key))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def test_garbage_anywhere_never_raises() -> None:
    """Each value of a busy to_dict(), nested ones included, replaced by each kind of garbage:
    from_dict() never raises, and the recorder it gives takes samples and writes JSON again."""
    rig = busy()
    data = rig.recorder.to_dict()
    at = rig.now + timedelta(minutes=1)
    for path in paths(data):
        for value in GARBAGE:
            recorder = SessionRecorder.from_dict(replaced(data, path, value), SOLAR)
            recorder.add_sample(ChargerSample(at, 102, True, True, 5000.0, 7200.0, 3))
            recorder.add_sample(ChargerSample(at + timedelta(minutes=30), 102, False))
            json.dumps(recorder.to_dict(), allow_nan=False)


@pytest.mark.parametrize("value", [*GARBAGE, {"version": 1, "sessions": "no", "open": []}])
def test_garbage_as_a_whole(value: Any) -> None:
    """Not a dict at all, or a dict of nonsense: an empty recorder."""
    recorder = SessionRecorder.from_dict(value)
    assert recorder.sessions == ()
    assert recorder.current is None


def test_unreadable_records_are_dropped_and_the_rest_kept() -> None:
    """A record without a readable start or end (a naive time, not a time) is dropped; a
    readable one with bad values keeps its times with the bad values' defaults."""
    good = SessionRecord(T0, T0 + timedelta(hours=1), energy_wh=1000, tag="work").as_dict()
    bad_values = good | {
        "energy_wh": "much",
        "phases": 2.5,
        "charge_modes": ["a", 3],
        "sessions": 0,
    }
    stored = {
        "sessions": [
            good,
            good | {"start": "2025-03-10T08:00:00"},
            good | {"end": "soon"},
            bad_values,
            "record",
        ]
    }
    first, second = SessionRecorder.from_dict(stored).sessions
    assert first == SessionRecord.from_dict(good)
    assert (first.energy_wh, first.tag) == (1000, "work")
    assert (second.energy_wh, second.phases, second.charge_modes, second.sessions) == (
        None,
        None,
        ("a",),
        1,
    )


def test_fewer_sessions_kept_after_the_setting_went_down() -> None:
    """Stored under a larger max_sessions: the newest are kept."""
    records = [SessionRecord(T0, T0 + timedelta(hours=hour)).as_dict() for hour in range(5)]
    recorder = SessionRecorder.from_dict({"sessions": records}, HistorySettings(max_sessions=2))
    assert [record.end for record in recorder.sessions] == [
        T0 + timedelta(hours=3),
        T0 + timedelta(hours=4),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_sessions": 0}, "max_sessions"),
        ({"max_sessions": 10.0}, "max_sessions"),
        ({"max_sessions": True}, "max_sessions"),
        ({"grid_max_age": 0}, "grid_max_age"),
        ({"max_sample_gap": float("nan")}, "max_sample_gap"),
        ({"counters_wait": "15"}, "counters_wait"),
        ({"fixed_price": float("inf")}, "fixed_price"),
        ({"fixed_price": "0.25"}, "fixed_price"),
    ],
)
def test_settings_are_checked(options: dict[str, Any], message: str) -> None:
    """A wrong option is refused when the settings are built, naming it."""
    with pytest.raises(ValueError, match=message):
        HistorySettings(**options)
