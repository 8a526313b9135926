"""Numbers: the charging current (what solar and tariff automations drive), limits, LEDs,
and smart charging's targets."""

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
from homeassistant.const import (
    PERCENTAGE,
    EntityCategory,
    UnitOfElectricCurrent,
    UnitOfEnergy,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import MAX_CHARGING_CURRENT, MIN_CHARGING_CURRENT
from .api.validation import require_whole_number
from .coordinator import (
    LektricoConfigEntry,
    LektricoLiveCoordinator,
    LektricoRuntimeData,
    LiveData,
    ReadBack,
    SettingsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, LektricoSmartEntity, build_entities
from .helpers import lektrico_command
from .lever import (
    async_set_em_current,
    async_set_lever_current,
    async_targets_changed,
    fuse_capped,
    lever_current,
    lever_read_back,
)

PARALLEL_UPDATES = 1

MAX_TARGET_ENERGY = 200  # kWh: more than any car's battery
PRICE_LIMIT_RANGE = 1000  # per kWh, in whatever currency (or cents) the price sensor shows
LED_DIMMING_DELAY_MAX = 86_400  # the charger takes more; a day is the most that makes sense


@dataclass(frozen=True, kw_only=True)
class LektricoNumberDescription[DataT](NumberEntityDescription, LektricoDescriptionMixin[DataT]):
    """A number: how to read it and how to set it."""

    value_fn: Callable[[DataT], float | None]
    set_fn: Callable[[LektricoRuntimeData, int], Awaitable[None]]
    read_back: tuple[ReadBack, ...]


NUMBERS: list[LektricoNumberDescription[Any]] = [
    # The EM current itself, for those who steer it by hand (Charging current is the control).
    # 0 pauses, 6..32 A charges; 1..5 A are refused with a clear error.
    LektricoNumberDescription[SettingsData](
        key="em_current",
        translation_key="em_current",
        device_class=NumberDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        native_min_value=0,
        native_max_value=MAX_CHARGING_CURRENT,
        native_step=1,
        mode=NumberMode.SLIDER,
        entity_category=EntityCategory.CONFIG,
        entity_registry_enabled_default=False,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.em_current if data.system_currents else None,
        set_fn=async_set_em_current,
        read_back=(ReadBack.SYSTEM_CURRENTS,),
    ),
    LektricoNumberDescription[SettingsData](
        key="user_current",
        translation_key="user_current",
        device_class=NumberDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        native_min_value=MIN_CHARGING_CURRENT,
        native_max_value=MAX_CHARGING_CURRENT,
        native_step=1,
        mode=NumberMode.SLIDER,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.user_current is not None,
        value_fn=lambda data: data.app_config.user_current if data.app_config else None,
        set_fn=lambda runtime, value: runtime.client.set_app_config("user_current", value),
        read_back=(ReadBack.APP_CONFIG,),
    ),
    # What the installer wired for: configuration, and off until someone means to change it.
    LektricoNumberDescription[SettingsData](
        key="installation_current",
        translation_key="installation_current",
        device_class=NumberDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        native_min_value=MIN_CHARGING_CURRENT,
        native_max_value=MAX_CHARGING_CURRENT,
        native_step=1,
        mode=NumberMode.SLIDER,
        entity_category=EntityCategory.CONFIG,
        entity_registry_enabled_default=False,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.install_current is not None,
        value_fn=lambda data: data.app_config.install_current if data.app_config else None,
        set_fn=lambda runtime, value: runtime.client.set_app_config("install_current", value),
        read_back=(ReadBack.APP_CONFIG,),
    ),
    LektricoNumberDescription[SettingsData](
        key="led_max_brightness",
        translation_key="led_max_brightness",
        native_unit_of_measurement=PERCENTAGE,
        native_min_value=0,  # the document says 10; the vendor has since allowed 0 (off)
        native_max_value=100,
        native_step=1,
        entity_category=EntityCategory.CONFIG,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.led_max_brightness is not None,
        value_fn=lambda data: data.app_config.led_max_brightness if data.app_config else None,
        set_fn=lambda runtime, value: runtime.client.set_app_config("led_max_brightness", value),
        read_back=(ReadBack.APP_CONFIG,),
    ),
    LektricoNumberDescription[SettingsData](
        key="led_dimming_delay",
        translation_key="led_dimming_delay",
        device_class=NumberDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        native_min_value=0,
        native_max_value=LED_DIMMING_DELAY_MAX,
        native_step=1,
        mode=NumberMode.BOX,
        entity_category=EntityCategory.CONFIG,
        entity_registry_enabled_default=False,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.app_config is not None
        and runtime.settings.data.app_config.led_dimming_delay is not None,
        value_fn=lambda data: data.app_config.led_dimming_delay if data.app_config else None,
        set_fn=lambda runtime, value: runtime.client.set_app_config("led_dimming_delay", value),
        read_back=(ReadBack.APP_CONFIG,),
    ),
    LektricoNumberDescription[LiveData](
        key="dynamic_current",
        translation_key="dynamic_current",
        device_class=NumberDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        native_min_value=0,
        native_max_value=MAX_CHARGING_CURRENT,
        native_step=1,
        mode=NumberMode.SLIDER,
        entity_category=EntityCategory.CONFIG,
        entity_registry_enabled_default=False,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: runtime.live.data.info.dynamic_current is not None,
        value_fn=lambda data: data.info.dynamic_current,
        set_fn=lambda runtime, value: runtime.client.set_dynamic_current(
            fuse_capped(runtime, value, "dynamic_current")
        ),
        read_back=(ReadBack.LIVE,),
    ),
]

# The control: through the dynamic current or the EM current, as the options say (lever.py).
# Its own entity class: what it reads, sets and re-reads depends on the lever in use.
CHARGING_CURRENT = NumberEntityDescription(
    key="charging_current",
    translation_key="charging_current",
    device_class=NumberDeviceClass.CURRENT,
    native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
    native_min_value=0,
    native_max_value=MAX_CHARGING_CURRENT,
    native_step=1,
    mode=NumberMode.SLIDER,
)


@dataclass(frozen=True, kw_only=True)
class LektricoTargetNumberDescription(NumberEntityDescription):
    """A number smart charging keeps (in Home Assistant, not on the charger)."""

    target: str  # the SmartTargets field it sets
    has_fn: Callable[[LektricoRuntimeData], bool]


# Smart charging's. Stop after works with every charger, in every mode; the others need solar
# charging and the price sensor the smart modes plan with.
TARGET_NUMBERS = [
    LektricoTargetNumberDescription(
        key="stop_after_energy",
        translation_key="stop_after_energy",
        target="stop_after_kwh",
        device_class=NumberDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        native_min_value=0,  # off
        native_max_value=MAX_TARGET_ENERGY,
        native_step=0.5,
        mode=NumberMode.BOX,
        has_fn=lambda runtime: True,
    ),
    LektricoTargetNumberDescription(
        key="target_energy",
        translation_key="target_energy",
        target="target_energy_kwh",
        device_class=NumberDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        native_min_value=0,
        native_max_value=MAX_TARGET_ENERGY,
        native_step=0.5,
        mode=NumberMode.BOX,
        has_fn=lambda runtime: runtime.solar is not None and runtime.solar.smart.configured,
    ),
    LektricoTargetNumberDescription(
        key="target_soc",
        translation_key="target_soc",
        target="target_soc",
        device_class=NumberDeviceClass.BATTERY,
        native_unit_of_measurement=PERCENTAGE,
        native_min_value=0,
        native_max_value=100,
        native_step=1,
        mode=NumberMode.SLIDER,
        has_fn=lambda runtime: runtime.solar is not None
        and runtime.solar.smart.configured
        and runtime.solar.smart.knows_soc,
    ),
    LektricoTargetNumberDescription(
        key="price_limit",
        translation_key="price_limit",
        target="price_limit",
        native_min_value=-PRICE_LIMIT_RANGE,
        native_max_value=PRICE_LIMIT_RANGE,
        native_step=0.001,
        mode=NumberMode.BOX,
        has_fn=lambda runtime: runtime.solar is not None and runtime.solar.smart.configured,
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the numbers this charger has, and smart charging's."""
    runtime = entry.runtime_data
    async_add_entities(build_entities(entry, NUMBERS, LektricoNumber))
    async_add_entities([LektricoChargingCurrentNumber(entry, runtime.live, CHARGING_CURRENT)])
    # Solar charging's cycle plans; without it, the history's coordinator (Home Assistant's
    # own, so the limit stays shown while the charger is away) only carries the entity.
    assert runtime.history is not None
    coordinator = runtime.solar.coordinator if runtime.solar else runtime.history.coordinator
    async_add_entities(
        LektricoTargetNumber(entry, coordinator, description)
        for description in TARGET_NUMBERS
        if description.has_fn(runtime)
    )


class LektricoNumber(LektricoEntity[DataUpdateCoordinator[Any]], NumberEntity):
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


class LektricoTargetNumber(LektricoSmartEntity, NumberEntity):
    """A target of smart charging: stored by the integration, so it survives restarts."""

    entity_description: LektricoTargetNumberDescription

    @property
    def native_value(self) -> float | None:
        """What the user set; unknown until then."""
        value: float | None = getattr(self.smart.targets, self.entity_description.target)
        return value

    @property
    def native_unit_of_measurement(self) -> str | None:
        """The price limit is in the price sensor's unit; the others in their own."""
        if self.entity_description.key == "price_limit":
            return self.smart.price_unit
        return self.entity_description.native_unit_of_measurement

    @lektrico_command
    async def async_set_native_value(self, value: float) -> None:
        """Keep it, plan again at once, and pause (or let go) if the session limit says so."""
        await self.smart.async_update_targets(**{self.entity_description.target: value})
        await async_targets_changed(self.runtime)


def whole_amps(value: float) -> int:
    """16.0 -> 16; 6.5 is refused (translated, nothing sent) rather than rounded silently."""
    return require_whole_number("current", value)
