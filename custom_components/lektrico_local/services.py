"""The integration's actions.

Schedule, start with a tag, EM current, error log, AP password, factory reset, EVSE, and
smart charging's plan, the session history.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from datetime import datetime
from datetime import time as dt_time
from pathlib import Path
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
from homeassistant.util import dt as dt_util

from .api import ScheduleInterval
from .const import DOMAIN, WEEKDAYS
from .coordinator import LektricoConfigEntry, LektricoRuntimeData, ReadBack
from .helpers import lektrico_command
from .history import SessionRecord, select_sessions
from .lever import async_set_em_current, async_targets_changed
from .number import MAX_TARGET_ENERGY, PRICE_LIMIT_RANGE
from .ocpi import build_evse
from .session_history import SessionHistory
from .smart_charging import SmartCharging, options_week, plan_data

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
DEPARTURE_SCHEMA = vol.Schema(
    {
        vol.Required("departure"): str,
        vol.Optional("target_soc"): vol.Any(None, int, float, str),
        vol.Optional("target_energy"): vol.Any(None, int, float, str),
    }
)
SESSIONS_SCHEMA = DEVICE_SCHEMA.extend(
    {
        vol.Optional("from"): cv.datetime,
        vol.Optional("to"): cv.datetime,
        vol.Optional("tag"): cv.string,
    }
)
# set_plan's numbers: the SmartTargets field each sets, and its range.
TARGET_RANGES: dict[str, tuple[str, float, float]] = {
    "target_energy": ("target_energy_kwh", 0, MAX_TARGET_ENERGY),
    "target_soc": ("target_soc", 0, 100),
    "price_limit": ("price_limit", -PRICE_LIMIT_RANGE, PRICE_LIMIT_RANGE),
    "stop_after": ("stop_after_kwh", 0, MAX_TARGET_ENERGY),
}
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
    "set_plan": DEVICE_SCHEMA.extend(
        {
            vol.Optional("weekdays"): {vol.In(WEEKDAYS): vol.Any(None, DEPARTURE_SCHEMA)},
            vol.Optional("ready_by"): vol.Any(None, str),
            **{vol.Optional(name): vol.Any(None, int, float, str) for name in TARGET_RANGES},
        }
    ),
    "get_plan": DEVICE_SCHEMA,
    "get_sessions": SESSIONS_SCHEMA,
    "export_sessions": SESSIONS_SCHEMA.extend({vol.Optional("path"): cv.string}),
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
    if runtime.history:
        runtime.history.set_tag(call.data.get("tag"))
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


# What set_plan may change without solar charging: the session limit works everywhere.
WITHOUT_SOLAR = frozenset({ATTR_DEVICE_ID, "stop_after"})


def _smart(runtime: LektricoRuntimeData, call: ServiceCall) -> SmartCharging:
    """Smart charging of the charger; refused for what needs solar charging when it is off."""
    if runtime.solar is None and set(call.data) - WITHOUT_SOLAR:
        raise _invalid("smart_charging_not_set_up")
    assert runtime.smart is not None  # set up with the entry, before the actions can name it
    return runtime.smart


def _target(name: str, value: Any) -> float | None:
    """A set_plan number within its range; None clears it."""
    if value is None:
        return None
    number = _number(value)
    _, low, high = TARGET_RANGES[name]
    if not isinstance(number, int | float) or isinstance(number, bool) or not low <= number <= high:
        raise _invalid("invalid_target", field=name, value=str(value), min=str(low), max=str(high))
    return float(number)


def _departure_day(day: str, data: dict[str, Any] | None) -> dict[str, Any] | None:
    """One weekday of set_plan's week, checked: departure "HH:MM", optional targets."""
    if data is None:
        return None
    hour, minute = _time(data["departure"])
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise _invalid("invalid_time", value=data["departure"])
    return {
        "departure": f"{hour:02d}:{minute:02d}",
        "target_soc": _target("target_soc", data.get("target_soc")),
        "target_energy": _target("target_energy", data.get("target_energy")),
    }


def _ready_by(smart: SmartCharging, value: str | None) -> datetime | None:
    """ "HH:MM" (the next time the clock shows it) or a date and time; None clears it."""
    if value is None:
        return None
    if moment := dt_util.parse_datetime(value):
        return moment if moment.tzinfo else moment.replace(tzinfo=dt_util.get_default_time_zone())
    hour, minute = _time(value)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise _invalid("invalid_time", value=value)
    return smart.ready_by_at(dt_time(hour, minute), dt_util.utcnow())


async def _set_plan(runtime: LektricoRuntimeData, call: ServiceCall) -> None:
    smart = _smart(runtime, call)
    changes: dict[str, Any] = {
        TARGET_RANGES[name][0]: _target(name, call.data[name])
        for name in TARGET_RANGES
        if name in call.data
    }
    if "ready_by" in call.data:
        changes["ready_by"] = _ready_by(smart, call.data["ready_by"])
    if "weekdays" in call.data:
        week = dict(smart.targets.week or options_week(smart.options))
        week |= {day: _departure_day(day, data) for day, data in call.data["weekdays"].items()}
        changes["week"] = week
    await smart.async_update_targets(**changes)
    await async_targets_changed(runtime)


async def _get_plan(runtime: LektricoRuntimeData, call: ServiceCall) -> ServiceResponse:
    smart = _smart(runtime, call)
    departure = smart.departure(dt_util.utcnow())
    targets = smart.targets.as_dict()
    response: dict[str, Any] = {
        "mode": runtime.solar.mode.value if runtime.solar else None,
        "next_departure": departure.at.isoformat() if departure else None,
        "weekdays": smart.targets.week or options_week(smart.options),
        "targets": {name: targets[field] for name, (field, _, _) in TARGET_RANGES.items()},
        **plan_data(smart),
    }
    return response


def _history(runtime: LektricoRuntimeData) -> SessionHistory:
    assert runtime.history is not None  # set up with the entry, before the actions can name it
    return runtime.history


def _aware(moment: datetime | None) -> datetime | None:
    """A time without zone is the home's."""
    if moment is None or moment.tzinfo:
        return moment
    return moment.replace(tzinfo=dt_util.get_default_time_zone())


def _chosen_sessions(runtime: LektricoRuntimeData, call: ServiceCall) -> list[SessionRecord]:
    return select_sessions(
        _history(runtime).recorder.sessions,
        _aware(call.data.get("from")),
        _aware(call.data.get("to")),
        call.data.get("tag"),
    )


async def _get_sessions(runtime: LektricoRuntimeData, call: ServiceCall) -> ServiceResponse:
    sessions: list[Any] = [record.as_dict() for record in _chosen_sessions(runtime, call)]
    return {"sessions": sessions}


async def _export_sessions(runtime: LektricoRuntimeData, call: ServiceCall) -> ServiceResponse:
    history = _history(runtime)
    hass = history.hass
    default = Path("www") / f"lektrico_sessions_{runtime.identity.serial_number}.csv"
    # Lexically normalised, so that "../" cannot leave the configuration directory unnoticed.
    path = Path(os.path.normpath(hass.config.path(call.data.get("path") or str(default))))
    inside = path.is_relative_to(hass.config.path())
    # is_allowed_path looks at the file system (symlinks): not in the event loop.
    if not inside and not await hass.async_add_executor_job(
        hass.config.is_allowed_path, str(path.parent)
    ):
        raise _invalid("path_not_allowed", path=str(path))
    records = _chosen_sessions(runtime, call)
    await hass.async_add_executor_job(history.export, records, path)
    return {"path": str(path), "sessions": len(records)}


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
    "set_plan": (_set_plan, SupportsResponse.NONE),
    "get_plan": (_get_plan, SupportsResponse.ONLY),
    "get_sessions": (_get_sessions, SupportsResponse.ONLY),
    "export_sessions": (_export_sessions, SupportsResponse.OPTIONAL),
}


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    for name, (handler, supports_response) in HANDLERS.items():

        @lektrico_command
        async def service(call: ServiceCall, handler: Handler = handler) -> ServiceResponse | None:
            return await handler(_entry(hass, call).runtime_data, call)

        hass.services.async_register(DOMAIN, name, service, SCHEMAS[name], supports_response)
