"""A version-independent table of every entity of the charger, for snapshots.

Syrupy snapshots of registry entries change with each Home Assistant release,
and this suite runs on two of them. What users see does not: state, unit,
classes and category. The table is compared with syrupy's `snapshot` fixture as
JSON (tests/integration/conftest.py); refresh with `pytest --snapshot-update` and
review the diff.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

ATTRIBUTES = ("unit_of_measurement", "device_class", "state_class", "options", "event_types")


def entity_table(hass: HomeAssistant, entry_id: str) -> dict[str, dict[str, Any]]:
    """entity_id -> what a user sees of it."""
    registry = er.async_get(hass)
    table: dict[str, dict[str, Any]] = {}
    for entity in sorted(
        er.async_entries_for_config_entry(registry, entry_id), key=lambda e: e.entity_id
    ):
        row: dict[str, Any] = {
            "translation_key": entity.translation_key,
            "category": entity.entity_category.value if entity.entity_category else None,
        }
        if state := hass.states.get(entity.entity_id):
            row["state"] = state.state
            row |= {name: state.attributes[name] for name in ATTRIBUTES if name in state.attributes}
        table[entity.entity_id] = row
    return table
