"""Selects: load balancing mode, connected phase, and the charge mode."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import LoadBalancingMode
from .coordinator import (
    LektricoConfigEntry,
    LektricoRuntimeData,
    ReadBack,
    SettingsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities
from .helpers import lektrico_command
from .smart_charging import ChargingMode
from .solar import Decision
from .solar_charging import SolarCharging

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class LektricoSelectDescription(SelectEntityDescription, LektricoDescriptionMixin[SettingsData]):
    """A select on one app config key: option names and the values the charger stores."""

    values: dict[str, int]
    value_fn: Callable[[SettingsData], int | None]
    set_fn: Callable[[LektricoRuntimeData, int], Awaitable[None]]

    def option_for(self, value: int | None) -> str | None:
        """The option shown for a stored value."""
        return next((option for option, stored in self.values.items() if stored == value), None)


LOAD_BALANCING_MODES = {mode.name.lower(): mode.value for mode in LoadBalancingMode}
CONNECTED_PHASES = {"l1": 1, "l2": 2, "l3": 3}

SELECTS: list[LektricoSelectDescription] = [
    LektricoSelectDescription(
        key="load_balancing_mode",
        translation_key="load_balancing_mode",
        entity_category=EntityCategory.CONFIG,
        options=list(LOAD_BALANCING_MODES),
        values=LOAD_BALANCING_MODES,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.load_balancing_mode is not None,
        value_fn=lambda data: data.app_config.load_balancing_mode if data.app_config else None,
        set_fn=lambda runtime, value: runtime.client.set_app_config("load_balancing_mode", value),
    ),
    # Set once by the installer.
    LektricoSelectDescription(
        key="connected_phase",
        translation_key="connected_phase",
        entity_category=EntityCategory.CONFIG,
        entity_registry_enabled_default=False,
        options=list(CONNECTED_PHASES),
        values=CONNECTED_PHASES,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.connected_phase is not None,
        value_fn=lambda data: data.app_config.connected_phase if data.app_config else None,
        set_fn=lambda runtime, value: runtime.client.set_app_config("connected_phase", value),
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the selects this charger has, and the charge mode when solar charging is set up."""
    async_add_entities(build_entities(entry, SELECTS, LektricoSelect))
    if solar := entry.runtime_data.solar:
        description = replace(CHARGE_MODE, options=[mode.value for mode in solar.modes])
        async_add_entities([LektricoChargeModeSelect(entry, solar.coordinator, description)])


class LektricoSelect(LektricoEntity[DataUpdateCoordinator[SettingsData]], SelectEntity):
    """A select of the charger."""

    entity_description: LektricoSelectDescription

    @property
    def current_option(self) -> str | None:
        """The option matching the stored value."""
        description = self.entity_description
        return description.option_for(description.value_fn(self.coordinator.data))

    @lektrico_command
    async def async_select_option(self, option: str) -> None:
        """Store the option's value, and confirm it by reading it back."""
        description = self.entity_description
        await description.set_fn(self.runtime, description.values[option])
        await self.runtime.async_read_back(ReadBack.APP_CONFIG)


# Solar charging's own: it steers the controller, not a setting of the charger, and survives
# restarts (its entity class restores it).
CHARGE_MODE = SelectEntityDescription(
    key="charge_mode",
    translation_key="charge_mode",
    options=[mode.value for mode in ChargingMode],
)


class LektricoChargeModeSelect(
    LektricoEntity[DataUpdateCoordinator[Decision | None]], SelectEntity, RestoreEntity
):
    """Off, Fast, Solar, Min + Solar, Smart or Smart + price cap: what decides the charging
    current. Survives restarts."""

    @property
    def solar(self) -> SolarCharging:
        """Solar charging, which this select exists only with."""
        solar = self.runtime.solar
        assert solar is not None
        return solar

    @property
    def current_option(self) -> str | None:
        """The mode the controller runs in."""
        return self.solar.mode.value

    async def async_added_to_hass(self) -> None:
        """Take up the mode from before the restart."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        mode = ChargingMode(last.state) if last and last.state in self.options else self.solar.mode
        await self.solar.async_set_mode(mode)

    async def async_select_option(self, option: str) -> None:
        """Switch mode; the controller decides at once."""
        await self.solar.async_set_mode(ChargingMode(option))
