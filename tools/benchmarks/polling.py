"""Polling in simulated time: every coordinator refreshed at its own update interval.

Home Assistant's timer calls `coordinator.async_refresh()` (through its debouncer lock) every
`update_interval`; so does this driver, but it advances a simulated clock instead of waiting:
ten simulated minutes take as long as the polls themselves, not ten minutes. Each tick it
moves the chargers' clock forward and refreshes every coordinator that is due, all chargers
at once, just as timers armed in the same second fire together in Home Assistant. The
intervals are read from the coordinators, so each integration polls at its own defaults.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .config import EvScenario
from .farm_client import SimulatorFarm
from .integrations import update_interval_s
from .probes import CpuMeter, MemoryPeak


@dataclass(slots=True)
class PolledCoordinator:
    """One coordinator of one charger, and when it last polled in simulated time."""

    charger_index: int
    coordinator: DataUpdateCoordinator[Any]
    interval_s: float
    # The charger's fastest coordinator: what "one update of one charger" means.
    is_fast: bool
    # Setup refreshed every coordinator at simulated time 0.
    last_refresh_s: float = 0.0

    def is_due(self, now_s: float) -> bool:
        return now_s - self.last_refresh_s >= self.interval_s


@dataclass(frozen=True, slots=True)
class UpdateSample:
    """One refresh of one coordinator."""

    charger_index: int
    is_fast: bool
    seconds: float
    succeeded: bool
    # Finished, successfully, before the next one was due.
    on_time: bool


@dataclass(slots=True)
class PollingOutcome:
    """One stretch of polling: every refresh, and what it cost the process."""

    start_s: float
    end_s: float
    tick_s: float
    fast_interval_s: float
    samples: list[UpdateSample] = field(default_factory=list)
    cpu: CpuMeter = field(default_factory=CpuMeter)

    @property
    def simulated_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def fast_samples(self) -> list[UpdateSample]:
        return [sample for sample in self.samples if sample.is_fast]


def polled_coordinators(
    coordinators_per_charger: list[list[DataUpdateCoordinator[Any]]],
) -> list[PolledCoordinator]:
    """Every coordinator of every charger, with its interval and whether it is the fast one."""
    polled = []
    for index, coordinators in enumerate(coordinators_per_charger):
        fastest = min(update_interval_s(coordinator) for coordinator in coordinators)
        for coordinator in coordinators:
            interval = update_interval_s(coordinator)
            polled.append(PolledCoordinator(index, coordinator, interval, interval == fastest))
    return polled


def tick_length_s(polled: list[PolledCoordinator]) -> float:
    """The largest step that still lands on every coordinator's due time (10 s for both)."""
    return float(math.gcd(*(round(item.interval_s) for item in polled)))


async def drive_polling(
    hass: HomeAssistant,
    farm: SimulatorFarm,
    polled: list[PolledCoordinator],
    *,
    start_s: float,
    duration_s: float,
    scenario: EvScenario,
    memory: MemoryPeak,
) -> PollingOutcome:
    """Poll from simulated time `start_s` for `duration_s`; the EV plugs in on the way."""
    tick_s = tick_length_s(polled)
    ticks = math.ceil(duration_s / tick_s)
    outcome = PollingOutcome(
        start_s=start_s,
        end_s=start_s + ticks * tick_s,
        tick_s=tick_s,
        fast_interval_s=min(item.interval_s for item in polled if item.is_fast),
    )
    for tick in range(1, ticks + 1):
        now_s = start_s + tick * tick_s
        await _advance_chargers(farm, scenario, now_s - tick_s, now_s)
        due = [item for item in polled if item.is_due(now_s)]
        # CPU is counted for Home Assistant's work only, not for talking to the farm.
        with outcome.cpu.measuring():
            outcome.samples += await asyncio.gather(*(_timed_refresh(item, now_s) for item in due))
            # State writes and listeners the refreshes triggered finish before the next tick.
            await hass.async_block_till_done()
        memory.sample()
    return outcome


async def _advance_chargers(
    farm: SimulatorFarm, scenario: EvScenario, previous_s: float, now_s: float
) -> None:
    """Move the chargers' clock to `now_s`, plugging the EV in at its moment on the way."""
    plug_in_s = scenario.plug_in_after_s
    if previous_s < plug_in_s <= now_s:
        await farm.advance(plug_in_s - previous_s)
        await farm.plug_in_everywhere()
        previous_s = plug_in_s
    await farm.advance(now_s - previous_s)


async def _timed_refresh(item: PolledCoordinator, now_s: float) -> UpdateSample:
    """What Home Assistant's timer does, timed."""
    item.last_refresh_s = now_s
    started = time.perf_counter()
    await item.coordinator.async_refresh()
    seconds = time.perf_counter() - started
    succeeded = item.coordinator.last_update_success
    return UpdateSample(
        charger_index=item.charger_index,
        is_fast=item.is_fast,
        seconds=seconds,
        succeeded=succeeded,
        on_time=succeeded and seconds <= item.interval_s,
    )
