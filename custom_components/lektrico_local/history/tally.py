"""A session in progress: what its samples showed and the energy credited to it so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .flow import Portion
from .inputs import ChargerSample
from .record import SessionRecord
from .stored import (
    JsonDict,
    count,
    finite,
    flag,
    iso,
    mapping,
    moment,
    number,
    strings,
    text,
    whole_numbers,
)

# The sums a record keeps, by their name in storage.
_SUMS = ("energy_wh", "solar_wh", "cost", "grid_cost", "unpriced_wh", "unobserved_wh")


@dataclass
class SessionTally:
    """One record being built, from plug-in until it is stored."""

    serial: int  # which tally a charger-session end belongs to, for a later top-up
    start: datetime
    last_at: datetime  # the last sample that showed the car plugged
    start_approximate: bool = False
    solar_known: bool = False  # a grid sensor was configured
    charging: bool = False  # at the last sample
    part_id: int | None = None  # the charger session now running
    part_energy_wh: float | None = None  # its counter when last read; None: not read yet
    charger_ids: list[int] = field(default_factory=list)
    energy_wh: float = 0.0
    solar_wh: float = 0.0
    cost: float = 0.0
    grid_cost: float = 0.0
    unpriced_wh: float = 0.0
    unobserved_wh: float = 0.0
    charging_s: float = 0.0
    peak_w: float | None = None
    phases: int | None = None
    tag: str | None = None
    modes: list[str] = field(default_factory=list)
    end: datetime | None = None  # set when the car was seen unplugged
    end_approximate: bool = False
    closed_at: datetime | None = None  # when that was seen

    def enter_part(self, session_id: int | None, baseline_wh: float | None) -> None:
        """A charger session starts counting in this record from `baseline_wh` on."""
        self.part_id = session_id
        self.part_energy_wh = baseline_wh
        if session_id is not None and session_id not in self.charger_ids:
            self.charger_ids.append(session_id)

    def adopt(self, session_id: int | None) -> None:
        """The charger names the session it did not name at first: the same one goes on."""
        if self.part_id is None and session_id is not None:
            self.enter_part(session_id, self.part_energy_wh)

    def growth(self, counter_wh: float | None) -> float:
        """What the part's counter gained since it was last read.

        A counter that went back was reset under us: it counts from its new value on.
        """
        counter = finite(counter_wh)
        if counter is None:
            return 0.0
        before, self.part_energy_wh = self.part_energy_wh, counter
        return 0.0 if before is None else max(counter - before, 0.0)

    def credit(self, portion: Portion, observed: bool) -> None:
        self.energy_wh += portion.energy_wh
        self.solar_wh += portion.solar_wh
        self.cost += portion.cost
        self.grid_cost += portion.grid_cost
        self.unpriced_wh += portion.unpriced_wh
        if not observed:
            self.unobserved_wh += portion.energy_wh

    def count_time(self, at: datetime, charging_now: bool, gap: bool) -> None:
        """Charging time up to `at`: the interval counts if the car was charging at its start.

        Across a gap only if it was charging at both ends: what happened in between is not
        known, and a car that charged before and after most likely charged throughout.
        """
        if self.charging and (not gap or charging_now):
            self.charging_s += max((at - self.last_at).total_seconds(), 0.0)

    def saw(self, sample: ChargerSample, gap: bool) -> None:
        """A sample with the car plugged."""
        charging = bool(sample.charging)
        self.count_time(sample.at, charging, gap)
        self.last_at, self.charging = sample.at, charging
        power = finite(sample.power_w)
        if power is not None and (self.peak_w is None or power > self.peak_w):
            self.peak_w = power
        phases = sample.phases
        if phases is not None and (self.phases is None or phases > self.phases):
            self.phases = phases

    def add_mode(self, mode: str | None) -> None:
        if mode is not None and mode not in self.modes:
            self.modes.append(mode)

    def close(self, at: datetime, end: datetime, approximate: bool) -> None:
        self.end, self.end_approximate, self.closed_at = end, approximate, at

    def record(self) -> SessionRecord:
        """The session as far as it got (until the last sample if it has not ended)."""
        end = self.last_at if self.end is None else self.end
        priced = self.unpriced_wh <= 0
        return SessionRecord(
            start=self.start,
            end=end,
            start_approximate=self.start_approximate,
            end_approximate=self.end_approximate,
            duration_plugged_s=max((end - self.start).total_seconds(), 0.0),
            duration_charging_s=self.charging_s,
            energy_wh=self.energy_wh,
            solar_energy_wh=self.solar_wh if self.solar_known else None,
            grid_energy_wh=self.energy_wh - (self.solar_wh if self.solar_known else 0.0),
            unobserved_energy_wh=self.unobserved_wh,
            peak_power_w=self.peak_w,
            phases=self.phases,
            tag=self.tag,
            cost=self.cost if priced else None,
            grid_cost=self.grid_cost if priced else None,
            charge_modes=tuple(self.modes),
            charger_session_ids=tuple(self.charger_ids),
        )

    def to_dict(self) -> JsonDict:
        data: JsonDict = {name: getattr(self, name) for name in _SUMS}
        data |= {
            "serial": self.serial,
            "start": iso(self.start),
            "last_at": iso(self.last_at),
            "start_approximate": self.start_approximate,
            "solar_known": self.solar_known,
            "charging": self.charging,
            "part_id": self.part_id,
            "part_energy_wh": self.part_energy_wh,
            "charger_ids": list(self.charger_ids),
            "charging_s": self.charging_s,
            "peak_w": self.peak_w,
            "phases": self.phases,
            "tag": self.tag,
            "modes": list(self.modes),
            "end": iso(self.end),
            "end_approximate": self.end_approximate,
            "closed_at": iso(self.closed_at),
        }
        return data

    @classmethod
    def from_dict(cls, value: object) -> SessionTally | None:
        """None without a serial, a start and a last sample: the rest has defaults."""
        data = mapping(value)
        serial, start, last_at = (
            count(data, "serial"),
            moment(data, "start"),
            moment(data, "last_at"),
        )
        if serial is None or start is None or last_at is None:
            return None
        tally = cls(serial=serial, start=start, last_at=last_at)
        for name in (*_SUMS, "charging_s"):
            setattr(tally, name, number(data, name) or 0.0)
        tally.start_approximate = flag(data, "start_approximate") or False
        tally.solar_known = flag(data, "solar_known") or False
        tally.charging = flag(data, "charging") or False
        tally.part_id = count(data, "part_id")
        tally.part_energy_wh = number(data, "part_energy_wh")
        tally.charger_ids = whole_numbers(data, "charger_ids")
        tally.peak_w = number(data, "peak_w")
        tally.phases = count(data, "phases")
        tally.tag = text(data, "tag")
        tally.modes = strings(data, "modes")
        tally.end = moment(data, "end")
        tally.end_approximate = flag(data, "end_approximate") or False
        tally.closed_at = moment(data, "closed_at")
        return tally
