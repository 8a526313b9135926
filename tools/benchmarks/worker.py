"""One run in a fresh process: `python -m benchmarks.worker --config JSON --result PATH`.

A fresh process per (integration, N) keeps the measurements apart: memory one integration
allocated, modules it imported and garbage it left do not show up in the other's numbers.

Phases, in simulated time that only moves when the worker says so:
1. setup: the farm starts N simulators; N config entries are set up together
   (loop monitor on: the setup stall is reported apart);
2. cost pass: `duration_min` simulated minutes of polling, every coordinator at its own
   interval, the EV plugging in on the way; requests, update times and CPU come from here.
   The loop monitor is off: its 100 wake-ups a second cost more CPU than one charger's polls;
3. stall pass: as many minutes more with the loop monitor on, then rounds of current
   commands (one per charger, one charger after the other, a poll between rounds): stalls
   and command-to-confirmed times come from here.
Resident memory is sampled throughout; its peak over the baseline before setup is reported.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from .commands import CommandSample, set_current_and_wait
from .config import RunConfig
from .farm_client import SimulatorFarm
from .home_assistant import home_assistant, set_up_entries
from .integrations import (
    INTEGRATIONS_UNDER_TEST,
    IntegrationUnderTest,
    coordinators_of,
    number_entity_id,
)
from .polling import (
    PolledCoordinator,
    PollingOutcome,
    UpdateSample,
    drive_polling,
    polled_coordinators,
)
from .probes import CpuMeter, LoopMonitor, MemoryPeak, StallWindow
from .results import Distribution, RunResult

MIB = 1024 * 1024
SECONDS_PER_HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class ChargerUnderTest:
    """One charger as Home Assistant has it: its entry and the number a command sets."""

    index: int
    entry: ConfigEntry
    current_entity_id: str


@dataclass(frozen=True, slots=True)
class SetupOutcome:
    chargers: list[ChargerUnderTest]
    span: CpuMeter
    loop: StallWindow
    enabled_entities: int
    registered_entities: int


@dataclass(slots=True)
class StallPassOutcome:
    """Polling, then rounds of commands with a poll between them, the loop monitor on."""

    polling: list[PollingOutcome] = field(default_factory=list)
    commands: list[CommandSample] = field(default_factory=list)
    command_requests: Counter[str] = field(default_factory=Counter)
    loop: StallWindow | None = None

    @property
    def update_samples(self) -> list[UpdateSample]:
        return [sample for outcome in self.polling for sample in outcome.samples]


@dataclass(frozen=True, slots=True)
class RawMeasurements:
    """What the phases produced, before it is boiled down into a RunResult."""

    setup: SetupOutcome
    setup_counts: list[Counter[str]]
    cost_pass: PollingOutcome
    cost_pass_counts: list[Counter[str]]
    stall_pass: StallPassOutcome
    memory: MemoryPeak
    final_states: list[str]


async def run(config: RunConfig) -> RunResult:
    """Set up, poll and command one integration against fresh simulators."""
    integration = INTEGRATIONS_UNDER_TEST[config.integration]
    started = time.perf_counter()
    async with SimulatorFarm.running(config) as farm, home_assistant() as hass:
        raw = await _measure(hass, farm, integration, config)
    return _summarize(config, integration, raw, time.perf_counter() - started)


async def _measure(
    hass: HomeAssistant, farm: SimulatorFarm, integration: IntegrationUnderTest, config: RunConfig
) -> RawMeasurements:
    memory = MemoryPeak()
    memory.set_baseline()
    setup = await _set_up(hass, farm, integration, memory)
    polled = polled_coordinators([coordinators_of(charger.entry) for charger in setup.chargers])
    duration_s = config.duration_min * 60
    setup_counts = await farm.request_counts()

    await farm.reset_counts()
    cost_pass = await drive_polling(
        hass, farm, polled, start_s=0.0, duration_s=duration_s, scenario=config.scenario,
        memory=memory,
    )  # fmt: skip
    cost_pass_counts = await farm.request_counts()

    stall_pass = await _stall_pass(
        hass, farm, polled, setup.chargers, config, memory, start_s=cost_pass.end_s
    )
    memory.sample()

    return RawMeasurements(
        setup=setup,
        setup_counts=setup_counts,
        cost_pass=cost_pass,
        cost_pass_counts=cost_pass_counts,
        stall_pass=stall_pass,
        memory=memory,
        final_states=await farm.extended_states(),
    )


async def _stall_pass(
    hass: HomeAssistant,
    farm: SimulatorFarm,
    polled: list[PolledCoordinator],
    chargers: list[ChargerUnderTest],
    config: RunConfig,
    memory: MemoryPeak,
    *,
    start_s: float,
) -> StallPassOutcome:
    outcome = StallPassOutcome()
    async with LoopMonitor(memory) as monitor:
        polling = await drive_polling(
            hass, farm, polled, start_s=start_s, duration_s=config.duration_min * 60,
            scenario=config.scenario, memory=memory,
        )  # fmt: skip
        outcome.polling.append(polling)
        for amps in config.scenario.command_currents_a:
            await farm.reset_counts()
            outcome.commands += [
                await set_current_and_wait(hass, charger.index, charger.current_entity_id, amps)
                for charger in chargers
            ]
            outcome.command_requests += sum(await farm.request_counts(), Counter[str]())
            # One poll before the next round, as commands from an automation come between
            # polls. A poll also ends core's refresh cooldown (10 s), which would otherwise
            # hold back the read-back of a second command on the same charger.
            polling = await drive_polling(
                hass, farm, polled, start_s=polling.end_s, duration_s=polling.tick_s,
                scenario=config.scenario, memory=memory,
            )  # fmt: skip
            outcome.polling.append(polling)
    outcome.loop = monitor.window
    return outcome


async def _set_up(
    hass: HomeAssistant, farm: SimulatorFarm, integration: IntegrationUnderTest, memory: MemoryPeak
) -> SetupOutcome:
    span = CpuMeter()
    async with LoopMonitor(memory) as monitor:
        with span.measuring():
            entries = await set_up_entries(hass, integration, farm.chargers)
    chargers = [
        ChargerUnderTest(
            index=index,
            entry=entry,
            current_entity_id=number_entity_id(hass, entry, integration.current_number_key),
        )
        for index, entry in enumerate(entries)
    ]
    registered = _registered_entities(hass, entries)
    return SetupOutcome(
        chargers,
        span,
        monitor.window,
        enabled_entities=sum(1 for entity in registered if not entity.disabled),
        registered_entities=len(registered),
    )


def _registered_entities(hass: HomeAssistant, entries: list[ConfigEntry]) -> list[er.RegistryEntry]:
    registry = er.async_get(hass)
    return [
        entity
        for entry in entries
        for entity in er.async_entries_for_config_entry(registry, entry.entry_id)
    ]


def _summarize(
    config: RunConfig, integration: IntegrationUnderTest, raw: RawMeasurements, wall_s: float
) -> RunResult:
    chargers = config.chargers
    cost_pass, stall_pass = raw.cost_pass, raw.stall_pass
    requests_by_method = sum(raw.cost_pass_counts, Counter[str]())
    requests = requests_by_method.total()
    fast = cost_pass.fast_samples
    all_updates = cost_pass.samples + stall_pass.update_samples
    late_chargers = {sample.charger_index for sample in all_updates if not sample.on_time}
    command_requests = stall_pass.command_requests
    commands_sent = len(stall_pass.commands)
    confirmed = [sample.seconds for sample in stall_pass.commands if sample.confirmed]
    simulated_hours = cost_pass.simulated_s / SECONDS_PER_HOUR
    return RunResult(
        integration=integration.domain,
        label=integration.label,
        chargers=chargers,
        latency_s=config.latency_s,
        simulated_minutes=cost_pass.simulated_s / 60,
        tick_s=cost_pass.tick_s,
        fast_update_interval_s=cost_pass.fast_interval_s,
        wall_seconds=wall_s,
        requests=requests,
        requests_by_method=dict(sorted(requests_by_method.items())),
        requests_per_charger_per_minute=requests / chargers / (cost_pass.simulated_s / 60),
        fast_updates=len(fast),
        requests_per_fast_update=requests / len(fast),
        fast_update_seconds=Distribution.of([sample.seconds for sample in fast]),
        failed_updates=sum(1 for sample in all_updates if not sample.succeeded),
        late_updates=sum(1 for sample in all_updates if sample.succeeded and not sample.on_time),
        chargers_updated_on_time=chargers - len(late_chargers),
        command_seconds=Distribution.of(confirmed),
        commands_confirmed=len(confirmed),
        commands_sent=commands_sent,
        requests_per_command=command_requests.total() / commands_sent,
        command_requests_by_method=dict(sorted(command_requests.items())),
        cpu_seconds_polling=cost_pass.cpu.cpu_s,
        cpu_seconds_per_charger_hour=cost_pass.cpu.cpu_s / chargers / simulated_hours,
        baseline_memory_mib=raw.memory.baseline_bytes / MIB,
        peak_memory_mib=raw.memory.peak_bytes / MIB,
        peak_memory_per_charger_mib=raw.memory.growth_bytes / chargers / MIB,
        loop=_measured(stall_pass.loop),
        setup_loop=raw.setup.loop,
        setup_seconds=raw.setup.span.wall_s,
        setup_requests_by_method=dict(sorted(sum(raw.setup_counts, Counter[str]()).items())),
        entities_per_charger=raw.setup.enabled_entities / chargers,
        registered_entities_per_charger=raw.setup.registered_entities / chargers,
        final_charger_states=dict(Counter(raw.final_states)),
    )


def _measured(window: StallWindow | None) -> StallWindow:
    if window is None:
        raise RuntimeError("the loop monitor did not run")
    return window


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker", description=__doc__)
    parser.add_argument("--config", required=True, help="a RunConfig as JSON")
    parser.add_argument("--result", required=True, type=Path, help="where to write the result")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    config = RunConfig.from_dict(json.loads(args.config))
    result = asyncio.run(run(config))
    args.result.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
