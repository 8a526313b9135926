"""The charger's lifetime counters against the session ends the samples showed.

total_sessions goes up by one each time a charger session ends: at unplug, and when the charger
reboots with a car plugged. The recorder tells the book each end it saw; a reading that went up
by more than that means sessions ended that Home Assistant never saw (it was down, or the session
fitted between two samples). The reading's last_session_energy belongs to the latest end: the
recorder's own when none was missed, which then tops up the energy that session delivered after
its last sample.

A reading is taken against the state of the charger after it: it waits for a sample later than
itself. Taken earlier, an unplug the counters already count but no sample showed yet would look
missed. Ends are matched oldest first. An end whose last sample before it is later than the
reading cannot be in it; one seen only after the reading (but ended maybe before) may or may not
be: if the reading leaves it unmatched, it waits for the next reading. An end seen before the
reading and still unmatched was never counted by the charger: it is dropped, and the reading
gives no top-up since the counters and the samples disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .inputs import Counters
from .stored import JsonDict, count, entries, iso, mapping, moment, number

WH_PER_KWH = 1000.0
# Ends kept waiting for a reading when none comes (firmware without counters): the newest.
MAX_WAITING_ENDS = 50


@dataclass(frozen=True, slots=True)
class SessionEnd:
    """A charger session the samples showed ending, between `before` and `seen`."""

    before: datetime  # the last sample that still showed it
    seen: datetime  # the first sample that showed it over
    serial: int  # the tally it belongs to
    energy_wh: float | None  # its counter when last read

    def to_dict(self) -> JsonDict:
        return {
            "before": iso(self.before),
            "seen": iso(self.seen),
            "serial": self.serial,
            "energy_wh": self.energy_wh,
        }

    @classmethod
    def from_dict(cls, value: object) -> SessionEnd | None:
        data = mapping(value)
        before, seen, serial = moment(data, "before"), moment(data, "seen"), count(data, "serial")
        if before is None or seen is None or serial is None:
            return None
        return cls(before, seen, serial, number(data, "energy_wh"))


@dataclass(frozen=True, slots=True)
class CounterNews:
    """What one reading says beyond the samples."""

    at: datetime
    since: datetime | None  # missed sessions happened after this (None: not known)
    missed: int = 0  # charger sessions nobody saw end
    last_energy_wh: float | None = None  # of the latest missed one
    # Of the other missed ones together: the lifetime counter's growth less what the recorder
    # credited since the last reading and less the latest; None if a figure is unknown.
    rest_energy_wh: float | None = None
    top_up: tuple[int, float] | None = None  # (tally serial, Wh) it delivered unseen


@dataclass
class CounterBook:
    """The last reading, the ends since, and the energy the recorder credited since."""

    total: int | None = None
    lifetime_kwh: float | None = None
    at: datetime | None = None  # of the last reading taken
    ends: list[SessionEnd] = field(default_factory=list)
    credited_wh: float = 0.0
    unwatched_since: datetime | None = None  # the start of the first sample gap since
    pending: Counters | None = None  # a reading waiting for a later sample

    def saw_end(self, end: SessionEnd) -> None:
        self.ends = [*self.ends, end][-MAX_WAITING_ENDS:]

    def saw_gap(self, since: datetime) -> None:
        if self.unwatched_since is None:
            self.unwatched_since = since

    def waiting(self, serial: int) -> bool:
        """Whether an end of this tally still waits for a reading."""
        return any(end.serial == serial for end in self.ends)

    def add(self, reading: Counters) -> None:
        """Keep the newest reading: its totals include every older one's."""
        if self.at is not None and reading.at <= self.at:
            return
        if self.pending is None or reading.at >= self.pending.at:
            self.pending = reading

    def take(self, sample_at: datetime | None) -> CounterNews | None:
        """The waiting reading's news, once a sample later than it has been seen."""
        reading = self.pending
        if reading is None or sample_at is None or sample_at <= reading.at:
            return None
        self.pending = None
        since = self.unwatched_since or self.at
        total, before = reading.total_sessions, self.total
        if total is None or before is None or total < before:
            # Nothing to compare with (a first reading, a charger reset or replaced): a new
            # baseline, and the ends it cannot match are not waited for.
            self.ends = []
            news = CounterNews(reading.at, since)
        else:
            news = self._compare(reading, total - before, since)
        self.total, self.lifetime_kwh = total, reading.total_energy_kwh
        self.at, self.credited_wh, self.unwatched_since = reading.at, 0.0, None
        return news

    def _compare(self, reading: Counters, ended: int, since: datetime | None) -> CounterNews:
        at = reading.at
        counted = [end for end in self.ends if end.before < at]
        matched, unmatched = counted[:ended], counted[ended:]
        self.ends = [end for end in unmatched if end.seen > at] + [
            end for end in self.ends if end.before >= at
        ]
        missed = ended - len(matched)
        last_wh = reading.last_session_energy_wh
        agree = not any(end.seen <= at for end in unmatched)
        if missed == 0:
            top_up = None
            if matched and agree and last_wh is not None and matched[-1].energy_wh is not None:
                top_up = (matched[-1].serial, max(last_wh - matched[-1].energy_wh, 0.0))
            return CounterNews(at, since, top_up=top_up)
        return CounterNews(at, since, missed, last_wh, self._rest(reading, missed))

    def _rest(self, reading: Counters, missed: int) -> float | None:
        """The energy of the missed sessions other than the latest one."""
        last_wh, now, before = (
            reading.last_session_energy_wh,
            reading.total_energy_kwh,
            self.lifetime_kwh,
        )
        if missed < 2 or last_wh is None or now is None or before is None:
            return None
        return max((now - before) * WH_PER_KWH - self.credited_wh - last_wh, 0.0)

    def to_dict(self) -> JsonDict:
        pending = self.pending
        return {
            "total": self.total,
            "lifetime_kwh": self.lifetime_kwh,
            "at": iso(self.at),
            "ends": [end.to_dict() for end in self.ends],
            "credited_wh": self.credited_wh,
            "unwatched_since": iso(self.unwatched_since),
            "pending": None if pending is None else _reading_to_dict(pending),
        }

    @classmethod
    def from_dict(cls, value: object) -> CounterBook:
        data = mapping(value)
        ends = [SessionEnd.from_dict(item) for item in entries(data, "ends")]
        return cls(
            total=count(data, "total"),
            lifetime_kwh=number(data, "lifetime_kwh"),
            at=moment(data, "at"),
            ends=[end for end in ends if end is not None][-MAX_WAITING_ENDS:],
            credited_wh=number(data, "credited_wh") or 0.0,
            unwatched_since=moment(data, "unwatched_since"),
            pending=_reading_from_dict(data.get("pending")),
        )


def _reading_to_dict(reading: Counters) -> JsonDict:
    return {
        "at": iso(reading.at),
        "total_sessions": reading.total_sessions,
        "last_session_energy_wh": reading.last_session_energy_wh,
        "total_energy_kwh": reading.total_energy_kwh,
    }


def _reading_from_dict(value: object) -> Counters | None:
    data = mapping(value)
    at = moment(data, "at")
    if at is None:
        return None
    return Counters(
        at,
        count(data, "total_sessions"),
        number(data, "last_session_energy_wh"),
        number(data, "total_energy_kwh"),
    )
