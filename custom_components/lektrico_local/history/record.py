"""One finished charging session, as stored, answered by get_sessions and exported."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from .stored import (
    JsonDict,
    count,
    flag,
    iso,
    mapping,
    moment,
    number,
    strings,
    text,
    whole_numbers,
)


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """From plug-in to unplug, however many charger sessions that took.

    Energies in Wh, powers in W, durations in seconds, costs in the price's currency.

    start/end are exact to a sample unless marked approximate:
    - start_approximate: the car was already plugged when first seen (first start, or the
      session began while Home Assistant was not looking); it began at or before `start`.
    - end_approximate: the car was unplugged while Home Assistant was not looking; it was last
      seen plugged at `end`.
    - missed records (both approximate): the session(s) began at or after `start` and ended at
      or before `end`, the window in which nobody was looking.

    solar_energy_wh is None when no grid sensor was configured: the split is unknown, not zero.
    Energy whose source is unknown (a stale grid reading, samples missing) counts as grid, so
    the solar part is never overstated. unobserved_energy_wh is the part of energy_wh that Home
    Assistant did not see delivered: it comes from the charger's counters (a counter already
    running when first seen, the growth over an outage, last_session_energy).

    cost prices the whole energy (what company-car reimbursement bills), grid_cost only the
    grid part; None when some energy was delivered while no price was known.
    """

    start: datetime
    end: datetime
    start_approximate: bool = False
    end_approximate: bool = False
    duration_plugged_s: float | None = None  # None for missed records
    duration_charging_s: float | None = None  # time seen charging; None for missed records
    energy_wh: float | None = None  # None: a missed session whose energy the charger lost
    solar_energy_wh: float | None = None
    grid_energy_wh: float | None = None
    unobserved_energy_wh: float = 0.0
    peak_power_w: float | None = None
    phases: int | None = None  # the most phases seen carrying current
    tag: str | None = None
    cost: float | None = None
    grid_cost: float | None = None
    charge_modes: tuple[str, ...] = ()  # in order of first use
    charger_session_ids: tuple[int, ...] = ()  # more than one when the charger rebooted
    missed: bool = False  # counted by the charger while Home Assistant was not looking
    sessions: int = 1  # plug-in sessions this record stands for (more only for missed ones)

    def as_dict(self) -> JsonDict:
        """JSON-serialisable: action response data and storage. Keys are the field names."""
        data: JsonDict = {field.name: getattr(self, field.name) for field in fields(self)}
        data["start"] = iso(self.start)
        data["end"] = iso(self.end)
        data["charge_modes"] = list(self.charge_modes)
        data["charger_session_ids"] = list(self.charger_session_ids)
        return data

    @classmethod
    def from_dict(cls, value: object) -> SessionRecord | None:
        """The record as_dict() wrote; None without a start and an end, which nothing replaces.

        Any other value that is missing or of the wrong type takes its default.
        """
        data = mapping(value)
        start, end = moment(data, "start"), moment(data, "end")
        if start is None or end is None:
            return None
        return cls(
            start=start,
            end=end,
            start_approximate=flag(data, "start_approximate") or False,
            end_approximate=flag(data, "end_approximate") or False,
            duration_plugged_s=number(data, "duration_plugged_s"),
            duration_charging_s=number(data, "duration_charging_s"),
            energy_wh=number(data, "energy_wh"),
            solar_energy_wh=number(data, "solar_energy_wh"),
            grid_energy_wh=number(data, "grid_energy_wh"),
            unobserved_energy_wh=number(data, "unobserved_energy_wh") or 0.0,
            peak_power_w=number(data, "peak_power_w"),
            phases=count(data, "phases"),
            tag=text(data, "tag"),
            cost=number(data, "cost"),
            grid_cost=number(data, "grid_cost"),
            charge_modes=tuple(strings(data, "charge_modes")),
            charger_session_ids=tuple(whole_numbers(data, "charger_session_ids")),
            missed=flag(data, "missed") or False,
            sessions=max(1, count(data, "sessions") or 1),
        )
