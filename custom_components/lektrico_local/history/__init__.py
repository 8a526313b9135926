"""Charging-session history: a pure record of every session, with its energy, solar part and cost.

No Home Assistant imports, and none from the charger client: the integration feeds charger
samples, counter readings, grid power, prices, the charge mode and the tag in as they arrive
(recorder.py says what makes a record), stores to_dict() and builds the recorder again with
from_dict(). Records answer get_sessions (select_sessions), export_sessions (write_csv) and the
"this month" sensors (MonthTotals).
"""

from .export import CSV_COLUMNS, select_sessions, write_csv
from .inputs import ChargerSample, Counters
from .record import SessionRecord
from .recorder import SessionRecorder
from .settings import MAX_SESSIONS, HistorySettings
from .totals import MonthTotals, month_of, month_totals

__all__ = [
    "CSV_COLUMNS",
    "MAX_SESSIONS",
    "ChargerSample",
    "Counters",
    "HistorySettings",
    "MonthTotals",
    "SessionRecord",
    "SessionRecorder",
    "month_of",
    "month_totals",
    "select_sessions",
    "write_csv",
]
