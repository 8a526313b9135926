"""get_sessions' filter and export_sessions' CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from custom_components.lektrico_local.history import (
    CSV_COLUMNS,
    HistorySettings,
    SessionRecord,
    select_sessions,
    write_csv,
)

from .rig import STEP, Rig

DAY = datetime(2025, 3, 10, tzinfo=UTC)
RECORDS = [
    SessionRecord(DAY, DAY + timedelta(hours=1), tag="work"),
    SessionRecord(DAY, DAY + timedelta(hours=2)),
    SessionRecord(DAY, DAY + timedelta(hours=3), tag="work"),
]


def test_select_by_end_time_and_tag() -> None:
    """Sessions that ended in [since, until), with the tag if one is asked for."""
    hour = timedelta(hours=1)
    assert select_sessions(RECORDS) == RECORDS
    assert select_sessions(RECORDS, since=DAY + 2 * hour) == RECORDS[1:]
    assert select_sessions(RECORDS, until=DAY + 2 * hour) == RECORDS[:1]
    assert select_sessions(RECORDS, tag="work") == [RECORDS[0], RECORDS[2]]
    assert select_sessions(RECORDS, DAY + 2 * hour, DAY + 4 * hour, "work") == [RECORDS[2]]


def test_csv_reads_back_with_dictreader() -> None:
    """One header row with the documented columns, then a row per record: ISO 8601 times in
    the timezone asked for, numbers, true/false, lists separated by spaces, unknown empty."""
    rig = Rig(HistorySettings(grid_sensor=True, fixed_price=0.25), house_w=-3000)
    rig.recorder.set_charge_mode("normal")
    rig.recorder.set_tag("work; car 2")
    rig.arrive(None)
    rig.run(STEP)
    rig.recorder.set_charge_mode("solar")
    rig.charge(7200)
    rig.run(3600)
    rig.leave()
    [record] = rig.finished
    missed = SessionRecord(DAY, DAY, True, True, energy_wh=None, missed=True, sessions=2)

    stream = io.StringIO()
    write_csv([record, missed], stream, ZoneInfo("Europe/Amsterdam"))
    stream.seek(0)
    rows = list(csv.DictReader(stream))

    assert stream.getvalue().splitlines()[0] == ",".join(CSV_COLUMNS)
    first, second = rows
    assert first["start"] == "2025-03-10T09:00:10+01:00"
    assert first["end"] == "2025-03-10T10:00:20+01:00"
    assert first["energy_wh"] == "7200.0"
    assert first["solar_energy_wh"] == "3000.0"
    assert first["cost"] == "1.8"
    assert first["tag"] == "work; car 2"
    assert first["charge_modes"] == "normal solar"
    assert first["charger_session_ids"] == "101"
    assert (first["missed"], first["start_approximate"], first["sessions"]) == (
        "false",
        "false",
        "1",
    )
    assert (second["energy_wh"], second["tag"], second["missed"]) == ("", "", "true")
    assert second["sessions"] == "2"


def test_csv_times_as_stored_without_a_timezone() -> None:
    """No timezone asked for: the times as they were recorded (UTC here)."""
    stream = io.StringIO()
    write_csv(RECORDS[:1], stream)

    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["end"] == "2025-03-10T01:00:00+00:00"
