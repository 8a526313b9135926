"""Which limit decides the current offered to the EV, and why (current_limit_reason)."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

MIN_CHARGING_CURRENT = 6  # IEC 61851: below 6 A the PWM cannot offer a charging current


class LimitReason(IntEnum):
    """current_limit_reason values (document 0..7, field notes 8..11)."""

    HARDWARE = 0
    INSTALL = 1
    USER = 2
    DYNAMIC = 3
    SCHEDULE = 4
    EM_OFFLINE = 5
    EM = 6
    OCPP = 7
    OVERTEMPERATURE = 8
    SWITCHING_PHASES = 9
    USER_POWER = 10
    SINGLE_PHASE_DISABLED = 11


# Reasons whose 0 A limit is reported as a pause (B_PAUSE, charger_is_paused=true).
PAUSING_REASONS = frozenset({LimitReason.DYNAMIC, LimitReason.EM, LimitReason.EM_OFFLINE})


@dataclass(frozen=True)
class CurrentLimit:
    """One source's ceiling on the offered current."""

    amps: int
    reason: LimitReason

    @property
    def pauses(self) -> bool:
        return self.amps < MIN_CHARGING_CURRENT


def binding_limit(limits: Iterable[CurrentLimit]) -> CurrentLimit:
    """The lowest limit. On a tie the higher reason code wins: those are the controls
    layered on top (EM over user over install), i.e. the one somebody is actively driving."""
    return min(limits, key=lambda limit: (limit.amps, -limit.reason))
