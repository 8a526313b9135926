"""What the user configures for the main-fuse guard, checked once when it is built."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeIs

# The charger takes 0 (pause) or 6..32 A. The same numbers as the solar law's: the guard is kept
# free of imports from it so that either can change on its own.
LOWEST_CHARGING_CURRENT = 6
HIGHEST_CHARGING_CURRENT = 32


@dataclass(frozen=True, slots=True)
class FuseSettings:
    """Options of the guard. Currents are amps per phase, times seconds.

    Only the fuse rating has no default: the guard cannot guess it, and a wrong one is the one
    mistake it cannot make up for.
    """

    fuse_rating: float  # the house's main fuse, per phase
    margin: float = 2.0  # kept free below the rating: meter error, loads between two readings
    fallback_current: int = LOWEST_CHARGING_CURRENT  # the cap while the meter says nothing
    meter_timeout: float = 30.0  # no reading for longer than this: the meter is stale
    hold_time: float = 60.0  # more must be available this long before the cap goes up
    house_phases: int = 3  # 1 or 3
    min_current: int = LOWEST_CHARGING_CURRENT  # less available than this: pause
    max_current: int = HIGHEST_CHARGING_CURRENT
    voltage: float = 230.0  # line to neutral; turns per-phase powers into currents
    # The house phase the charger's L1 is wired to. Installers rotate the phases of chargers so
    # that one-phase cars do not all load L1; the charger's L2 and L3 follow in order.
    charger_l1_phase: int = 1
    # From sending a setpoint until the meter shows the car at it: the request, the charger and
    # the car's onboard charger. Readings sooner may still show the car at its old current.
    response_time: float = 10.0
    # How far readings wander under a steady load. The cap only rises to a whole amp that is
    # available with this much to spare, and while the car still follows a change a reading
    # must be this much below the cap to cut it again: noise around a whole amp is no news.
    meter_noise: float = 0.5

    def __post_init__(self) -> None:
        self._check_currents()
        self._check_fuse()
        self._check_wiring()
        self._check_times()

    @property
    def limit(self) -> float:
        """The most current a phase may carry: the rating less the margin."""
        return self.fuse_rating - self.margin

    def _check_currents(self) -> None:
        low, high = LOWEST_CHARGING_CURRENT, HIGHEST_CHARGING_CURRENT
        _require_int("min_current", self.min_current, low, high)
        _require_int("max_current", self.max_current, low, high)
        if self.max_current < self.min_current:
            raise ValueError(
                f"max_current ({self.max_current} A) must not be below "
                f"min_current ({self.min_current} A)"
            )
        fallback = self.fallback_current
        if not _is_whole(fallback):
            raise ValueError(f"fallback_current must be a whole number of amps, got {fallback!r}")
        if fallback != 0 and not self.min_current <= fallback <= self.max_current:
            raise ValueError(
                f"fallback_current must be 0 (pause) or between min_current and max_current "
                f"({self.min_current}..{self.max_current} A), got {fallback}"
            )
        _require_number("meter_noise", self.meter_noise, 0, 5)

    def _check_fuse(self) -> None:
        _require_number("fuse_rating", self.fuse_rating, LOWEST_CHARGING_CURRENT, 1000)
        _require_number("margin", self.margin, 0, 100)
        if self.limit < self.min_current:
            raise ValueError(
                f"fuse_rating ({self.fuse_rating} A) less the margin ({self.margin} A) leaves "
                f"less than min_current ({self.min_current} A): the car could never charge"
            )

    def _check_wiring(self) -> None:
        if not _is_whole(self.house_phases) or self.house_phases not in (1, 3):
            raise ValueError(f"house_phases must be 1 or 3, got {self.house_phases!r}")
        _require_number("voltage", self.voltage, 100, 260)
        phase = self.charger_l1_phase
        if not _is_whole(phase) or not 1 <= phase <= self.house_phases:
            raise ValueError(
                f"charger_l1_phase must be a phase of the house (1..{self.house_phases}), "
                f"got {phase!r}"
            )

    def _check_times(self) -> None:
        _require_number("meter_timeout", self.meter_timeout, 1, 3600)
        _require_number("hold_time", self.hold_time, 0, 3600)
        _require_number("response_time", self.response_time, 0, 120)


def _require_number(name: str, value: object, low: float, high: float) -> None:
    """An int or float within low..high."""
    if not _is_number(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not low <= value <= high:  # also rejects NaN
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")


def _require_int(name: str, value: object, low: int, high: int) -> None:
    if not _is_whole(value):
        raise ValueError(f"{name} must be a whole number of amps, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high} A, got {value}")


def _is_number(value: object) -> TypeIs[int | float]:
    """ValueError, not TypeError, for a wrong type: options come from a form, not from code."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value: object) -> TypeIs[int]:
    """Counts and amps that the charger takes as integers: 3.0 is a float, not a count."""
    return isinstance(value, int) and not isinstance(value, bool)
