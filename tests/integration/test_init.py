"""Set-up, unload, unreachable charger, the wrong charger, recovery."""

from __future__ import annotations

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.const import ControlLever
from lektrico_sim import ChargerSimulator, SimulatorServer

from .conftest import refresh_live

POWER = "sensor.lektrico_3p22k_500006_power"


async def test_setup_and_unload(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """The entry loads with its entities, and unloading leaves them unavailable."""
    entry = init_integration
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get(POWER) is not None
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert hass.states.get(POWER).state == STATE_UNAVAILABLE


async def test_unreachable_charger_retries(
    hass: HomeAssistant, config_entry: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """A charger that does not answer at set-up makes Home Assistant retry later."""
    await sim_server.go_offline()
    config_entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY


async def test_different_charger_at_the_address(
    hass: HomeAssistant, sim_host: str, sim_server: SimulatorServer
) -> None:
    """Another charger at the entry's address is a set-up error, not a silent swap."""
    entry = MockConfigEntry(domain="lektrico_local", unique_id="999999", data={"host": sim_host})
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.SETUP_ERROR


async def test_unavailable_and_recovery(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    charger: ChargerSimulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An offline charger makes entities unavailable with one log line, and one on recovery."""
    assert hass.states.get(POWER).state == "0.0"
    await sim_server.go_offline()
    for _ in range(3):
        await refresh_live(hass, init_integration)
    assert hass.states.get(POWER).state == STATE_UNAVAILABLE
    # One line when it goes, not one per poll.
    assert sum("Error fetching" in record.getMessage() for record in caplog.records) == 1
    await sim_server.go_online()
    charger.set_ev(max_current=10, phases=3)
    charger.plug_in()
    await refresh_live(hass, init_integration)
    assert float(hass.states.get(POWER).state) > 6000
    assert sum("recovered" in record.getMessage() for record in caplog.records) == 1


@pytest.mark.parametrize(
    "entry_options",
    [{"control_lever": "pulley", "grid_power_sensor": "sensor.grid", "min_current": 40}],
)
async def test_hand_edited_options_fall_back_with_a_log_line(
    hass: HomeAssistant, init_integration: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    """The options flow refuses these; an entry edited by hand still loads, and says why."""
    runtime = init_integration.runtime_data
    assert runtime.chosen_lever is ControlLever.DYNAMIC_CURRENT
    assert runtime.solar is None
    logged = " ".join(record.getMessage() for record in caplog.get_records("setup"))
    assert "unknown control lever" in logged
    assert "solar charging is off, its options are invalid" in logged
    assert hass.states.get(POWER) is not None
