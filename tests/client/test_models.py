"""Tolerant parsing: firmware differences never crash a model."""

from __future__ import annotations

import logging

import pytest

from custom_components.lektrico_local.api import (
    AppConfig,
    ChargerInfo,
    ChargerModel,
    ChargerState,
    DeviceInfo,
    ErrorFlags,
    LektricoResponseError,
    LimitReason,
    LoadBalancingMode,
    ScheduleInterval,
    SurpriseLog,
    SystemCurrents,
    WifiStatus,
    _parse,
)
from custom_components.lektrico_local.api.models import schedule_from_response

# The field notes' example from a real unit in state B waiting for authorization.
REAL_UNIT_INFO = {
    "charger_state": "B",
    "extended_charger_state": "B_AUTH",
    "session_energy": 38.48,
    "instant_power": 0.0,
    "currents": [0.0, 0.0, 0.0],
    "voltages": [237.65, 0.0, 0.0],
    "total_charged_energy": 9683.844,
    "dynamic_current": 32,
    "relay_mode": 0,
    "has_active_errors": False,
    "charger_is_paused": False,
    "current_limit_reason": 2,
    "temperature": 18.8,
    "fw_version": "1.51",
    "headless": True,
    "install_current": 32,
}


def test_real_unit_example() -> None:
    """A charger_info answer captured from a real unit parses to the values it carries."""
    info = ChargerInfo.from_response(REAL_UNIT_INFO)
    assert info.state is ChargerState.AWAITING_AUTHORIZATION
    assert info.vehicle_connected is True
    assert info.charging is False
    assert info.limit_reason is LimitReason.USER_CURRENT
    assert info.total_charged_energy == 9683.844
    assert info.voltages == (237.65, 0.0, 0.0)
    assert info.session_id is None  # not sent by that firmware
    assert info.pwm_current is None


@pytest.mark.parametrize("reason", range(12))
def test_every_known_limit_reason(reason: int) -> None:
    """Each of the twelve documented limit-reason numbers maps to its LimitReason."""
    info = ChargerInfo.from_response({**REAL_UNIT_INFO, "current_limit_reason": reason})
    assert info.limit_reason == reason


@pytest.mark.parametrize(
    ("field", "value", "attribute", "expected"),
    [
        ("current_limit_reason", 12, "limit_reason", None),
        ("current_limit_reason", "3", "limit_reason", LimitReason.DYNAMIC_CURRENT),
        ("extended_charger_state", "B_NEW", "state", None),
        ("instant_power", "1200.5", "instant_power", 1200.5),
        ("instant_power", "lots", "instant_power", None),
        ("instant_power", True, "instant_power", None),
        ("headless", "true", "headless", True),
        ("headless", 0, "headless", False),
        ("headless", "yes please", "headless", None),
        ("currents", None, "currents", (None, None, None)),
        ("currents", [6.0], "currents", (6.0, None, None)),
        ("currents", [6.0, 7.0], "currents", (6.0, 7.0, None)),
        ("currents", [1, 2, 3, 4], "currents", (1.0, 2.0, 3.0)),
        ("currents", "6,6,6", "currents", (None, None, None)),
        ("session_id", 12.0, "session_id", 12),
        ("session_id", float("nan"), "session_id", None),
        ("fw_version", 1.51, "fw_version", "1.51"),
        ("fw_version", ["1"], "fw_version", None),
    ],
)
def test_odd_values_become_usable_or_none(
    field: str, value: object, attribute: str, expected: object
) -> None:
    """Odd types and values are converted when their meaning is clear and become None otherwise."""
    info = ChargerInfo.from_response({**REAL_UNIT_INFO, field: value})
    assert getattr(info, attribute) == expected


def test_empty_object_is_all_unknown() -> None:
    """An empty charger_info answer parses, with every value unknown."""
    info = ChargerInfo.from_response({})
    assert info.state is None
    assert info.vehicle_connected is None
    assert info.charging is None
    assert info.currents == (None, None, None)


@pytest.mark.parametrize("garbage", [None, [], "A", 3, True])
def test_non_object_is_a_response_error(garbage: object) -> None:
    """An answer that is not a JSON object raises LektricoResponseError."""
    with pytest.raises(LektricoResponseError):
        ChargerInfo.from_response(garbage)


def test_surprises_are_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    """An unknown value is logged once, however often the charger sends it."""
    caplog.set_level(logging.DEBUG)
    odd = {**REAL_UNIT_INFO, "extended_charger_state": "LOGGED_ONCE_STATE"}
    for _ in range(5):
        ChargerInfo.from_response(odd)
    messages = [r.getMessage() for r in caplog.records if "LOGGED_ONCE_STATE" in r.getMessage()]
    assert len(messages) == 1
    assert "unknown ChargerState" in messages[0]


def test_old_firmware_error_flag_name() -> None:
    """The old firmware's state_machine_e_activated flag is read as state_e_activated."""
    flags = ErrorFlags.from_response({"state_machine_e_activated": True, "overtemp": False})
    assert flags.active == ["state_e_activated"]
    assert flags.flags["overtemp"] is False
    assert flags.flags["rcd_error"] is None


def test_document_keys_with_stray_spaces() -> None:
    """Keys written with a trailing space, as the vendor's document has them, are still read."""
    currents = SystemCurrents.from_response(
        {"cable_current ": 32, "EM_current ": 10, "user_current": 16}
    )
    assert currents.cable_current == 32
    assert currents.em_current == 10
    assert currents.user_current == 16
    assert currents.ocpp_current is None


def test_app_config_load_balancing_mode() -> None:
    """A known load-balancing mode number becomes its enum, an unknown one None."""
    assert (
        AppConfig.from_response({"load_balancing_mode": 3}).load_balancing_mode
        is LoadBalancingMode.GREEN
    )
    assert AppConfig.from_response({"load_balancing_mode": 9}).load_balancing_mode is None


@pytest.mark.parametrize(
    ("device_id", "model", "serial"),
    [
        ("1p7k_500006", ChargerModel.ONE_PHASE, "500006"),
        ("3P22K_123", ChargerModel.THREE_PHASE, "123"),
        ("em_42", None, "42"),
        ("", None, None),
        (None, None, None),
    ],
)
def test_device_id_split(
    device_id: str | None, model: ChargerModel | None, serial: str | None
) -> None:
    """The device id splits into model and serial; a meter's id has no charger model."""
    info = DeviceInfo.from_response({"device_id": device_id})
    assert info.model is model
    assert info.serial_number == serial


def test_schedule_skips_unusable_entries() -> None:
    """Incomplete or malformed schedule entries are skipped; a missing schedule is empty."""
    good = {
        "start_d": 1,
        "start_h": 22,
        "start_m": 0,
        "end_d": 2,
        "end_h": 6,
        "end_m": 0,
        "current": 16,
    }
    data = {"charging_schedule": [good, {"start_d": 1}, "nonsense", None]}
    assert schedule_from_response(data) == [ScheduleInterval(1, 22, 0, 2, 6, 0, 16)]
    assert schedule_from_response({"charging_schedule": None}) == []
    assert schedule_from_response({}) == []


def test_private_values_never_reach_the_log(caplog: pytest.LogCaptureFixture) -> None:
    """A surprising private value (location, owner) is logged by key only, redacted."""
    caplog.set_level(logging.DEBUG)
    AppConfig.from_response({"latitude": ["45.7512"], "owner_id": {"name": "Owner-4711"}})
    assert "latitude" in caplog.text
    assert "45.7512" not in caplog.text
    assert "Owner-4711" not in caplog.text
    assert "<redacted>" in caplog.text


def test_one_line_per_response_however_many_surprises(caplog: pytest.LogCaptureFixture) -> None:
    """Several surprises in one answer are logged together on one line."""
    caplog.set_level(logging.DEBUG)
    ChargerInfo.from_response({"instant_power": "x1", "temperature": "x2", "heap_free": "x3"})
    lines = [
        r for r in caplog.records if "charger_info" in r.getMessage() and "x1" in r.getMessage()
    ]
    assert len(lines) == 1
    assert "'x2'" in lines[0].getMessage()


def test_the_all_unknown_info_notes_no_field_as_missing() -> None:
    """Built at import for garbage answers, it must not use up the once-only log of a field."""
    info = ChargerInfo.unknown()
    assert info.state is None
    assert info.currents == (None, None, None)
    assert _parse._reported == set()
    ChargerInfo.from_response({})  # reading an empty answer does note every field
    assert ("charger_info", "relay_mode", "missing") in _parse._reported


def test_a_parse_with_its_own_log_leaves_the_shared_memo_alone() -> None:
    """A parse given its own SurpriseLog records surprises there, not in the shared memo."""
    log = SurpriseLog()
    ChargerInfo.from_response({}, log)
    assert ("charger_info", "relay_mode", "missing") in log
    assert _parse._reported == set()


def test_fields_are_read_by_their_declared_wire_keys() -> None:
    """Where the firmware's name differs, the field declares it: `sta_ip` -> ip_address."""
    wifi = WifiStatus.from_response({"sta_ip": "192.0.2.7", "sta_name": "home", "rssi": "-61"})
    assert (wifi.ip_address, wifi.ssid, wifi.rssi) == ("192.0.2.7", "home", -61)
    assert "extended_charger_state" in ChargerInfo.FIELDS
    assert "state" not in ChargerInfo.FIELDS
    assert "reported" not in ChargerInfo.FIELDS


def test_old_firmware_falls_back_to_single_values_and_the_iec_letter() -> None:
    """Without arrays or an extended state, the single current, voltage and IEC letter are used."""
    info = ChargerInfo.from_response({"charger_state": "c", "current": 6, "voltage": 230})
    assert info.state is ChargerState.CHARGING
    assert info.currents == (6.0, None, None)
    assert info.voltages == (230.0, None, None)
    assert info.reported == {"charger_state", "current", "voltage"}
    # An extended state the firmware sends, however odd, is not replaced by the letter.
    assert (
        ChargerInfo.from_response({"charger_state": "C", "extended_charger_state": None}).state
        is None
    )


def test_schedule_interval_round_trips_through_its_wire_form() -> None:
    """A schedule interval written in its wire form reads back unchanged."""
    interval = ScheduleInterval(1, 22, 0, 2, 6, 30, 16)
    assert interval.as_wire()["end_m"] == 30
    assert ScheduleInterval.from_response(interval.as_wire()) == interval
