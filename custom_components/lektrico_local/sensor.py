"""Sensors: state, power, energy, currents, limits, counters, wifi."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
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

from .api import ChargerState, LimitReason
from .coordinator import (
    LektricoConfigEntry,
    LektricoCoordinator,
    LektricoRuntimeData,
    LiveData,
    SettingsData,
    StatisticsData,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities, has_phase
from .solar import ControllerState, Decision

PARALLEL_UPDATES = 0  # coordinator-fed: nothing is fetched per entity

CHARGER_STATES = [state.name.lower() for state in ChargerState]
LIMIT_REASONS = [reason.name.lower() for reason in LimitReason]


@dataclass(frozen=True, kw_only=True)
class LektricoSensorDescription[DataT](SensorEntityDescription, LektricoDescriptionMixin):
    """A sensor and how to read its value from its coordinator's data."""

    value_fn: Callable[[DataT], StateType]


def _phase_value(field: str, index: int, data: LiveData) -> float | None:
    value: float | None = getattr(data.info, field)[index]
    return value


def _system_current(name: str, data: SettingsData) -> int | None:
    value: int | None = getattr(data.system_currents, name) if data.system_currents else None
    return value


def _phase_reported(field: str, phase: int) -> Callable[[LektricoRuntimeData], bool]:
    """The model has the phase, and the firmware reports it (1.23 has no arrays: L1 only)."""
    return lambda runtime: has_phase(phase)(runtime) and (
        phase == 1 or field in runtime.live.data.info.reported
    )


def _phase_sensors(
    kind: str, field: str, unit: str, device_class: SensorDeviceClass
) -> list[LektricoSensorDescription[LiveData]]:
    """Per-phase current or voltage: L1 on every model, L2 and L3 on three-phase ones."""
    return [
        LektricoSensorDescription[LiveData](
            key=f"{kind}_l{phase}",
            translation_key=f"{kind}_l{phase}",
            device_class=device_class,
            native_unit_of_measurement=unit,
            state_class=SensorStateClass.MEASUREMENT,
            suggested_display_precision=1,
            # Voltages move with every poll and rarely matter: only for diagnosis.
            detail=kind == "voltage",
            has_fn=_phase_reported(field, phase),
            value_fn=partial(_phase_value, field, phase - 1),
        )
        for phase in (1, 2, 3)
    ]


LIVE_SENSORS: list[LektricoSensorDescription[LiveData]] = [
    LektricoSensorDescription[LiveData](
        key="state",
        translation_key="state",
        device_class=SensorDeviceClass.ENUM,
        options=CHARGER_STATES,
        value_fn=lambda data: data.info.state.name.lower() if data.info.state else None,
    ),
    LektricoSensorDescription[LiveData](
        key="limit_reason",
        translation_key="limit_reason",
        device_class=SensorDeviceClass.ENUM,
        options=LIMIT_REASONS,
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
        value_fn=lambda data: data.info.session_energy,
    ),
    LektricoSensorDescription[LiveData](
        key="charging_time",
        translation_key="charging_time",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        suggested_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        value_fn=lambda data: data.info.charging_time,
    ),
    LektricoSensorDescription[LiveData](
        key="lifetime_energy",
        translation_key="lifetime_energy",
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        suggested_display_precision=3,
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda data: data.info.total_charged_energy,
    ),
    *_phase_sensors("current", "currents", UnitOfElectricCurrent.AMPERE, SensorDeviceClass.CURRENT),
    *_phase_sensors("voltage", "voltages", UnitOfElectricPotential.VOLT, SensorDeviceClass.VOLTAGE),
    LektricoSensorDescription[LiveData](
        key="temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        suggested_display_precision=1,
        value_fn=lambda data: data.info.temperature,
    ),
    LektricoSensorDescription[LiveData](
        key="offered_current",
        translation_key="offered_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        has_fn=lambda runtime: "pwm_current" in runtime.live.data.info.reported,
        value_fn=lambda data: data.info.pwm_current,
    ),
    LektricoSensorDescription[LiveData](
        key="firmware_version",
        translation_key="firmware_version",
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        value_fn=lambda data: data.info.fw_version,
    ),
]

# Every limit of System_currents.Get; the smallest one is what the car is offered.
SYSTEM_CURRENTS = (
    "cable_current",
    "install_current",
    "dynamic_current",
    "user_current",
    "charging_current",
    "system_max_current",
    "schedule_current",
    "ocpp_current",
    "em_current",
)

SETTINGS_SENSORS: list[LektricoSensorDescription[SettingsData]] = [
    LektricoSensorDescription[SettingsData](
        key=f"limit_{name}",
        translation_key=f"limit_{name}",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        # Diagnosis: why the car gets what it gets (the EM current has its number entity).
        detail=True,
        has_fn=lambda runtime: runtime.settings.data.system_currents is not None,
        value_fn=partial(_system_current, name),
    )
    for name in SYSTEM_CURRENTS
]

STATISTICS_SENSORS: list[LektricoSensorDescription[StatisticsData]] = [
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
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.total_charged_time if data.counters else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="total_sessions",
        translation_key="total_sessions",
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.total_charged_sessions if data.counters else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="last_session_energy",
        translation_key="last_session_energy",
        device_class=SensorDeviceClass.ENERGY,
        native_unit_of_measurement=UnitOfEnergy.WATT_HOUR,
        suggested_unit_of_measurement=UnitOfEnergy.KILO_WATT_HOUR,
        suggested_display_precision=2,
        has_fn=lambda runtime: runtime.statistics.data.counters is not None,
        value_fn=lambda data: data.counters.last_session_energy if data.counters else None,
    ),
    LektricoSensorDescription[StatisticsData](
        key="reboots",
        translation_key="reboots",
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_category=EntityCategory.DIAGNOSTIC,
        detail=True,
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
        has_fn=lambda runtime: runtime.statistics.data.wifi is not None,
        value_fn=lambda data: data.wifi.rssi if data.wifi else None,
    ),
]


SOLAR_SENSORS: list[LektricoSensorDescription[Decision | None]] = [
    LektricoSensorDescription[Decision | None](
        key="solar_state",
        translation_key="solar_state",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in ControllerState],
        value_fn=lambda decision: decision.state.value if decision else None,
    ),
    LektricoSensorDescription[Decision | None](
        key="solar_surplus",
        translation_key="solar_surplus",
        device_class=SensorDeviceClass.POWER,
        native_unit_of_measurement=UnitOfPower.WATT,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda decision: decision.surplus_power if decision else None,
    ),
    LektricoSensorDescription[Decision | None](
        key="solar_target_current",
        translation_key="solar_target_current",
        device_class=SensorDeviceClass.CURRENT,
        native_unit_of_measurement=UnitOfElectricCurrent.AMPERE,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda decision: decision.target_current if decision else None,
    ),
    # "Starting in N s" / "stopping in N s": the countdown of the state above.
    LektricoSensorDescription[Decision | None](
        key="solar_countdown",
        translation_key="solar_countdown",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        value_fn=lambda decision: decision.seconds_left if decision else None,
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the sensors this charger has."""
    runtime = entry.runtime_data
    groups: list[tuple[LektricoCoordinator[Any], Sequence[LektricoDescriptionMixin]]] = [
        (runtime.live, LIVE_SENSORS),
        (runtime.settings, SETTINGS_SENSORS),
        (runtime.statistics, STATISTICS_SENSORS),
    ]
    if runtime.solar:
        groups.append((runtime.solar, SOLAR_SENSORS))
    async_add_entities(build_entities(entry, groups, LektricoSensor))


class LektricoSensor(LektricoEntity[LektricoCoordinator[Any]], SensorEntity):
    """A sensor of the charger."""

    entity_description: LektricoSensorDescription[Any]

    @property
    def native_value(self) -> StateType:
        """The value from the coordinator's latest data."""
        return self.entity_description.value_fn(self.coordinator.data)
