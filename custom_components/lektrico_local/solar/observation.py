"""What the controller reads from the charger each cycle."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChargerObservation:
    """The charger as last polled. None means the charger did not say."""

    vehicle_connected: bool
    charging: bool
    offered_current: int | None = None  # what the charger offers the car now, in A
    phase_currents: tuple[float | None, ...] = ()  # measured per phase, in A
    held_current: int | None = None  # what the control lever (dynamic or EM current) holds now
    phases_in_use: int | None = None  # phases the car draws on, when known

    def __post_init__(self) -> None:
        if self.phases_in_use is not None and not 1 <= self.phases_in_use <= 3:
            raise ValueError(f"phases_in_use must be 1..3, got {self.phases_in_use}")

    @property
    def highest_phase_current(self) -> float | None:
        """The most loaded phase, or None when no phase current is known."""
        known = [amps for amps in self.phase_currents if amps is not None]
        return max(known) if known else None
