"""The numbers the scenario table shows, per policy, over a scenario's year of sessions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .runner import SessionResult


@dataclass(frozen=True, slots=True)
class Summary:
    sessions: int
    feasible: int  # departures full power could have met
    met: int  # of those, departures that had their energy
    short_kwh: float  # missing at the infeasible departures
    car_kwh: float
    grid_kwh: float
    solar_kwh: float
    cost: float
    starts_mean: float | None
    starts_max: int | None
    low_setpoints: int  # sessions that asked for 1..5 A at any time
    negative_kwh: float
    beyond_need_kwh: float
    cut_short: int
    plans: int

    @property
    def cost_per_kwh(self) -> float | None:
        return self.cost / self.car_kwh if self.car_kwh > 0 else None


def summarize(results: Sequence[SessionResult]) -> Summary:
    feasible = [result for result in results if result.feasible]
    starts = [result.starts for result in results if result.starts is not None]
    return Summary(
        sessions=len(results),
        feasible=len(feasible),
        met=sum(1 for result in feasible if result.met),
        short_kwh=math.fsum(
            max(0.0, result.session.need_kwh - result.delivered_kwh)
            for result in results
            if not result.feasible
        ),
        car_kwh=math.fsum(result.delivered_kwh for result in results),
        grid_kwh=math.fsum(result.grid_kwh for result in results),
        solar_kwh=math.fsum(result.solar_kwh for result in results),
        cost=math.fsum(result.cost for result in results),
        starts_mean=sum(starts) / len(starts) if starts else None,
        starts_max=max(starts) if starts else None,
        low_setpoints=sum(
            1 for result in results if any(0 < amps < 6 for amps in result.setpoints)
        ),
        negative_kwh=math.fsum(result.negative_kwh for result in results),
        beyond_need_kwh=math.fsum(result.beyond_need_kwh for result in results),
        cut_short=sum(result.cut_short for result in results),
        plans=sum(result.plans for result in results),
    )
