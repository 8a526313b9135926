"""Where every number ends up: one RunResult per (integration, N), and their JSON."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, fields
from typing import Any, Self

from .probes import StallWindow


@dataclass(frozen=True, slots=True)
class Distribution:
    """A handful of order statistics of a set of durations, in seconds."""

    count: int
    median: float
    p95: float
    max: float

    @classmethod
    def of(cls, samples: list[float]) -> Distribution:
        if not samples:
            return cls(count=0, median=0.0, p95=0.0, max=0.0)
        ordered = sorted(samples)
        # Nearest-rank 95th percentile: an actual sample, no interpolation.
        p95_index = max(0, round(0.95 * len(ordered)) - 1)
        return cls(
            count=len(ordered),
            median=statistics.median(ordered),
            p95=ordered[p95_index],
            max=ordered[-1],
        )


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything measured in one worker run: one integration, N chargers."""

    integration: str
    label: str
    chargers: int
    latency_s: float
    # Of each pass: the cost pass, then as long again for the stall pass (see worker.py).
    simulated_minutes: float
    # Simulated seconds per polling step (the gcd of the coordinators' intervals).
    tick_s: float
    fast_update_interval_s: float
    wall_seconds: float

    # Traffic in the cost pass, from the simulators' counters (setup excluded).
    requests: int
    requests_by_method: dict[str, int]
    requests_per_charger_per_minute: float
    fast_updates: int
    requests_per_fast_update: float

    # One update of one charger (its fast coordinator), every charger, every tick (cost pass).
    fast_update_seconds: Distribution
    # Both passes, every coordinator.
    failed_updates: int
    late_updates: int
    # Chargers whose every update (fast and slow) succeeded within its interval, both passes.
    chargers_updated_on_time: int

    # Rounds of one current command per charger, one charger after the other (stall pass).
    command_seconds: Distribution
    commands_sent: int
    commands_confirmed: int
    requests_per_command: float
    command_requests_by_method: dict[str, int]

    # Process cost, Home Assistant and integration only (the simulators run elsewhere).
    # CPU: the cost pass, user + system time of the whole process.
    cpu_seconds_polling: float
    cpu_seconds_per_charger_hour: float
    # Resident memory before setup, and its peak from setup to the end.
    baseline_memory_mib: float
    peak_memory_mib: float
    peak_memory_per_charger_mib: float
    # Stall pass and commands; and, apart, setting up N entries at once.
    loop: StallWindow
    setup_loop: StallWindow
    setup_seconds: float
    # All chargers together.
    setup_requests_by_method: dict[str, int]
    # Enabled entities per charger: context for the memory and CPU figures.
    entities_per_charger: float
    # Entity registry entries per charger, disabled ones included: each costs memory too.
    registered_entities_per_charger: float

    # Sanity: the EV scenario happened (extended states at the end, e.g. {"C": 10}).
    final_charger_states: dict[str, int]

    @property
    def setup_requests_per_charger(self) -> float:
        return sum(self.setup_requests_by_method.values()) / self.chargers

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        values = dict(data)
        for item in fields(cls):
            if nested := _NESTED.get(str(item.type)):
                values[item.name] = nested(**data[item.name])
        return cls(**values)


# Field types that are dataclasses themselves, by the name annotations give them.
_NESTED: dict[str, type[Any]] = {"Distribution": Distribution, "StallWindow": StallWindow}
