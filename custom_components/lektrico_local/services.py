"""The integration's actions.

Schedule, start with a tag, EM current, error log, AP password, factory reset, EVSE.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import voluptuous as vol
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr

from .api import ScheduleInterval
from .const import DOMAIN
from .coordinator import LektricoConfigEntry, LektricoRuntimeData, ReadBack
from .helpers import lektrico_command
from .lever import async_set_em_current
from .ocpi import build_evse

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Structure only: values are range-checked by the client, whose errors are translated.
INTERVAL_SCHEMA = vol.Schema(
    {
        vol.Required("start_day"): vol.Any(int, str),
        vol.Required("start_time"): str,
        vol.Required("end_day"): vol.Any(int, str),
        vol.Required("end_time"): str,
        vol.Required("current"): vol.Any(int, float, str),
    }
)
DEVICE_SCHEMA = vol.Schema({vol.Required(ATTR_DEVICE_ID): cv.string})
SCHEMAS: dict[str, vol.Schema] = {
    "set_charging_schedule": DEVICE_SCHEMA.extend(
        {
            vol.Required("intervals"): vol.All(cv.ensure_list, [INTERVAL_SCHEMA]),
            vol.Optional("enabled"): cv.boolean,
        }
    ),
    "get_charging_schedule": DEVICE_SCHEMA,
    "start_charging": DEVICE_SCHEMA.extend({vol.Optional("tag"): cv.string}),
    "set_em_current": DEVICE_SCHEMA.extend({vol.Required("current"): vol.Any(int, float, str)}),
    "reset_logged_errors": DEVICE_SCHEMA,
    "set_ap_password": DEVICE_SCHEMA.extend({vol.Required("password"): vol.Any(str, int)}),
    "factory_reset": DEVICE_SCHEMA.extend({vol.Required("confirm"): vol.Any(bool, str)}),
    "get_evse": DEVICE_SCHEMA,
}


def _invalid(key: str, **placeholders: str) -> ServiceValidationError:
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _entry(hass: HomeAssistant, call: ServiceCall) -> LektricoConfigEntry:
    """The loaded config entry of the charger the call names."""
    device_id = call.data[ATTR_DEVICE_ID]
    device = dr.async_get(hass).async_get(device_id)
    entries = (
        [hass.config_entries.async_get_entry(entry_id) for entry_id in device.config_entries]
        if device
        else []
    )
    entry = next((entry for entry in entries if entry and entry.domain == DOMAIN), None)
    if entry is None:
        raise _invalid("unknown_device", device_id=device_id)
    if entry.state is not ConfigEntryState.LOADED:
        raise _invalid("not_loaded", name=entry.title)
    return entry


def _day(value: int | str) -> int:
    """1..7 or a weekday name; a number out of range is left for the client to refuse."""
    if isinstance(value, int):
        return value
    name = value.strip().lower()
    if name.isdigit():
        return int(name)
    if name not in WEEKDAYS:
        raise _invalid("invalid_day", value=value)
    return WEEKDAYS.index(name) + 1


def _time(value: str) -> tuple[int, int]:
    """'HH:MM' (seconds allowed and ignored) -> (hour, minute); ranges are the client's to check."""
    parts = value.strip().split(":")
    if len(parts) not in (2, 3) or not all(part.isdigit() for part in parts):
        raise _invalid("invalid_time", value=value)
    return int(parts[0]), int(parts[1])


def _number(value: Any) -> Any:
    """Numeric text as a number; anything else unchanged, for the client to refuse."""
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value


def _interval(data: dict[str, Any]) -> ScheduleInterval:
    start_hour, start_minute = _time(data["start_time"])
    end_hour, end_minute = _time(data["end_time"])
    return ScheduleInterval(
        _day(data["start_day"]), start_hour, start_minute,
        _day(data["end_day"]), end_hour, end_minute,
        _number(data["current"]),
    )  # fmt: skip


def _day_name(day: int) -> str | int:
    """monday..sunday for 1..7; a day the charger reports out of range stays a number."""
    return WEEKDAYS[day - 1] if 1 <= day <= len(WEEKDAYS) else day


def _interval_data(interval: ScheduleInterval) -> dict[str, Any]:
    """An interval in the same shape set_charging_schedule takes."""
    return {
        "start_day": _day_name(interval.start_day),
        "start_time": f"{interval.start_hour:02d}:{interval.start_minute:02d}",
        "end_day": _day_name(interval.end_day),
        "end_time": f"{interval.end_hour:02d}:{interval.end_minute:02d}",
        "current": interval.current,
    }


async def _set_charging_schedule(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    intervals = [_interval(item) for item in call.data["intervals"]]
    await runtime.client.set_charging_schedule(intervals)
    read_back = [ReadBack.SCHEDULE]
    if "enabled" in call.data:
        await runtime.client.set_app_config("charging_schedule_enabled", call.data["enabled"])
        read_back += [ReadBack.APP_CONFIG, ReadBack.LIVE]
    await runtime.async_read_back(*read_back)


async def _get_charging_schedule(
    runtime: LektricoRuntimeData, call: ServiceCall
) -> ServiceResponse:
    intervals = await runtime.client.charging_schedule()
    config = runtime.settings.data.app_config
    return {
        "enabled": config.charging_schedule_enabled if config else None,
        "intervals": [_interval_data(interval) for interval in intervals],
    }


async def _start_charging(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    await runtime.client.start_charging(tag=call.data.get("tag"))
    await runtime.async_read_back(ReadBack.LIVE)


async def _set_em_current(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    await async_set_em_current(runtime, _number(call.data["current"]))
    await runtime.async_read_back(ReadBack.SYSTEM_CURRENTS)


async def _reset_logged_errors(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    await runtime.client.reset_logged_errors()
    await runtime.async_read_back(ReadBack.LOGGED_ERRORS)


async def _set_ap_password(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    await runtime.client.set_ap_password(call.data["password"])


async def _factory_reset(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    # Only a literal true confirms: "yes", 1 or a typo must not wipe the charger.
    if call.data["confirm"] is not True:
        raise _invalid("confirmation_required")
    await runtime.client.factory_reset()
    await runtime.async_read_back(ReadBack.APP_CONFIG, ReadBack.SCHEDULE, ReadBack.LIVE)


async def _get_evse(runtime: LektricoRuntimeData, call: ServiceCall) -> ServiceResponse:
    live, settings = runtime.live, runtime.settings
    return build_evse(
        runtime.identity,
        live.data.info if live.data else None,
        settings.data.app_config if settings.data else None,
        settings.data.system_currents if settings.data else None,
        live.data.received_at,
        online=live.last_update_success,
    )


type Handler = Callable[[LektricoRuntimeData, ServiceCall], Awaitable[ServiceResponse | None]]

HANDLERS: dict[str, tuple[Handler, SupportsResponse]] = {
    "set_charging_schedule": (_set_charging_schedule, SupportsResponse.NONE),
    "get_charging_schedule": (_get_charging_schedule, SupportsResponse.ONLY),
    "start_charging": (_start_charging, SupportsResponse.NONE),
    "set_em_current": (_set_em_current, SupportsResponse.NONE),
    "reset_logged_errors": (_reset_logged_errors, SupportsResponse.NONE),
    "set_ap_password": (_set_ap_password, SupportsResponse.NONE),
    "factory_reset": (_factory_reset, SupportsResponse.NONE),
    "get_evse": (_get_evse, SupportsResponse.ONLY),
}


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    for name, (handler, supports_response) in HANDLERS.items():

        @lektrico_command
        async def service(call: ServiceCall, handler: Handler = handler) -> ServiceResponse | None:
            return await handler(_entry(hass, call).runtime_data, call)

        hass.services.async_register(DOMAIN, name, service, SCHEMAS[name], supports_response)
