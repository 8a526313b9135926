"""Onboarding through Home Assistant's own HTTP API: the steps its first-run screens take."""

from __future__ import annotations

import contextlib
import os
import zoneinfo
from pathlib import Path

from .ha_client import HomeAssistantClient
from .settings import DemoSettings

# Any country silences Home Assistant's "country not configured" repair; the Netherlands goes with
# its default currency (EUR) and units (metric).
COUNTRY = "NL"


async def onboard(client: HomeAssistantClient, settings: DemoSettings) -> None:
    """Create the owner, log in as them (sets `client.token`), and finish the remaining steps."""
    auth_code = await _create_owner(client, settings)
    client.token = await _exchange_auth_code(client, auth_code)
    await client.post("/api/onboarding/core_config")
    await _set_country_and_time_zone(client)
    # Analytics stays off: this step only marks the screen as seen.
    await client.post("/api/onboarding/analytics")
    await client.post(
        "/api/onboarding/integration",
        {"client_id": client.client_id, "redirect_uri": f"{client.base_url}/?auth_callback=1"},
    )


async def _create_owner(client: HomeAssistantClient, settings: DemoSettings) -> str:
    answer = await client.post(
        "/api/onboarding/users",
        {
            "client_id": client.client_id,
            "name": settings.display_name,
            "username": settings.username,
            "password": settings.password,
            "language": "en",
        },
    )
    return str(answer["auth_code"])


async def _exchange_auth_code(client: HomeAssistantClient, auth_code: str) -> str:
    answer = await client.post_form(
        "/auth/token",
        {"grant_type": "authorization_code", "code": auth_code, "client_id": client.client_id},
    )
    return str(answer["access_token"])


async def _set_country_and_time_zone(client: HomeAssistantClient) -> None:
    """What the onboarding screens save along with the core config step. The machine's time zone
    makes the history graph's times match the clock on the wall."""
    async with client.websocket() as websocket:
        await websocket.call("config/core/update", country=COUNTRY, time_zone=host_time_zone())


def host_time_zone() -> str:
    """The machine's IANA time zone, from $TZ or the /etc/localtime link; else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    for name in candidates:
        if name and _is_time_zone(name):
            return name
    return "UTC"


def _is_time_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True
