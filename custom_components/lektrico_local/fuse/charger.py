"""What the guard knows of the charger: its draw as last polled, and the setpoints it was sent.

The meter is fresh, the poll is not: the charger is polled every 10 s or so, while the car moves
within seconds of a new setpoint. So for a while after each change the guard does not know
whether a reading shows the car at its old current or at the new one. It then counts the car
between two bounds (see CarPhase) instead of guessing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .settings import HIGHEST_CHARGING_CURRENT, LOWEST_CHARGING_CURRENT, FuseSettings


@dataclass(frozen=True, slots=True)
class ChargerDraw:
    """The charger as last polled. None means the charger did not say."""

    phase_currents: tuple[float | None, ...]  # A on its L1, L2, L3 (one value on a 1P7K)
    # Phases the car draws on, from the charger's L1: a one-phase car on a 3P22K loads its L1
    # only. None: not known, counted as every phase of the charger (the cautious guess).
    phases_in_use: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= len(self.phase_currents) <= 3:
            raise ValueError(f"expected 1 to 3 phase currents, got {len(self.phase_currents)}")
        if self.phases_in_use is not None and not 1 <= self.phases_in_use <= 3:
            raise ValueError(f"phases_in_use must be 1..3, got {self.phases_in_use}")


@dataclass(frozen=True, slots=True)
class CarPhase:
    """The least and the most the car may be drawing now on one house phase.

    low: what the last poll saw, or the setpoint if that is lower: the car may have followed a
    cut already.
    high: what the last poll saw, up to a setpoint sent within the response time (the car may not
    have followed a cut yet), or a raise no poll has confirmed (it may have followed it already).
    Both are the polled current once the car has settled on its setpoint.
    """

    phase: int  # house phase, 0 for L1
    low: float
    high: float


def car_phases(settings: FuseSettings, draw: ChargerDraw | None) -> tuple[int, ...]:
    """The house phases (0 for L1) the car draws on.

    In a single-phase house that is the one phase: a charger there is wired on its L1 only.
    Before the first poll the charger's phase count is unknown: all three, to be safe.
    """
    if settings.house_phases == 1:
        return (0,)
    charger_phases = 3 if draw is None else len(draw.phase_currents)
    in_use = None if draw is None else draw.phases_in_use
    count = charger_phases if in_use is None else min(in_use, charger_phases)
    first = settings.charger_l1_phase - 1
    return tuple((first + offset) % 3 for offset in range(count))


class ChargerTracker:
    """Polls and setpoints as they come, and the car's current they imply."""

    def __init__(self, settings: FuseSettings) -> None:
        self._settings = settings
        self._draw: ChargerDraw | None = None
        self._polled_at: float | None = None
        self._setpoint: int | None = None
        self._raised_at: float | None = None  # when the setpoint last went up
        self._lowered_at: float | None = None  # when it last went down
        # Setpoints replaced within the response time, as (replaced at, amps): the car may still
        # draw them.
        self._replaced: deque[tuple[float, int]] = deque()

    @property
    def setpoint(self) -> int | None:
        """The setpoint last sent, None before the caller said."""
        return self._setpoint

    def polled(self, now: float, draw: ChargerDraw) -> None:
        self._draw = draw
        self._polled_at = now

    def setpoint_sent(self, now: float, amps: int) -> None:
        if amps != 0 and not LOWEST_CHARGING_CURRENT <= amps <= HIGHEST_CHARGING_CURRENT:
            raise ValueError(f"the charger takes 0 or 6..32 A, got {amps}")
        previous = self._setpoint
        if previous is not None and amps != previous:
            self._replaced.append((now, previous))
            if amps > previous:
                self._raised_at = now
            else:
                self._lowered_at = now
        self._setpoint = amps

    def phases(self) -> tuple[int, ...]:
        return car_phases(self._settings, self._draw)

    def counted(self, now: float) -> tuple[CarPhase, ...]:
        """The bounds of the car's current on each phase it draws on (see CarPhase)."""
        setpoint = self._setpoint
        offered = self._offered_lately(now)
        rising_to = setpoint if self._raise_unconfirmed() else None
        counted: list[CarPhase] = []
        for index, phase in enumerate(self.phases()):
            polled = self._polled_current(index)
            low = polled if setpoint is None else min(polled, setpoint)
            high = polled if offered is None else min(polled, offered)
            if rising_to is not None:
                high = max(high, rising_to)
            counted.append(CarPhase(phase, low, high))
        return tuple(counted)

    def settling(self, now: float) -> bool:
        """The car may still be on its way to its setpoint: after a cut until the response time
        has passed, after a raise until a poll has shown it."""
        lowered = self._lowered_at
        if lowered is not None and now < lowered + self._settings.response_time:
            return True
        return self._raise_unconfirmed()

    def _polled_current(self, index: int) -> float:
        """The charger's current on its phase `index`; 0 when not known.

        0 counts the car's current as other load: the cap comes out lower, never higher.
        """
        if self._draw is None or index >= len(self._draw.phase_currents):
            return 0.0
        amps = self._draw.phase_currents[index]
        return 0.0 if amps is None else max(0.0, amps)

    def _offered_lately(self, now: float) -> int | None:
        """The highest setpoint in force during the last response time; None if never told."""
        if self._setpoint is None:
            return None
        since = now - self._settings.response_time
        while self._replaced and self._replaced[0][0] < since:
            self._replaced.popleft()
        return max([self._setpoint, *(amps for _, amps in self._replaced)])

    def _raise_unconfirmed(self) -> bool:
        """The setpoint went up, and no poll taken a response time later has shown the car yet."""
        if self._raised_at is None:
            return False
        confirmed_by = self._raised_at + self._settings.response_time
        return self._polled_at is None or self._polled_at < confirmed_by
