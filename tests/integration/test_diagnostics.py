"""Diagnostics carry every endpoint's data and nothing private."""

from __future__ import annotations

import json

import pytest
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.const import DOMAIN
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


@pytest.mark.parametrize(
    "entry_options",
    [{"grid_power_sensor": "sensor.grid_power", "price_sensor": "sensor.price"}],
)
async def test_diagnostics_show_smart_charging_and_the_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """The charge mode, what smart charging was asked for, and the stored sessions, with the
    tag a session was started with redacted."""
    device = next(iter(hass.data["device_registry"].devices.values()))
    await hass.services.async_call(
        DOMAIN, "set_plan", {"device_id": device.id, "target_energy": 12}, blocking=True
    )
    charger.plug_in()
    await refresh_all(hass, init_integration)
    await hass.services.async_call(
        DOMAIN, "start_charging", {"device_id": device.id, "tag": "Alice"}, blocking=True
    )
    charger.advance(600)
    await refresh_all(hass, init_integration)
    charger.unplug()
    await refresh_all(hass, init_integration)
    diagnostics = await async_get_config_entry_diagnostics(hass, init_integration)
    control = diagnostics["control"]
    assert control["charge_mode"] == "fast"
    assert control["smart_charging"]["targets"]["target_energy_kwh"] == 12
    history = diagnostics["session_history"]
    assert history["stored_sessions"] == 1
    assert history["last"][0]["tag"] == "**REDACTED**"
    assert history["last"][0]["energy_wh"] > 0
    assert "Alice" not in json.dumps(diagnostics, default=str)
