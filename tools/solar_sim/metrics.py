"""The numbers the scenario table shows, computed from a run."""

from __future__ import annotations

from dataclasses import dataclass

from .runner import Run

JOULES_PER_KWH = 3_600_000.0


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of seconds during which the charger was on (setpoint > 0) or paused."""

    on: bool
    start: int
    end: int  # exclusive

    @property
    def seconds(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Summary:
    hours: float
    starts: int
    stops: int
    shortest_on: int | None  # seconds; complete periods only (begun and ended in the run)
    shortest_off: int | None
    writes: int
    surplus_kwh: float  # PV minus house, where positive
    car_kwh: float
    car_from_surplus_kwh: float
    car_from_battery_kwh: float
    car_from_grid_kwh: float

    @property
    def starts_per_hour(self) -> float:
        return self.starts / self.hours

    @property
    def stops_per_hour(self) -> float:
        return self.stops / self.hours

    @property
    def writes_per_hour(self) -> float:
        return self.writes / self.hours

    @property
    def surplus_used(self) -> float | None:
        """Share of the surplus that went into the car."""
        return _share(self.car_from_surplus_kwh, self.surplus_kwh)

    @property
    def grid_share(self) -> float | None:
        """Grid import as a share of the car's energy."""
        return _share(self.car_from_grid_kwh, self.car_kwh)

    @property
    def battery_share(self) -> float | None:
        """Home battery discharge as a share of the car's energy."""
        return _share(self.car_from_battery_kwh, self.car_kwh)


def periods(setpoints: tuple[int, ...]) -> list[Period]:
    """On and paused stretches, in order."""
    found: list[Period] = []
    start = 0
    for second in range(1, len(setpoints) + 1):
        ended = second == len(setpoints) or (setpoints[second] > 0) != (setpoints[start] > 0)
        if ended:
            found.append(Period(setpoints[start] > 0, start, second))
            start = second
    return found


def complete_periods(setpoints: tuple[int, ...], on: bool) -> list[Period]:
    """Periods that began and ended inside the run."""
    inner = periods(setpoints)[1:-1]
    return [period for period in inner if period.on is on]


def summarize(run: Run) -> Summary:
    found = periods(run.setpoints)
    starts = sum(1 for period in found[1:] if period.on)
    stops = sum(1 for period in found[1:] if not period.on)
    on = [period.seconds for period in complete_periods(run.setpoints, on=True)]
    off = [period.seconds for period in complete_periods(run.setpoints, on=False)]
    sources = _car_sources(run)
    return Summary(
        hours=run.hours,
        starts=starts,
        stops=stops,
        shortest_on=min(on, default=None),
        shortest_off=min(off, default=None),
        writes=len(run.writes),
        surplus_kwh=sum(max(0.0, watts) for watts in run.trace.surplus) / JOULES_PER_KWH,
        car_kwh=sum(run.car_watts) / JOULES_PER_KWH,
        car_from_surplus_kwh=sources[0] / JOULES_PER_KWH,
        car_from_battery_kwh=sources[1] / JOULES_PER_KWH,
        car_from_grid_kwh=sources[2] / JOULES_PER_KWH,
    )


def car_from_surplus(run: Run) -> list[float]:
    """Per second, the W of the car's power that the PV surplus paid for."""
    surplus = run.trace.surplus
    return [min(car, max(0.0, surplus[s])) for s, car in enumerate(run.car_watts)]


def _car_sources(run: Run) -> tuple[float, float, float]:
    """Joules the car took from the surplus, from the home battery and from the grid.

    The surplus serves the car first, then battery discharge, and the grid the rest.
    """
    from_surplus = from_battery = from_grid = 0.0
    for second, (car, solar) in enumerate(zip(run.car_watts, car_from_surplus(run), strict=True)):
        rest = car - solar
        battery = min(rest, max(0.0, -run.battery_watts[second]))
        from_surplus += solar
        from_battery += battery
        from_grid += rest - battery
    return from_surplus, from_battery, from_grid


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None
