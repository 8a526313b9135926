"""Diagnostics: everything the integration read from the charger, with private data redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant

from .coordinator import LektricoConfigEntry, LektricoCoordinator
from .lever import active_lever, energy_meter_present

# Who owns it, where it is, which network it is on, how it is reached: none of it helps debugging.
TO_REDACT = {
    CONF_HOST,
    "owner_id",
    "latitude",
    "longitude",
    "ssid",
    "ip_address",
    "bssid",
    "ocpp_server_link",
    "serial_number",
    "unique_id",
    "title",
    "em_id",
    "charger_alias",
    "password",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: LektricoConfigEntry
) -> dict[str, Any]:
    """The config entry and every coordinator's latest data."""
    runtime = entry.runtime_data
    coordinators: dict[str, LektricoCoordinator[Any]] = {
        "live": runtime.live,
        "settings": runtime.settings,
        "statistics": runtime.statistics,
    }
    return async_redact_data(
        {
            "entry": {
                "title": entry.title,
                "unique_id": entry.unique_id,
                "data": dict(entry.data),
                "options": dict(entry.options),
            },
            "identity": asdict(runtime.identity),
            "coordinators": {
                name: {
                    "last_update_success": coordinator.last_update_success,
                    "unsupported_methods": sorted(coordinator.unsupported),
                    "data": asdict(coordinator.data) if coordinator.data else None,
                }
                for name, coordinator in coordinators.items()
            },
            "control": {
                "chosen_lever": runtime.chosen_lever.value,
                "active_lever": active_lever(runtime).value,
                "energy_meter_present": energy_meter_present(runtime),
                "wanted_current": runtime.wanted_current,
                "fuse_guard": asdict(runtime.fuse.coordinator.data)
                if runtime.fuse and runtime.fuse.coordinator.data
                else None,
            },
        },
        TO_REDACT,
    )
