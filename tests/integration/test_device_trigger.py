"""Session events as device triggers in automations."""

from __future__ import annotations

from homeassistant.components import automation
from homeassistant.components.device_automation import DeviceAutomationType
from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_get_device_automations,
)

from custom_components.lektrico_local.const import DOMAIN
from lektrico_sim import ChargerSimulator

from .conftest import SERIAL, refresh_live


async def test_triggers_listed(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """The charger's device offers the session, charging and error triggers."""
    device = dr.async_get(hass).async_get_device(identifiers={(DOMAIN, SERIAL)})
    triggers = await async_get_device_automations(hass, DeviceAutomationType.TRIGGER, device.id)
    types = {trigger["type"] for trigger in triggers if trigger["domain"] == DOMAIN}
    assert {"session_started", "charging_started", "session_finished", "error"} <= types


async def test_trigger_fires_an_automation(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """A session_started device trigger runs an automation with the session id."""
    device = dr.async_get(hass).async_get_device(identifiers={(DOMAIN, SERIAL)})
    calls: list[ServiceCall] = []
    hass.services.async_register("test", "record", callback(lambda call: calls.append(call)))
    assert await async_setup_component(
        hass,
        automation.DOMAIN,
        {
            automation.DOMAIN: {
                "trigger": {
                    "platform": "device",
                    "domain": DOMAIN,
                    "device_id": device.id,
                    "type": "session_started",
                },
                "action": {
                    "service": "test.record",
                    "data": {"session": "{{ trigger.event.data.session_id }}"},
                },
            }
        },
    )
    charger.plug_in()
    await refresh_live(hass, init_integration)
    assert len(calls) == 1
    assert calls[0].data["session"] == charger.state.session_id
