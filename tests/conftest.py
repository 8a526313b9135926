"""Fixtures shared by every test: a charger simulator on a real loopback socket."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from hypothesis import settings

from custom_components.lektrico_local.api import LektricoClient, _parse
from lektrico_sim import FIRMWARE_PROFILES, ChargerSimulator, ManualClock, SimulatorServer
from lektrico_sim.profiles import profile_named


@pytest.fixture(autouse=True)
def forget_logged_surprises(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing outside a client logs each surprise once per process (clients have their own
    SurpriseLog): once per test, here."""
    monkeypatch.setattr(_parse, "_reported", set())


@pytest.fixture
def charger_model() -> str:
    """Override in a test module to run against the single-phase unit."""
    return "3p22k"


@pytest.fixture
def sim_clock() -> ManualClock:
    """Simulated time moves only when a test advances it."""
    return ManualClock()


@pytest.fixture(params=FIRMWARE_PROFILES)
def firmware(request: pytest.FixtureRequest) -> str:
    """The firmware profile the simulator answers with: every test runs on each of them.

    A test of something a firmware does not have says so with
    `@pytest.mark.firmware_needs("em_current.set", "extended_charger_state")` (methods and
    `charger_info` keys), and is skipped on that firmware only.
    """
    name: str = request.param
    marker = request.node.get_closest_marker("firmware_needs")
    if marker is not None:
        lacking = [need for need in marker.args if not _firmware_has(name, need)]
        if lacking:
            pytest.skip(f"firmware {name} has no {', '.join(lacking)}")
    return name


def _firmware_has(name: str, need: str) -> bool:
    """A method (it has a dot) the firmware answers, or a key of its charger_info."""
    profile = profile_named(name)
    if "." in need:
        return need not in profile.missing_methods
    return need in profile.info_keys


@pytest.fixture
def unknown_method() -> str:
    """How the simulated unit answers a method it lacks: "http404" or "rpc_error"."""
    return "http404"


@pytest.fixture
def charger_app_config() -> dict[str, object]:
    """The charger's app config at start; a factory-fresh unit has install_current 6."""
    return {"install_current": 32}


@pytest.fixture
def charger(
    charger_model: str,
    sim_clock: ManualClock,
    firmware: str,
    charger_app_config: dict[str, object],
) -> ChargerSimulator:
    """The simulated charger (plug, unplug, errors, time), installed for 32 A."""
    return ChargerSimulator(
        model=charger_model,
        serial=500006,
        clock=sim_clock,
        firmware=firmware,
        app_config=charger_app_config,
    )


@pytest.fixture
async def sim_server(
    charger: ChargerSimulator, unknown_method: str, socket_enabled: None
) -> AsyncIterator[SimulatorServer]:
    """The simulator's HTTP server on 127.0.0.1 with a free port.

    Home Assistant's test plugin blocks sockets; connections stay limited to 127.0.0.1.
    """
    server = SimulatorServer(charger, unknown_method=unknown_method)
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


@pytest.fixture
def sim_host(sim_server: SimulatorServer) -> str:
    """host:port of the simulator, as a user would type it."""
    return f"127.0.0.1:{sim_server.port}"


@pytest.fixture
async def client(sim_host: str) -> AsyncIterator[LektricoClient]:
    """A client on its own session, pointed at the simulator."""
    async with aiohttp.ClientSession() as session:
        yield LektricoClient(sim_host, session=session, request_timeout=2.0)


# The simulators and runners live under tools/; child processes (the simulator's command line,
# the benchmark's workers) must find them too, however pytest was started.
TOOLS = Path(__file__).resolve().parents[1] / "tools"
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TOOLS), os.environ.get("PYTHONPATH")]))

# Property tests: two thousand examples per property in the normal run, many more on demand
# (HYPOTHESIS_PROFILE=long make test). No deadline: a busy CI machine is not a failure.
settings.register_profile("default", max_examples=2000, deadline=None, database=None)
settings.register_profile("long", max_examples=20000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
