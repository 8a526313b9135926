"""Diagnostics: everything the integration read from the charger, with private data redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant

from .coordinator import LektricoConfigEntry, LektricoCoordinator, LektricoRuntimeData
from .lever import active_lever, energy_meter_present
from .smart_charging import plan_data

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
    "tag",  # an authorization tag names a person or a car
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
                "charge_mode": runtime.solar.mode.value if runtime.solar else None,
                "smart_charging": _smart_charging(runtime),
            },
            "session_history": _session_history(runtime),
        },
        TO_REDACT,
    )


def _smart_charging(runtime: LektricoRuntimeData) -> dict[str, Any]:
    """What smart charging was asked for and what it planned."""
    smart = runtime.smart
    assert smart is not None  # set up with the entry
    return {"targets": smart.targets.as_dict(), **plan_data(smart)}


def _session_history(runtime: LektricoRuntimeData) -> dict[str, Any]:
    """How many sessions are stored, the one in progress and the last three (tags redacted)."""
    assert runtime.history is not None  # set up with the entry
    recorder = runtime.history.recorder
    current = recorder.current
    return {
        "stored_sessions": len(recorder.sessions),
        "current": current.as_dict() if current else None,
        "last": [record.as_dict() for record in recorder.sessions[-3:]],
        "awaiting_counters": len(recorder.awaiting_counters),
    }
