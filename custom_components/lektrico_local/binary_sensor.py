"""Binary sensors: vehicle, charging, pause, errors, energy management, wifi."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import ERROR_FLAGS
from .coordinator import (
    LektricoConfigEntry,
    LiveData,
    SettingsData,
    StatisticsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class LektricoBinarySensorDescription[DataT](
    BinarySensorEntityDescription, LektricoDescriptionMixin[DataT]
):
    """A binary sensor and how to read it from its coordinator's data."""

    is_on_fn: Callable[[DataT], bool | None]
    attributes_fn: Callable[[DataT], dict[str, Any]] | None = None


BINARY_SENSORS: list[LektricoBinarySensorDescription[Any]] = [
    LektricoBinarySensorDescription[LiveData](
        key="vehicle_connected",
        translation_key="vehicle_connected",
        device_class=BinarySensorDeviceClass.PLUG,
        coordinator_fn=lambda runtime: runtime.live,
        is_on_fn=lambda data: data.info.vehicle_connected,
    ),
    LektricoBinarySensorDescription[LiveData](
        key="charging",
        translation_key="charging",
        device_class=BinarySensorDeviceClass.BATTERY_CHARGING,
        coordinator_fn=lambda runtime: runtime.live,
        is_on_fn=lambda data: data.info.charging,
    ),
    LektricoBinarySensorDescription[LiveData](
        key="paused",
        translation_key="paused",
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: "charger_is_paused" in runtime.live.data.info.reported,
        is_on_fn=lambda data: data.info.is_paused,
    ),
    LektricoBinarySensorDescription[LiveData](
        key="has_errors",
        translation_key="has_errors",
        device_class=BinarySensorDeviceClass.PROBLEM,
        coordinator_fn=lambda runtime: runtime.live,
        is_on_fn=lambda data: data.has_errors,
        # Which ones, without the per-flag sensors of the Detailed diagnostics option.
        attributes_fn=lambda data: {
            "active_errors": data.active_errors.active if data.active_errors else []
        },
    ),
    *(
        LektricoBinarySensorDescription[LiveData](
            key=f"error_{flag}",
            translation_key=f"error_{flag}",
            device_class=BinarySensorDeviceClass.PROBLEM,
            entity_category=EntityCategory.DIAGNOSTIC,
            # "Errors" and the state say that something is wrong; these say what, for diagnosis.
            detail=True,
            coordinator_fn=lambda runtime: runtime.live,
            is_on_fn=partial(LiveData.error_active, flag=flag),
        )
        for flag in ERROR_FLAGS
    ),
    LektricoBinarySensorDescription[SettingsData](
        key="em_offline",
        translation_key="em_offline",
        device_class=BinarySensorDeviceClass.PROBLEM,
        entity_category=EntityCategory.DIAGNOSTIC,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.em_status is not None,
        # Without energy management nobody is expected to set the EM current: no problem then.
        is_on_fn=lambda data: (
            data.em_status.em_offline
            and bool(data.app_config and data.app_config.energy_management_enabled)
            if data.em_status
            else None
        ),
    ),
    LektricoBinarySensorDescription[StatisticsData](
        key="wifi_connected",
        translation_key="wifi_connected",
        device_class=BinarySensorDeviceClass.CONNECTIVITY,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.statistics,
        has_fn=lambda runtime: runtime.statistics.data.wifi is not None,
        is_on_fn=lambda data: data.wifi.connected if data.wifi else None,
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the binary sensors this charger has."""
    async_add_entities(build_entities(entry, BINARY_SENSORS, LektricoBinarySensor))


class LektricoBinarySensor(LektricoEntity[DataUpdateCoordinator[Any]], BinarySensorEntity):
    """A binary sensor of the charger."""

    entity_description: LektricoBinarySensorDescription[Any]

    @property
    def is_on(self) -> bool | None:
        """The state from the coordinator's latest data."""
        return self.entity_description.is_on_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Details of the state, for the sensors that have them."""
        if attributes_fn := self.entity_description.attributes_fn:
            return attributes_fn(self.coordinator.data)
        return None
