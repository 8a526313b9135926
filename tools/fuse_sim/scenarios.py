"""The scenarios of the main-fuse issue: a house, a meter, a charger and a mode each."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from custom_components.lektrico_local.fuse import FuseSettings

from .house import House, Load, PhaseTrace, on_phase, thermostat
from .plant import ChargerSpec, MeterKind, MeterSpec
from .wishes import ModeKind, wishes

MINUTE = 60
HOUR = 3600
DEFAULT_SEED = 7

FUSE_25A = FuseSettings(fuse_rating=25.0)


@dataclass(frozen=True, slots=True)
class Scenario:
    """One replay: what the house draws, how the meter reports it, and who is plugged in."""

    name: str
    description: str
    house: House
    duration: int = HOUR
    settings: FuseSettings = FUSE_25A
    meter: MeterSpec = field(default_factory=MeterSpec)
    charger: ChargerSpec = field(default_factory=ChargerSpec)
    mode: ModeKind = ModeKind.FAST
    steady: bool = False  # no appliance switches all run long

    def traces(self, seed: int = DEFAULT_SEED) -> tuple[PhaseTrace, tuple[int, ...]]:
        """Per second, the house's current per phase and what the mode wants."""
        rng = random.Random(seed)
        house = self.house.currents(rng, self.duration)
        return house, wishes(self.mode, rng, self.duration)


# Appliances switch on a few seconds past the minute: not on the clock of a meter or an
# automation that runs every 10 s.
PAST = 7


def _kettles(phase: int, *minutes: int) -> tuple[Load, ...]:
    """A 2 kW kettle (9 A) boiling for 3 min, a few seconds past each of these minutes."""
    return tuple(on_phase("kettle", phase, 9.0, at * MINUTE + PAST, 3 * MINUTE) for at in minutes)


def _oven(phase: int, start: int) -> tuple[Load, ...]:
    """A 3 kW oven (13 A): 10 min heating up, then its thermostat, 3 min on and 3 min off."""
    heating = on_phase("oven", phase, 13.0, start, 10 * MINUTE)
    return (heating, *thermostat("oven", phase, 13.0, start + 13 * MINUTE, 180, 180, 5))


def _heat_pump(phase: int, start: int, seconds: int) -> tuple[Load, ...]:
    """A heat pump's compressor: a 25 A start surge for 2 s, then 10 A."""
    return (
        on_phase("heat pump start", phase, 15.0, start, 2),
        on_phase("heat pump", phase, 10.0, start, seconds),
    )


def _sauna(start: int, seconds: int) -> Load:
    return Load("sauna", start, seconds, (6.0, 6.0, 6.0))


def _hob(start: int, seconds: int) -> Load:
    """An induction hob on two phases."""
    return Load("hob", start, seconds, (5.0, 5.0, 0.0))


HOUSE = (4.0, 2.5, 2.0)  # A: fridge, router, lights, standby

SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        Scenario(
            "kettle_1s",
            "three kettles (9 A) on L1, meter every 1 s, fast mode",
            House(HOUSE, _kettles(1, 10, 25, 40)),
        ),
        Scenario(
            "kettle_10s",
            "three kettles (9 A) on L1, meter every 10 s, fast mode",
            House(HOUSE, _kettles(1, 10, 25, 40)),
            meter=MeterSpec(period=10),
        ),
        Scenario(
            "oven_1s",
            "an oven (13 A) on L1 heats up 10 min then cycles, meter every 1 s, fast mode",
            House((3.0, 2.5, 2.5), _oven(1, 5 * MINUTE + PAST)),
        ),
        Scenario(
            "heat_pump_1s",
            "a heat pump on L2 (25 A for 2 s, then 10 A) twice, powers every 1 s, fast mode",
            House(
                (2.5, 3.0, 2.5),
                _heat_pump(2, 5 * MINUTE + 3, 20 * MINUTE)
                + _heat_pump(2, 35 * MINUTE + 7, 15 * MINUTE),
            ),
            meter=MeterSpec(kind=MeterKind.POWERS),
        ),
        Scenario(
            "all_phases_10s",
            "sauna (3 x 6 A) and hob (L1, L2) in the same second; later dryer (L3) and kettle "
            "(L1) together; meter every 10 s, fast mode",
            House(
                (3.0, 3.0, 3.0),
                (
                    _sauna(10 * MINUTE + 4, 45 * MINUTE),
                    _hob(10 * MINUTE + 4, 15 * MINUTE),
                    on_phase("dryer", 3, 10.0, 35 * MINUTE + 9, 20 * MINUTE),
                    on_phase("kettle", 1, 9.0, 35 * MINUTE + 9, 3 * MINUTE),
                ),
            ),
            meter=MeterSpec(period=10),
        ),
        Scenario(
            "steady_1s",
            "steady house load leaving 13.4 A on L1, meter every 1 s, fast mode",
            House((9.6, 4.0, 3.0)),
            steady=True,
        ),
        Scenario(
            "steady_10s",
            "steady house load leaving 13.4 A on L1, meter every 10 s, fast mode",
            House((9.6, 4.0, 3.0)),
            meter=MeterSpec(period=10),
            steady=True,
        ),
        Scenario(
            "meter_stale",
            "meter silent 20-30 min (a kettle at 24 min), unavailable 40-42 min, a kettle at "
            "45 min; meter every 10 s, fast mode",
            House(HOUSE, _kettles(1, 24, 45)),
            meter=MeterSpec(
                period=10,
                silent=((20 * MINUTE, 30 * MINUTE),),
                unavailable=((40 * MINUTE, 42 * MINUTE),),
            ),
        ),
        Scenario(
            "one_phase_car",
            "a one-phase car on a 3P22K (its L1); an oven on L2 does not matter, a kettle on L1 "
            "does; meter every 1 s, fast mode",
            House((3.0, 4.0, 2.0), (*_oven(2, 5 * MINUTE + PAST), *_kettles(1, 50))),
            charger=ChargerSpec(car_phases=1),
        ),
        Scenario(
            "solar_like",
            "the wish moves every 30 s (6..20 A, clouds pause it); oven and kettle on L1; "
            "meter every 1 s",
            House(HOUSE, (*_oven(1, 10 * MINUTE + PAST), *_kettles(1, 52))),
            mode=ModeKind.SOLAR,
        ),
        Scenario(
            "fast_40a",
            "a 40 A fuse: inactive until oven and kettle on L1 together need the guard; "
            "meter every 10 s, fast mode",
            House((4.0, 3.0, 3.0), (*_oven(1, 5 * MINUTE + PAST), *_kettles(1, 12, 20))),
            settings=FuseSettings(fuse_rating=40.0),
            meter=MeterSpec(period=10),
        ),
        Scenario(
            "one_phase_house",
            "a single-phase house (40 A) and a 1P7K; oven and kettles; total power every 10 s",
            House(
                (5.0,),
                (
                    Load("oven", 5 * MINUTE, 30 * MINUTE, (13.0,)),
                    Load("kettle", 15 * MINUTE, 3 * MINUTE, (9.0,)),
                    Load("kettle", 40 * MINUTE, 3 * MINUTE, (9.0,)),
                ),
            ),
            settings=FuseSettings(fuse_rating=40.0, house_phases=1),
            meter=MeterSpec(period=10, kind=MeterKind.TOTAL_POWER),
            charger=ChargerSpec(phases=1, car_phases=1),
        ),
    )
}
