"""The house's own loads, per phase and per second, from a seeded random generator."""

from __future__ import annotations

import random
from dataclasses import dataclass

HOUSE_NOISE = 0.2  # A, standard deviation per second and phase: fridge, pumps, standby

PhaseTrace = tuple[tuple[float, ...], ...]  # per second, A on each house phase


@dataclass(frozen=True, slots=True)
class Load:
    """An appliance: `amps` on each house phase from `start` for `seconds`."""

    name: str
    start: int
    seconds: int
    amps: tuple[float, ...]

    @property
    def end(self) -> int:
        return self.start + self.seconds


def on_phase(name: str, phase: int, amps: float, start: int, seconds: int) -> Load:
    """A one-phase appliance on house phase `phase` (1 for L1) of a three-phase house."""
    return Load(name, start, seconds, tuple(amps if p == phase else 0.0 for p in (1, 2, 3)))


def thermostat(
    name: str, phase: int, amps: float, start: int, on: int, off: int, cycles: int
) -> tuple[Load, ...]:
    """An oven or a water heater holding its temperature: on, off, on, ..."""
    return tuple(
        on_phase(name, phase, amps, start + cycle * (on + off), on) for cycle in range(cycles)
    )


@dataclass(frozen=True, slots=True)
class House:
    """What the house draws besides the charger."""

    base: tuple[float, ...]  # A per phase, always on
    loads: tuple[Load, ...] = ()
    noise: float = HOUSE_NOISE

    @property
    def phases(self) -> int:
        return len(self.base)

    def currents(self, rng: random.Random, duration: int) -> PhaseTrace:
        """Per second, the house's current on each phase."""
        steps = [list(self.base) for _ in range(duration)]
        for load in self.loads:
            for second in range(load.start, min(load.end, duration)):
                for phase, amps in enumerate(load.amps):
                    steps[second][phase] += amps
        return tuple(
            tuple(amps + rng.gauss(0.0, self.noise) for amps in second) for second in steps
        )

    def rises(self) -> tuple[int, ...]:
        """The seconds a load switches on: the steps the guard must answer."""
        return tuple(sorted({load.start for load in self.loads}))

    def edges(self) -> tuple[int, ...]:
        """The seconds a load switches on or off: after them the cap may move."""
        return tuple(
            sorted({load.start for load in self.loads} | {load.end for load in self.loads})
        )
