"""What the user configures for smart charging, checked once when it is built."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeIs

# The charger takes 0 (pause) or 6..32 A. The same numbers as the solar law's: the planner is kept
# free of imports from it so that either can change on its own.
LOWEST_CHARGING_CURRENT = 6
HIGHEST_CHARGING_CURRENT = 32


class PlannerSettingsError(ValueError):
    """A setting the planner cannot work with; `field` names it so a form can point at it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field} {message}")


@dataclass(frozen=True, slots=True)
class PowerLevel:
    """One current the charger can hold, on one phase count, and the power it gives in kW."""

    current: int
    phases: int
    power_kw: float


@dataclass(frozen=True, slots=True)
class PlannerSettings:
    """Options of the planner. Currents are amps per phase, energies kWh at the car's side.

    Prices are in whatever currency per kWh the price sensor shows. The two tolerances are kWh
    bought at the window's typical price rather than money, so that they mean the same whether a
    sensor shows EUR/kWh, ct/kWh or GBP/kWh.
    """

    phases: int = 3  # phases the car charges on (1 or 3)
    phase_switching: bool = False  # a 3P22K that may drop to one phase for small powers
    min_current: int = LOWEST_CHARGING_CURRENT
    max_current: int = HIGHEST_CHARGING_CURRENT
    voltage: float = 230.0  # line to neutral
    # "Charge when the price is below": every slot cheaper than this charges at full power,
    # beyond the need (up to the room in the battery, when known). None: off, and even negative
    # prices only serve the need.
    price_cap: float | None = None
    # Starts a session may have. More starts only ever save a few cents, and every start wakes
    # the car's battery management, ramps its charger and clicks the contactor.
    max_starts: int = 3
    # A start costs as much as this much energy at the typical price: a start that saves less is
    # merged away (neighbouring slots joined, or a short run dropped).
    start_penalty_kwh: float = 0.1
    # A re-plan drops a slot that is charging only if that saves more than this much energy at
    # the typical price; below it the running slot finishes.
    keep_tolerance_kwh: float = 0.5
    # A re-plan keeps the plan being executed, untouched, while the energy still needed is within
    # this much below what the plan still delivers (and prices, departure and sun are unchanged).
    replan_tolerance_kwh: float = 0.5

    def __post_init__(self) -> None:
        if not _is_number(self.phases) or self.phases not in (1, 3):
            raise PlannerSettingsError("phases", f"must be 1 or 3, got {self.phases!r}")
        if self.phase_switching not in (True, False):
            raise PlannerSettingsError(
                "phase_switching", f"must be true or false, got {self.phase_switching!r}"
            )
        if self.phase_switching and self.phases != 3:
            raise PlannerSettingsError("phase_switching", "needs a unit charging on 3 phases")
        low, high = LOWEST_CHARGING_CURRENT, HIGHEST_CHARGING_CURRENT
        _require_int("min_current", self.min_current, low, high)
        _require_int("max_current", self.max_current, low, high)
        if self.max_current < self.min_current:
            raise PlannerSettingsError(
                "max_current", f"({self.max_current}) must not be below min_current"
            )
        _require_number("voltage", self.voltage, 100, 260)
        if self.price_cap is not None:
            _require_number("price_cap", self.price_cap, -1e6, 1e6)
        _require_int("max_starts", self.max_starts, 1, 48)
        _require_number("start_penalty_kwh", self.start_penalty_kwh, 0, 100)
        _require_number("keep_tolerance_kwh", self.keep_tolerance_kwh, 0, 100)
        _require_number("replan_tolerance_kwh", self.replan_tolerance_kwh, 0, 100)

    def levels(self) -> tuple[PowerLevel, ...]:
        """Every (current, phases) the plan may use, by rising power.

        Three phases win a tie with one phase (18 A on one phase is 6 A on three): less current
        per phase, and no relay switch when the neighbouring slots run on three.
        """
        phase_counts = (3, 1) if self.phase_switching else (self.phases,)
        by_power: dict[float, PowerLevel] = {}
        for phases in phase_counts:
            for current in range(self.min_current, self.max_current + 1):
                power = round(current * phases * self.voltage / 1000, 9)
                by_power.setdefault(power, PowerLevel(current, phases, power))
        return tuple(sorted(by_power.values(), key=lambda level: level.power_kw))

    @property
    def max_power_kw(self) -> float:
        return self.max_current * self.phases * self.voltage / 1000

    @property
    def min_power_kw(self) -> float:
        """The least power above a pause: one phase at the minimum when the unit can switch."""
        phases = 1 if self.phase_switching else self.phases
        return self.min_current * phases * self.voltage / 1000


def _is_number(value: object) -> TypeIs[int | float]:
    """ValueError, not TypeError, for a wrong type: options come from a form, not from code."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _require_number(name: str, value: object, low: float, high: float) -> None:
    if not _is_number(value) or not math.isfinite(value):
        raise PlannerSettingsError(name, f"must be a number, got {value!r}")
    if not low <= value <= high:
        raise PlannerSettingsError(name, f"must be between {low} and {high}, got {value!r}")


def _require_int(name: str, value: object, low: int, high: int) -> None:
    if not _is_number(value) or not isinstance(value, int):
        raise PlannerSettingsError(name, f"must be a whole number, got {value!r}")
    _require_number(name, value, low, high)
