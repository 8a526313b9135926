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
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .api import (
    AppConfig,
    ChargerInfo,
    Counters,
    DeviceIdentity,
    EmStatus,
    ErrorFlags,
    LektricoClient,
    LektricoConnectionError,
    LektricoError,
    LektricoUnsupportedMethodError,
    ScheduleInterval,
    SoftwareVersion,
    SystemCurrents,
    WifiStatus,
)
from .const import DOMAIN, EVENT_SESSION, LOGGER
from .session_events import SessionEvent, SessionTracker

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

    def error_active(self, flag: str) -> bool:
        """Whether one error flag is active now."""
        return self.active_errors is not None and bool(self.active_errors.flags.get(flag))


@dataclass(frozen=True, slots=True)
class SettingsData:
    """Configuration and limits: what our controls change."""

    app_config: AppConfig | None = None
    system_currents: SystemCurrents | None = None
    em_status: EmStatus | None = None


@dataclass(frozen=True, slots=True)
class StatisticsData:
    """Slow-moving facts: counters, wifi, firmware, error log, schedule."""

    counters: Counters | None = None
    wifi: WifiStatus | None = None
    software: SoftwareVersion | None = None
    logged_errors: ErrorFlags | None = None
    schedule: list[ScheduleInterval] | None = None


class LektricoCoordinator[DataT](DataUpdateCoordinator[DataT]):
    """Shared behaviour: translated failures, and firmware methods that do not exist."""

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
        # Methods this firmware answered 404 to: asked once, never again.
        self.unsupported: set[str] = set()

    async def _async_update_data(self) -> DataT:
        try:
            return await self._fetch()
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

    async def _fetch(self) -> DataT:
        raise NotImplementedError

    async def _optional[T](self, name: str, read: Callable[[], Awaitable[T]]) -> T | None:
        """A read that older firmware may lack, or that may answer garbage.

        Connection errors propagate (the charger is gone); anything else costs
        only this part, so one odd endpoint does not blank the whole device.
        """
        if name in self.unsupported:
            return None
        try:
            return await read()
        except LektricoConnectionError:
            raise
        except LektricoUnsupportedMethodError:
            LOGGER.info("%s: the firmware has no %s; its entities are left out", self.name, name)
            self.unsupported.add(name)
        except LektricoError as err:
            LOGGER.debug("%s: %s failed: %s", self.name, name, err)
        return None


class LektricoLiveCoordinator(LektricoCoordinator[LiveData]):
    """`Charger_info.Get` on every update; `Active_errors.Get` only while errors are active."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = SessionTracker()

    async def _fetch(self) -> LiveData:
        info = await self.client.charger_info()
        errors = None
        if info.has_active_errors:
            errors = await self._optional("active_errors", self.client.active_errors)
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
    """App configuration, current limits and EM status."""

    async def _fetch(self) -> SettingsData:
        return SettingsData(
            app_config=await self.client.app_config(),
            system_currents=await self._optional("system_currents", self.client.system_currents),
            em_status=await self._optional("em_status", self.client.em_status),
        )

    async def async_read_back(self, part: str) -> None:
        """Re-read one part at once after a write, and publish it."""
        reads: dict[str, Callable[[], Awaitable[Any]]] = {
            "app_config": self.client.app_config,
            "system_currents": self.client.system_currents,
            "em_status": self.client.em_status,
        }
        value = await reads[part]()
        self.async_set_updated_data(replace(self.data, **{part: value}))


class LektricoStatisticsCoordinator(LektricoCoordinator[StatisticsData]):
    """Counters, wifi, firmware version, logged errors and the schedule."""

    async def _fetch(self) -> StatisticsData:
        return StatisticsData(
            counters=await self._optional("counters", self.client.counters),
            wifi=await self._optional("wifi", self.client.wifi_status),
            software=await self._optional("software", self.client.software_version),
            logged_errors=await self._optional("logged_errors", self.client.logged_errors),
            schedule=await self._optional("schedule", self.client.charging_schedule),
        )

    async def async_read_back(self, part: str) -> None:
        """Re-read one part at once after a write, and publish it."""
        reads: dict[str, Callable[[], Awaitable[Any]]] = {
            "counters": self.client.counters,
            "logged_errors": self.client.logged_errors,
            "schedule": self.client.charging_schedule,
        }
        value = await reads[part]()
        self.async_set_updated_data(replace(self.data, **{part: value}))


@dataclass(kw_only=True)
class LektricoRuntimeData:
    """Everything a config entry holds while it is loaded."""

    client: LektricoClient
    identity: DeviceIdentity
    live: LektricoLiveCoordinator
    settings: LektricoSettingsCoordinator
    statistics: LektricoStatisticsCoordinator

    async def async_read_back(self, *targets: ReadBack) -> None:
        """Confirm a write by re-reading only what it changed.

        The write itself succeeded, so a failed read-back is not the user's
        error: it is logged and the normal poll catches up.
        """
        for target in targets:
            try:
                if target is ReadBack.LIVE:
                    await self.live.async_refresh()
                elif target in _SETTINGS_PARTS:
                    await self.settings.async_read_back(target.value)
                else:
                    await self.statistics.async_read_back(target.value)
            except LektricoError as err:
                LOGGER.debug("Reading back %s failed: %s", target, err)


class ReadBack(StrEnum):
    """What a write changes and so must be re-read."""

    LIVE = "live"
    APP_CONFIG = "app_config"
    SYSTEM_CURRENTS = "system_currents"
    EM_STATUS = "em_status"
    COUNTERS = "counters"
    LOGGED_ERRORS = "logged_errors"
    SCHEDULE = "schedule"


_SETTINGS_PARTS = frozenset({ReadBack.APP_CONFIG, ReadBack.SYSTEM_CURRENTS, ReadBack.EM_STATUS})
