"""The world around the controller: the car, the home battery, the grid meter and the charger."""

from __future__ import annotations

from dataclasses import dataclass

from custom_components.lektrico_local.solar import LOWEST_CHARGING_CURRENT


@dataclass(frozen=True, slots=True)
class CarSpec:
    """How the car answers the charger's offer."""

    max_current: float = 32.0
    phases: int = 3
    draw_fraction: float = 1.0  # share of the offer it takes; 0.7 for a lazy onboard charger
    full: bool = False  # draws nothing, whatever is offered
    start_delay: float = 10.0  # from an offer to the first amp
    response_delay: float = 2.0  # from a changed offer to the new current
    stop_delay: float = 1.0  # from a pause to no current


class Car:
    """Follows the offer after a delay, like an onboard charger does."""

    def __init__(self, spec: CarSpec) -> None:
        self.spec = spec
        self.amps = 0.0
        self._wanted = 0.0
        self._change_at: float | None = None

    def update(self, now: float, offered: int) -> float:
        """The current the car draws at `now` on each of its phases."""
        wanted = self._wants(offered)
        if wanted != self._wanted:
            self._wanted = wanted
            self._change_at = now + self._delay_to(wanted)
        if self._change_at is not None and now >= self._change_at:
            self.amps = self._wanted
            self._change_at = None
        return self.amps

    def _wants(self, offered: int) -> float:
        if offered < LOWEST_CHARGING_CURRENT or self.spec.full:
            return 0.0
        return min(offered, self.spec.max_current) * self.spec.draw_fraction

    def _delay_to(self, wanted: float) -> float:
        if wanted == 0:
            return self.spec.stop_delay
        return self.spec.start_delay if self.amps == 0 else self.spec.response_delay


@dataclass(frozen=True, slots=True)
class BatterySpec:
    """A home battery whose own controller keeps the grid at zero."""

    capacity_wh: float = 10_000.0
    soc: float = 50.0  # % at the start
    max_charge: float = 5_000.0  # W
    max_discharge: float = 5_000.0  # W
    min_soc: float = 5.0


class HomeBattery:
    """Soaks up export and covers import, within its power and charge limits."""

    def __init__(self, spec: BatterySpec) -> None:
        self.spec = spec
        self.soc = spec.soc

    def update(self, net_watts: float, seconds: float) -> float:
        """Power it takes (positive charges) when the house would otherwise draw net_watts."""
        spec = self.spec
        watts = min(max(-net_watts, -spec.max_discharge), spec.max_charge)
        if (watts > 0 and self.soc >= 100.0) or (watts < 0 and self.soc <= spec.min_soc):
            watts = 0.0
        self.soc += watts * seconds / 3600.0 / spec.capacity_wh * 100.0
        self.soc = min(max(self.soc, 0.0), 100.0)
        return watts


@dataclass(frozen=True, slots=True)
class SensorSpec:
    """How Home Assistant sees the grid meter (the battery sensor reports alike)."""

    period: int = 5  # seconds between reports
    lag: int = 0  # a report shows the grid this many seconds ago
    outages: tuple[tuple[int, int], ...] = ()  # [start, end) in seconds: reports unavailable

    def reports_at(self, second: int) -> bool:
        return second % self.period == 0

    def is_out(self, second: int) -> bool:
        return any(start <= second < end for start, end in self.outages)


class SimCharger:
    """The EM current and the phase relays; a relay switch under load is counted as unsafe."""

    def __init__(self, phases: int) -> None:
        self.em_current = 0
        self.relay_phases = phases
        self.unsafe_switches = 0

    def apply(self, setpoint: int, phases: int, car_amps: float) -> None:
        if phases != self.relay_phases:
            if car_amps > 0:
                self.unsafe_switches += 1
            self.relay_phases = phases
        self.em_current = setpoint
