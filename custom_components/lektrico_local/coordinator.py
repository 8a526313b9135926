"""Coordinators: live data on a fast cadence, settings and statistics on a slow one.

The charger serves one request at a time, so every request counts. The live
coordinator needs one request per update (two while errors are active); the
slow ones spread their few reads over minutes and are re-read at once, and
only in the part that changed, after each of our own writes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .api import (
    AppConfig,
    ChargerInfo,
    Counters,
    DeviceIdentity,
    DynamicCurrent,
    EmStatus,
    ErrorFlags,
    LektricoClient,
    LektricoConnectionError,
    LektricoError,
    ScheduleInterval,
    SoftwareVersion,
    SystemCurrents,
    WifiStatus,
)
from .const import DEFAULT_CONTROL_LEVER, DOMAIN, EVENT_SESSION, LOGGER, ControlLever
from .session_events import SessionEvent, SessionTracker

if TYPE_CHECKING:
    from .fuse_guarding import FuseGuarding
    from .session_history import SessionHistory
    from .smart_charging import SmartCharging
    from .solar_charging import SolarCharging

type LektricoConfigEntry = ConfigEntry[LektricoRuntimeData]


@dataclass(frozen=True, slots=True)
class LiveData:
    """What changes by the second."""

    info: ChargerInfo
    # Read only while the charger reports errors; None means none are active.
    active_errors: ErrorFlags | None = None
    # What happened since the previous update.
    events: tuple[SessionEvent, ...] = ()
    received_at: datetime = field(default_factory=dt_util.utcnow)

    @property
    def has_errors(self) -> bool | None:
        """Whether any error is active; old firmware (1.23) tells only through active_errors."""
        if self.info.has_active_errors is not None:
            return self.info.has_active_errors
        return None if self.active_errors is None else bool(self.active_errors.active)

    def error_active(self, flag: str) -> bool:
        """Whether one error flag is active now."""
        return self.active_errors is not None and bool(self.active_errors.flags.get(flag))


@dataclass(frozen=True, slots=True)
class SettingsData:
    """Configuration and limits: what our controls change."""

    app_config: AppConfig | None = None
    system_currents: SystemCurrents | None = None
    em_status: EmStatus | None = None
    # The phase relays: charger_info has relay_mode on some firmware only; this has it on all.
    dynamic_current: DynamicCurrent | None = None


@dataclass(frozen=True, slots=True)
class StatisticsData:
    """Slow-moving facts: counters, wifi, firmware, error log, schedule."""

    counters: Counters | None = None
    wifi: WifiStatus | None = None
    software: SoftwareVersion | None = None
    logged_errors: ErrorFlags | None = None
    schedule: list[ScheduleInterval] | None = None


class LektricoCoordinator[DataT](DataUpdateCoordinator[DataT]):
    """Shared behaviour: translated failures, and parts of the API that fail on their own."""

    config_entry: LektricoConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: LektricoConfigEntry,
        client: LektricoClient,
        name: str,
        update_interval: timedelta,
    ) -> None:
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{entry.title} {name}",
            update_interval=update_interval,
        )
        self.client = client
        # Parts this firmware does not answer as a charger would at set-up: never asked again.
        self.unsupported: set[str] = set()
        # Parts that answered garbage in the update under way, and in the one before (the
        # outage is logged when it starts and when it ends, not at every poll).
        self._failures: dict[str, LektricoError] = {}
        self.failing: set[str] = set()

    async def _async_update_data(self) -> DataT:
        self._failures = {}
        try:
            data = await self._fetch()
        except LektricoConnectionError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="communication_error",
                translation_placeholders={"error": str(err)},
            ) from err
        except LektricoError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="invalid_response",
                translation_placeholders={"error": str(err)},
            ) from err
        self._log_outage()
        return data

    async def _fetch(self) -> DataT:
        """Every read of one update, into the coordinator's data."""
        raise NotImplementedError

    async def _read_part[T](self, name: str, read: Callable[[], Awaitable[T]]) -> T | None:
        """One read; if it fails on its own, only its entities go unknown.

        Connection errors propagate: the charger is gone and the whole device
        becomes unavailable. A method the firmware lacks at set-up is
        remembered and never asked again. Anything else (garbage, an error code) costs only
        this part and is recorded as a failure of this update, except on the very first read
        of an essential part, where set-up retries instead.
        """
        if name in self.unsupported:
            return None
        try:
            return await read()
        except LektricoConnectionError:
            raise
        except LektricoError as err:
            error = err
        if self.data is None and name not in ESSENTIAL_PARTS:
            # Feature detection, once, at set-up, where it decides which entities exist. How
            # a unit answers a method it lacks is not public (HTTP 404, an error object, or
            # worse), so any answer that is not the charger speaking counts. Later on the
            # same answer is a passing fault like any other.
            LOGGER.info(
                "%s: the firmware does not answer %s (%s); its entities are left out",
                self.name,
                name,
                error,
            )
            self.unsupported.add(name)
            return None
        if self.data is None:
            raise error
        self._failures[name] = error
        return None

    async def async_reread[T](
        self, read: Callable[[], Awaitable[T]], put: Callable[[DataT, T], DataT]
    ) -> None:
        """Re-read one part at once after a write, and publish it with the rest unchanged."""
        self.async_set_updated_data(put(self.data, await read()))

    def _log_outage(self) -> None:
        """One line when parts start answering garbage, one when all answer again."""
        failed = self._failures
        if failed and not self.failing:
            LOGGER.warning(
                "%s: %s answered unusable data (%s); their entities are unknown until it recovers",
                self.name,
                ", ".join(failed),
                next(iter(failed.values())),
            )
        elif self.failing and not failed:
            LOGGER.info("%s: every part answers again", self.name)
        self.failing = set(failed)


# Every charger has these: a 404 for them is a fault to wait out, never a missing feature.
ESSENTIAL_PARTS = frozenset({"charger_info", "app_config"})

# Everything unknown: what the live entities show while charger_info answers garbage.
UNKNOWN_INFO = ChargerInfo.unknown()


class LektricoLiveCoordinator(LektricoCoordinator[LiveData]):
    """`Charger_info.Get` on every update; `Active_errors.Get` only while errors are active."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = SessionTracker()

    async def _fetch(self) -> LiveData:
        info = await self._read_part("charger_info", self.client.charger_info) or UNKNOWN_INFO
        errors = None
        # Old firmware (1.23) does not say whether errors are active: ask every time.
        if info.has_active_errors or (info.has_active_errors is None and info.iec_state):
            errors = await self._read_part("active_errors", self.client.active_errors)
        events = tuple(self.sessions.update(info))
        for event in events:
            self._fire(event)
        return LiveData(info=info, active_errors=errors, events=events)

    def _fire(self, event: SessionEvent) -> None:
        """Put a session event on the bus, for automations and device triggers."""
        device = dr.async_get(self.hass).async_get_device(
            identifiers={(DOMAIN, str(self.config_entry.unique_id))}
        )
        self.hass.bus.async_fire(
            EVENT_SESSION,
            {
                "device_id": device.id if device else None,
                "entry_id": self.config_entry.entry_id,
                "type": event.type.value,
                **event.as_dict(),
            },
        )


class LektricoSettingsCoordinator(LektricoCoordinator[SettingsData]):
    """App configuration, current limits, EM status and the dynamic current with the relays."""

    async def _fetch(self) -> SettingsData:
        client = self.client
        return SettingsData(
            app_config=await self._read_part("app_config", client.app_config),
            system_currents=await self._read_part("system_currents", client.system_currents),
            em_status=await self._read_part("em_status", client.em_status),
            dynamic_current=await self._read_part("dynamic_current", client.dynamic_current),
        )


class LektricoStatisticsCoordinator(LektricoCoordinator[StatisticsData]):
    """Counters, wifi, firmware version, logged errors and the schedule."""

    async def _fetch(self) -> StatisticsData:
        client = self.client
        return StatisticsData(
            counters=await self._read_part("counters", client.counters),
            wifi=await self._read_part("wifi", client.wifi_status),
            software=await self._read_part("software", client.software_version),
            logged_errors=await self._read_part("logged_errors", client.logged_errors),
            schedule=await self._read_part("schedule", client.charging_schedule),
        )


@dataclass(kw_only=True)
class LektricoRuntimeData:
    """Everything a config entry holds while it is loaded."""

    client: LektricoClient
    identity: DeviceIdentity
    live: LektricoLiveCoordinator
    settings: LektricoSettingsCoordinator
    statistics: LektricoStatisticsCoordinator
    # The charger's device registry entry, one for all its entities.
    device: DeviceInfo
    # Solar-surplus charging, when a grid power sensor is configured in the options.
    solar: SolarCharging | None = None
    # The setting the Charging current number and solar charging steer with (see lever.py).
    chosen_lever: ControlLever = DEFAULT_CONTROL_LEVER
    # The main-fuse guard, when the options name the grid meter's sensors.
    fuse: FuseGuarding | None = None
    # The current last asked for (by a mode or by hand) before the fuse guard's cap.
    wanted_current: int | None = None
    # Every charging session, stored (set right after the coordinators' first reads).
    history: SessionHistory | None = None
    # Smart charging's targets, the session limit among them (set with the coordinators).
    smart: SmartCharging | None = None
    # Whether the session limit (Stop after) holds the charger paused now.
    session_stopped: bool = False

    async def async_read_back(self, *targets: ReadBack) -> None:
        """Confirm a write by re-reading only what it changed.

        The write itself succeeded, so a failed read-back is not the user's
        error: it is logged and the normal poll catches up.
        """
        for target in targets:
            try:
                await READ_BACK[target](self)
            except LektricoError as err:
                LOGGER.debug("Reading back %s failed: %s", target, err)


class ReadBack(StrEnum):
    """What a write changes and so must be re-read."""

    LIVE = "live"
    APP_CONFIG = "app_config"
    SYSTEM_CURRENTS = "system_currents"
    EM_STATUS = "em_status"
    DYNAMIC_CURRENT = "dynamic_current"
    COUNTERS = "counters"
    LOGGED_ERRORS = "logged_errors"
    SCHEDULE = "schedule"


# How each read-back is done: the one place that ties a ReadBack to a read and a field.
READ_BACK: dict[ReadBack, Callable[[LektricoRuntimeData], Awaitable[None]]] = {
    ReadBack.LIVE: lambda runtime: runtime.live.async_refresh(),
    ReadBack.APP_CONFIG: lambda runtime: runtime.settings.async_reread(
        runtime.client.app_config, lambda data, value: replace(data, app_config=value)
    ),
    ReadBack.SYSTEM_CURRENTS: lambda runtime: runtime.settings.async_reread(
        runtime.client.system_currents, lambda data, value: replace(data, system_currents=value)
    ),
    ReadBack.EM_STATUS: lambda runtime: runtime.settings.async_reread(
        runtime.client.em_status, lambda data, value: replace(data, em_status=value)
    ),
    ReadBack.DYNAMIC_CURRENT: lambda runtime: runtime.settings.async_reread(
        runtime.client.dynamic_current, lambda data, value: replace(data, dynamic_current=value)
    ),
    ReadBack.COUNTERS: lambda runtime: runtime.statistics.async_reread(
        runtime.client.counters, lambda data, value: replace(data, counters=value)
    ),
    ReadBack.LOGGED_ERRORS: lambda runtime: runtime.statistics.async_reread(
        runtime.client.logged_errors, lambda data, value: replace(data, logged_errors=value)
    ),
    ReadBack.SCHEDULE: lambda runtime: runtime.statistics.async_reread(
        runtime.client.charging_schedule, lambda data, value: replace(data, schedule=value)
    ),
}
