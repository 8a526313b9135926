"""The allocator's corners that whole plans rarely reach: repairs with nothing left to try."""

from __future__ import annotations

import pytest

from custom_components.lektrico_local.planner._allocation import MAX_RAISES, Problem
from custom_components.lektrico_local.planner._window import WindowSlot

HOUR = 3600.0


def problem(prices: list[float], max_starts: int = 3) -> Problem:
    slots = [
        WindowSlot(index * HOUR, (index + 1) * HOUR, price, False, 0.0)
        for index, price in enumerate(prices)
    ]
    return Problem(slots, 11.04, 4.14, 0.1, max_starts)


def test_when_every_repair_fails_the_minimum_is_taken_anyway() -> None:
    """0.96 kWh left over for the second slot, below its 4.14: no raise left to chain, and the
    third slot would be below its minimum too; the car gets the minimum and stops early."""
    allocation = problem([0.1, 0.2, 0.3]).solve(12.0, [0.0] * 3, [11.04] * 3, MAX_RAISES)

    assert allocation is not None
    assert allocation.energy == pytest.approx([11.04, 4.14, 0.0])


def test_too_much_for_the_limits_is_no_allocation() -> None:
    found = problem([0.1, 0.2])

    assert found.solve(30.0, [0.0, 0.0], [11.04, 11.04]) is None
    assert found.optimize(30.0, [0.0, 0.0], [11.04, 11.04]) is None


def test_runs_held_by_floors_around_a_forbidden_slot_stay_apart() -> None:
    """Both runs are fixed (kept running, say) and the gap may not charge: no step is left."""
    found = problem([0.1, 0.1, 0.1], max_starts=1)

    allocation = found.optimize(8.28, [4.14, 0.0, 4.14], [4.14, 0.0, 4.14])

    assert allocation is not None
    assert found.runs(allocation.energy) == [(0, 0), (2, 2)]


def test_a_run_boxed_in_by_forbidden_slots_cannot_grow() -> None:
    found = problem([0.1, 0.5, 0.1, 0.5])
    limit = [11.04, 0.0, 11.04, 0.0]

    assert found._relocate(15.0, {0}, [0.0] * 4, limit, set()) is None
    assert found._drop(2.0, {0, 2}, {3}, [0.0] * 4, limit, set()) is None
