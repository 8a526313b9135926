"""Sensors: state, power, energy, currents, limits, counters, wifi."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    PERCENTAGE,
    SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
    EntityCategory,
    UnitOfElectricCurrent,
    UnitOfElectricPotential,
    UnitOfEnergy,
    UnitOfPower,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import ChargerState, LimitReason
from .const import CONF_FIXED_PRICE, CONF_GRID_SENSOR, CONF_PRICE_SENSOR
from .coordinator import (
    LektricoConfigEntry,
    LiveData,
    SettingsData,
    StatisticsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, LektricoSmartEntity, build_entities
from .fuse import GuardDecision, GuardState
from .history import MonthTotals
from .session_history import HistoryData, month_start
from .smart_charging import plan_data
from .solar import ControllerState, Decision

PARALLEL_UPDATES = 0  # coordinator-fed: nothing is fetched per entity

CHARGER_STATES = [state.name.lower() for state in ChargerState]
LIMIT_REASONS = [reason.name.lower() for reason in LimitReason]


@dataclass(frozen=True, kw_only=True)
class LektricoSensorDescription[DataT](SensorEntityDescription, LektricoDescriptionMixin[DataT]):
    """A sensor and how to read its value from its coordinator's data."""

    value_fn: Callable[[DataT], StateType]


SENSORS: list[LektricoSensorDescription[Any]] = [
    LektricoSensorDescription[LiveData](
        key="state",
        translation_key="state",
        device_class=SensorDeviceClass.ENUM,
        options=CHARGER_STATES,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.state.name.lower() if data.info.state else None,
    ),
    LektricoSensorDescription[LiveData](
        key="limit_reason",
        translation_key="limit_reason",
        device_class=SensorDeviceClass.ENUM,
        options=LIMIT_REASONS,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: "current_limit_reason" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.limit_reason.name.lower()
        if data.info.limit_reason is not None
        else None,
    ),
    LektricoSensorDescription[LiveData](
        key="power",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.instant_power,
    ),
    LektricoSensorDescription[LiveData](
        key="session_energy",
        translation_key="session_energy",
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.WATT_HOUR,
        suggested_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        suggested_display_precision=2,
        state_class=SensorStateClass.TOTAL_INCREASING,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.session_energy,
    ),
    LektricoSensorDescription[LiveData](
        key="charging_time",
        translation_key="charging_time",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        suggested_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.charging_time,
    ),
    LektricoSensorDescription[LiveData](
        key="lifetime_energy",
        translation_key="lifetime_energy",
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        suggested_display_precision=3,
        state_class=SensorStateClass.TOTAL_INCREASING,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.total_charged_energy,
    ),
    # Per phase: L1 on every model and firmware; L2 and L3 on three-phase models whose
    # firmware reports the arrays (1.23 has none: L1 only).
    LektricoSensorDescription[LiveData](
        key="current_l1",
        translation_key="current_l1",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.currents[0],
    ),
    LektricoSensorDescription[LiveData](
        key="current_l2",
        translation_key="current_l2",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: runtime.identity.phases >= 2
        and "currents" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.currents[1],
    ),
    LektricoSensorDescription[LiveData](
        key="current_l3",
        translation_key="current_l3",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: runtime.identity.phases >= 3
        and "currents" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.currents[2],
    ),
    # Voltages move with every poll and rarely matter: only for diagnosis.
    LektricoSensorDescription[LiveData](
        key="voltage_l1",
        translation_key="voltage_l1",
        device_class=SensorDeviceClass.VOLTAGE,
        native_unit_of_measurement=UnitOfElectricPotential.VOLT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        detail=True,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.voltages[0],
    ),
    LektricoSensorDescription[LiveData](
        key="voltage_l2",
        translation_key="voltage_l2",
        device_class=SensorDeviceClass.VOLTAGE,
        native_unit_of_measurement=UnitOfElectricPotential.VOLT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        detail=True,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: runtime.identity.phases >= 2
        and "voltages" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.voltages[1],
    ),
    LektricoSensorDescription[LiveData](
        key="voltage_l3",
        translation_key="voltage_l3",
        device_class=SensorDeviceClass.VOLTAGE,
        native_unit_of_measurement=UnitOfElectricPotential.VOLT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        detail=True,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: runtime.identity.phases >= 3
        and "voltages" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.voltages[2],
    ),
    LektricoSensorDescription[LiveData](
        key="temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        suggested_display_precision=1,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.temperature,
    ),
    LektricoSensorDescription[LiveData](
        key="offered_current",
        translation_key="offered_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        coordinator_fn=lambda runtime: runtime.live,
        has_fn=lambda runtime: "pwm_current" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.pwm_current,
    ),
    LektricoSensorDescription[LiveData](
        key="firmware_version",
        translation_key="firmware_version",
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.live,
        value_fn=lambda data: data.info.fw_version,
    ),
    # Every limit of System_currents.Get; the smallest one is what the car is offered.
    # Diagnosis: why the car gets what it gets (the EM current has its number entity).
    LektricoSensorDescription[SettingsData](
        key="limit_cable_current",
        translation_key="limit_cable_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.cable_current if data.system_currents else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_install_current",
        translation_key="limit_install_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.install_current
        if data.system_currents
        else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_dynamic_current",
        translation_key="limit_dynamic_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.dynamic_current
        if data.system_currents
        else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_user_current",
        translation_key="limit_user_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.user_current if data.system_currents else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_charging_current",
        translation_key="limit_charging_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.charging_current
        if data.system_currents
        else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_system_max_current",
        translation_key="limit_system_max_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.system_max_current
        if data.system_currents
        else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_schedule_current",
        translation_key="limit_schedule_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.schedule_current
        if data.system_currents
        else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_ocpp_current",
        translation_key="limit_ocpp_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.ocpp_current if data.system_currents else None,
    ),
    LektricoSensorDescription[SettingsData](
        key="limit_em_current",
        translation_key="limit_em_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.settings,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=lambda data: data.system_currents.em_current if data.system_currents else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="total_charging_time",
        translation_key="total_charging_time",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_unit_of_measurement=UnitOfTime.HOURS,
        suggested_display_precision=1,
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.statistics,
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.total_charged_time if data.counters else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="total_sessions",
        translation_key="total_sessions",
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.statistics,
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.total_charged_sessions if data.counters else None,
    ),
    # The charger's own figure; the session history's Last session has it with the whole
    # record, so this one is off for new installations (an existing one keeps it).
    LektricoSensorDescription[StatisticsData](
        key="last_session_energy",
        translation_key="last_session_energy",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.WATT_HOUR,
        suggested_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        suggested_display_precision=2,
        coordinator_fn=lambda runtime: runtime.statistics,
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.last_session_energy if data.counters else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="reboots",
        translation_key="reboots",
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.statistics,
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.reset_counter if data.counters else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="wifi_signal",
        translation_key="wifi_signal",
        device_class=SensorDeviceClass.SIGNAL_STRENGTH,
        native_unit_of_measurement=SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        coordinator_fn=lambda runtime: runtime.statistics,
        has_fn=lambda runtime: runtime.statistics.data.wifi is not None,
        value_fn=lambda data: data.wifi.rssi if data.wifi else None,
    ),
    # Solar charging's, when it is set up (the options name a grid power sensor).
    LektricoSensorDescription[Decision | None](
        key="solar_state",
        translation_key="solar_state",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in ControllerState],
        coordinator_fn=lambda runtime: runtime.solar.coordinator if runtime.solar else None,
        value_fn=lambda decision: decision.state.value if decision else None,
    ),
    LektricoSensorDescription[Decision | None](
        key="solar_surplus",
        translation_key="solar_surplus",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        coordinator_fn=lambda runtime: runtime.solar.coordinator if runtime.solar else None,
        value_fn=lambda decision: decision.surplus_power if decision else None,
    ),
    LektricoSensorDescription[Decision | None](
        key="solar_target_current",
        translation_key="solar_target_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        coordinator_fn=lambda runtime: runtime.solar.coordinator if runtime.solar else None,
        value_fn=lambda decision: decision.target_current if decision else None,
    ),
    # "Starting in N s" / "stopping in N s": the countdown of the state above.
    LektricoSensorDescription[Decision | None](
        key="solar_countdown",
        translation_key="solar_countdown",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        coordinator_fn=lambda runtime: runtime.solar.coordinator if runtime.solar else None,
        value_fn=lambda decision: decision.seconds_left if decision else None,
    ),
    # The main-fuse guard, with the options' grid meter sensors.
    LektricoSensorDescription[GuardDecision | None](
        key="fuse_guard",
        translation_key="fuse_guard",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in GuardState],
        coordinator_fn=lambda runtime: runtime.fuse.coordinator if runtime.fuse else None,
        value_fn=lambda decision: decision.state.value if decision else None,
    ),
    LektricoSensorDescription[GuardDecision | None](
        key="fuse_headroom",
        translation_key="fuse_headroom",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        coordinator_fn=lambda runtime: runtime.fuse.coordinator if runtime.fuse else None,
        value_fn=lambda decision: decision.headroom if decision else None,
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the sensors this charger has, and smart charging's plan."""
    async_add_entities(build_entities(entry, SENSORS, LektricoSensor))
    runtime = entry.runtime_data
    solar = runtime.solar
    if solar and solar.smart.configured:
        async_add_entities([LektricoPlanSensor(entry, solar.coordinator, PLAN)])
    if history := runtime.history:
        async_add_entities([LektricoLastSessionSensor(entry, history.coordinator, LAST_SESSION)])
        async_add_entities(
            LektricoMonthSensor(entry, history.coordinator, description)
            for description in MONTH_SENSORS
            if description.has_fn(entry.options)
        )


class LektricoSensor(LektricoEntity[DataUpdateCoordinator[Any]], SensorEntity):
    """A sensor of the charger."""

    entity_description: LektricoSensorDescription[Any]

    @property
    def native_value(self) -> StateType:
        """The value from the coordinator's latest data."""
        return self.entity_description.value_fn(self.coordinator.data)


# Smart charging's plan: when it charges next, and the slots, energies and cost as attributes.
PLAN = SensorEntityDescription(
    key="plan", translation_key="plan", device_class=SensorDeviceClass.TIMESTAMP
)


class LektricoPlanSensor(LektricoSmartEntity, SensorEntity):
    """The next planned start; the plan itself in the attributes (get_plan returns it too)."""

    # A plan to departure has up to a hundred 15-minute slots: worth seeing, not recording.
    _unrecorded_attributes = frozenset({"slots", "prices_until"})

    @property
    def native_value(self) -> datetime | None:
        """When charging starts (now, if it is charging by plan); unknown without a plan."""
        plan = self.smart.plan
        return plan.next_start if plan else None

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Status, departure, energies, estimated cost, whether the target is reachable."""
        return plan_data(self.smart)


# The session history's: the last finished session, and this month's totals.
LAST_SESSION = SensorEntityDescription(
    key="last_session",
    translation_key="last_session",
    device_class=SensorDeviceClass.ENERGY,
    native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
    suggested_display_precision=2,
)


@dataclass(frozen=True, kw_only=True)
class LektricoMonthSensorDescription(SensorEntityDescription):
    """A total of this month's sessions; it starts again at 0 with each month."""

    value_fn: Callable[[MonthTotals], float | None]
    has_fn: Callable[[Mapping[str, Any]], bool] = lambda options: True


MONTH_SENSORS = [
    LektricoMonthSensorDescription(
        key="energy_this_month",
        translation_key="energy_this_month",
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        state_class=SensorStateClass.TOTAL,
        suggested_display_precision=2,
        value_fn=lambda month: month.energy_wh / 1000,
    ),
    LektricoMonthSensorDescription(
        key="cost_this_month",
        translation_key="cost_this_month",
        device_class=SensorDeviceClass.MONETARY,
        state_class=SensorStateClass.TOTAL,
        suggested_display_precision=2,
        value_fn=lambda month: month.cost,
        has_fn=lambda options: bool(options.get(CONF_PRICE_SENSOR))
        or options.get(CONF_FIXED_PRICE) is not None,
    ),
    LektricoMonthSensorDescription(
        key="solar_share_this_month",
        translation_key="solar_share_this_month",
        native_unit_of_measurement=PERCENTAGE,
        suggested_display_precision=0,
        value_fn=lambda month: month.solar_share,
        has_fn=lambda options: bool(options.get(CONF_GRID_SENSOR)),
    ),
]


class LektricoMonthSensor(LektricoEntity[DataUpdateCoordinator[HistoryData]], SensorEntity):
    """Energy, cost or solar share of this month's sessions (the one in progress included)."""

    entity_description: LektricoMonthSensorDescription

    @property
    def native_value(self) -> float | None:
        """The month's figure."""
        return self.entity_description.value_fn(self.coordinator.data.month)

    @property
    def last_reset(self) -> datetime | None:
        """The start of the month: the totals begin again at 0 then."""
        if self.entity_description.state_class is not SensorStateClass.TOTAL:
            return None
        return month_start(self.coordinator.data.month)

    @property
    def native_unit_of_measurement(self) -> str | None:
        """A cost is in Home Assistant's currency; the others in their own unit."""
        if self.entity_description.device_class is SensorDeviceClass.MONETARY:
            return self.hass.config.currency
        return self.entity_description.native_unit_of_measurement


class LektricoLastSessionSensor(LektricoEntity[DataUpdateCoordinator[HistoryData]], SensorEntity):
    """The last finished session's energy; the rest of its record in the attributes."""

    @property
    def native_value(self) -> float | None:
        """kWh of the last session; unknown before the first one."""
        last = self.coordinator.data.last
        return None if last is None or last.energy_wh is None else last.energy_wh / 1000

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Start, end, durations, solar and grid energy, cost, tag, modes (get_sessions' shape)."""
        last = self.coordinator.data.last
        return None if last is None else last.as_dict()
