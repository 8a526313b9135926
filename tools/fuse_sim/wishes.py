"""What the charging mode wants each second, before the guard's cap."""

from __future__ import annotations

import random
from enum import StrEnum

from custom_components.lektrico_local.fuse import HIGHEST_CHARGING_CURRENT, LOWEST_CHARGING_CURRENT

SOLAR_PERIOD = 30  # s: the solar law decides once a cycle


class ModeKind(StrEnum):
    FAST = "fast"  # 32 A, always
    SOLAR = "solar"  # a wish that moves every 30 s with the sun, and pauses under clouds


def wishes(kind: ModeKind, rng: random.Random, duration: int) -> tuple[int, ...]:
    if kind is ModeKind.FAST:
        return (HIGHEST_CHARGING_CURRENT,) * duration
    return solar_like(rng, duration)


def solar_like(rng: random.Random, duration: int) -> tuple[int, ...]:
    """A random walk between 6 and 20 A, a step every 30 s, with the odd cloud pausing it."""
    wished: list[int] = []
    amps = 10
    while len(wished) < duration:
        if rng.random() < 0.05:
            level = 0  # a cloud: the solar law pauses
        else:
            amps = min(max(amps + rng.randint(-3, 3), LOWEST_CHARGING_CURRENT), 20)
            level = amps
        wished.extend([level] * SOLAR_PERIOD)
    return tuple(wished[:duration])
