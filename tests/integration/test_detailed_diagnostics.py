"""The Detailed diagnostics option: its entities come and go with it, and older entries migrate."""

from __future__ import annotations

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local import DETAIL_KEYS
from custom_components.lektrico_local.const import CONF_DETAILED_DIAGNOSTICS, DOMAIN
from lektrico_sim import ChargerSimulator, SimulatorServer

from .conftest import SERIAL, refresh_live
from .test_translations import DESCRIPTIONS

RCD_ERROR = "binary_sensor.lektrico_3p22k_500006_rcd_error"
VOLTAGE_L1 = "sensor.lektrico_3p22k_500006_voltage_l1"


def test_detail_keys_cover_every_platform() -> None:
    """__init__ lists the description lists it scans by hand: none may be missing there."""
    every_detail = {
        description.key
        for descriptions in DESCRIPTIONS.values()
        for description in descriptions
        if getattr(description, "detail", False)
    }
    assert every_detail == DETAIL_KEYS


def _detail_entities(hass: HomeAssistant, entry: MockConfigEntry) -> list[er.RegistryEntry]:
    return [
        registered
        for registered in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if registered.unique_id.removeprefix(f"{SERIAL}_") in DETAIL_KEYS
    ]


async def _set_option(hass: HomeAssistant, entry: MockConfigEntry, detailed: bool) -> None:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "diagnostics"}
    )
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_DETAILED_DIAGNOSTICS: detailed}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


@pytest.mark.firmware_needs("system_currents.get", "currents")
async def test_option_adds_and_removes_the_entities(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """Turning the option on adds all 39 detailed entities enabled; off removes them."""
    assert _detail_entities(hass, init_integration) == []

    await _set_option(hass, init_integration, True)
    assert init_integration.state is ConfigEntryState.LOADED
    # 17 error flags, 9 current limits, 3 voltages, temperature, firmware, 2 Wi-Fi, 3 counters
    # and 3 maintenance buttons.
    detail = _detail_entities(hass, init_integration)
    assert len(detail) == len(DETAIL_KEYS) == 39
    assert all(not registered.disabled_by for registered in detail)
    charger.raise_error("rcd_error")
    await refresh_live(hass, init_integration)
    assert hass.states.get(RCD_ERROR).state == "on"
    assert float(hass.states.get(VOLTAGE_L1).state) > 200

    await _set_option(hass, init_integration, False)
    assert _detail_entities(hass, init_integration) == []
    assert hass.states.get(RCD_ERROR) is None
    assert hass.states.get("binary_sensor.lektrico_3p22k_500006_errors").state == "on"


def _older_entry(hass: HomeAssistant, sim_host: str) -> MockConfigEntry:
    """An entry from before the option, with the voltage sensor registered as 1.1 left it."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=f"Lektrico 3P22K {SERIAL}",
        unique_id=SERIAL,
        data={CONF_HOST: sim_host},
        minor_version=1,
    )
    entry.add_to_hass(hass)
    return entry


@pytest.mark.parametrize(("disabled_by", "detailed"), [(None, True), ("integration", False)])
async def test_older_entries_keep_what_the_user_enabled(
    hass: HomeAssistant,
    sim_server: SimulatorServer,
    sim_host: str,
    disabled_by: str | None,
    detailed: bool,
) -> None:
    """Migrating a 1.1 entry turns the option on only if a detailed entity was enabled."""
    entry = _older_entry(hass, sim_host)
    er.async_get(hass).async_get_or_create(
        "sensor",
        DOMAIN,
        f"{SERIAL}_voltage_l1",
        config_entry=entry,
        suggested_object_id="lektrico_3p22k_500006_voltage_l1",
        disabled_by=er.RegistryEntryDisabler(disabled_by) if disabled_by else None,
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.minor_version == 2
    assert entry.options[CONF_DETAILED_DIAGNOSTICS] is detailed
    # Enabled before: the voltage sensor (and the rest of the group) stays and reads.
    # Disabled by default before: it leaves the registry with the rest.
    assert (hass.states.get(VOLTAGE_L1) is not None) is detailed
    assert bool(_detail_entities(hass, entry)) is detailed
    await hass.config_entries.async_unload(entry.entry_id)


async def test_newer_entries_are_refused(
    hass: HomeAssistant, sim_server: SimulatorServer, sim_host: str
) -> None:
    """An entry from a newer version is not set up: a migration error."""
    entry = MockConfigEntry(domain=DOMAIN, unique_id=SERIAL, data={CONF_HOST: sim_host}, version=2)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.MIGRATION_ERROR
