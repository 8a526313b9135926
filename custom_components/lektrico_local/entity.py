"""Base entity: one device per charger."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from homeassistant.const import CONF_HOST
from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity, DataUpdateCoordinator

from .api import DeviceIdentity, SoftwareVersion
from .const import CONF_DETAILED_DIAGNOSTICS, DOMAIN, MANUFACTURER
from .coordinator import LektricoConfigEntry, LektricoRuntimeData
from .smart_charging import SmartCharging


def device_info(
    entry: LektricoConfigEntry, identity: DeviceIdentity, software: SoftwareVersion | None
) -> DeviceInfo:
    """The device registry entry of the charger behind a config entry.

    Built once per charger and shared by all its entities: Home Assistant only reads it.
    """
    return DeviceInfo(
        identifiers={(DOMAIN, identity.serial_number)},
        configuration_url=f"http://{entry.data[CONF_HOST]}",
        manufacturer=MANUFACTURER,
        model=identity.model.display_name if identity.model else None,
        name=entry.title,
        serial_number=identity.serial_number,
        sw_version=(software.fw_version if software else None) or identity.fw_version,
    )


def entity_unique_id(serial_number: str, key: str) -> str:
    """An entity's unique id: the charger's serial number and the description's key."""
    return f"{serial_number}_{key}"


class LektricoEntity[CoordinatorT: DataUpdateCoordinator[Any]](CoordinatorEntity[CoordinatorT]):
    """An entity of one charger, fed by one of its coordinators."""

    _attr_has_entity_name = True

    def __init__(
        self, entry: LektricoConfigEntry, coordinator: CoordinatorT, description: EntityDescription
    ) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        self.runtime = entry.runtime_data
        self._attr_unique_id = entity_unique_id(
            entry.runtime_data.identity.serial_number, description.key
        )
        self._attr_device_info = entry.runtime_data.device
        self._reachable = True

    @property
    def follows_charger(self) -> bool:
        """Fed by the charger, so unavailable while it is unreachable.

        Solar charging's, the fuse guard's and the session history's entities are Home
        Assistant's own: they say so in their state, or keep what they know.
        """
        runtime = self.runtime
        own = [
            helper.coordinator
            for helper in (runtime.solar, runtime.fuse, runtime.history)
            if helper
        ]
        return all(self.coordinator is not coordinator for coordinator in own)

    @property
    def available(self) -> bool:
        """Unavailable with the charger: its slow data is stale once the live poll fails."""
        return super().available and (
            not self.follows_charger or self.runtime.live.last_update_success
        )

    async def async_added_to_hass(self) -> None:
        """Also hear the live poll, which is the first to notice the charger is gone."""
        await super().async_added_to_hass()
        live = self.runtime.live
        if self.follows_charger and self.coordinator is not live:
            self._reachable = live.last_update_success
            self.async_on_remove(live.async_add_listener(self._on_live_update))

    @callback
    def _on_live_update(self) -> None:
        """Write the state only when reachability changes: the slow data itself did not."""
        reachable = self.runtime.live.last_update_success
        if reachable != self._reachable:
            self._reachable = reachable
            self.async_write_ha_state()


class LektricoSmartEntity(LektricoEntity[DataUpdateCoordinator[Any]]):
    """An entity of smart charging: it follows solar charging's cycle, which plans (or, for the
    session limit without solar charging, the session history's, which follows every poll)."""

    @property
    def smart(self) -> SmartCharging:
        """Smart charging, set up with every charger."""
        assert self.runtime.smart is not None
        return self.runtime.smart


@dataclass(frozen=True, kw_only=True)
class LektricoDescriptionMixin[DataT]:
    """What every description of this integration has besides Home Assistant's fields."""

    # The coordinator whose data the entity shows. Typed with the data the description's
    # functions read, so mypy holds the two together; None: not set up (solar charging).
    coordinator_fn: Callable[[LektricoRuntimeData], DataUpdateCoordinator[DataT] | None]
    # Whether this charger gets the entity at all: model, firmware features.
    has_fn: Callable[[LektricoRuntimeData], bool] = lambda _: True
    # Only with the Detailed diagnostics option. Rather than disabled by default: Home
    # Assistant keeps a registry entry for every disabled entity of every charger, and these
    # are many (each error flag, every current limit) and wanted together or not at all:
    # to find out what is wrong and to fix it.
    detail: bool = False


def build_entities[DescriptionT: LektricoDescriptionMixin[Any], EntityT](
    entry: LektricoConfigEntry,
    descriptions: Iterable[DescriptionT],
    factory: Callable[[LektricoConfigEntry, DataUpdateCoordinator[Any], DescriptionT], EntityT],
) -> list[EntityT]:
    """The entities this charger has, of one platform's table.

    The coordinator comes from each description rather than from the list it sits in, so a
    platform keeps one table, as Peblar's do, whatever its entities read.
    """
    runtime = entry.runtime_data
    detailed = entry.options.get(CONF_DETAILED_DIAGNOSTICS, False)
    return [
        factory(entry, coordinator, description)
        for description in descriptions
        if (coordinator := description.coordinator_fn(runtime)) is not None
        and description.has_fn(runtime)
        and (detailed or not description.detail)
    ]
