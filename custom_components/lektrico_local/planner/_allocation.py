"""Which slots charge how much: cheapest energy first, then the charger's and the user's rules.

Energy is first poured into the cheapest kWh available (the sun's at no cost, then each slot's
grid energy by price), which is the optimum while any power from 0 to the maximum is allowed.
Then two rules the charger and the car impose are put back:

* a slot that buys energy needs at least the minimum current for the whole slot: the one slot
  poured only in part is either raised to the minimum (the most expensive energy elsewhere gives
  way) or left out (the next cheapest slot takes it), whichever is cheaper;
* few starts: neighbouring runs are joined (the gap charging at least at the minimum), or a
  run is dropped and its energy goes to the slots next to the other runs (or wherever is
  cheapest), while that costs less than a start is worth, and until there are at most
  max_starts runs.

Each step compares whole allocations by (starts over the limit, cost + starts x start cost), so
the result is never worse than what the step started from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ._window import WindowSlot

EPSILON = 1e-6  # kWh: the arithmetic's rounding, not energy
MAX_RAISES = 4  # minimum-current repairs chained on one allocation before giving up

Objective = tuple[int, float]


@dataclass(slots=True)
class Allocation:
    """kWh per slot, and the slots a step added to save a start."""

    energy: list[float]
    merged: set[int] = field(default_factory=set)


class Problem:
    """One window's slots as arrays, and the pouring and repair steps on them."""

    def __init__(
        self,
        slots: Sequence[WindowSlot],
        max_power_kw: float,
        min_power_kw: float,
        start_penalty_kwh: float,
        max_starts: int,
        running: bool = False,
    ) -> None:
        self.size = len(slots)
        self.price = [slot.price for slot in slots]
        self.capacity = [max_power_kw * slot.hours for slot in slots]
        self.minimum = [min_power_kw * slot.hours for slot in slots]
        self.solar = [
            min(slot.solar_kwh, cap) for slot, cap in zip(slots, self.capacity, strict=True)
        ]
        self.typical_price = (
            math.fsum(abs(price) for price in self.price) / self.size if self.size else 0.0
        )
        self.start_cost = start_penalty_kwh * self.typical_price
        self.max_starts = max_starts
        # Slots that charge at their minimum may together hold up to one slot's minimum more
        # than the need (the car stops when it has enough); never more.
        self.slack = max(self.minimum, default=0.0) + EPSILON
        # The car charges now: a run from the first slot on is no new start.
        self.running = running
        # (slot, buys from the grid): the sun's kWh cost nothing, a slot's grid kWh its price.
        # A negative price sorts the slot's sun with its grid: the sun comes first in a slot,
        # and buying there is worth more than the sun elsewhere. Ties: the earlier slot first,
        # so that the car is ready sooner when the forecast or the car disappoint.
        segments = [
            (min(price, 0.0), index, 0)
            for index, price in enumerate(self.price)
            if self.solar[index] > EPSILON
        ]
        segments += [(price, index, 1) for index, price in enumerate(self.price)]
        self._order = [(index, kind == 1) for _, index, kind in sorted(segments)]

    # --- measures -----------------------------------------------------------------------

    def cost(self, energy: Sequence[float]) -> float:
        return math.fsum(
            price * (kwh - sun)
            for price, kwh, sun in zip(self.price, energy, self.solar, strict=True)
            if kwh > sun + EPSILON
        )

    def runs(self, energy: Sequence[float]) -> list[tuple[int, int]]:
        """First and last slot of each stretch of charging slots."""
        found: list[tuple[int, int]] = []
        first = -1
        for index, kwh in enumerate(energy):
            if kwh > EPSILON:
                if first < 0:
                    first = index
            elif first >= 0:
                found.append((first, index - 1))
                first = -1
        if first >= 0:
            found.append((first, len(energy) - 1))
        return found

    def starts(self, energy: Sequence[float]) -> int:
        runs = self.runs(energy)
        return len(runs) - (1 if self.running and runs and runs[0][0] == 0 else 0)

    def objective(self, energy: Sequence[float]) -> Objective:
        starts = self.starts(energy)
        return (
            max(0, starts - self.max_starts),
            self.cost(energy) + self.start_cost * starts,
        )

    # --- steps -----------------------------------------------------------------------------

    def pour(
        self, need: float, floor: Sequence[float], limit: Sequence[float]
    ) -> tuple[list[float], int] | None:
        """Each slot's floor, then the cheapest kWh up to each limit until `need` is in.

        Returns the energies and the last slot that bought some (-1: none), the only one that
        can be left below its minimum; None when the limits cannot hold the need.
        """
        energy = list(floor)
        rest = need - math.fsum(floor)
        marginal = -1
        if rest <= EPSILON:
            return energy, marginal
        for index, grid in self._order:
            top = limit[index]
            held = energy[index]
            room = (
                top - max(held, self.solar[index]) if grid else min(self.solar[index], top) - held
            )
            if room <= EPSILON:
                continue
            take = min(room, rest)
            energy[index] = held + take
            rest -= take
            if grid:
                marginal = index
            if rest <= EPSILON:
                return energy, marginal
        return None

    def solve(
        self, need: float, floor: list[float], limit: list[float], depth: int = 0
    ) -> Allocation | None:
        """Pour, then bring a slot left below the minimum current up to it or out."""
        poured = self.pour(need, floor, limit)
        if poured is None:
            return None
        energy, marginal = poured
        if marginal < 0 or energy[marginal] >= self.minimum[marginal] - EPSILON:
            return Allocation(energy)
        options: list[Allocation] = []
        if depth < MAX_RAISES:
            raised = list(floor)
            raised[marginal] = self.minimum[marginal]
            found = self.solve(need, raised, limit, depth + 1)
            if found is not None:
                options.append(found)
        without = list(limit)
        without[marginal] = min(limit[marginal], self.solar[marginal])
        moved = self.pour(need, floor, without)
        if moved is not None and (
            moved[1] < 0 or moved[0][moved[1]] >= self.minimum[moved[1]] - EPSILON
        ):
            options.append(Allocation(moved[0]))
        if not options:
            # Nothing else fits: the minimum anyway; the car stops when it has enough.
            energy[marginal] = self.minimum[marginal]
            options.append(Allocation(energy))
        return min(options, key=lambda option: self.objective(option.energy))

    def optimize(self, need: float, floor: list[float], limit: list[float]) -> Allocation | None:
        """The cheapest allocation, then runs joined, moved or dropped while that pays.

        A step changes which slots charge; the energy then goes where it is cheapest among
        them (each at least at its minimum), so a step is judged by the best it allows.
        """
        best = self.solve(need, floor, limit)
        if best is None:
            return None
        score = self.objective(best.energy)
        while True:
            found = self._best_step(need, best, floor, limit)
            if found is None:
                return best
            candidate, candidate_score = found
            if candidate_score >= (score[0], score[1] - 1e-9):
                return best
            best, score = candidate, candidate_score

    def _best_step(
        self, need: float, current: Allocation, floor: list[float], limit: list[float]
    ) -> tuple[Allocation, Objective] | None:
        runs = self.runs(current.energy)
        if len(runs) < 2:
            return None
        on = {index for first, last in runs for index in range(first, last + 1)}
        candidates: list[Allocation | None] = []
        for (_, last), (first, _) in pairwise(runs):
            gap = set(range(last + 1, first))
            candidates.append(self._within(need, on | gap, floor, limit, current.merged | gap))
        for first, last in runs:
            run = set(range(first, last + 1))
            if any(floor[index] > 0 for index in run):
                continue  # a slot kept running is never dropped
            candidates.append(self._relocate(need, on - run, floor, limit, current.merged))
            candidates.append(self._drop(need, on - run, run, floor, limit, current.merged))
        scored = [
            (candidate, self.objective(candidate.energy))
            for candidate in candidates
            if candidate is not None
        ]
        if not scored:
            return None
        return min(scored, key=lambda item: item[1])

    def _floors(self, on: set[int], floor: Sequence[float], limit: Sequence[float]) -> list[float]:
        """Each slot of `on` charges at least at its minimum, or on the sun alone if it has some."""
        raised = list(floor)
        for index in on:
            least = self.minimum[index]
            if self.solar[index] > EPSILON:
                least = min(least, self.solar[index])
            raised[index] = max(raised[index], min(least, limit[index]))
        return raised

    def _within(
        self,
        need: float,
        on: set[int],
        floor: Sequence[float],
        limit: Sequence[float],
        merged: set[int],
    ) -> Allocation | None:
        """The cheapest allocation that charges in exactly the slots `on`."""
        if any(limit[index] < self.minimum[index] - EPSILON for index in on if floor[index] == 0):
            return None
        raised = self._floors(on, floor, limit)
        if math.fsum(raised) > need + self.slack:
            return None
        bounded = [limit[index] if index in on else 0.0 for index in range(self.size)]
        found = self.solve(need, raised, bounded)
        if found is not None:
            found.merged = merged
        return found

    def _relocate(
        self,
        need: float,
        on: set[int],
        floor: Sequence[float],
        limit: Sequence[float],
        merged: set[int],
    ) -> Allocation | None:
        """The run's energy goes to the other runs, grown at their cheapest edge until they can
        hold the need (they may grow back into the run: one run then replaces two)."""
        region = set(on)
        held = math.fsum(limit[index] for index in region)
        while held < need - EPSILON:
            edges = {
                side
                for index in region
                for side in (index - 1, index + 1)
                if 0 <= side < self.size
                and side not in region
                and limit[side] >= self.minimum[side] - EPSILON
            }
            if not edges:
                return None
            cheapest = min(edges, key=lambda index: (self.price[index], index))
            region.add(cheapest)
            held += limit[cheapest]
        return self._within(need, region, floor, limit, merged | (region - on))

    def _drop(
        self,
        need: float,
        on: set[int],
        run: set[int],
        floor: Sequence[float],
        limit: Sequence[float],
        merged: set[int],
    ) -> Allocation | None:
        """The run's energy goes wherever is cheapest outside it; the other runs stay."""
        raised = self._floors(on, floor, limit)
        if math.fsum(raised) > need + self.slack:
            return None
        bounded = [0.0 if index in run else limit[index] for index in range(self.size)]
        found = self.solve(need, raised, bounded)
        if found is not None:
            found.merged = set(merged)
        return found
