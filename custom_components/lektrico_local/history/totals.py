"""Monthly totals: energy, cost and solar share, for the "this month" sensors."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from .record import SessionRecord


@dataclass(frozen=True, slots=True)
class MonthTotals:
    """The sessions that ended in one calendar month of one timezone.

    A session counts in the month its end falls in, whole: a session over midnight on the 1st
    belongs to the month it ended in, as on the bill that reimburses it.
    """

    year: int
    month: int
    sessions: int  # plug-in sessions (a missed record counts as many as it stands for)
    energy_wh: float
    # The sum of the known costs; None when energy was charged but none of it had a price.
    cost: float | None
    unpriced_energy_wh: float  # energy of sessions without a cost, not in `cost`
    solar_energy_wh: float | None  # None: no session of the month had its solar part known
    # Solar energy in % of the energy of the sessions whose solar part is known.
    solar_share: float | None


def month_of(at: datetime, tz: tzinfo) -> tuple[int, int]:
    """(year, month) of a time, as the calendar of `tz` has it."""
    local = at.astimezone(tz)
    return local.year, local.month


def month_totals(
    records: Iterable[SessionRecord], year: int, month: int, tz: tzinfo
) -> MonthTotals:
    """Totals of the records whose end falls in `year`-`month` in `tz`."""
    chosen = [record for record in records if month_of(record.end, tz) == (year, month)]
    costs = [record.cost for record in chosen if record.cost is not None]
    unpriced = math.fsum(_energy(r) for r in chosen if r.cost is None)
    known = [record for record in chosen if record.solar_energy_wh is not None]
    solar = math.fsum(record.solar_energy_wh or 0.0 for record in known)
    known_energy = math.fsum(_energy(record) for record in known)
    return MonthTotals(
        year=year,
        month=month,
        sessions=sum(record.sessions for record in chosen),
        energy_wh=math.fsum(_energy(record) for record in chosen),
        cost=math.fsum(costs) if costs or unpriced <= 0 else None,
        unpriced_energy_wh=unpriced,
        solar_energy_wh=solar if known else None,
        solar_share=100 * solar / known_energy if known_energy > 0 else None,
    )


def _energy(record: SessionRecord) -> float:
    return record.energy_wh or 0.0
