"""Fixtures for the Home Assistant side: the integration set up against the simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from custom_components.lektrico_local.const import CONF_DETAILED_DIAGNOSTICS, DOMAIN
from lektrico_sim import ChargerSimulator, SimulatorServer

SERIAL = "500006"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom_components/lektrico_local."""


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Syrupy's snapshot, kept as one JSON file per test in __snapshots__/<test module>/.

    JSON rather than Home Assistant's amber format: an entity table (snapshot.py) reads well in
    a diff and is the same on every Home Assistant version. Refresh with `--snapshot-update`.
    """
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture
def entry_options() -> dict[str, Any]:
    """The entry's options; override or parametrize to set some (solar, the control lever)."""
    return {}


@pytest.fixture
def detailed_diagnostics() -> bool:
    """Whether the entry has the Detailed diagnostics option on: off, as for a new user.

    A test that needs the detailed entities says so:
    `@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])`.
    """
    return False


@pytest.fixture
def config_entry(
    sim_host: str,
    charger_model: str,
    entry_options: dict[str, Any],
    detailed_diagnostics: bool,
) -> MockConfigEntry:
    """A config entry for the simulated charger, as the config flow would create it."""
    options = (
        {CONF_DETAILED_DIAGNOSTICS: True, **entry_options}
        if detailed_diagnostics
        else entry_options
    )
    return MockConfigEntry(
        domain=DOMAIN,
        title=f"Lektrico {charger_model.upper()} {SERIAL}",
        unique_id=SERIAL,
        data={CONF_HOST: sim_host},
        options=options,
        minor_version=2,
    )


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, config_entry: MockConfigEntry, sim_server: SimulatorServer
) -> AsyncIterator[MockConfigEntry]:
    """The integration loaded for the simulated charger."""
    config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    yield config_entry
    # Unload so no poll timer outlives the test.
    if config_entry.state.recoverable:
        await hass.config_entries.async_unload(config_entry.entry_id)
        await hass.async_block_till_done()


async def refresh_live(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """One poll of the live coordinator, as its timer would do."""
    await entry.runtime_data.live.async_refresh()
    await hass.async_block_till_done()


async def refresh_all(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """One poll of every coordinator."""
    runtime = entry.runtime_data
    for coordinator in (runtime.live, runtime.settings, runtime.statistics):
        await coordinator.async_refresh()
    await hass.async_block_till_done()


@pytest.fixture
def plugged(charger: ChargerSimulator) -> ChargerSimulator:
    """An EV drawing 16 A on three phases, plugged in before Home Assistant starts."""
    charger.set_ev(max_current=16, phases=3)
    charger.plug_in()
    charger.advance(60)
    return charger


@pytest.fixture
def all_entities_enabled() -> Iterator[None]:
    """Create every entity enabled, so disabled-by-default ones can be checked too.

    It enables what the entry creates: the detailed-diagnostics entities still need the
    option (the `detailed_diagnostics` fixture).
    """
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        PropertyMock(return_value=True),
    ):
        yield
