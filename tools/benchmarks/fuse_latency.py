"""Meter to charger: how long an overload in the grid meter takes to lower the charger's current.

`python -m benchmarks.fuse_latency [--rounds 8] [--latency 0.05]` runs a real Home Assistant
(the test harness's) with the integration's main-fuse guard on three meter sensors, and one
simulated charger answering after `--latency` seconds per request, like a real unit. Each round
the meter shows a bigger load on L1; the clock runs from the meter's new state until the
charger has applied the lower current. The guard reacts to the reading itself (no cycle, no
poll in between), so the figure should be one request: about the device latency.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Sequence

from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from lektrico_sim import ChargerSimulator, SimulatorServer

from .home_assistant import home_assistant

METER = ("sensor.grid_l1", "sensor.grid_l2", "sensor.grid_l3")
FUSE_RATING = 32
SERIAL = 500006
APPLIED_TIMEOUT_S = 5.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuse_latency")
    parser.add_argument("--rounds", type=int, default=8, help="overloads, each a bigger one")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    return parser.parse_args(argv)


def _meter(hass: HomeAssistant, charger: ChargerSimulator, house_l1: float) -> None:
    """One reading of the three phases: the house's load plus what the car draws now."""
    car = charger.state.currents
    for phase, entity_id in enumerate(METER):
        house = house_l1 if phase == 0 else 1.0
        hass.states.async_set(
            entity_id,
            f"{house + car[phase]:.1f}",
            {"unit_of_measurement": "A", "device_class": "current"},
            force_update=True,
        )


async def _until_applied(charger: ChargerSimulator, before: int) -> bool:
    deadline = time.perf_counter() + APPLIED_TIMEOUT_S
    while charger.state.dynamic_current == before:
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.001)
    return True


async def measure(rounds: int, latency: float) -> list[float]:
    """Seconds from each overload reading to the lower current applied on the charger."""
    charger = ChargerSimulator(model="3p22k", serial=SERIAL, app_config={"install_current": 32})
    charger.set_ev(max_current=32, phases=3)
    charger.plug_in()
    server = SimulatorServer(charger, latency=latency)
    await server.start(host="127.0.0.1", port=0)
    samples: list[float] = []
    try:
        async with home_assistant() as hass:
            entry = MockConfigEntry(
                domain="lektrico_local",
                title="Lektrico 3P22K 500006",
                unique_id=str(SERIAL),
                data={CONF_HOST: f"127.0.0.1:{server.port}"},
                options={
                    "fuse_sensors": list(METER),
                    "fuse_rating": FUSE_RATING,
                    "fuse_margin": 2,
                    "fuse_fallback_current": 6,
                    "fuse_hold_time": 60,
                },
                minor_version=2,
            )
            entry.add_to_hass(hass)
            if not await hass.config_entries.async_setup(entry.entry_id):
                raise RuntimeError("the integration did not set up")
            await hass.async_block_till_done()
            _meter(hass, charger, 1.0)
            await hass.async_block_till_done()
            for house_l1 in (8.0 + 2 * index for index in range(rounds)):
                before = charger.state.dynamic_current
                started = time.perf_counter()
                _meter(hass, charger, house_l1)
                if not await _until_applied(charger, before):
                    raise RuntimeError(f"the charger was not capped for {house_l1} A on L1")
                samples.append(time.perf_counter() - started)
                await hass.async_block_till_done()
    finally:
        await server.stop()
    return samples


def render(samples: list[float], latency: float) -> str:
    """The figures, as printed."""
    shown = ", ".join(f"{seconds * 1000:.0f}" for seconds in samples)
    return (
        f"meter reading to lower current applied, {len(samples)} overloads: {shown} ms\n"
        f"median {statistics.median(samples) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms; "
        f"one request to the charger takes {latency * 1000:.0f} ms"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print(render(asyncio.run(measure(args.rounds, args.latency)), args.latency))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
