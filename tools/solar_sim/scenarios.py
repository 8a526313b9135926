"""The scenarios of the solar-charging issue, each a trace, a car, a sensor and settings."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from custom_components.lektrico_local.solar import ChargeMode, SolarSettings

from . import traces
from .plant import BatterySpec, CarSpec, SensorSpec
from .traces import CloudModel, Trace

MINUTE = 60
HOUR = 3600
DEFAULT_SEED = 4

TraceBuilder = Callable[[random.Random, int], Trace]


@dataclass(frozen=True, slots=True)
class Scenario:
    """One replay: who is plugged in, what the sun does and how the sensor reports it."""

    name: str
    description: str
    duration: int  # seconds
    build_trace: TraceBuilder = field(repr=False)
    settings: SolarSettings = field(default_factory=SolarSettings)
    mode: ChargeMode = ChargeMode.SOLAR
    car: CarSpec = field(default_factory=CarSpec)
    sensor: SensorSpec = field(default_factory=SensorSpec)
    battery: BatterySpec | None = None

    def trace(self, seed: int = DEFAULT_SEED) -> Trace:
        return self.build_trace(random.Random(seed), self.duration)


def _steady(export: float) -> TraceBuilder:
    return lambda rng, duration: traces.steady_export(rng, duration, export)


def _steady_with_load(export: float, start: int, seconds: int, watts: float) -> TraceBuilder:
    def build(rng: random.Random, duration: int) -> Trace:
        return traces.with_load(traces.steady_export(rng, duration, export), start, seconds, watts)

    return build


def _steady_then_pv(export: float, start: int, seconds: int, pv: float) -> TraceBuilder:
    def build(rng: random.Random, duration: int) -> Trace:
        return traces.with_pv(traces.steady_export(rng, duration, export), start, seconds, pv)

    return build


def _ramp(peak: float) -> TraceBuilder:
    return lambda rng, duration: traces.morning_ramp(rng, duration, peak)


def _clouds(model: CloudModel) -> TraceBuilder:
    return lambda rng, duration: traces.noisy_clouds(rng, duration, model)


ONE_PHASE = SolarSettings(phases=1)
SURPLUS_OF = traces.HOUSE_BASE_LOAD  # PV that only feeds the house

SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        Scenario("steady_6kw_3p", "steady 6 kW export, 3 phases", 30 * MINUTE, _steady(6000)),
        Scenario("export_3kw_3p", "steady 3 kW export, 3 phases", 30 * MINUTE, _steady(3000)),
        Scenario(
            "export_3kw_1p",
            "steady 3 kW export, 1 phase",
            30 * MINUTE,
            _steady(3000),
            settings=ONE_PHASE,
            car=CarSpec(phases=1),
        ),
        Scenario("morning_ramp", "PV 0 -> 10 kW over 2 h and back", 4 * HOUR, _ramp(10_000)),
        Scenario(
            "noisy_clouds",
            "broken clouds, PV between 1.5 and 7 kW, 4 h",
            4 * HOUR,
            _clouds(CloudModel()),
        ),
        Scenario(
            "kettle",
            "6 kW export, a 2.5 kW kettle for 90 s at 15 min",
            30 * MINUTE,
            _steady_with_load(6000, 15 * MINUTE, 90, 2500),
        ),
        Scenario(
            "oven",
            "6 kW export, a 3 kW oven from 3 to 13 min (3 kW surplus, below the minimum)",
            30 * MINUTE,
            _steady_with_load(6000, 3 * MINUTE, 10 * MINUTE, 3000),
        ),
        Scenario(
            "short_cloud",
            "6 kW export, a cloud leaves 2 kW surplus for 120 s at 15 min",
            30 * MINUTE,
            _steady_then_pv(6000, 15 * MINUTE, 120, 2000 + SURPLUS_OF),
        ),
        Scenario(
            "slow_sensor",
            "6 kW export, the grid sensor reports every 60 s",
            30 * MINUTE,
            _steady(6000),
            sensor=SensorSpec(period=60),
        ),
        Scenario(
            "lagging_sensor",
            "6 kW export, the grid sensor shows the grid 20 s late",
            30 * MINUTE,
            _steady(6000),
            sensor=SensorSpec(lag=20),
        ),
        Scenario(
            "sensor_unavailable",
            "6 kW export, the grid sensor unavailable from 15 to 25 min",
            45 * MINUTE,
            _steady(6000),
            sensor=SensorSpec(outages=((15 * MINUTE, 25 * MINUTE),)),
        ),
        Scenario(
            "battery_priority",
            "6.2 kW surplus, home battery at 60 % (priority 80 %) charging at up to 5 kW",
            40 * MINUTE,
            _steady(6200),
            settings=SolarSettings(battery_priority_soc=80.0),
            battery=BatterySpec(capacity_wh=5_000.0, soc=60.0),
        ),
        Scenario(
            "battery_covers_car",
            "6 kW export, then from 20 min the sun gives 1 kW and the battery covers the rest",
            40 * MINUTE,
            _steady_then_pv(6000, 20 * MINUTE, 20 * MINUTE, 1000),
            battery=BatterySpec(soc=90.0),
        ),
        Scenario(
            "lazy_car",
            "6 kW export, the car draws 70 % of the offer",
            30 * MINUTE,
            _steady(6000),
            car=CarSpec(draw_fraction=0.7),
        ),
        Scenario(
            "full_car",
            "6 kW export, the car is full and draws nothing",
            30 * MINUTE,
            _steady(6000),
            car=CarSpec(full=True),
        ),
        Scenario(
            "clouds_phase_switching",
            "the noisy clouds on a unit that switches between 1 and 3 phases",
            4 * HOUR,
            _clouds(CloudModel()),
            settings=SolarSettings(phase_switching=True),
        ),
    )
}
