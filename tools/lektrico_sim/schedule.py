"""The weekly charging schedule (Charging_schedule.Set / .Get, sections 5.20-5.22)."""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from itertools import pairwise

from .json_types import JsonObject
from .rpc_errors import ErrorCode, RpcError
from .values import as_int, as_list, require_current, require_range

MINUTES_PER_DAY = 24 * 60

# (key, lowest, highest) for the time fields of one interval; days start on Monday = 1
_TIME_FIELDS = (
    ("start_d", 1, 7),
    ("start_h", 0, 23),
    ("start_m", 0, 59),
    ("end_d", 1, 7),
    ("end_h", 0, 23),
    ("end_m", 0, 59),
)


@dataclass(frozen=True)
class ScheduleInterval:
    """One interval [start, end) of the week with the current allowed inside it."""

    start_d: int
    start_h: int
    start_m: int
    end_d: int
    end_h: int
    end_m: int
    current: int

    @property
    def start_minute(self) -> int:
        return _week_minute(self.start_d, self.start_h, self.start_m)

    @property
    def end_minute(self) -> int:
        return _week_minute(self.end_d, self.end_h, self.end_m)

    def covers(self, week_minute: int) -> bool:
        return self.start_minute <= week_minute < self.end_minute

    def as_dict(self) -> JsonObject:
        return dict(asdict(self))


def parse_schedule(raw: object) -> tuple[ScheduleInterval, ...]:
    """Validate a `charging_schedule` list as the firmware does, or raise RpcError."""
    intervals = tuple(_parse_interval(item) for item in as_list(raw, "charging_schedule"))
    for interval in intervals:
        if interval.end_minute <= interval.start_minute:
            raise RpcError(ErrorCode.RANGE, "interval ends before it starts")
    _reject_overlaps(intervals)
    return intervals


def schedule_current(intervals: Sequence[ScheduleInterval], local_time: datetime) -> int:
    """The schedule's current at a local time: the covering interval's, else 0 (paused)."""
    minute = _week_minute(local_time.isoweekday(), local_time.hour, local_time.minute)
    for interval in intervals:
        if interval.covers(minute):
            return interval.current
    return 0


def _parse_interval(raw: object) -> ScheduleInterval:
    if not isinstance(raw, Mapping):
        raise RpcError(ErrorCode.WRONG_TYPE, "schedule intervals must be objects")
    fields = {key: _read_field(raw, key) for key, _, _ in _TIME_FIELDS}
    for key, low, high in _TIME_FIELDS:
        require_range(fields[key], low, high, key)
    current = _read_field(raw, "current")
    require_current(current, "current")
    return ScheduleInterval(current=current, **fields)


def _read_field(interval: Mapping[object, object], key: str) -> int:
    if key not in interval:
        raise RpcError(ErrorCode.REQUEST_FORMAT, f"missing {key}")
    return as_int(interval[key], key)


def _reject_overlaps(intervals: Sequence[ScheduleInterval]) -> None:
    ordered = sorted(intervals, key=lambda interval: interval.start_minute)
    for earlier, later in pairwise(ordered):
        if later.start_minute < earlier.end_minute:
            raise RpcError(ErrorCode.RANGE, "schedule intervals overlap")


def _week_minute(day: int, hour: int, minute: int) -> int:
    return (day - 1) * MINUTES_PER_DAY + hour * 60 + minute
