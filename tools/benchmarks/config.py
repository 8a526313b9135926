"""What a benchmark run is: which integration, how many chargers, how long, which EV story."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The two integrations under test, by Home Assistant domain.
OURS = "lektrico_local"
CORE = "lektrico"
INTEGRATIONS = (OURS, CORE)

DEFAULT_CHARGER_COUNTS = (1, 10, 100)
DEFAULT_LATENCY_S = 0.05
# Ten simulated minutes cover two cycles of our 5-minute settings and statistics polls.
DEFAULT_DURATION_MIN = 10.0
DEFAULT_JSON_PATH = "bench-results/latest.json"


@dataclass(frozen=True, slots=True)
class EvScenario:
    """The same story on every charger and for both integrations.

    The chargers start idle (state A); an EV plugs in after a while and charges (state C,
    headless so no authorization is needed) until the end. At the end every charger gets a
    current command per round, with one poll between rounds.
    """

    plug_in_after_s: float = 60.0
    ev_max_current_a: float = 16.0
    ev_phases: int = 3
    # One round of commands per value; each differs from the one before and from the
    # chargers' starting 32 A, so every command changes what the entity shows.
    command_currents_a: tuple[int, ...] = (10, 12, 14)


@dataclass(frozen=True, slots=True)
class RunConfig:
    """One worker run: one integration against `chargers` fresh simulators."""

    integration: str
    chargers: int
    latency_s: float = DEFAULT_LATENCY_S
    duration_min: float = DEFAULT_DURATION_MIN
    scenario: EvScenario = field(default_factory=EvScenario)
    model: str = "3p22k"
    first_serial: int = 500_001
    install_current_a: int = 32

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunConfig:
        scenario = dict(data["scenario"])
        scenario["command_currents_a"] = tuple(scenario["command_currents_a"])  # JSON: a list
        return cls(**{**data, "scenario": EvScenario(**scenario)})


@dataclass(frozen=True, slots=True)
class BenchmarkConfig:
    """The whole command: every charger count, for both integrations."""

    charger_counts: tuple[int, ...] = DEFAULT_CHARGER_COUNTS
    latency_s: float = DEFAULT_LATENCY_S
    duration_min: float = DEFAULT_DURATION_MIN
    scenario: EvScenario = field(default_factory=EvScenario)

    def run_configs(self, chargers: int) -> list[RunConfig]:
        """Ours first, then core, each against its own fresh simulators."""
        return [
            RunConfig(
                integration=integration,
                chargers=chargers,
                latency_s=self.latency_s,
                duration_min=self.duration_min,
                scenario=self.scenario,
            )
            for integration in INTEGRATIONS
        ]
