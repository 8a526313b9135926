"""Fixtures for the simulator tests: a manual clock, a charger and its server on 127.0.0.1."""

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

from lektrico_sim import ChargerSimulator, EnergyMeterSimulator, ManualClock, SimulatorServer

from .http_helpers import SimHttp

type Serve = Callable[..., Awaitable[SimHttp]]


@pytest.fixture
def clock() -> ManualClock:
    """Starts Monday 2026-06-01 10:00 UTC and only moves when told to."""
    return ManualClock()


@pytest.fixture
def charger(clock: ManualClock) -> ChargerSimulator:
    """A simulated three-phase charger with the document's firmware, on the manual clock."""
    return ChargerSimulator(model="3p22k", serial=500006, clock=clock)


@pytest.fixture
async def server(charger: ChargerSimulator, socket_enabled: None) -> AsyncIterator[SimulatorServer]:
    """The simulator's HTTP server for that charger on a free loopback port, without latency."""
    server = SimulatorServer(charger, latency=0.0)
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


@pytest.fixture
async def http(server: SimulatorServer) -> AsyncIterator[SimHttp]:
    """Raw HTTP access to the simulator, for tests of its wire format."""
    async with aiohttp.ClientSession() as session:
        yield SimHttp(session, server.url)


@pytest.fixture
async def serve(socket_enabled: None) -> AsyncIterator[Serve]:
    """Serve any device on 127.0.0.1: `http = await serve(device, unknown_method="rpc_error")`.

    Keyword options go to SimulatorServer; every server started is stopped after the test.
    """
    async with contextlib.AsyncExitStack() as stack:
        session = await stack.enter_async_context(aiohttp.ClientSession())

        async def start(device: ChargerSimulator | EnergyMeterSimulator, **options: Any) -> SimHttp:
            server = SimulatorServer(device, latency=0.0, **options)
            await server.start(host="127.0.0.1", port=0)
            stack.push_async_callback(server.stop)
            return SimHttp(session, server.url)

        yield start
