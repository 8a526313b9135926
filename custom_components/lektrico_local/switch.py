"""Switches: charging, authorization, lock, schedule, energy management, single phase."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import ChargerState, RelayMode
from .coordinator import (
    LektricoConfigEntry,
    LektricoRuntimeData,
    LiveData,
    ReadBack,
    SettingsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities
from .helpers import lektrico_command

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class LektricoSwitchDescription[DataT](SwitchEntityDescription, LektricoDescriptionMixin[DataT]):
    """A switch: how to read it and how to turn it on or off."""

    is_on_fn: Callable[[DataT], bool | None]
    set_fn: Callable[[LektricoRuntimeData, bool], Awaitable[None]]
    read_back: tuple[ReadBack, ...]


# "On" while the session may draw energy: charging, or the car resting (full) while allowed to.
CHARGING_ALLOWED_STATES = frozenset(
    {ChargerState.CHARGING, ChargerState.CHARGING_WITH_VENTILATION, ChargerState.CONNECTED}
)


async def _set_charging(runtime: LektricoRuntimeData, on: bool) -> None:
    """On: resume a paused session, else start (authorize) one. Off: pause, staying authorized."""
    info = runtime.live.data.info
    if not on:
        await runtime.client.pause_charging()
    elif info.is_paused or info.state is ChargerState.PAUSED:
        await runtime.client.resume_charging()
    else:
        await runtime.client.start_charging()


_SINGLE_PHASE_IS_ON: dict[int | None, bool] = {
    RelayMode.SINGLE_PHASE: True,
    RelayMode.THREE_PHASES: False,
}


def _relay_mode(data: SettingsData) -> int | None:
    """Where the relays stand; dynamic_current.get has it on every firmware."""
    return data.dynamic_current.relay_mode if data.dynamic_current else None


# The app config switches re-read the live data too: the charger's state follows them.
SWITCHES: list[LektricoSwitchDescription[Any]] = [
    LektricoSwitchDescription[LiveData](
        key="charging",
        translation_key="charging",
        coordinator_fn=lambda runtime: runtime.live,
        is_on_fn=lambda data: data.info.state in CHARGING_ALLOWED_STATES
        if data.info.state
        else None,
        set_fn=_set_charging,
        read_back=(ReadBack.LIVE,),
    ),
    # 3P22K only; a unit without relays reports relay_mode 0.
    LektricoSwitchDescription[SettingsData](
        key="force_single_phase",
        translation_key="force_single_phase",
        entity_category=EntityCategory.CONFIG,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.identity.phases == 3
        and _relay_mode(runtime.settings.data) in (RelayMode.SINGLE_PHASE, RelayMode.THREE_PHASES),
        # Anything but 1 or 3 (a value nobody knows yet) is unknown, not "three phases".
        is_on_fn=lambda data: _SINGLE_PHASE_IS_ON.get(_relay_mode(data)),
        # The relays switch with the dynamic current, which the client passes through as it is.
        set_fn=lambda runtime, on: runtime.client.set_relay_mode(
            RelayMode.SINGLE_PHASE if on else RelayMode.THREE_PHASES
        ),
        read_back=(ReadBack.DYNAMIC_CURRENT, ReadBack.LIVE),
    ),
    # Headless means "plug in and charge": authorization required is its opposite.
    LektricoSwitchDescription[SettingsData](
        key="authorization_required",
        translation_key="authorization_required",
        entity_category=EntityCategory.CONFIG,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.headless is not None,
        is_on_fn=lambda data: not data.app_config.headless
        if data.app_config and data.app_config.headless is not None
        else None,
        set_fn=lambda runtime, on: runtime.client.set_app_config("headless", not on),
        read_back=(ReadBack.APP_CONFIG, ReadBack.LIVE),
    ),
    LektricoSwitchDescription[SettingsData](
        key="charger_locked",
        translation_key="charger_locked",
        entity_category=EntityCategory.CONFIG,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.charger_locked is not None,
        is_on_fn=lambda data: data.app_config.charger_locked if data.app_config else None,
        set_fn=lambda runtime, on: runtime.client.set_app_config("charger_locked", on),
        read_back=(ReadBack.APP_CONFIG, ReadBack.LIVE),
    ),
    LektricoSwitchDescription[SettingsData](
        key="charging_schedule_enabled",
        translation_key="charging_schedule_enabled",
        entity_category=EntityCategory.CONFIG,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.charging_schedule_enabled is not None,
        is_on_fn=lambda data: data.app_config.charging_schedule_enabled
        if data.app_config
        else None,
        set_fn=lambda runtime, on: runtime.client.set_app_config("charging_schedule_enabled", on),
        read_back=(ReadBack.APP_CONFIG, ReadBack.LIVE),
    ),
    LektricoSwitchDescription[SettingsData](
        key="energy_management_enabled",
        translation_key="energy_management_enabled",
        entity_category=EntityCategory.CONFIG,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.energy_management_enabled is not None,
        is_on_fn=lambda data: data.app_config.energy_management_enabled
        if data.app_config
        else None,
        set_fn=lambda runtime, on: runtime.client.set_app_config("energy_management_enabled", on),
        read_back=(ReadBack.APP_CONFIG, ReadBack.LIVE),
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the switches this charger has."""
    async_add_entities(build_entities(entry, SWITCHES, LektricoSwitch))


class LektricoSwitch(LektricoEntity[DataUpdateCoordinator[Any]], SwitchEntity):
    """A switch of the charger."""

    entity_description: LektricoSwitchDescription[Any]

    @property
    def is_on(self) -> bool | None:
        """The state from the coordinator's latest data."""
        return self.entity_description.is_on_fn(self.coordinator.data)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn on, and confirm by reading back."""
        await self._switch(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn off, and confirm by reading back."""
        await self._switch(False)

    @lektrico_command
    async def _switch(self, on: bool) -> None:
        description = self.entity_description
        await description.set_fn(self.runtime, on)
        await self.runtime.async_read_back(*description.read_back)
