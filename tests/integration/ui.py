"""Calling an action the way Home Assistant's frontend does: over the WebSocket API.

REST answers most refusals with a bare HTTP 500; the WebSocket reply carries the translation
key, its placeholders and the readable message the user sees, so refusals are tested this way.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.typing import WebSocketGenerator


async def refusal_from_the_ui(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    domain: str,
    service: str,
    data: dict[str, Any],
) -> dict[str, Any]:
    """Call `domain.service` with `data` as the UI does; the error of a refused call."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": "call_service", "domain": domain, "service": service, "service_data": data}
    )
    reply = await client.receive_json()
    assert not reply["success"], f"{domain}.{service} was not refused"
    error: dict[str, Any] = reply["error"]
    return error
