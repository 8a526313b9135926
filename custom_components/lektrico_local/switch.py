"""Switches: charging, authorization, lock, schedule, energy management, single phase."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import ChargerState, LektricoClient, RelayMode
from .coordinator import LektricoConfigEntry, LektricoCoordinator, LiveData, ReadBack, SettingsData
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities
from .helpers import lektrico_command

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class LektricoSwitchDescription[DataT](SwitchEntityDescription, LektricoDescriptionMixin):
    """A switch: how to read it and how to turn it on or off."""

    is_on_fn: Callable[[DataT], bool | None]
    set_fn: Callable[[LektricoClient, bool, DataT], Awaitable[None]]
    read_back: tuple[ReadBack, ...]


# "On" while the session may draw energy: charging, or the car resting (full) while allowed to.
CHARGING_ALLOWED_STATES = frozenset(
    {ChargerState.CHARGING, ChargerState.CHARGING_WITH_VENTILATION, ChargerState.CONNECTED}
)


async def _set_charging(client: LektricoClient, on: bool, data: LiveData) -> None:
    """On: resume a paused session, else start (authorize) one. Off: pause, staying authorized."""
    if not on:
        await client.pause_charging()
    elif data.info.is_paused or data.info.state is ChargerState.PAUSED:
        await client.resume_charging()
    else:
        await client.start_charging()


async def _set_single_phase(client: LektricoClient, on: bool, _data: SettingsData) -> None:
    """The relays switch with the dynamic current, which is passed through as it is."""
    await client.set_relay_mode(RelayMode.SINGLE_PHASE if on else RelayMode.THREE_PHASES)


_SINGLE_PHASE_IS_ON: dict[int | None, bool] = {
    RelayMode.SINGLE_PHASE: True,
    RelayMode.THREE_PHASES: False,
}


def _relay_mode(data: SettingsData) -> int | None:
    """Where the relays stand; dynamic_current.get has it on every firmware."""
    return data.dynamic_current.relay_mode if data.dynamic_current else None


LIVE_SWITCHES: list[LektricoSwitchDescription[LiveData]] = [
    LektricoSwitchDescription[LiveData](
        key="charging",
        translation_key="charging",
        is_on_fn=lambda data: data.info.state in CHARGING_ALLOWED_STATES
        if data.info.state
        else None,
        set_fn=_set_charging,
        read_back=(ReadBack.LIVE,),
    ),
]


def _app_config_switch(
    key: str, config_key: str, *, inverted: bool = False
) -> LektricoSwitchDescription[SettingsData]:
    """A switch on a boolean app config key; the charger's state follows, so both are re-read."""

    def is_on(data: SettingsData) -> bool | None:
        value = getattr(data.app_config, config_key, None)
        return None if value is None else value != inverted

    return LektricoSwitchDescription[SettingsData](
        key=key,
        translation_key=key,
        entity_category=EntityCategory.CONFIG,
        has_fn=lambda runtime: getattr(runtime.settings.data.app_config, config_key, None)
        is not None,
        is_on_fn=is_on,
        set_fn=lambda client, on, _data: client.set_app_config(config_key, on != inverted),
        read_back=(ReadBack.APP_CONFIG, ReadBack.LIVE),
    )


SETTINGS_SWITCHES: list[LektricoSwitchDescription[SettingsData]] = [
    # 3P22K only; a unit without relays reports relay_mode 0.
    LektricoSwitchDescription[SettingsData](
        key="force_single_phase",
        translation_key="force_single_phase",
        entity_category=EntityCategory.CONFIG,
        has_fn=lambda runtime: runtime.identity.phases == 3
        and _relay_mode(runtime.settings.data) in (RelayMode.SINGLE_PHASE, RelayMode.THREE_PHASES),
        # Anything but 1 or 3 (a value nobody knows yet) is unknown, not "three phases".
        is_on_fn=lambda data: _SINGLE_PHASE_IS_ON.get(_relay_mode(data)),
        set_fn=_set_single_phase,
        read_back=(ReadBack.DYNAMIC_CURRENT, ReadBack.LIVE),
    ),
    # Headless means "plug in and charge": authorization required is its opposite.
    _app_config_switch("authorization_required", "headless", inverted=True),
    _app_config_switch("charger_locked", "charger_locked"),
    _app_config_switch("charging_schedule_enabled", "charging_schedule_enabled"),
    _app_config_switch("energy_management_enabled", "energy_management_enabled"),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the switches this charger has."""
    runtime = entry.runtime_data
    async_add_entities(
        build_entities(
            entry,
            [(runtime.live, LIVE_SWITCHES), (runtime.settings, SETTINGS_SWITCHES)],
            LektricoSwitch,
        )
    )


class LektricoSwitch(LektricoEntity[LektricoCoordinator[Any]], SwitchEntity):
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
        await description.set_fn(self.runtime.client, on, self.coordinator.data)
        await self.runtime.async_read_back(*description.read_back)
