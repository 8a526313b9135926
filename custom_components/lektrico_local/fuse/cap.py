"""Whole amps the charger takes: 0 (pause) or 6..32, never 1..5."""

from __future__ import annotations

import math

from .settings import LOWEST_CHARGING_CURRENT, FuseSettings


def whole_amps(available: float, settings: FuseSettings) -> int:
    """The cap `available` amps allow: floored, 0 below min_current, at most max_current.

    Floored, not rounded: 13.9 A available is 13 A, never 14.
    """
    amps = math.floor(available)
    if amps < settings.min_current:
        return 0
    return min(amps, settings.max_current)


def apply_cap(wanted: int, cap: int) -> int:
    """The setpoint to send: what the mode wants (solar, fast, smart or manual), never above the
    guard's cap, and never 1..5 A.

    A wish of 1..5 A, which the charger would refuse, pauses rather than rounding up past it.
    """
    amps = min(wanted, cap)
    return amps if amps >= LOWEST_CHARGING_CURRENT else 0
