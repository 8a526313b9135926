"""A controller on a virtual clock with an ideal car: the grid follows what the car draws."""

from __future__ import annotations

from dataclasses import dataclass, field

from custom_components.lektrico_local.solar import (
    ChargeMode,
    ChargerObservation,
    Decision,
    SolarController,
    SolarSettings,
)

READING_PERIOD = 5  # seconds between grid readings
VOLTS = 230.0


@dataclass
class Rig:
    """Feeds grid readings every 5 s and steps the controller once a cycle, one second apart.

    The car draws `car_fraction` of the offer at once (0: a full car); the grid reading is
    what the car draws minus the surplus, so the controller sees its own effect next cycle.
    """

    settings: SolarSettings = field(default_factory=SolarSettings)
    mode: ChargeMode = ChargeMode.SOLAR
    car_fraction: float = 1.0
    plugged: bool = True
    em_current: int = 0
    phases: int | None = None  # what the relays are set to; None: settings.phases
    now: int = 0
    decisions: list[tuple[int, Decision]] = field(default_factory=list)
    controller: SolarController = field(init=False)

    def __post_init__(self) -> None:
        self.controller = SolarController(self.settings, self.mode)
        if self.phases is None:
            self.phases = self.settings.phases

    @property
    def last(self) -> Decision:
        return self.decisions[-1][1]

    @property
    def writes(self) -> list[tuple[int, Decision]]:
        return [(time, decision) for time, decision in self.decisions if decision.write]

    @property
    def car_amps(self) -> float:
        if not self.plugged or self.em_current == 0:
            return 0.0
        return self.em_current * self.car_fraction

    def observation(self) -> ChargerObservation:
        assert self.phases is not None
        amps = self.car_amps
        return ChargerObservation(
            vehicle_connected=self.plugged,
            charging=amps > 0,
            offered_current=self.em_current,
            phase_currents=(amps,) * self.phases,
            held_current=self.em_current,
            phases_in_use=self.phases if amps > 0 else None,
        )

    def grid_for(self, surplus: float | None) -> float | None:
        """Positive imports. None stays None: the sensor is unavailable."""
        assert self.phases is not None
        if surplus is None:
            return None
        return self.car_amps * VOLTS * self.phases - surplus

    def run(self, seconds: int, surplus: float | None, *, readings: bool = True) -> Decision:
        """Let `seconds` pass with this surplus (W, before the car); readings=False: silence."""
        for _ in range(seconds):
            if readings and self.now % READING_PERIOD == 0:
                self.controller.add_grid_sample(self.now, self.grid_for(surplus))
            if self.now % round(self.settings.cycle) == 0:
                self.step()
            self.now += 1
        return self.last

    def step(self) -> Decision:
        decision = self.controller.step(self.now, self.observation())
        self.decisions.append((self.now, decision))
        if decision.write:
            self.em_current = decision.setpoint
            self.phases = decision.phases
        return decision

    def setpoints_since(self, time: int) -> list[int]:
        return [decision.setpoint for when, decision in self.decisions if when >= time]

    def first_time(self, setpoint: int, since: int = 0) -> int | None:
        """When a decision first held this setpoint."""
        for when, decision in self.decisions:
            if when >= since and decision.setpoint == setpoint:
                return when
        return None


def surplus_for(amps: float, phases: int = 3, margin: float = 100.0) -> float:
    """Surplus (before the car) that pays for exactly `amps` after the residual margin."""
    return amps * VOLTS * phases + margin
