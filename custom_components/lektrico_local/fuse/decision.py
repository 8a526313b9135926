"""What the guard tells its caller after each reading or step."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class GuardState(StrEnum):
    """What the guard is doing, as shown to the user."""

    INACTIVE = (
        "inactive"  # the fuse is not the limit: the cap is max_current, or the mode wants less
    )
    LIMITING = "limiting"  # the charger is at the cap, and the cap is below max_current
    PAUSED = "paused"  # less than min_current is available: the cap is 0
    METER_STALE = "meter_stale"  # no fresh reading: the cap is the fallback current


@dataclass(frozen=True, slots=True)
class GuardDecision:
    """The most current the charger may be given now, and why.

    cap is 0 (pause) or min_current..max_current, never 1..5. changed says it differs from the
    cap of the previous decision, so the caller sends apply_cap(wanted, cap) now. headroom and
    available come from the newest reading and are None while the meter is stale.
    """

    cap: int
    changed: bool
    state: GuardState
    reason: str  # one sentence for logs and attributes, in English
    headroom: float | None = None  # A between the rating and the most loaded phase; < 0: over
    available: float | None = None  # A the most loaded of the car's phases leaves for the car
    seconds_to_raise: int | None = None  # a raise is pending; it comes this soon if it lasts
