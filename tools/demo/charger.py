"""The charger: the simulator that plays it, and adding it to Home Assistant like a person does."""

from __future__ import annotations

import sys
from pathlib import Path

import aiohttp

from .ha_client import HomeAssistantClient, WebSocketCommands, answers_ok
from .processes import ChildProcess, Children, DemoError, wait_until_ready
from .settings import LOOPBACK, DemoSettings

SIMULATOR_STARTUP_TIMEOUT_SECONDS = 30.0

# A 3P22K wired for 32 A and a car that takes all of it (22 kW), so that lowering the EM current
# visibly lowers the power. The car plugs in a little after start: the dashboard shows it arrive.
SIMULATED_CHARGER = [
    "--model", "3p22k",
    "--install-current", "32",
    "--ev-max-current", "32",
    "--plug-after", "20",
]  # fmt: skip


async def start_simulator(
    children: Children, settings: DemoSettings, session: aiohttp.ClientSession
) -> ChildProcess:
    """Start the charger simulator and return once its control routes answer."""
    command = [
        sys.executable,
        "-m",
        "lektrico_sim",
        "--host",
        LOOPBACK,
        "--port",
        str(settings.simulator_port),
        *SIMULATED_CHARGER,
    ]
    simulator = await children.start("the charger simulator", command, simulator_log(settings))

    await wait_until_ready(
        simulator,
        lambda: answers_ok(session, f"{settings.simulator_url}/_sim/state"),
        SIMULATOR_STARTUP_TIMEOUT_SECONDS,
    )
    return simulator


def simulator_log(settings: DemoSettings) -> Path:
    return settings.work_dir / "simulator.log"


async def add_charger(client: HomeAssistantClient, address: str) -> str:
    """The integration's real config flow, as Settings -> Add integration runs it; the entry id."""
    form = await client.post("/api/config/config_entries/flow", {"handler": "lektrico_local"})
    result = await client.post(
        f"/api/config/config_entries/flow/{form['flow_id']}", {"host": address}
    )
    if result.get("type") != "create_entry":
        raise DemoError(f"adding the charger at {address} failed: {result}")
    return str(result["result"]["entry_id"])


async def charger_device_id(websocket: WebSocketCommands, entry_id: str) -> str:
    """The device the entry created (its page is one of the things the demo shows)."""
    devices = await websocket.call("config/device_registry/list")
    for device in devices:
        if entry_id in device["config_entries"]:
            return str(device["id"])
    raise DemoError(f"the charger's entry {entry_id} created no device")
