"""Price slots from the attributes of the common price integrations, and from garbage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from custom_components.lektrico_local.planner import (
    ParsedPrices,
    PriceSlot,
    Skipped,
    parse_energyzero,
    parse_entsoe,
    parse_nord_pool,
    parse_octopus_agile,
    parse_price_attributes,
    parse_tibber,
)

from .clock import AMSTERDAM

MIDNIGHT = datetime(2025, 3, 3, tzinfo=AMSTERDAM)
HOUR = timedelta(hours=1)
QUARTER = timedelta(minutes=15)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


# As the Nord Pool integration holds them: datetimes in memory, values None until published.
NORD_POOL_HOURLY: dict[str, Any] = {
    "current_price": 0.1,
    "raw_today": [
        {"start": MIDNIGHT + h * HOUR, "end": MIDNIGHT + (h + 1) * HOUR, "value": 0.1 + h / 100}
        for h in range(24)
    ],
    "raw_tomorrow": [],
    "tomorrow_valid": False,
}
# After a restart, or through a template: ISO text; and tomorrow in quarters.
NORD_POOL_15MIN: dict[str, Any] = {
    "raw_today": [
        {"start": _iso(MIDNIGHT + q * QUARTER), "end": _iso(MIDNIGHT + (q + 1) * QUARTER),
         "value": 0.2}
        for q in range(96)
    ],
    "raw_tomorrow": [
        {"start": _iso(MIDNIGHT + 24 * HOUR + q * QUARTER),
         "end": _iso(MIDNIGHT + 24 * HOUR + (q + 1) * QUARTER), "value": None}
        for q in range(96)
    ],
}  # fmt: skip
ENTSOE: dict[str, Any] = {
    "prices_today": [
        {"time": (MIDNIGHT + h * HOUR).strftime("%Y-%m-%d %H:%M:%S%z"), "price": 0.05 * h}
        for h in range(24)
    ],
    "prices_tomorrow": [
        {"time": _iso(MIDNIGHT + 24 * HOUR + q * QUARTER), "price": -0.01} for q in range(96)
    ],
}
ENERGYZERO: dict[str, Any] = {
    "prices": [
        {"from": _iso(MIDNIGHT + h * HOUR), "till": _iso(MIDNIGHT + (h + 1) * HOUR), "price": 0.3}
        for h in range(48)
    ]
}
TIBBER: dict[str, Any] = {
    "today": [
        {"startsAt": _iso(MIDNIGHT + h * HOUR), "total": 0.25, "energy": 0.1, "tax": 0.15}
        for h in range(24)
    ],
    "tomorrow": None,
}
OCTOPUS_AGILE: dict[str, Any] = {
    "rates": [
        {
            "start": _iso(MIDNIGHT + h * timedelta(minutes=30)),
            "end": _iso(MIDNIGHT + (h + 1) * timedelta(minutes=30)),
            "value_inc_vat": 0.18,
            "is_capped": False,
        }
        for h in range(48)
    ]
}


def _contiguous(parsed: ParsedPrices, step: timedelta) -> None:
    for slot, following in zip(parsed.slots, parsed.slots[1:], strict=False):
        assert slot.end == following.start
    assert all(slot.end - slot.start == step for slot in parsed.slots)


def test_nord_pool_hourly_with_datetimes() -> None:
    parsed = parse_nord_pool(NORD_POOL_HOURLY)

    assert len(parsed.slots) == 24
    assert parsed.skipped == ()
    assert parsed.slots[0] == PriceSlot(MIDNIGHT, MIDNIGHT + HOUR, 0.1)
    assert parsed.until == MIDNIGHT + 24 * HOUR
    _contiguous(parsed, HOUR)


def test_nord_pool_15_minutes_with_tomorrow_not_published() -> None:
    parsed = parse_nord_pool(NORD_POOL_15MIN)

    assert len(parsed.slots) == 96
    _contiguous(parsed, QUARTER)
    assert len(parsed.skipped) == 96
    assert parsed.skipped[0] == Skipped("raw_tomorrow[0]", "no usable value")


def test_entsoe_infers_each_end_from_the_next_start() -> None:
    parsed = parse_entsoe(ENTSOE)

    assert len(parsed.slots) == 24 + 96
    hourly, quarters = parsed.slots[:24], parsed.slots[24:]
    assert all(slot.end - slot.start == HOUR for slot in hourly)
    assert all(slot.end - slot.start == QUARTER for slot in quarters)
    assert parsed.slots[3].price == pytest.approx(0.15)
    assert parsed.until == MIDNIGHT + 48 * HOUR


def test_entsoe_combined_list() -> None:
    parsed = parse_entsoe({"prices": ENTSOE["prices_today"]})

    assert len(parsed.slots) == 24
    # The last one lasts as long as the step before it.
    assert parsed.slots[-1].end - parsed.slots[-1].start == HOUR


def test_energyzero_and_frank() -> None:
    parsed = parse_energyzero(ENERGYZERO)

    assert len(parsed.slots) == 48
    _contiguous(parsed, HOUR)


def test_tibber() -> None:
    parsed = parse_tibber(TIBBER)

    assert len(parsed.slots) == 24
    assert parsed.slots[0].price == 0.25
    _contiguous(parsed, HOUR)


def test_octopus_agile_half_hours() -> None:
    parsed = parse_octopus_agile(OCTOPUS_AGILE)

    assert len(parsed.slots) == 48
    _contiguous(parsed, timedelta(minutes=30))


@pytest.mark.parametrize(
    ("attributes", "count"),
    [
        (NORD_POOL_HOURLY, 24),
        (NORD_POOL_15MIN, 96),
        (ENTSOE, 120),
        ({"prices": ENTSOE["prices_today"]}, 24),
        (ENERGYZERO, 48),
        (TIBBER, 24),
        (OCTOPUS_AGILE, 48),
    ],
)
def test_the_shape_is_recognised(attributes: dict[str, Any], count: int) -> None:
    assert len(parse_price_attributes(attributes).slots) == count


def test_broken_entries_are_skipped_and_named() -> None:
    entries: list[Any] = [
        {"start": MIDNIGHT, "end": MIDNIGHT + HOUR, "value": 0.1},
        "not a mapping",
        {"start": "yesterday", "end": MIDNIGHT + HOUR, "value": 0.1},
        {"start": MIDNIGHT + HOUR, "end": 17, "value": 0.1},
        {"start": MIDNIGHT + HOUR, "end": MIDNIGHT + 2 * HOUR, "value": "n/a"},
        {"start": MIDNIGHT + HOUR, "end": MIDNIGHT + 2 * HOUR, "value": float("nan")},
        {"start": MIDNIGHT + HOUR, "end": MIDNIGHT + 2 * HOUR, "value": True},
        {"start": MIDNIGHT + HOUR, "end": MIDNIGHT + HOUR, "value": 0.1},
        {"start": MIDNIGHT + 0.5 * HOUR, "end": MIDNIGHT + 2 * HOUR, "value": 0.1},
        {"start": MIDNIGHT + HOUR, "end": MIDNIGHT + 2 * HOUR, "value": " 0.12 "},
        {"start": MIDNIGHT + HOUR, "end": MIDNIGHT + 2 * HOUR, "value": 0.5},
    ]

    parsed = parse_nord_pool({"raw_today": entries, "raw_tomorrow": "soon"})

    assert [slot.price for slot in parsed.slots] == [0.1, 0.12]
    # Entries are read in order, then put in time order: the earlier slot wins an overlap.
    assert parsed.skipped == (
        Skipped("raw_today[1]", "not a mapping"),
        Skipped("raw_today[2]", "no usable start"),
        Skipped("raw_today[3]", "no usable end"),
        Skipped("raw_today[4]", "no usable value"),
        Skipped("raw_today[5]", "no usable value"),
        Skipped("raw_today[6]", "no usable value"),
        Skipped("raw_tomorrow", "not a list"),
        Skipped("raw_today[8]", "overlaps the slot before"),
        Skipped("raw_today[7]", "ends before it starts"),
        Skipped("raw_today[10]", "overlaps the slot before"),
    )


def test_naive_times_need_a_zone() -> None:
    naive = {"today": [{"startsAt": "2025-03-03T00:00:00", "total": 0.2}]}

    without = parse_tibber(naive)
    with_zone = parse_tibber(naive, AMSTERDAM)

    assert without.slots == ()
    assert without.skipped == (Skipped("today[0]", "no usable startsAt"),)
    assert with_zone.slots[0].start == MIDNIGHT
    assert with_zone.slots[0].end == MIDNIGHT + HOUR  # a lone slot is taken as an hour


def test_a_gap_keeps_the_step_before_it() -> None:
    times = [MIDNIGHT, MIDNIGHT + QUARTER, MIDNIGHT + 3 * HOUR]
    parsed = parse_entsoe({"prices_today": [{"time": t, "price": 0.1} for t in times]})

    assert [slot.end - slot.start for slot in parsed.slots] == [QUARTER] * 3


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        "raw_today",
        42,
        [],
        {},
        {"raw_today": None},
        {"raw_today": {"start": 1}},
        {"raw_today": [None, 1, [], {}]},
        {"prices": "x"},
        {"prices": []},
        {"unrelated": [1, 2, 3]},
        {"rates": [{"start": datetime.max.replace(tzinfo=UTC), "value_inc_vat": 1}]},
        {"today": [{"startsAt": datetime.max.replace(tzinfo=UTC), "total": 1}]},
    ],
)
def test_garbage_never_raises(garbage: object) -> None:
    for parse in (
        parse_price_attributes,
        parse_nord_pool,
        parse_entsoe,
        parse_energyzero,
        parse_tibber,
        parse_octopus_agile,
    ):
        parsed = parse(garbage)
        assert parsed.slots == ()
        assert parsed.until is None


def test_not_a_mapping_is_said() -> None:
    assert parse_price_attributes([1]).skipped == (Skipped("attributes", "not a mapping"),)
    assert parse_nord_pool("x").skipped == (Skipped("attributes", "not a mapping"),)
    assert parse_price_attributes({"x": 1}).skipped == (
        Skipped("attributes", "no known price attribute"),
    )
