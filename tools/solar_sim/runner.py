"""Replays a scenario second by second through the controller or the naive baseline."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from custom_components.lektrico_local.solar import (
    ChargerObservation,
    Decision,
    SolarController,
)

from .baseline import BASELINE_PERIOD, NaiveAutomation
from .plant import Car, HomeBattery, SimCharger
from .scenarios import DEFAULT_SEED, Scenario
from .traces import Trace


class PolicyKind(StrEnum):
    CONTROLLER = "controller"
    BASELINE = "baseline"


class Policy(Protocol):
    """What the runner drives: the controller, or the baseline automation."""

    def add_grid_sample(self, now: float, watts: float | None) -> None: ...

    def add_battery_sample(self, now: float, watts: float | None, soc: float | None) -> None: ...

    def step(self, now: float, charger: ChargerObservation) -> Decision: ...


@dataclass(frozen=True, slots=True)
class Write:
    time: int
    setpoint: int
    phases: int


@dataclass(frozen=True, slots=True)
class Run:
    """Everything that happened, one value per second unless said otherwise."""

    scenario: Scenario
    policy: PolicyKind
    trace: Trace
    setpoints: tuple[int, ...]  # the EM current the charger held during each second
    car_amps: tuple[float, ...]
    car_watts: tuple[float, ...]
    grid_watts: tuple[float, ...]  # positive imports
    battery_watts: tuple[float, ...]  # positive charges the battery
    battery_soc: tuple[float, ...]
    writes: tuple[Write, ...]
    decisions: tuple[tuple[int, Decision], ...]  # (second, decision) at every step
    unsafe_phase_switches: int

    @property
    def hours(self) -> float:
        return self.scenario.duration / 3600


def run(scenario: Scenario, kind: PolicyKind, seed: int = DEFAULT_SEED) -> Run:
    return _Replay(scenario, kind, scenario.trace(seed)).run()


class _Replay:
    def __init__(self, scenario: Scenario, kind: PolicyKind, trace: Trace) -> None:
        self.scenario = scenario
        self.kind = kind
        self.trace = trace
        self.policy, self.period = _make_policy(scenario, kind)
        self.car = Car(scenario.car)
        self.charger = SimCharger(scenario.settings.phases)
        self.battery = None if scenario.battery is None else HomeBattery(scenario.battery)
        self.setpoints: list[int] = []
        self.car_amps: list[float] = []
        self.car_watts: list[float] = []
        self.grid_watts: list[float] = []
        self.battery_watts: list[float] = []
        self.battery_soc: list[float] = []
        self.writes: list[Write] = []
        self.decisions: list[tuple[int, Decision]] = []

    def run(self) -> Run:
        for second in range(self.scenario.duration):
            self.setpoints.append(self.charger.em_current)
            self._simulate(second)
            self._report_sensors(second)
            if second % self.period == 0:
                self._decide(second)
        return Run(
            scenario=self.scenario,
            policy=self.kind,
            trace=self.trace,
            setpoints=tuple(self.setpoints),
            car_amps=tuple(self.car_amps),
            car_watts=tuple(self.car_watts),
            grid_watts=tuple(self.grid_watts),
            battery_watts=tuple(self.battery_watts),
            battery_soc=tuple(self.battery_soc),
            writes=tuple(self.writes),
            decisions=tuple(self.decisions),
            unsafe_phase_switches=self.charger.unsafe_switches,
        )

    def _simulate(self, second: int) -> None:
        amps = self.car.update(second, self.charger.em_current)
        car_watts = amps * self.scenario.settings.voltage * self._phases_in_use()
        net = self.trace.house[second] + car_watts - self.trace.pv[second]
        battery = 0.0 if self.battery is None else self.battery.update(net, 1.0)
        self.car_amps.append(amps)
        self.car_watts.append(car_watts)
        self.grid_watts.append(net + battery)
        self.battery_watts.append(battery)
        self.battery_soc.append(0.0 if self.battery is None else self.battery.soc)

    def _report_sensors(self, second: int) -> None:
        sensor = self.scenario.sensor
        if not sensor.reports_at(second):
            return
        shown = max(0, second - sensor.lag)
        grid = None if sensor.is_out(second) else self.grid_watts[shown]
        self.policy.add_grid_sample(second, grid)
        if self.battery is not None:
            soc = self.battery_soc[shown]
            self.policy.add_battery_sample(second, self.battery_watts[shown], soc)

    def _decide(self, second: int) -> None:
        decision = self.policy.step(second, self._observe())
        self.decisions.append((second, decision))
        if decision.write:
            self.charger.apply(decision.setpoint, decision.phases, self.car.amps)
            self.writes.append(Write(second, decision.setpoint, decision.phases))

    def _observe(self) -> ChargerObservation:
        amps = self.car.amps
        in_use = self._phases_in_use()
        unit_phases = self.scenario.settings.phases
        currents = tuple(amps if phase < in_use else 0.0 for phase in range(unit_phases))
        return ChargerObservation(
            vehicle_connected=True,
            charging=amps > 0,
            offered_current=self.charger.em_current,
            phase_currents=currents,
            held_current=self.charger.em_current,
            phases_in_use=in_use if amps > 0 else None,
        )

    def _phases_in_use(self) -> int:
        return min(self.scenario.car.phases, self.charger.relay_phases)


def _make_policy(scenario: Scenario, kind: PolicyKind) -> tuple[Policy, int]:
    """The policy and the seconds between its steps."""
    if kind is PolicyKind.BASELINE:
        return NaiveAutomation(scenario.settings), BASELINE_PERIOD
    controller = SolarController(scenario.settings, scenario.mode)
    return controller, round(scenario.settings.cycle)
