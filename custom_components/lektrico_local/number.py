"""Numbers: the charging current (what solar and tariff automations drive), limits, LEDs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfElectricCurrent, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .api import MAX_CHARGING_CURRENT, MIN_CHARGING_CURRENT, LektricoValidationError
from .coordinator import (
    LektricoConfigEntry,
    LektricoCoordinator,
    LektricoLiveCoordinator,
    LektricoRuntimeData,
    LiveData,
    ReadBack,
    SettingsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities
from .helpers import lektrico_command
from .lever import (
    async_set_em_current,
    async_set_lever_current,
    lever_current,
    lever_read_back,
)

PARALLEL_UPDATES = 1

LED_DIMMING_DELAY_MAX = 86_400  # the charger takes more; a day is the most that makes sense


@dataclass(frozen=True, kw_only=True)
class LektricoNumberDescription[DataT](NumberEntityDescription, LektricoDescriptionMixin):
    """A number: how to read it and how to set it."""

    value_fn: Callable[[DataT], float | None]
    set_fn: Callable[[LektricoRuntimeData, int], Awaitable[None]]
    read_back: tuple[ReadBack, ...]


def _current(key: str, minimum: int, **kwargs: Any) -> dict[str, Any]:
    """The shared shape of a current setting in whole amps."""
    return {
        "key": key,
        "translation_key": key,
        "device_class": NumberDeviceClass.CURRENT,
        "native_unit_of_measurement": UnitOfElectricCurrent.AMPERE,
        "native_min_value": minimum,
        "native_max_value": MAX_CHARGING_CURRENT,
        "native_step": 1,
        "mode": NumberMode.SLIDER,
        **kwargs,
    }


def _app_config_number(
    key: str, config_key: str, **kwargs: Any
) -> LektricoNumberDescription[SettingsData]:
    """A number on an integer app config key."""
    return LektricoNumberDescription[SettingsData](
        has_fn=lambda runtime: getattr(runtime.settings.data.app_config, config_key, None)
        is not None,
        value_fn=lambda data: getattr(data.app_config, config_key, None),
        set_fn=lambda runtime, value: runtime.client.set_app_config(config_key, value),
        read_back=(ReadBack.APP_CONFIG,),
        **({"key": key, "translation_key": key, "entity_category": EntityCategory.CONFIG} | kwargs),
    )


SETTINGS_NUMBERS: list[LektricoNumberDescription[SettingsData]] = [
    # The EM current itself, for those who steer it by hand (Charging current is the control).
    # 0 pauses, 6..32 A charges; 1..5 A are refused with a clear error.
    LektricoNumberDescription[SettingsData](
        **_current(
            "em_current",
            0,
            entity_category=EntityCategory.CONFIG,
            entity_registry_enabled_default=False,
        ),
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.em_current if data.system_currents else None,
        set_fn=async_set_em_current,
        read_back=(ReadBack.SYSTEM_CURRENTS,),
    ),
    _app_config_number(
        **_current("user_current", MIN_CHARGING_CURRENT, entity_category=None),
        config_key="user_current",
    ),
    # What the installer wired for: configuration, and off until someone means to change it.
    _app_config_number(
        **_current(
            "installation_current", MIN_CHARGING_CURRENT, entity_registry_enabled_default=False
        ),
        config_key="install_current",
    ),
    _app_config_number(
        "led_max_brightness",
        "led_max_brightness",
        native_min_value=0,  # the document says 10; the vendor has since allowed 0 (off)
        native_max_value=100,
        native_step=1,
        native_unit_of_measurement=PERCENTAGE,
    ),
    _app_config_number(
        "led_dimming_delay",
        "led_dimming_delay",
        native_min_value=0,
        native_max_value=LED_DIMMING_DELAY_MAX,
        native_step=1,
        mode=NumberMode.BOX,
        device_class=NumberDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        entity_registry_enabled_default=False,
    ),
]

LIVE_NUMBERS: list[LektricoNumberDescription[LiveData]] = [
    LektricoNumberDescription[LiveData](
        **_current(
            "dynamic_current",
            0,
            entity_category=EntityCategory.CONFIG,
            entity_registry_enabled_default=False,
        ),
        has_fn=lambda runtime: runtime.live.data.info.dynamic_current is not None,
        value_fn=lambda data: data.info.dynamic_current,
        set_fn=lambda runtime, value: runtime.client.set_dynamic_current(value),
        read_back=(ReadBack.LIVE,),
    ),
]

# The control: through the dynamic current or the EM current, as the options say (lever.py).
CHARGING_CURRENT = NumberEntityDescription(
    **_current("charging_current", 0),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the numbers this charger has."""
    runtime = entry.runtime_data
    async_add_entities(
        build_entities(
            entry,
            [(runtime.settings, SETTINGS_NUMBERS), (runtime.live, LIVE_NUMBERS)],
            LektricoNumber,
        )
    )
    async_add_entities([LektricoChargingCurrentNumber(entry, runtime.live, CHARGING_CURRENT)])


class LektricoNumber(LektricoEntity[LektricoCoordinator[Any]], NumberEntity):
    """A number of the charger."""

    entity_description: LektricoNumberDescription[Any]

    @property
    def native_value(self) -> float | None:
        """The value from the coordinator's latest data."""
        return self.entity_description.value_fn(self.coordinator.data)

    @lektrico_command
    async def async_set_native_value(self, value: float) -> None:
        """Set the value, and confirm it by reading it back."""
        description = self.entity_description
        await description.set_fn(self.runtime, whole_amps(value))
        await self.runtime.async_read_back(*description.read_back)


class LektricoChargingCurrentNumber(LektricoEntity[LektricoLiveCoordinator], NumberEntity):
    """The current the charger may charge at (0 pauses), through the chosen lever."""

    async def async_added_to_hass(self) -> None:
        """The EM current is read with the settings: hear them too."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.runtime.settings.async_add_listener(self._handle_coordinator_update)
        )

    @property
    def native_value(self) -> float | None:
        """What the lever holds now."""
        return lever_current(self.runtime)

    @lektrico_command
    async def async_set_native_value(self, value: float) -> None:
        """Send it through the lever, and confirm it by reading it back."""
        await async_set_lever_current(self.runtime, whole_amps(value))
        await self.runtime.async_read_back(*lever_read_back(self.runtime))


def whole_amps(value: float) -> int:
    """16.0 -> 16; 6.5 is refused (translated, nothing sent) rather than rounded silently."""
    if not float(value).is_integer():
        raise LektricoValidationError("current", f"expected whole amps, got {value!r}")
    return int(value)
