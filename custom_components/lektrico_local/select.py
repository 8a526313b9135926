"""Selects: load balancing mode and connected phase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from .api import LoadBalancingMode
from .coordinator import LektricoConfigEntry, LektricoCoordinator, ReadBack, SettingsData
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities
from .helpers import lektrico_command
from .solar import ChargeMode
from .solar_charging import SolarChargingCoordinator

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class LektricoSelectDescription(SelectEntityDescription, LektricoDescriptionMixin):
    """A select on one app config key: option names and the values the charger stores."""

    config_key: str
    values: dict[str, int]

    def option_for(self, value: int | None) -> str | None:
        """The option shown for a stored value."""
        return next((option for option, stored in self.values.items() if stored == value), None)


def _config_select(
    key: str, config_key: str, values: dict[str, int], **kwargs: Any
) -> LektricoSelectDescription:
    return LektricoSelectDescription(
        key=key,
        translation_key=key,
        entity_category=EntityCategory.CONFIG,
        options=list(values),
        config_key=config_key,
        values=values,
        has_fn=lambda runtime: getattr(runtime.settings.data.app_config, config_key, None)
        is not None,
        **kwargs,
    )


SELECTS: list[LektricoSelectDescription] = [
    _config_select(
        "load_balancing_mode",
        "load_balancing_mode",
        {mode.name.lower(): mode.value for mode in LoadBalancingMode},
    ),
    # Set once by the installer.
    _config_select(
        "connected_phase",
        "connected_phase",
        {"l1": 1, "l2": 2, "l3": 3},
        entity_registry_enabled_default=False,
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the selects this charger has, and the charge mode when solar charging is set up."""
    async_add_entities(
        build_entities(entry, [(entry.runtime_data.settings, SELECTS)], LektricoSelect)
    )
    if solar := entry.runtime_data.solar:
        async_add_entities([LektricoChargeModeSelect(entry, solar, CHARGE_MODE)])


class LektricoSelect(LektricoEntity[LektricoCoordinator[SettingsData]], SelectEntity):
    """A select of the charger."""

    entity_description: LektricoSelectDescription

    @property
    def current_option(self) -> str | None:
        """The option matching the stored value."""
        value = getattr(self.coordinator.data.app_config, self.entity_description.config_key, None)
        return self.entity_description.option_for(value)

    @lektrico_command
    async def async_select_option(self, option: str) -> None:
        """Store the option's value, and confirm it by reading it back."""
        description = self.entity_description
        await self.runtime.client.set_app_config(description.config_key, description.values[option])
        await self.runtime.async_read_back(ReadBack.APP_CONFIG)


CHARGE_MODE = SelectEntityDescription(
    key="charge_mode",
    translation_key="charge_mode",
    options=[mode.value for mode in ChargeMode],
)


class LektricoChargeModeSelect(
    LektricoEntity[SolarChargingCoordinator], SelectEntity, RestoreEntity
):
    """Off, Fast, Solar or Min + Solar: who decides the EM current. Survives restarts."""

    @property
    def current_option(self) -> str | None:
        """The mode the controller runs in."""
        return self.coordinator.mode.value

    async def async_added_to_hass(self) -> None:
        """Take up the mode from before the restart."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        mode = (
            ChargeMode(last.state) if last and last.state in self.options else self.coordinator.mode
        )
        await self.coordinator.async_set_mode(mode)

    async def async_select_option(self, option: str) -> None:
        """Switch mode; the controller decides at once."""
        await self.coordinator.async_set_mode(ChargeMode(option))
