"""The world around the guard: the grid meter, the charger and the car behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from custom_components.lektrico_local.fuse import LOWEST_CHARGING_CURRENT, ChargerDraw


class MeterKind(StrEnum):
    """The shapes Home Assistant has grid meters in."""

    CURRENTS = "currents"  # A per phase
    POWERS = "powers"  # W per phase
    TOTAL_POWER = "total_power"  # W, single-phase houses


@dataclass(frozen=True, slots=True)
class MeterSpec:
    """How Home Assistant sees the grid meter."""

    period: int = 1  # seconds between readings
    kind: MeterKind = MeterKind.CURRENTS
    silent: tuple[tuple[int, int], ...] = ()  # [start, end): no readings at all
    unavailable: tuple[tuple[int, int], ...] = ()  # [start, end): readings say "unavailable"

    def reports_at(self, second: int) -> bool:
        return second % self.period == 0 and not _within(second, self.silent)

    def is_unavailable(self, second: int) -> bool:
        return _within(second, self.unavailable)

    def outage_edges(self) -> tuple[int, ...]:
        return tuple(sorted({edge for span in self.silent + self.unavailable for edge in span}))


@dataclass(frozen=True, slots=True)
class ChargerSpec:
    """The charger, its wiring, and the car plugged into it."""

    phases: int = 3  # 3 for a 3P22K, 1 for a 1P7K
    car_phases: int = 3  # a one-phase car on a 3P22K draws on its L1 only
    l1_phase: int = 1  # the house phase the charger's L1 is wired to
    request_delay: int = 2  # s from sending a setpoint to the car drawing it: one request
    poll_interval: int = 10  # s between polls of the charger (Home Assistant's default)
    car_max: float = 32.0  # what the car's onboard charger takes at most

    @property
    def drawing_phases(self) -> int:
        return min(self.phases, self.car_phases)


class SimCharger:
    """Takes a setpoint one request after it is sent; the car draws what it is offered."""

    def __init__(self, spec: ChargerSpec, house_phases: int) -> None:
        self.spec = spec
        self.house_phases = house_phases
        self.offer = 0
        self._pending: list[tuple[int, int]] = []  # (applies at, amps)

    def request(self, now: int, amps: int) -> None:
        self._pending.append((now + self.spec.request_delay, amps))

    def advance(self, now: int) -> None:
        """Apply the requests that have arrived, in the order they were sent."""
        while self._pending and self._pending[0][0] <= now:
            self.offer = self._pending.pop(0)[1]

    @property
    def car_amps(self) -> float:
        """What the car draws on each of its phases."""
        if self.offer < LOWEST_CHARGING_CURRENT:
            return 0.0
        return min(float(self.offer), self.spec.car_max)

    def house_currents(self) -> tuple[float, ...]:
        """The car's current on each house phase."""
        currents = [0.0] * self.house_phases
        for offset in range(self.spec.drawing_phases):
            currents[self._house_phase(offset)] += self.car_amps
        return tuple(currents)

    def poll(self) -> ChargerDraw:
        """What the charger reports: its current on each of its own phases."""
        amps = self.car_amps
        drawing = self.spec.drawing_phases
        currents = tuple(amps if offset < drawing else 0.0 for offset in range(self.spec.phases))
        return ChargerDraw(currents, drawing if amps > 0 else None)

    def _house_phase(self, offset: int) -> int:
        if self.house_phases == 1:
            return 0
        return (self.spec.l1_phase - 1 + offset) % 3


def _within(second: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= second < end for start, end in spans)
