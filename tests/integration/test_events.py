"""Session events for a whole session, on the event entity and on the bus."""

from __future__ import annotations

import pytest
from homeassistant.core import Event, HomeAssistant, callback
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.const import EVENT_SESSION
from lektrico_sim import ChargerSimulator

from .conftest import refresh_live

EVENT_ENTITY = "event.lektrico_3p22k_500006_session"


@pytest.mark.firmware_needs("extended_charger_state")
async def test_full_session(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """A whole session fires each session event once, in order, with its data."""
    fired: list[Event] = []
    hass.bus.async_listen(EVENT_SESSION, callback(lambda event: fired.append(event)))
    seen: list[str] = []

    async def step() -> None:
        await refresh_live(hass, init_integration)
        state = hass.states.get(EVENT_ENTITY)
        if state.attributes.get("event_type") and (not seen or fired):
            seen.append(state.attributes["event_type"])

    charger.set_app_config("headless", False)
    charger.set_ev(max_current=16, phases=3)
    charger.plug_in()
    await step()  # session_started, authorization_required
    await init_integration.runtime_data.client.start_charging()
    charger.advance(600)
    await step()  # authorized, charging_started
    await init_integration.runtime_data.client.pause_charging()
    await step()  # paused_by_charger
    await init_integration.runtime_data.client.resume_charging()
    charger.advance(600)
    await step()  # resumed
    charger.set_ev_full(True)
    await step()  # paused_by_ev
    charger.unplug()
    await step()  # charging_finished, session_finished

    types = [event.data["type"] for event in fired]
    assert types == [
        "session_started",
        "authorization_required",
        "authorized",
        "charging_started",
        "paused_by_charger",
        "resumed",
        "paused_by_ev",
        "charging_finished",
        "session_finished",
    ]
    finished = fired[-1].data
    assert finished["session_energy"] > 3000  # 20 minutes at 11 kW
    assert finished["charging_time"] == 1200
    assert finished["device_id"]
    assert fired[4].data["reason"] == "B_PAUSE"
    # The event entity shows the last one with its data.
    state = hass.states.get(EVENT_ENTITY)
    assert state.attributes["event_type"] == "session_finished"
    assert state.attributes["session_energy"] == finished["session_energy"]


async def test_error_event(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """An error during a session fires an error event with the IEC letter as reason."""
    fired: list[Event] = []
    hass.bus.async_listen(EVENT_SESSION, callback(lambda event: fired.append(event)))
    charger.plug_in()
    await refresh_live(hass, init_integration)
    charger.raise_error("state_e_activated")
    await refresh_live(hass, init_integration)
    assert fired[-1].data["type"] == "error"
    assert fired[-1].data["reason"] == "E"
