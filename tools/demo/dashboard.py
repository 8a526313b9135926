"""The README's dashboard (dashboards/lektrico.yaml), installed the way the UI saves one."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import yaml  # type: ignore[import-untyped,unused-ignore]  # PyYAML ships no types

from .ha_client import HomeAssistantClient, WebSocketCommands
from .processes import DemoError
from .settings import REPO_ROOT

DASHBOARD_FILE = REPO_ROOT / "dashboards" / "lektrico.yaml"
URL_PATH = "lektrico-charger"  # Home Assistant wants a hyphen in a dashboard's URL
ENTITIES_TIMEOUT_SECONDS = 60.0


def load_dashboard() -> dict[str, Any]:
    config = yaml.safe_load(DASHBOARD_FILE.read_text())
    if not isinstance(config, dict) or not config.get("views"):
        raise DemoError(f"{DASHBOARD_FILE} is not a dashboard (no views)")
    return config


def dashboard_path(config: dict[str, Any]) -> str:
    """The URL path of the dashboard's first view, e.g. /lektrico-charger/charger."""
    return f"/{URL_PATH}/{config['views'][0].get('path', '0')}"


def entity_ids_in(node: Any) -> set[str]:
    """Every entity id the dashboard refers to (`entity: x` and `entities: [x, {entity: x}]`)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "entity" and isinstance(value, str):
                found.add(value)
            elif key == "entities" and isinstance(value, list):
                found |= {item for item in value if isinstance(item, str)}
            found |= entity_ids_in(value)
    elif isinstance(node, list):
        for item in node:
            found |= entity_ids_in(item)
    return found


async def wait_for_entities(client: HomeAssistantClient, entity_ids: set[str]) -> None:
    """Until every entity the dashboard shows exists: a card with a missing entity shows an error,
    which here means the YAML and the integration's entity ids have drifted apart."""
    deadline = time.monotonic() + ENTITIES_TIMEOUT_SECONDS
    while missing := entity_ids - {state["entity_id"] for state in await client.get("/api/states")}:
        if time.monotonic() > deadline:
            raise DemoError(f"{DASHBOARD_FILE.name} shows entities that do not exist: {missing}")
        await asyncio.sleep(1)


async def install_dashboard(websocket: WebSocketCommands, config: dict[str, Any]) -> None:
    """A new dashboard in the sidebar, then its configuration: what Settings -> Dashboards -> Add
    dashboard and the raw configuration editor's Save do."""
    await websocket.call(
        "lovelace/dashboards/create",
        url_path=URL_PATH,
        title=config.get("title", "EV charger"),
        icon="mdi:ev-station",
        show_in_sidebar=True,
        require_admin=False,
        mode="storage",
    )
    await websocket.call("lovelace/config/save", url_path=URL_PATH, config=config)
