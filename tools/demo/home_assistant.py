"""A real Home Assistant (the `hass` of this venv) on a fresh configuration directory."""

from __future__ import annotations

import sys
from pathlib import Path

import aiohttp
from homeassistant.const import REQUIRED_PYTHON_VER
from homeassistant.const import __version__ as HA_VERSION

from .ha_client import HomeAssistantClient
from .processes import ChildProcess, Children, DemoError, wait_until_ready
from .settings import LOOPBACK, REPO_ROOT, DemoSettings

# A cold start (no bytecode yet, a slow CI machine) can take minutes; a warm one a few seconds.
STARTUP_TIMEOUT_SECONDS = 240.0

# Not `default_config:`, which loads dozens of integrations (and their pip requirements). These
# are what the frontend, the dashboard and its history graph need; requirements-extra.txt
# pre-installs their requirements, so Home Assistant installs nothing when it starts. The logger
# lines make an install visible anyway (the browser test checks there was none).
CONFIGURATION_YAML = """\
# Written by the Lektrico demo (demo/home_assistant.py) and wiped at every start.
frontend:
http:
  server_host: {host}
  server_port: {port}
api:
config:
lovelace:
history:
recorder:
  purge_keep_days: 1
logger:
  default: warning
  logs:
    custom_components.lektrico_local: info
    homeassistant.util.package: info
"""

INTEGRATION_SOURCE = REPO_ROOT / "custom_components" / "lektrico_local"


def write_config_dir(settings: DemoSettings) -> None:
    """configuration.yaml, and the integration linked in from the working tree (not a copy, so
    the demo always runs the code you are looking at)."""
    custom_components = settings.config_dir / "custom_components"
    custom_components.mkdir(parents=True)
    (custom_components / "lektrico_local").symlink_to(INTEGRATION_SOURCE, target_is_directory=True)
    (settings.config_dir / "configuration.yaml").write_text(
        CONFIGURATION_YAML.format(host=LOOPBACK, port=settings.ha_port)
    )


def hass_command(config_dir: Path) -> list[str]:
    """This venv's `hass`, or, on a Python older than Home Assistant asks for, the same entry
    point with only its version gate lifted (see older_python.py)."""
    arguments = ["--config", str(config_dir)]
    if sys.version_info[:3] >= REQUIRED_PYTHON_VER:
        return [str(Path(sys.executable).parent / "hass"), *arguments]
    return [sys.executable, "-m", "demo.older_python", *arguments]


def python_notice() -> str | None:
    if sys.version_info[:3] >= REQUIRED_PYTHON_VER:
        return None
    wanted = ".".join(map(str, REQUIRED_PYTHON_VER))
    return (
        f"Home Assistant {HA_VERSION} asks for Python {wanted}; this is "
        f"{sys.version.split()[0]}, so its start-up version check is skipped"
    )


async def start_home_assistant(
    children: Children, settings: DemoSettings, client: HomeAssistantClient
) -> ChildProcess:
    """Start `hass` and return once its frontend answers. The frontend is set up after what it
    depends on (auth, onboarding, api), so onboarding can begin; /api/onboarding itself would
    not do after a restart: it exists only until onboarding is done."""
    hass = await children.start(
        "Home Assistant", hass_command(settings.config_dir), settings.work_dir / "hass-console.log"
    )
    await wait_until_ready(hass, lambda: client.answers("/manifest.json"), STARTUP_TIMEOUT_SECONDS)
    return hass


async def wait_until_running(hass: ChildProcess, client: HomeAssistantClient) -> None:
    """Until every integration has loaded (`/api/config` says RUNNING); needs the owner's token."""

    async def is_running() -> bool:
        try:
            config = await client.get("/api/config")
        except (DemoError, aiohttp.ClientError):  # `api` itself may still be loading
            return False
        return bool(config.get("state") == "RUNNING")

    await wait_until_ready(hass, is_running, STARTUP_TIMEOUT_SECONDS)
