"""A guard on a virtual clock, with a charger and a meter the tests move by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from custom_components.lektrico_local.fuse import (
    ChargerDraw,
    FuseGuard,
    FuseSettings,
    GuardDecision,
)

FUSE_25A = FuseSettings(fuse_rating=25.0)  # 23 A per phase after the 2 A margin


@dataclass
class Rig:
    """The tests say what the charger was sent, what a poll shows and what the meter reads."""

    settings: FuseSettings = FUSE_25A
    now: float = 0.0
    guard: FuseGuard = field(init=False)

    def __post_init__(self) -> None:
        self.guard = FuseGuard(self.settings)

    def send(self, amps: int) -> None:
        self.guard.setpoint_sent(self.now, amps)

    def poll(self, amps: float, in_use: int | None = 3, charger_phases: int = 3) -> None:
        """The charger draws `amps` on its first `in_use` phases (none if in_use is None)."""
        drawing = 0 if in_use is None else in_use
        currents = tuple(amps if phase < drawing else 0.0 for phase in range(charger_phases))
        self.guard.charger_polled(self.now, ChargerDraw(currents, in_use))

    def charging(self, amps: int, in_use: int | None = 3) -> None:
        """Sent `amps` long ago, and the car draws them."""
        self.send(amps)
        self.poll(amps, in_use)

    def read(self, *amps: float | None) -> GuardDecision:
        return self.guard.add_phase_currents(self.now, amps)

    def wait(self, seconds: float) -> None:
        self.now += seconds

    def readings(self, seconds: int, *amps: float | None) -> list[GuardDecision]:
        """A reading every second for `seconds` s, the first one now."""
        decisions = []
        for _ in range(seconds):
            decisions.append(self.read(*amps))
            self.wait(1)
        return decisions

    def step(self) -> GuardDecision:
        return self.guard.step(self.now)


def started(amps: int, *currents: float, settings: FuseSettings = FUSE_25A) -> Rig:
    """A rig whose charger has been at `amps` for long, after its first reading."""
    rig = Rig(settings)
    rig.charging(amps)
    rig.read(*currents)
    rig.wait(1)
    return rig
