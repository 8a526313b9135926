"""A real Home Assistant instance outside pytest, and the chargers' config entries in it.

The instance is built by pytest-homeassistant-custom-component's `async_test_home_assistant`,
the same object the `hass` fixture gives tests: the real core, bus, state machine, registries
and config entries, with registry storage kept in memory and no recorder or frontend.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from unittest.mock import patch

from aiohttp.resolver import AsyncResolver
from homeassistant import loader
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import frame
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_test_home_assistant,
)

from .farm_client import SimulatedCharger
from .integrations import IntegrationUnderTest

REPO_ROOT = Path(__file__).resolve().parents[2]


@asynccontextmanager
async def home_assistant() -> AsyncIterator[HomeAssistant]:
    """A running Home Assistant with custom integrations enabled; stopped afterwards."""
    with (
        tempfile.TemporaryDirectory(prefix="lektrico-bench-") as config_dir,
        _plain_dns_resolver(),
    ):
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            frame.async_setup(hass)
            # The harness switches custom integrations off; the enable_custom_integrations
            # fixture does exactly this to switch them back on.
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
            await _check_ours_comes_from_this_repo(hass)
            try:
                yield hass
            finally:
                await _unload_all(hass)
                await hass.async_stop(force=True)


@contextmanager
def _plain_dns_resolver() -> Iterator[None]:
    """Home Assistant's HTTP session resolves through zeroconf, which needs the network
    integration; like the harness's mock_zeroconf_resolver fixture, use plain DNS instead.
    The chargers are IP addresses, so nothing is resolved either way.
    """
    resolver = AsyncResolver()
    resolver.real_close = resolver.close  # type: ignore[attr-defined]  # what HA closes
    with patch("homeassistant.helpers.aiohttp_client._async_make_resolver", return_value=resolver):
        yield


async def _check_ours_comes_from_this_repo(hass: HomeAssistant) -> None:
    """The loader imports the `custom_components` package from sys.path.

    `python -m benchmarks` runs from the repository root, which puts the repository's
    custom_components first; a copy installed elsewhere must not be measured instead.
    """
    integration = await loader.async_get_integration(hass, "lektrico_local")
    expected = REPO_ROOT / "custom_components" / "lektrico_local"
    if integration.file_path.resolve() != expected:
        raise RuntimeError(
            f"Home Assistant loads lektrico_local from {integration.file_path}, not {expected}; "
            "run the benchmark from the repository root"
        )


async def set_up_entries(
    hass: HomeAssistant, integration: IntegrationUnderTest, chargers: list[SimulatedCharger]
) -> list[ConfigEntry]:
    """One config entry per charger, all set up together as Home Assistant does at start.

    Polling is switched off in every entry (the "Enable polling for updates" system option):
    the benchmark then refreshes each coordinator itself, at the coordinator's own update
    interval but in simulated time (see polling.py).
    """
    entries: list[ConfigEntry] = []
    for charger in chargers:
        fields = integration.entry_fields(charger)
        entry = MockConfigEntry(
            domain=integration.domain,
            title=fields.title,
            unique_id=fields.unique_id,
            data=fields.data,
            pref_disable_polling=True,
        )
        entry.add_to_hass(hass)
        entries.append(entry)
    # Setting up the component sets up all of its entries concurrently.
    if not await async_setup_component(hass, integration.domain, {}):
        raise RuntimeError(f"{integration.domain} did not set up")
    await hass.async_block_till_done()
    failed = [entry for entry in entries if entry.state is not ConfigEntryState.LOADED]
    if failed:
        raise RuntimeError(
            f"{len(failed)} of {len(entries)} {integration.domain} entries did not load: "
            f"{failed[0].title}: {failed[0].state} {failed[0].reason}"
        )
    return entries


async def _unload_all(hass: HomeAssistant) -> None:
    """Unload what is loaded, so no poll or timer outlives the run (as the hass fixture does)."""
    loaded = [
        entry
        for entry in hass.config_entries.async_entries()
        if entry.state is ConfigEntryState.LOADED
    ]
    await asyncio.gather(*(hass.config_entries.async_unload(entry.entry_id) for entry in loaded))
