"""Choosing records for get_sessions, and writing them as CSV for export_sessions.

The CSV has one header row, then one row per record, oldest first. Its columns are the record's
fields, in this order (see SessionRecord for what each means):

    start, end            ISO 8601 with the UTC offset, in the timezone asked for
    start_approximate, end_approximate, missed
                          true or false
    duration_plugged_s, duration_charging_s
                          seconds
    energy_wh, solar_energy_wh, grid_energy_wh, unobserved_energy_wh
                          Wh
    peak_power_w          W
    phases                1 to 3
    tag                   as given to start_charging
    cost, grid_cost       in the price's currency
    charge_modes          the modes in order of first use, separated by spaces ("normal solar")
    charger_session_ids   the charger's session ids, separated by spaces
    sessions              plug-in sessions the record stands for (more than 1: missed ones)

A value that is not known is an empty cell. Numbers have at most 3 decimals.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import fields, replace
from datetime import datetime, tzinfo
from typing import TextIO

from .record import SessionRecord

CSV_COLUMNS = tuple(field.name for field in fields(SessionRecord))
DECIMALS = 3


def select_sessions(
    records: Iterable[SessionRecord],
    since: datetime | None = None,
    until: datetime | None = None,
    tag: str | None = None,
) -> list[SessionRecord]:
    """The records that ended in [since, until) with this tag; None leaves a bound out.

    By end time, as the monthly totals count them: the sessions of a month are the ones its
    totals add up.
    """
    return [
        record
        for record in records
        if (since is None or record.end >= since)
        and (until is None or record.end < until)
        and (tag is None or record.tag == tag)
    ]


def write_csv(records: Iterable[SessionRecord], stream: TextIO, tz: tzinfo | None = None) -> None:
    """The records as CSV (columns in the module docstring); times in `tz`, else as stored."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        shown = record if tz is None else _in_timezone(record, tz)
        data = shown.as_dict()
        writer.writerow([_cell(data[name]) for name in CSV_COLUMNS])


def _in_timezone(record: SessionRecord, tz: tzinfo) -> SessionRecord:
    return replace(record, start=record.start.astimezone(tz), end=record.end.astimezone(tz))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, DECIMALS))
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value)
