"""A version-independent snapshot of every entity of the charger.

Syrupy snapshots of registry entries change with each Home Assistant release,
and this suite runs on two of them. What users see does not: state, unit,
classes and category.
Refresh with `UPDATE_SNAPSHOTS=1 make test` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

SNAPSHOTS = Path(__file__).parent / "snapshots"
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


def assert_matches_snapshot(name: str, table: dict[str, dict[str, Any]]) -> None:
    """Compare with the stored snapshot, or store it when UPDATE_SNAPSHOTS is set."""
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(table, indent=2, sort_keys=True, default=str) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"no snapshot {path.name}; run with UPDATE_SNAPSHOTS=1"
    assert json.loads(text) == json.loads(path.read_text())
