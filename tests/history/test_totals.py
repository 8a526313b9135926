"""Monthly totals in the user's timezone, the session in progress included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from custom_components.lektrico_local.history import (
    MonthTotals,
    SessionRecord,
    month_of,
    month_totals,
)

from .rig import Rig

AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # UTC+2 in these months


def ended(
    end: datetime, energy_wh: float, cost: float | None, solar: float | None
) -> SessionRecord:
    """A session of 3 hours that ended at `end`: only the end counts for the month."""
    start = end - timedelta(hours=3)
    return SessionRecord(start, end, energy_wh=energy_wh, cost=cost, solar_energy_wh=solar)


RECORDS = [
    ended(datetime(2025, 3, 31, 21, 30, tzinfo=UTC), 1000, 0.3, 500),  # 23:30 on 31 March
    ended(datetime(2025, 3, 31, 22, 30, tzinfo=UTC), 2000, 0.6, None),  # 00:30 on 1 April
    ended(datetime(2025, 4, 30, 21, 59, tzinfo=UTC), 4000, None, 1000),  # 23:59 on 30 April
    ended(datetime(2025, 4, 30, 22, 0, tzinfo=UTC), 8000, 2.4, None),  # 00:00 on 1 May
]


def test_a_session_counts_in_the_month_its_end_falls_in_locally() -> None:
    """In Amsterdam, 00:30 on 1 April is April though it is still 31 March in UTC, and the
    session began on 31 March; the solar share is of the sessions whose solar part is known
    (1000 of 4000 Wh); a session without a cost is left out of the cost and counted as
    unpriced."""
    april = month_totals(RECORDS, 2025, 4, AMSTERDAM)

    assert april == MonthTotals(
        year=2025,
        month=4,
        sessions=2,
        energy_wh=6000,
        cost=0.6,
        unpriced_energy_wh=4000,
        solar_energy_wh=1000,
        solar_share=25,
    )
    march = month_totals(RECORDS, 2025, 3, AMSTERDAM)
    assert (march.energy_wh, march.cost, march.solar_share) == (1000, 0.3, 50)


def test_the_same_sessions_in_utc() -> None:
    """In UTC the months split elsewhere: March has the first two, April the last two."""
    assert month_totals(RECORDS, 2025, 3, UTC).energy_wh == 3000
    assert month_totals(RECORDS, 2025, 4, UTC).energy_wh == 12000
    assert month_of(RECORDS[1].end, UTC) == (2025, 3)
    assert month_of(RECORDS[1].end, AMSTERDAM) == (2025, 4)


def test_an_empty_month_and_one_without_prices_or_solar() -> None:
    """No session: 0 Wh costing 0, no solar share. Only unpriced sessions: cost None (unknown);
    no session with its solar part known: share None."""
    empty = month_totals(RECORDS, 2025, 6, AMSTERDAM)
    assert (empty.sessions, empty.energy_wh, empty.cost, empty.solar_share) == (0, 0, 0, None)

    unknown = month_totals([ended(RECORDS[0].end, 500, None, None)], 2025, 3, UTC)
    assert (unknown.cost, unknown.unpriced_energy_wh) == (None, 500)
    assert (unknown.solar_energy_wh, unknown.solar_share) == (None, None)


def test_this_month_moves_while_charging() -> None:
    """The session in progress counts in this month's energy as it charges."""
    rig = Rig()
    rig.arrive()
    rig.run(30 * 60)
    halfway = rig.recorder.this_month(rig.now, AMSTERDAM)
    rig.run(30 * 60)
    later = rig.recorder.this_month(rig.now, AMSTERDAM)

    assert halfway.sessions == 1
    assert halfway.energy_wh == pytest.approx(3580)
    assert later.energy_wh == pytest.approx(7180)
    assert rig.recorder.sessions == ()
