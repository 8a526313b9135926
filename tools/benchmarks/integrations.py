"""What differs between the two integrations under test; everything else is shared.

Nothing here reaches into either integration's internals beyond what Home Assistant itself
sees: a config entry's data, the coordinators hanging off its runtime data, and entities in
the entity registry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from homeassistant.components.number import DOMAIN as NUMBER_DOMAIN
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import ATTR_HW_VERSION, ATTR_SERIAL_NUMBER, CONF_HOST, CONF_TYPE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .config import CORE, OURS
from .farm_client import SimulatedCharger


@dataclass(frozen=True, slots=True)
class EntryFields:
    """What a config flow would store for one charger."""

    title: str
    unique_id: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IntegrationUnderTest:
    """One of the two integrations, as the benchmark drives it."""

    domain: str
    # "ours" / "core": the column headings of the table.
    label: str
    # translation_key of the number entity a current command sets.
    current_number_key: str
    entry_fields: Callable[[SimulatedCharger], EntryFields]


def _ours_entry(charger: SimulatedCharger) -> EntryFields:
    """As custom_components/lektrico_local/config_flow.py creates it."""
    return EntryFields(
        title=f"Lektrico {charger.model.upper()} {charger.serial}",
        unique_id=str(charger.serial),
        data={CONF_HOST: charger.host},
    )


def _core_entry(charger: SimulatedCharger) -> EntryFields:
    """As homeassistant/components/lektrico/config_flow.py `_async_create_entry` creates it."""
    return EntryFields(
        title=f"{charger.model}_{charger.serial}",
        unique_id=str(charger.serial),
        data={
            CONF_HOST: charger.host,
            ATTR_SERIAL_NUMBER: str(charger.serial),
            CONF_TYPE: charger.model,
            ATTR_HW_VERSION: charger.board_revision,
        },
    )


INTEGRATIONS_UNDER_TEST = {
    # Ours: the Charging current number (dynamic_current.set, then charger_info.get to confirm).
    OURS: IntegrationUnderTest(OURS, "ours", "charging_current", _ours_entry),
    # Core: its dynamic limit number (dynamic_current.set, then a full refresh).
    CORE: IntegrationUnderTest(CORE, "core", "dynamic_limit", _core_entry),
}


def coordinators_of(entry: ConfigEntry) -> list[DataUpdateCoordinator[Any]]:
    """Every coordinator a loaded entry polls with.

    Core keeps its one coordinator as runtime data; ours keeps a dataclass holding three.
    """
    runtime = entry.runtime_data
    if isinstance(runtime, DataUpdateCoordinator):
        return [runtime]
    return [value for value in vars(runtime).values() if isinstance(value, DataUpdateCoordinator)]


def update_interval_s(coordinator: DataUpdateCoordinator[Any]) -> float:
    """The coordinator's own update interval, as Home Assistant's timer would use it."""
    interval = coordinator.update_interval
    if interval is None:
        raise ValueError(f"{coordinator.name} does not poll")
    return interval.total_seconds()


def number_entity_id(hass: HomeAssistant, entry: ConfigEntry, translation_key: str) -> str:
    """The entity id of the entry's number with this translation key."""
    registry = er.async_get(hass)
    for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
        if entity.domain == NUMBER_DOMAIN and entity.translation_key == translation_key:
            return entity.entity_id
    raise LookupError(f"{entry.title}: no number entity {translation_key!r}")


def missing_core_requirements() -> list[str]:
    """Core lektrico's requirements (its manifest) that this Python lacks, e.g. lektricowifi.

    Home Assistant would pip-install them at setup; the benchmark's instance does not (no
    network), so they must already be there: the newest venv has them (requirements-extra.txt).
    """
    # Found without importing the package: importing it imports its requirements.
    spec = find_spec(f"homeassistant.components.{CORE}")
    if spec is None or spec.origin is None:
        return [f"homeassistant.components.{CORE}"]
    manifest_path = Path(spec.origin).parent / "manifest.json"
    requirements: list[str] = json.loads(manifest_path.read_text(encoding="utf-8"))["requirements"]
    return [requirement for requirement in requirements if not _installed(requirement)]


def _installed(requirement: str) -> bool:
    name, _, pinned = requirement.partition("==")
    try:
        installed = version(name)
    except PackageNotFoundError:
        return False
    return not pinned or installed == pinned
