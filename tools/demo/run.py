"""The demo from start to Ctrl-C: simulator, Home Assistant, onboarding, charger, dashboard."""

from __future__ import annotations

import asyncio
import shutil
import signal
import time

import aiohttp
from homeassistant.const import RESTART_EXIT_CODE
from homeassistant.const import __version__ as HA_VERSION

from .charger import add_charger, charger_device_id, simulator_log, start_simulator
from .dashboard import (
    dashboard_path,
    entity_ids_in,
    install_dashboard,
    load_dashboard,
    wait_for_entities,
)
from .ha_client import HomeAssistantClient
from .home_assistant import (
    python_notice,
    start_home_assistant,
    wait_until_running,
    write_config_dir,
)
from .info import DemoInfo
from .onboarding import onboard
from .processes import ChildProcess, Children, DemoError, require_free_port
from .settings import DemoSettings

# Marks a directory as the demo's own, so that wiping it can never hit anything else.
WORK_DIR_MARKER = ".lektrico-demo"


def say(message: str) -> None:
    print(f"demo: {message}", flush=True)


async def run_demo(settings: DemoSettings) -> None:
    """Run until Ctrl-C (or SIGTERM); every process started here is stopped before returning."""
    _stop_on_signals()
    started = time.monotonic()
    require_free_port(settings.ha_port, "Home Assistant", "DEMO_HA_PORT")
    require_free_port(settings.simulator_port, "the charger simulator", "DEMO_SIM_PORT")
    reset_work_dir(settings)
    children = Children()
    try:
        async with aiohttp.ClientSession() as session:
            client = HomeAssistantClient(session, settings.ha_url)
            say(f"starting the charger simulator on {settings.simulator_url}")
            simulator = await start_simulator(children, settings, session)
            if notice := python_notice():
                say(notice)
            say(f"starting Home Assistant {HA_VERSION} on {settings.ha_url}")
            hass = await start_home_assistant(children, settings, client)
            info = await set_up_home_assistant(settings, client, hass)
            info.save(settings.info_file)
            print(info.banner(time.monotonic() - started), flush=True)
            await keep_running(children, settings, client, simulator, hass)
    except asyncio.CancelledError:
        say("stopping")
    finally:
        await children.stop_all()
        settings.info_file.unlink(missing_ok=True)
    say("stopped")


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM cancel the demo wherever it is (even mid start-up), which then stops
    its processes in `run_demo`'s finally."""
    loop = asyncio.get_running_loop()
    demo = asyncio.current_task()
    assert demo is not None

    def stop_once() -> None:
        # A second Ctrl-C (impatience, or a terminal signalling the whole process group) must not
        # interrupt the stopping itself.
        if not demo.cancelling():
            demo.cancel()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop_once)


def reset_work_dir(settings: DemoSettings) -> None:
    """Every run starts from an empty directory: a new Home Assistant, a new charger."""
    work_dir = settings.work_dir
    if work_dir.exists():
        if not (work_dir / WORK_DIR_MARKER).exists() and any(work_dir.iterdir()):
            raise DemoError(f"{work_dir} is not empty and not the demo's: not wiping it")
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)
    (work_dir / WORK_DIR_MARKER).touch()
    write_config_dir(settings)


async def set_up_home_assistant(
    settings: DemoSettings, client: HomeAssistantClient, hass: ChildProcess
) -> DemoInfo:
    """What a person does on a new Home Assistant, through the same APIs its UI uses."""
    await onboard(client, settings)
    say(f"onboarding done; the owner is {settings.username}")
    await wait_until_running(hass, client)
    entry_id = await add_charger(client, settings.simulator_address)
    say(f"charger at {settings.simulator_address} added through the config flow")
    dashboard = load_dashboard()
    await wait_for_entities(client, entity_ids_in(dashboard))
    async with client.websocket() as websocket:
        await install_dashboard(websocket, dashboard)
        device_id = await charger_device_id(websocket, entry_id)
    say("dashboard installed from dashboards/lektrico.yaml")
    return DemoInfo(
        ha_url=settings.ha_url,
        dashboard_url=settings.ha_url + dashboard_path(dashboard),
        device_url=f"{settings.ha_url}/config/devices/device/{device_id}",
        username=settings.username,
        password=settings.password,
        simulator_url=settings.simulator_url,
        ha_log=str(settings.config_dir / "home-assistant.log"),
        simulator_log=str(simulator_log(settings)),
    )


async def keep_running(
    children: Children,
    settings: DemoSettings,
    client: HomeAssistantClient,
    simulator: ChildProcess,
    hass: ChildProcess,
) -> None:
    """Until Ctrl-C. Restart in Home Assistant's UI starts it again; any other exit ends the demo,
    since a demo with one of its halves gone only confuses."""
    while True:
        await _until_one_exits(simulator, hass)
        if simulator.has_exited:
            raise DemoError(f"the charger simulator stopped; see {simulator.log_path}")
        if hass.process.returncode != RESTART_EXIT_CODE:
            raise DemoError(f"Home Assistant stopped; see {settings.config_dir}/home-assistant.log")
        say("Home Assistant asked to restart: starting it again")
        hass = await start_home_assistant(children, settings, client)
        say("Home Assistant is back")


async def _until_one_exits(*processes: ChildProcess) -> None:
    waits = [asyncio.ensure_future(child.process.wait()) for child in processes]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
