"""Fixtures for the simulator tests: a manual clock, a charger and its server on 127.0.0.1."""

from collections.abc import AsyncIterator

import aiohttp
import pytest

from lektrico_sim import ChargerSimulator, ManualClock, SimulatorServer

from .http_helpers import SimHttp


@pytest.fixture
def clock() -> ManualClock:
    """Starts Monday 2026-06-01 10:00 UTC and only moves when told to."""
    return ManualClock()


@pytest.fixture
def charger(clock: ManualClock) -> ChargerSimulator:
    return ChargerSimulator(model="3p22k", serial=500006, clock=clock)


@pytest.fixture
async def server(charger: ChargerSimulator, socket_enabled: None) -> AsyncIterator[SimulatorServer]:
    server = SimulatorServer(charger, latency=0.0)
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


@pytest.fixture
async def http(server: SimulatorServer) -> AsyncIterator[SimHttp]:
    async with aiohttp.ClientSession() as session:
        yield SimHttp(session, server.url)
