"""Photovoltaic and house power, one value per second, from a seeded random generator."""

from __future__ import annotations

import random
from dataclasses import dataclass

HOUSE_BASE_LOAD = 300.0  # W: fridge, router, standby
HOUSE_NOISE = 30.0  # W, standard deviation per second


@dataclass(frozen=True, slots=True)
class Trace:
    """What the sun gives and the house takes, in W, one value per second."""

    pv: tuple[float, ...]
    house: tuple[float, ...]

    @property
    def surplus(self) -> tuple[float, ...]:
        """PV minus house: the export before the car and the battery."""
        return tuple(pv - house for pv, house in zip(self.pv, self.house, strict=True))


def house_load(rng: random.Random, duration: int) -> list[float]:
    return [HOUSE_BASE_LOAD + rng.gauss(0.0, HOUSE_NOISE) for _ in range(duration)]


def steady_export(rng: random.Random, duration: int, export: float) -> Trace:
    """PV sized so that the house exports `export` W on average."""
    pv = [export + HOUSE_BASE_LOAD] * duration
    return Trace(tuple(pv), tuple(house_load(rng, duration)))


def with_load(trace: Trace, start: int, seconds: int, watts: float) -> Trace:
    """An appliance switched on at `start` for `seconds`."""
    house = list(trace.house)
    for second in range(start, min(start + seconds, len(house))):
        house[second] += watts
    return Trace(trace.pv, tuple(house))


def with_pv(trace: Trace, start: int, seconds: int, watts: float) -> Trace:
    """The sun gives only `watts` from `start` for `seconds` (a cloud, or the evening)."""
    pv = list(trace.pv)
    for second in range(start, min(start + seconds, len(pv))):
        pv[second] = watts
    return Trace(tuple(pv), trace.house)


def morning_ramp(rng: random.Random, duration: int, peak: float) -> Trace:
    """PV rises linearly from 0 to `peak` over the first half and falls back over the second."""
    half = duration / 2
    pv = [peak * (1 - abs(second - half) / half) for second in range(duration)]
    return Trace(tuple(pv), tuple(house_load(rng, duration)))


@dataclass(frozen=True, slots=True)
class CloudModel:
    """Broken clouds: sunny and shaded spells of random length with soft edges."""

    low: float = 1500.0  # W under a cloud
    high: float = 7000.0  # W in full sun
    sunny_mean: float = 300.0  # s, mean length of a sunny spell
    cloudy_mean: float = 120.0  # s, mean length of a shaded spell
    shortest_spell: float = 20.0  # s
    edge: float = 20.0  # s for the sun to fade in or out
    flicker: float = 150.0  # W, standard deviation per second (thin clouds, haze)


def noisy_clouds(rng: random.Random, duration: int, model: CloudModel) -> Trace:
    """PV between model.low and model.high, switching between sun and shade at random."""
    levels = _cloud_levels(rng, duration, model)
    pv = [_soften(levels, second, model.edge) for second in range(duration)]
    flickered = [
        min(max(watts + rng.gauss(0.0, model.flicker), model.low), model.high) for watts in pv
    ]
    return Trace(tuple(flickered), tuple(house_load(rng, duration)))


def _cloud_levels(rng: random.Random, duration: int, model: CloudModel) -> list[float]:
    levels: list[float] = []
    sunny = True
    while len(levels) < duration:
        mean = model.sunny_mean if sunny else model.cloudy_mean
        spell = max(model.shortest_spell, rng.expovariate(1.0 / mean))
        # Not every cloud is as dark, nor every sunny spell as bright.
        if sunny:
            level = model.high - rng.uniform(0.0, 0.1) * (model.high - model.low)
        else:
            level = model.low + rng.uniform(0.0, 0.3) * (model.high - model.low)
        levels.extend([level] * round(spell))
        sunny = not sunny
    return levels[:duration]


def _soften(levels: list[float], second: int, edge: float) -> float:
    """Mean over the last `edge` seconds: the sun fades instead of switching."""
    first = max(0, second - round(edge) + 1)
    window = levels[first : second + 1]
    return sum(window) / len(window)
