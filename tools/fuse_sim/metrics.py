"""The numbers the scenario table shows, computed from a run."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from custom_components.lektrico_local.fuse import LOWEST_CHARGING_CURRENT

from .runner import Run

JOULES_PER_KWH = 3_600_000.0


@dataclass(frozen=True, slots=True)
class Summary:
    hours: float
    seconds_above: int  # seconds any phase carried more than the fuse rating
    late_seconds: int  # of those, later than one meter update plus one request after a load rise
    worst_overshoot: float  # A above the rating at worst; 0 if never above
    cap_changes: int
    low_setpoints: int  # setpoints of 1..5 A sent (the charger refuses them)
    car_kwh: float

    @property
    def changes_per_hour(self) -> float:
        return self.cap_changes / self.hours


def summarize(run: Run) -> Summary:
    rating = run.scenario.settings.fuse_rating
    above = [second for second, phases in enumerate(run.phase_currents) if max(phases) > rating]
    worst = max(max(phases) for phases in run.phase_currents) - rating
    low = sum(1 for _, amps in run.writes if 0 < amps < LOWEST_CHARGING_CURRENT)
    return Summary(
        hours=run.hours,
        seconds_above=len(above),
        late_seconds=len(late_seconds(run)),
        worst_overshoot=max(0.0, worst),
        cap_changes=len(cap_changes(run)),
        low_setpoints=low,
        car_kwh=car_kwh(run),
    )


def allowance(run: Run) -> int:
    """Seconds a load rise may overload the fuse: one meter update plus one request."""
    return run.scenario.meter.period + run.scenario.charger.request_delay


def late_seconds(run: Run) -> list[int]:
    """Seconds above the rating that no load rise within the allowance before explains."""
    rating = run.scenario.settings.fuse_rating
    rises = run.scenario.house.rises()
    window = allowance(run)
    return [
        second
        for second, phases in enumerate(run.phase_currents)
        if max(phases) > rating and not any(rise <= second < rise + window for rise in rises)
    ]


def cap_changes(run: Run) -> list[int]:
    """The seconds the cap changed (its first value is not a change)."""
    return [
        second for second, (before, after) in enumerate(pairwise(run.caps), 1) if before != after
    ]


def settle_window(run: Run) -> float:
    """Seconds after a load switches (or the meter drops out or returns) in which the cap may
    still move: down at once, up after the hold time, and once more after another hold time
    if the first raise was held back by a noisy reading."""
    scenario = run.scenario
    settings, meter = scenario.settings, scenario.meter
    return (
        2 * settings.hold_time
        + settings.meter_timeout
        + settings.response_time
        + 2 * meter.period
        + scenario.charger.request_delay
    )


def steady_changes(run: Run) -> list[int]:
    """Changes of the cap under steady load: later than the settle window after the start,
    any appliance switching on or off, and any meter outage."""
    scenario = run.scenario
    edges = (0, *scenario.house.edges(), *scenario.meter.outage_edges())
    window = settle_window(run)
    return [
        second
        for second in cap_changes(run)
        if not any(edge <= second <= edge + window for edge in edges)
    ]


def car_kwh(run: Run) -> float:
    charger, voltage = run.scenario.charger, run.scenario.settings.voltage
    joules = sum(run.car_amps) * voltage * charger.drawing_phases
    return joules / JOULES_PER_KWH
