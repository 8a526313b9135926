"""Where the energy between two samples came from and what it cost.

The charger's counter says exactly how much energy went into the car between two samples; it
does not say from where, nor at what price. The flow integrates, over the same interval, the
charger's power, the part of it the grid meter shows as solar surplus and the price, and divides
the counter's growth in those proportions: power-weighted, so a moment when the car drew little
weighs little.

At a moment, with the grid meter's power G (positive imports; it includes the charger's own
draw) and the charger's power P: grid part = clamp(G, 0, P), solar part = P - grid part.
Each value holds until the next one. A grid reading older than grid_max_age, or no grid sensor
at all, makes the whole power grid: the solar part is never overstated. Energy delivered while
no price was known is unpriced; it is left out of the cost, and said so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from .settings import HistorySettings
from .stored import JsonDict, finite, iso, mapping, moment, number

WH_PER_KWH = 1000.0


@dataclass(frozen=True, slots=True)
class Portion:
    """Some energy, its solar part and its cost."""

    energy_wh: float = 0.0
    solar_wh: float = 0.0
    cost: float = 0.0  # of the priced energy, at the price in force
    grid_cost: float = 0.0  # of its grid part only
    unpriced_wh: float = 0.0  # delivered while no price was known


@dataclass(frozen=True, slots=True)
class Integrals:
    """Sums over time since the last split: W·s, and W·s times the price per kWh."""

    power: float = 0.0
    solar: float = 0.0
    cost: float = 0.0
    grid_cost: float = 0.0
    unpriced: float = 0.0

    def plus(self, rate: Integrals, seconds: float) -> Integrals:
        return Integrals(
            *(getattr(self, f.name) + getattr(rate, f.name) * seconds for f in fields(self))
        )

    def portion(self, energy_wh: float, observed: bool) -> Portion:
        """`energy_wh` in the proportions of these sums (which must hold some power).

        Not observed: samples were missing, nothing is known of the sun then: all grid.
        """
        share = energy_wh / self.power
        cost = share * self.cost / WH_PER_KWH
        return Portion(
            energy_wh=energy_wh,
            solar_wh=share * self.solar if observed else 0.0,
            cost=cost,
            grid_cost=share * self.grid_cost / WH_PER_KWH if observed else cost,
            unpriced_wh=share * self.unpriced,
        )

    def to_dict(self) -> JsonDict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, value: object) -> Integrals:
        data = mapping(value)
        return cls(*(number(data, f.name) or 0.0 for f in fields(cls)))


def rate(power_w: float, grid_w: float | None, price: float | None) -> Integrals:
    """The sums' growth per second at one moment; grid_w None: no usable grid reading."""
    power = max(power_w, 0.0)
    grid = power if grid_w is None else min(max(grid_w, 0.0), power)
    if price is None:
        return Integrals(power=power, solar=power - grid, unpriced=power)
    return Integrals(power, power - grid, power * price, grid * price, 0.0)


@dataclass(frozen=True, slots=True)
class GridReading:
    at: datetime
    watts: float | None  # None: the meter said it was unavailable


@dataclass
class EnergyFlow:
    """The charger's power, the grid meter and the price as they change; split() on demand."""

    settings: HistorySettings
    mark: datetime | None = None  # the sums run up to here
    power_w: float = 0.0  # the charger's, from the last sample
    grid: GridReading | None = None
    sensor_price: float | None = None  # the price sensor's last known value
    sums: Integrals = field(default_factory=Integrals)

    def price(self) -> float | None:
        """The price in force: the sensor's last known value, else the fixed price.

        An unavailable price sensor keeps its last price: a price that holds for hours is closer
        than none, which would leave the session without a cost.
        """
        if self.settings.price_sensor and self.sensor_price is not None:
            return self.sensor_price
        return self.settings.fixed_price

    def advance(self, at: datetime) -> None:
        """Run the sums up to `at` with the values held since the mark."""
        mark = self.mark
        if mark is not None and at > mark:
            price, grid = self.price(), self.grid
            fresh_until = mark
            if grid is not None and grid.watts is not None:
                fresh_until = min(max(grid.at + self.settings.seconds("grid_max_age"), mark), at)
                self._add(rate(self.power_w, grid.watts, price), fresh_until - mark)
            self._add(rate(self.power_w, None, price), at - fresh_until)
        if mark is None or at > mark:
            self.mark = at

    def set_power(self, watts: float | None) -> None:
        self.power_w = finite(watts) or 0.0

    def set_grid(self, at: datetime, watts: float | None) -> None:
        if self.grid is None or at >= self.grid.at:
            self.grid = GridReading(at, finite(watts))

    def set_price(self, price: float | None) -> None:
        value = finite(price)
        if value is not None:
            self.sensor_price = value

    def split(self, at: datetime, energy_wh: float, observed: bool) -> Portion:
        """Divide the counter's growth up to `at` by the sums since the last split; restart them.

        No power in the sums (the car started drawing at this very sample, or the charger
        reports no power): the values of this moment, and all grid without a power.
        """
        self.advance(at)
        sums, self.sums = self.sums, Integrals()
        if sums.power <= 0:
            power = self.power_w
            grid = self._fresh_grid(at) if power > 0 else None
            sums = rate(power if power > 0 else 1.0, grid, self.price())
        return sums.portion(energy_wh, observed)

    def restart(self, at: datetime) -> None:
        """The sums start again at `at` (a session starts: what came before is not its own)."""
        self.advance(at)
        self.sums = Integrals()

    def unobserved(self, energy_wh: float) -> Portion:
        """Energy the counters report after the fact: all grid, at the price in force now."""
        return rate(1.0, None, self.price()).portion(energy_wh, observed=False)

    def _fresh_grid(self, at: datetime) -> float | None:
        grid = self.grid
        if grid is None or at - grid.at > self.settings.seconds("grid_max_age"):
            return None
        return grid.watts

    def _add(self, rate_now: Integrals, span: timedelta) -> None:
        if span > timedelta(0):
            self.sums = self.sums.plus(rate_now, span.total_seconds())

    def to_dict(self) -> JsonDict:
        grid = self.grid
        return {
            "mark": iso(self.mark),
            "power_w": self.power_w,
            "grid_at": None if grid is None else iso(grid.at),
            "grid_w": None if grid is None else grid.watts,
            "sensor_price": self.sensor_price,
            "sums": self.sums.to_dict(),
        }

    @classmethod
    def from_dict(cls, value: object, settings: HistorySettings) -> EnergyFlow:
        data = mapping(value)
        grid_at = moment(data, "grid_at")
        return cls(
            settings=settings,
            mark=moment(data, "mark"),
            power_w=number(data, "power_w") or 0.0,
            grid=None if grid_at is None else GridReading(grid_at, number(data, "grid_w")),
            sensor_price=number(data, "sensor_price"),
            sums=Integrals.from_dict(data.get("sums")),
        )
