"""Async client for the local API of Lektrico 1P7K / 3P22K EV chargers.

Independent of Home Assistant: it needs aiohttp, yarl and orjson only.
"""

from ._parse import SurpriseLog
from .client import LektricoClient
from .const import (
    ERROR_FLAGS,
    MAX_CHARGING_CURRENT,
    MIN_CHARGING_CURRENT,
    ChargerModel,
    ChargerState,
    LimitReason,
    LoadBalancingMode,
    RelayMode,
)
from .exceptions import (
    LektricoConnectionError,
    LektricoDeviceError,
    LektricoError,
    LektricoNotAChargerError,
    LektricoResponseError,
    LektricoTimeoutError,
    LektricoUnsupportedMethodError,
    LektricoValidationError,
    ValidationReason,
)
from .models import (
    AppConfig,
    ChargerConfig,
    ChargerInfo,
    Counters,
    DeviceIdentity,
    DeviceInfo,
    DynamicCurrent,
    EmStatus,
    ErrorFlags,
    ScheduleInterval,
    SoftwareVersion,
    SystemCurrents,
    WifiStatus,
)

__all__ = [
    "ERROR_FLAGS",
    "MAX_CHARGING_CURRENT",
    "MIN_CHARGING_CURRENT",
    "AppConfig",
    "ChargerConfig",
    "ChargerInfo",
    "ChargerModel",
    "ChargerState",
    "Counters",
    "DeviceIdentity",
    "DeviceInfo",
    "DynamicCurrent",
    "EmStatus",
    "ErrorFlags",
    "LektricoClient",
    "LektricoConnectionError",
    "LektricoDeviceError",
    "LektricoError",
    "LektricoNotAChargerError",
    "LektricoResponseError",
    "LektricoTimeoutError",
    "LektricoUnsupportedMethodError",
    "LektricoValidationError",
    "LimitReason",
    "LoadBalancingMode",
    "RelayMode",
    "ScheduleInterval",
    "SoftwareVersion",
    "SurpriseLog",
    "SystemCurrents",
    "ValidationReason",
    "WifiStatus",
]
