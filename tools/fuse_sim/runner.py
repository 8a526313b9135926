"""Replays a scenario second by second through the guard or the naive automation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from custom_components.lektrico_local.fuse import (
    ChargerDraw,
    FuseGuard,
    GuardDecision,
    apply_cap,
)

from .baseline import NaiveGuard
from .house import PhaseTrace
from .plant import MeterKind, SimCharger
from .scenarios import DEFAULT_SEED, Scenario


class PolicyKind(StrEnum):
    GUARD = "guard"
    NAIVE = "naive"


class Policy(Protocol):
    """What the runner drives: the guard, or the naive automation."""

    def charger_polled(self, now: float, draw: ChargerDraw) -> None: ...

    def setpoint_sent(self, now: float, amps: int) -> None: ...

    def add_phase_currents(
        self, now: float, amps: Sequence[float | None] | None
    ) -> GuardDecision: ...

    def add_phase_powers(
        self, now: float, watts: Sequence[float | None] | None
    ) -> GuardDecision: ...

    def add_total_power(self, now: float, watts: float | None) -> GuardDecision: ...

    def step(self, now: float) -> GuardDecision: ...


@dataclass(frozen=True, slots=True)
class Run:
    """Everything that happened, one value per second unless said otherwise."""

    scenario: Scenario
    policy: PolicyKind
    phase_currents: PhaseTrace  # what each house phase carried, car included
    wishes: tuple[int, ...]  # what the mode wanted
    caps: tuple[int, ...]  # the cap decided in that second
    sent: tuple[int, ...]  # the setpoint last sent, after that second's decision
    offers: tuple[int, ...]  # what the charger offered the car during the second
    car_amps: tuple[float, ...]  # what the car drew on each of its phases
    decisions: tuple[GuardDecision, ...]  # one per second
    writes: tuple[tuple[int, int], ...]  # (second, setpoint)

    @property
    def hours(self) -> float:
        return self.scenario.duration / 3600


def run(scenario: Scenario, kind: PolicyKind, seed: int = DEFAULT_SEED) -> Run:
    return _Replay(scenario, kind, seed).run()


class _Replay:
    def __init__(self, scenario: Scenario, kind: PolicyKind, seed: int) -> None:
        self.scenario = scenario
        self.kind = kind
        self.house, self.wishes = scenario.traces(seed)
        settings = scenario.settings
        self.policy: Policy = (
            FuseGuard(settings) if kind is PolicyKind.GUARD else NaiveGuard(settings)
        )
        self.charger = SimCharger(scenario.charger, settings.house_phases)
        self.phase_currents: list[tuple[float, ...]] = []
        self.caps: list[int] = []
        self.sent: list[int] = []
        self.offers: list[int] = []
        self.car_amps: list[float] = []
        self.decisions: list[GuardDecision] = []
        self.writes: list[tuple[int, int]] = []
        self.setpoint = 0

    def run(self) -> Run:
        self.policy.setpoint_sent(0, self.setpoint)  # the charger starts paused
        for second in range(self.scenario.duration):
            self._simulate(second)
            if second % self.scenario.charger.poll_interval == 0:
                self.policy.charger_polled(second, self.charger.poll())
            decision = self._decide(second)
            self._send(second, apply_cap(self.wishes[second], decision.cap))
            self.decisions.append(decision)
            self.caps.append(decision.cap)
            self.sent.append(self.setpoint)
        return Run(
            scenario=self.scenario,
            policy=self.kind,
            phase_currents=tuple(self.phase_currents),
            wishes=self.wishes,
            caps=tuple(self.caps),
            sent=tuple(self.sent),
            offers=tuple(self.offers),
            car_amps=tuple(self.car_amps),
            decisions=tuple(self.decisions),
            writes=tuple(self.writes),
        )

    def _simulate(self, second: int) -> None:
        self.charger.advance(second)
        car = self.charger.house_currents()
        self.phase_currents.append(
            tuple(house + amps for house, amps in zip(self.house[second], car, strict=True))
        )
        self.offers.append(self.charger.offer)
        self.car_amps.append(self.charger.car_amps)

    def _decide(self, second: int) -> GuardDecision:
        meter, policy = self.scenario.meter, self.policy
        if not meter.reports_at(second):
            return policy.step(second)
        currents = None if meter.is_unavailable(second) else self.phase_currents[second]
        if meter.kind is MeterKind.CURRENTS:
            return policy.add_phase_currents(second, currents)
        voltage = self.scenario.settings.voltage
        if meter.kind is MeterKind.POWERS:
            watts = None if currents is None else tuple(amps * voltage for amps in currents)
            return policy.add_phase_powers(second, watts)
        return policy.add_total_power(second, None if currents is None else currents[0] * voltage)

    def _send(self, second: int, setpoint: int) -> None:
        """What the integration does: send min(wish, cap) whenever it changes."""
        if setpoint == self.setpoint:
            return
        self.setpoint = setpoint
        self.charger.request(second, setpoint)
        self.policy.setpoint_sent(second, setpoint)
        self.writes.append((second, setpoint))
