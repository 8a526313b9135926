"""The charger as an OCPI EVSE object (status, connector, power type), for the `get_evse` action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .api import AppConfig, ChargerInfo, ChargerState, DeviceIdentity, SystemCurrents

NOMINAL_VOLTAGE = 230

EVSE_STATUS: dict[ChargerState, str] = {
    ChargerState.DISCONNECTED: "AVAILABLE",
    ChargerState.CONNECTED: "PREPARING",
    ChargerState.AWAITING_AUTHORIZATION: "PREPARING",
    # A paused session still holds the connector.
    ChargerState.PAUSED: "CHARGING",
    ChargerState.PAUSED_BY_SCHEDULE: "CHARGING",
    ChargerState.CHARGING: "CHARGING",
    ChargerState.CHARGING_WITH_VENTILATION: "CHARGING",
    ChargerState.ERROR: "OUTOFORDER",
    ChargerState.FAULT: "OUTOFORDER",
    ChargerState.UPDATING_FIRMWARE: "INOPERATIVE",
    ChargerState.LOCKED: "INOPERATIVE",
}

CAPABILITIES = ["CHARGING_PROFILE_CAPABLE", "REMOTE_START_STOP_CAPABLE", "RFID_READER"]


def _coordinate(value: float | None) -> str | None:
    """OCPI wants decimal degrees as text with 5 to 7 decimals."""
    return None if value is None else f"{value:.6f}"


def build_evse(
    identity: DeviceIdentity,
    info: ChargerInfo | None,
    config: AppConfig | None,
    currents: SystemCurrents | None,
    last_updated: datetime,
    *,
    online: bool,
) -> dict[str, Any]:
    """One EVSE with its one Type 2 connector."""
    phases = identity.phases
    amperage = (
        (currents.install_current if currents else None)
        or (config.install_current if config else None)
        or 32
    )
    status = EVSE_STATUS.get(info.state, "UNKNOWN") if info and info.state and online else "UNKNOWN"
    timestamp = last_updated.isoformat().replace("+00:00", "Z")
    latitude = config.latitude if config else None
    longitude = config.longitude if config else None
    located = latitude is not None and longitude is not None and (latitude, longitude) != (0.0, 0.0)
    return {
        "uid": identity.serial_number,
        "evse_id": identity.serial_number,
        "physical_reference": (config.charger_alias if config else None) or identity.serial_number,
        "capabilities": CAPABILITIES,
        "coordinates": {"latitude": _coordinate(latitude), "longitude": _coordinate(longitude)}
        if located
        else None,
        "last_updated": timestamp,
        "connectors": [
            {
                "uid": f"{identity.serial_number}-1",
                "connector_id": "1",
                "standard": "IEC_62196_T2",
                "format": "SOCKET",
                "power_type": "AC_3_PHASE" if phases == 3 else "AC_1_PHASE",
                "max_voltage": NOMINAL_VOLTAGE,
                "max_amperage": amperage,
                "max_electric_power": amperage * NOMINAL_VOLTAGE * phases,
                "status": status,
                "online": online,
                "is_enabled": not (config and config.charger_locked),
                "last_updated": timestamp,
            }
        ],
    }
