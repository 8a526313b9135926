"""Diagnostics carry every endpoint's data and nothing private."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.diagnostics import async_get_config_entry_diagnostics
from lektrico_sim import ChargerSimulator

from .conftest import refresh_all

PRIVATE = ["Owner-4711", "45.75", "21.23", "ocpp.example.invalid", "500006"]


async def test_diagnostics_redacted(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """Diagnostics hide private values but keep every coordinator's data."""
    charger.set_app_config("owner_id", "Owner-4711")
    charger.set_app_config("latitude", 45.75)
    charger.set_app_config("longitude", 21.23)
    charger.set_app_config("ocpp_server_link", "wss://ocpp.example.invalid/cp")
    await refresh_all(hass, init_integration)
    diagnostics = await async_get_config_entry_diagnostics(hass, init_integration)
    text = json.dumps(diagnostics, default=str)
    for secret in PRIVATE:
        assert secret not in text
    wifi = diagnostics["coordinators"]["statistics"]["data"]["wifi"]
    assert wifi["ssid"] == "**REDACTED**"
    assert wifi["ip_address"] == "**REDACTED**"
    assert diagnostics["entry"]["data"]["host"] == "**REDACTED**"
    # And it still has what helps: every coordinator's data.
    live = diagnostics["coordinators"]["live"]["data"]["info"]
    assert live["state"] == "A"
    assert (
        diagnostics["coordinators"]["settings"]["data"]["app_config"]["led_max_brightness"] == 100
    )
    assert diagnostics["coordinators"]["statistics"]["data"]["counters"] is not None
