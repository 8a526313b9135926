"""Arbitrary JSON into every parser: a model or LektricoResponseError, nothing else.

The normal run tries a thousand documents per parser; set HYPOTHESIS_PROFILE=long for more.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from custom_components.lektrico_local.api import (
    AppConfig,
    ChargerConfig,
    ChargerInfo,
    Counters,
    DeviceInfo,
    DynamicCurrent,
    EmStatus,
    ErrorFlags,
    LektricoError,
    LektricoResponseError,
    ScheduleInterval,
    SoftwareVersion,
    SystemCurrents,
    WifiStatus,
)
from custom_components.lektrico_local.api.client import _decode, _unwrap
from custom_components.lektrico_local.api.models import (
    em_current_from_response,
    schedule_from_response,
)

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
JSON = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=8,
)

PARSERS: dict[str, tuple[Callable[[Any], Any], list[str]]] = {
    "charger_info": (ChargerInfo.from_response, sorted(ChargerInfo.FIELDS)),
    "app_config": (
        AppConfig.from_response,
        ["headless", "install_current", "latitude", "led_template", "load_balancing_mode"],
    ),
    "counters": (
        Counters.from_response,
        ["total_charged_energy", "last_session_energy", "reset_counter"],
    ),
    "sw_version": (SoftwareVersion.from_response, ["fw_version", "fw_id"]),
    "errors": (
        ErrorFlags.from_response,
        ["state_e_activated", "state_machine_e_activated", "rcd_error"],
    ),
    "wifi": (WifiStatus.from_response, ["connected", "rssi", "sta_ip", "sta_name", "bssid"]),
    "system_currents": (
        SystemCurrents.from_response,
        ["cable_current ", "EM_current", "user_current"],
    ),
    "device_info": (DeviceInfo.from_response, ["device_id", "connected_phase", "fw_version"]),
    "charger_config": (ChargerConfig.from_response, ["serial_number", "board_revision"]),
    "dynamic_current": (DynamicCurrent.from_response, ["dynamic_current", "relay_mode"]),
    "em_status": (EmStatus.from_response, ["em_offline"]),
    "em_current": (em_current_from_response, ["EM_current"]),
    "schedule": (schedule_from_response, ["charging_schedule"]),
    "schedule_interval": (
        ScheduleInterval.from_response,
        ["start_d", "start_h", "end_d", "current"],
    ),
}


ALL_KEYS = sorted({key for _, keys in PARSERS.values() for key in keys})
DOCUMENTS = JSON | st.dictionaries(st.sampled_from(ALL_KEYS), JSON, max_size=12)


@given(document=DOCUMENTS)
def test_no_parser_ever_crashes(document: Any) -> None:
    """Every document goes through every parser: each parser sees every example."""
    for parse, _keys in PARSERS.values():
        with contextlib.suppress(LektricoResponseError):
            parse(document)


@given(
    status=st.sampled_from([200, 400, 404, 500, 503]),
    body=st.binary(max_size=64) | JSON.map(lambda value: repr(value).encode()),
)
def test_any_http_answer_is_a_result_or_our_error(status: int, body: bytes) -> None:
    """Any status and body the charger answers gives a result or one of the client's errors."""
    with contextlib.suppress(LektricoError):
        _unwrap("charger_info.get", _decode("charger_info.get", status, body))
