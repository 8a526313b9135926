"""The session recorder: samples, counters, grid power, price, mode and tag in; records out.

The recorder owns no clock and does no I/O: the integration feeds what it sees as it arrives,
stores to_dict() and builds the recorder again with from_dict() after a restart or a reload.
add_sample() and add_counters() return the records they finished, oldest first, for events
and saving.

What makes a record:
- Plug-in opens it. The car plugged already at the first sample (first start, or after Home
  Assistant was down) opens it too, with an approximate start, and the charger's counter for
  its session is credited at once: that energy went into this car.
- Energy is the growth of the charger's session counter, sample to sample (exact where
  integrating the power is not), split and priced by the flow (flow.py).
- A new session id with the car still plugged is the charger rebooting (it closes its session
  and opens another): the same record goes on, counting the new session from 0, and the ids of
  all the charger sessions are kept. Only when samples were missing for longer than
  max_reboot_gap is it taken for an unplug and plug-in nobody saw: the record is closed and a
  new one opened.
- Samples missing for longer than max_sample_gap (an outage, Home Assistant down or restarting):
  the counter's growth over the gap is credited when samples come back with the same session,
  as grid and as unobserved energy (nothing is known of the sun in between). If they come back
  with the car unplugged, the record ends at the last sample that showed it plugged (marked
  approximate) and waits, counters_wait at most, for a counters reading: the charger's
  last_session_energy then adds what the session delivered after that sample.
- Unplug ends it. Sessions of 0 Wh are kept: the car was plugged, and a session that did not
  charge is worth seeing.
- A counters reading that counts more charger-session ends than the samples showed (counters.py)
  adds missed records, all approximate, over the window nobody was looking: one for the latest
  missed session with its last_session_energy, and if more were missed one for all the others
  with their number in `sessions` and the lifetime counter's growth that nothing else explains.
  Their cost is at the price in force when they are found; their solar part is unknown.

The tag of start_charging goes to the session in progress, or else to the next one to start.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Self

from .counters import CounterBook, CounterNews, SessionEnd
from .flow import EnergyFlow
from .inputs import ChargerSample, Counters, require_aware
from .record import SessionRecord
from .settings import HistorySettings
from .stored import JsonDict, count, entries, finite, flag, iso, mapping, moment, number, text
from .tally import SessionTally
from .totals import MonthTotals, month_of, month_totals

STORAGE_VERSION = 1


@dataclass(frozen=True, slots=True)
class _Last:
    """The last sample that said whether a car was plugged."""

    at: datetime
    plugged: bool
    session_id: int | None
    energy_wh: float | None

    def to_dict(self) -> JsonDict:
        return {
            "at": iso(self.at),
            "plugged": self.plugged,
            "session_id": self.session_id,
            "energy_wh": self.energy_wh,
        }

    @classmethod
    def from_dict(cls, value: object) -> _Last | None:
        data = mapping(value)
        at, plugged = moment(data, "at"), flag(data, "plugged")
        if at is None or plugged is None:
            return None
        return cls(at, plugged, count(data, "session_id"), number(data, "energy_wh"))


class SessionRecorder:
    """Every charging session of one charger, the last max_sessions of them kept."""

    def __init__(self, settings: HistorySettings | None = None) -> None:
        self._settings = settings or HistorySettings()
        self._sessions: list[SessionRecord] = []  # by end time
        self._open: SessionTally | None = None
        self._closing: list[SessionTally] = []  # ended unseen; waiting for the counters
        self._last: _Last | None = None
        self._flow = EnergyFlow(self._settings)
        self._book = CounterBook()
        self._mode: str | None = None
        self._tag: str | None = None  # for the next session to start
        self._serial = 0
        self._finished: list[SessionRecord] = []

    @property
    def settings(self) -> HistorySettings:
        return self._settings

    @property
    def sessions(self) -> tuple[SessionRecord, ...]:
        """The stored records, by end time, oldest first."""
        return tuple(self._sessions)

    @property
    def current(self) -> SessionRecord | None:
        """The session in progress as far as it got, until its last sample."""
        return None if self._open is None else self._open.record()

    @property
    def awaiting_counters(self) -> tuple[SessionRecord, ...]:
        """Sessions that ended while nobody looked, until a counters reading completes them."""
        return tuple(tally.record() for tally in self._closing)

    # --- what the integration tells the recorder -----------------------------------------------

    def add_sample(self, sample: ChargerSample) -> list[SessionRecord]:
        """A charger sample. One that does not say whether a car is plugged (the charger did not
        answer), or is not newer than the last, tells nothing: it is as if it had not come."""
        last = self._last
        if sample.plugged is not None and (last is None or sample.at > last.at):
            self._flow.advance(sample.at)  # the last sample's power held until now
            self._flow.set_power(sample.power_w if sample.plugged else 0.0)
            self._follow(sample, last)
            energy = finite(sample.session_energy_wh)
            self._last = _Last(sample.at, sample.plugged, sample.session_id, energy)
            self._apply(self._book.take(sample.at))
        return self._done(sample.at)

    def add_counters(self, counters: Counters) -> list[SessionRecord]:
        """The charger's lifetime counters. They are compared with the samples once a sample
        later than them has come (right away if one has)."""
        reading = replace(
            counters,
            last_session_energy_wh=finite(counters.last_session_energy_wh),
            total_energy_kwh=finite(counters.total_energy_kwh),
        )
        self._book.add(reading)
        last = self._last
        self._apply(self._book.take(None if last is None else last.at))
        return self._done(counters.at)

    def add_grid_power(self, at: datetime, watts: float | None) -> None:
        """The grid meter: W, positive imports, the charger's draw included; None: unavailable."""
        require_aware(at)
        self._flow.advance(at)
        self._flow.set_grid(at, watts)

    def set_price(self, at: datetime, price: float | None) -> None:
        """The price sensor: currency per kWh from `at` on; None (unavailable) keeps the last."""
        require_aware(at)
        self._flow.advance(at)
        self._flow.set_price(price)

    def set_charge_mode(self, mode: str | None) -> None:
        """The charge mode now ("normal", "solar", ...); the session in progress notes it."""
        self._mode = mode
        if self._open is not None:
            self._open.add_mode(mode)

    def set_tag(self, tag: str | None) -> None:
        """The tag a start was asked with: for the session in progress, else the next one."""
        if self._open is not None:
            self._open.tag = tag
        else:
            self._tag = tag

    # --- what the sensors ask ------------------------------------------------------------------

    def this_month(self, now: datetime, tz: tzinfo) -> MonthTotals:
        """Totals of the month `now` falls in, in `tz`, the sessions not yet stored included."""
        records = [*self._sessions, *self.awaiting_counters]
        if self._open is not None:
            records.append(self._open.record())
        year, month = month_of(now, tz)
        return month_totals(records, year, month, tz)

    # --- the sessions ------------------------------------------------------------------------

    def _follow(self, sample: ChargerSample, last: _Last | None) -> None:
        gap = last is None or sample.at - last.at > self._settings.seconds("max_sample_gap")
        if gap and last is not None:
            self._book.saw_gap(last.at)
        tally = self._open
        if tally is None:
            if sample.plugged:
                self._start(sample, last, exact=not gap and last is not None and not last.plugged)
        elif not sample.plugged:
            self._unplugged(tally, sample, gap)
        elif self._rebooted(tally, sample):
            self._replugged(tally, sample, gap)
        else:
            tally.adopt(sample.session_id)
            self._take_energy(tally, sample, observed=not gap)
            tally.saw(sample, gap)

    def _start(self, sample: ChargerSample, last: _Last | None, exact: bool) -> None:
        """A record opens. Its charger session counts from 0, or from where the last sample
        left it if that sample showed the same session (the car seen before plug-in)."""
        self._serial += 1
        tally = SessionTally(
            serial=self._serial,
            start=sample.at,
            last_at=sample.at,
            start_approximate=not exact,
            solar_known=self._settings.grid_sensor,
            tag=self._tag,
        )
        self._tag = None
        tally.add_mode(self._mode)
        same = last is not None and last.session_id == sample.session_id
        tally.enter_part(sample.session_id, last.energy_wh if last is not None and same else 0.0)
        self._flow.restart(sample.at)
        self._take_energy(tally, sample, observed=exact)
        tally.saw(sample, gap=True)
        self._open = tally

    def _rebooted(self, tally: SessionTally, sample: ChargerSample) -> bool:
        """Another charger session with the car plugged."""
        new_id = sample.session_id
        return new_id is not None and tally.part_id is not None and new_id != tally.part_id

    def _replugged(self, tally: SessionTally, sample: ChargerSample, gap: bool) -> None:
        """The charger rebooted inside the session, or, after a long silence, the car was
        unplugged and plugged again unseen."""
        silence = sample.at - tally.last_at
        if silence > self._settings.seconds("max_reboot_gap"):
            self._close_unseen(tally, sample.at)
            self._start(sample, None, exact=False)
            return
        self._book.saw_end(SessionEnd(tally.last_at, sample.at, tally.serial, tally.part_energy_wh))
        tally.enter_part(sample.session_id, 0.0)
        self._take_energy(tally, sample, observed=not gap)
        tally.saw(sample, gap)

    def _unplugged(self, tally: SessionTally, sample: ChargerSample, gap: bool) -> None:
        if sample.session_id == tally.part_id:
            self._take_energy(tally, sample, observed=not gap)
        if gap:
            self._close_unseen(tally, sample.at)
            return
        self._book.saw_end(SessionEnd(tally.last_at, sample.at, tally.serial, tally.part_energy_wh))
        tally.count_time(sample.at, charging_now=False, gap=False)
        tally.close(sample.at, sample.at, approximate=False)
        self._open = None
        self._store(tally.record())

    def _close_unseen(self, tally: SessionTally, at: datetime) -> None:
        """The car left while nobody looked: it was last seen plugged at its last sample."""
        self._book.saw_end(SessionEnd(tally.last_at, at, tally.serial, tally.part_energy_wh))
        tally.close(at, tally.last_at, approximate=True)
        self._open = None
        self._closing.append(tally)

    def _take_energy(self, tally: SessionTally, sample: ChargerSample, observed: bool) -> None:
        """Credit the counter's growth. The flow's sums run on until the counter moves, so a
        growth is weighed over all the time it took; a gap restarts them."""
        energy_wh = tally.growth(sample.session_energy_wh)
        if energy_wh > 0 or not observed:
            tally.credit(self._flow.split(sample.at, energy_wh, observed), observed)
            self._book.credited_wh += energy_wh

    # --- the counters ------------------------------------------------------------------------

    def _apply(self, news: CounterNews | None) -> None:
        if news is None:
            return
        if news.top_up is not None:
            serial, energy_wh = news.top_up
            tally = self._tally(serial)
            if tally is not None and energy_wh > 0:
                tally.credit(self._flow.unobserved(energy_wh), observed=False)
        for tally in [t for t in self._closing if not self._book.waiting(t.serial)]:
            self._closing.remove(tally)
            self._store(tally.record())
        if news.missed:
            self._store_missed(news)

    def _store_missed(self, news: CounterNews) -> None:
        """The missed sessions, over the window nobody was looking: others first, then the
        latest. Energy not known is None, not 0."""
        start = news.since or news.at
        if news.missed > 1:
            self._store(self._missed(start, news.at, news.rest_energy_wh, news.missed - 1))
        self._store(self._missed(start, news.at, news.last_energy_wh, 1))

    def _missed(
        self, start: datetime, end: datetime, energy_wh: float | None, sessions: int
    ) -> SessionRecord:
        portion = None if energy_wh is None else self._flow.unobserved(energy_wh)
        priced = portion is not None and portion.unpriced_wh <= 0
        return SessionRecord(
            start=start,
            end=end,
            start_approximate=True,
            end_approximate=True,
            energy_wh=energy_wh,
            grid_energy_wh=energy_wh,
            unobserved_energy_wh=energy_wh or 0.0,
            cost=portion.cost if portion is not None and priced else None,
            grid_cost=portion.grid_cost if portion is not None and priced else None,
            missed=True,
            sessions=sessions,
        )

    def _tally(self, serial: int) -> SessionTally | None:
        for tally in (self._open, *self._closing):
            if tally is not None and tally.serial == serial:
                return tally
        return None

    # --- storing -----------------------------------------------------------------------------

    def _store(self, record: SessionRecord) -> None:
        """In end order (a session that waited for the counters goes in its place); the oldest
        go beyond max_sessions."""
        bisect.insort_right(self._sessions, record, key=_end)
        del self._sessions[: -self._settings.max_sessions]
        self._finished.append(record)

    def _done(self, now: datetime) -> list[SessionRecord]:
        """Store the sessions that waited for the counters long enough; hand out the new ones."""
        wait = self._settings.seconds("counters_wait")
        for tally in [t for t in self._closing if t.closed_at is None or now - t.closed_at > wait]:
            self._closing.remove(tally)
            self._store(tally.record())
        finished, self._finished = self._finished, []
        return sorted(finished, key=_end)

    # --- storage -----------------------------------------------------------------------------

    def to_dict(self) -> JsonDict:
        """Everything needed to go on after a restart; JSON-serialisable."""
        last = self._last
        return {
            "version": STORAGE_VERSION,
            "sessions": [record.as_dict() for record in self._sessions],
            "open": None if self._open is None else self._open.to_dict(),
            "closing": [tally.to_dict() for tally in self._closing],
            "last": None if last is None else last.to_dict(),
            "flow": self._flow.to_dict(),
            "counters": self._book.to_dict(),
            "mode": self._mode,
            "tag": self._tag,
            "serial": self._serial,
        }

    @classmethod
    def from_dict(cls, value: object, settings: HistorySettings | None = None) -> Self:
        """The recorder to_dict() stored, with today's settings. What cannot be read is dropped;
        this never raises, whatever `value` is."""
        recorder = cls(settings)
        data = mapping(value)
        records = [SessionRecord.from_dict(item) for item in entries(data, "sessions")]
        kept = sorted((record for record in records if record is not None), key=_end)
        recorder._sessions = kept[-recorder._settings.max_sessions :]
        recorder._open = SessionTally.from_dict(data.get("open"))
        closing = [SessionTally.from_dict(item) for item in entries(data, "closing")]
        recorder._closing = [tally for tally in closing if tally is not None]
        recorder._last = _Last.from_dict(data.get("last"))
        recorder._flow = EnergyFlow.from_dict(data.get("flow"), recorder._settings)
        recorder._book = CounterBook.from_dict(data.get("counters"))
        recorder._mode, recorder._tag = text(data, "mode"), text(data, "tag")
        serials = [tally.serial for tally in (recorder._open, *recorder._closing) if tally]
        serials += [end.serial for end in recorder._book.ends]
        recorder._serial = max([count(data, "serial") or 0, *serials])
        return recorder


def _end(record: SessionRecord) -> datetime:
    return record.end
