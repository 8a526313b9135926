"""Every action, its answers and its validation errors (nothing reaches the charger)."""

from __future__ import annotations

from typing import Any

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.lektrico_local.const import DOMAIN
from lektrico_sim import ChargerSimulator, SimulatorServer

from .conftest import SERIAL

NIGHT = {
    "start_day": "monday",
    "start_time": "22:00",
    "end_day": "tuesday",
    "end_time": "06:00",
    "current": 16,
}


@pytest.fixture
def device_id(hass: HomeAssistant, init_integration: MockConfigEntry) -> str:
    """The device registry id of the set-up charger, as actions take it."""
    device = dr.async_get(hass).async_get_device(identifiers={(DOMAIN, SERIAL)})
    assert device is not None
    return device.id


async def _action(
    hass: HomeAssistant, name: str, device_id: str, response: bool = False, **data: Any
) -> Any:
    return await hass.services.async_call(
        DOMAIN, name, {"device_id": device_id, **data}, blocking=True, return_response=response
    )


async def test_schedule_round_trip(
    hass: HomeAssistant, device_id: str, charger: ChargerSimulator
) -> None:
    """A schedule set by the action reads back as set and holds charging outside it."""
    await _action(hass, "set_charging_schedule", device_id, intervals=[NIGHT], enabled=True)
    schedule = await _action(hass, "get_charging_schedule", device_id, response=True)
    assert schedule == {"enabled": True, "intervals": [NIGHT]}
    # The simulator's clock says Monday 10:00: outside the interval, so plugging in waits.
    charger.plug_in()
    assert charger.state["extended_charger_state"] == "B_SCHEDULER"


async def test_schedule_with_day_numbers(hass: HomeAssistant, device_id: str) -> None:
    """Day numbers and numeric text in a schedule are accepted and read back as names."""
    interval = {**NIGHT, "start_day": 6, "end_day": "7", "current": "0"}
    await _action(hass, "set_charging_schedule", device_id, intervals=[interval])
    schedule = await _action(hass, "get_charging_schedule", device_id, response=True)
    assert schedule["intervals"] == [
        {**NIGHT, "start_day": "saturday", "end_day": "sunday", "current": 0}
    ]


def _range(field: str, value: str, minimum: str, maximum: str) -> dict[str, str]:
    return {"field": field, "value": value, "minimum": minimum, "maximum": maximum}


def assert_refused(err: ServiceValidationError, key: str, placeholders: dict[str, str]) -> None:
    """Translated with its own key and only its placeholders; the message reads in full."""
    assert err.translation_domain == DOMAIN
    assert (err.translation_key, err.translation_placeholders) == (key, placeholders)
    message = str(err)  # the English translation, filled in
    assert message != key
    assert "{" not in message
    assert all(value in message for value in placeholders.values())


FIRST = "charging_schedule[0]"
# name -> (interval, translation key, placeholders)
BAD_SCHEDULES: dict[str, tuple[dict[str, Any], str, dict[str, str]]] = {
    "day 0": (
        {**NIGHT, "start_day": 0},
        "invalid_value_out_of_range", _range(f"{FIRST}.start_day", "0", "1", "7"),
    ),
    "day 8": (
        {**NIGHT, "end_day": 8},
        "invalid_value_out_of_range", _range(f"{FIRST}.end_day", "8", "1", "7"),
    ),
    "day name": ({**NIGHT, "start_day": "funday"}, "invalid_day", {"value": "funday"}),
    "hour 24": (
        {**NIGHT, "start_time": "24:00"},
        "invalid_value_out_of_range", _range(f"{FIRST}.start_hour", "24", "0", "23"),
    ),
    "minute 60": (
        {**NIGHT, "end_time": "06:60"},
        "invalid_value_out_of_range", _range(f"{FIRST}.end_minute", "60", "0", "59"),
    ),
    "time text": ({**NIGHT, "end_time": "six"}, "invalid_time", {"value": "six"}),
    "current 5": (
        {**NIGHT, "current": 5},
        "invalid_value_below_minimum_current",
        {"field": f"{FIRST}.current", "value": "5", "minimum": "6"},
    ),
    "current 33": (
        {**NIGHT, "current": 33},
        "invalid_value_out_of_range", _range(f"{FIRST}.current", "33", "0", "32"),
    ),
    "current 6.5": (
        {**NIGHT, "current": 6.5},
        "invalid_value_not_whole_number", {"field": f"{FIRST}.current", "value": "6.5"},
    ),
    "current text": (
        {**NIGHT, "current": "abc"},
        "invalid_value_not_whole_number", {"field": f"{FIRST}.current", "value": '"abc"'},
    ),
    "end before start": (
        {**NIGHT, "start_day": "tuesday", "end_day": "monday"},
        "invalid_value_ends_before_start",
        {
            "field": FIRST,
            "start_day": "2", "start_time": "22:00", "end_day": "1", "end_time": "06:00",
        },
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("interval", "key", "placeholders"), BAD_SCHEDULES.values(), ids=BAD_SCHEDULES.keys()
)
async def test_bad_schedule_sends_nothing(
    hass: HomeAssistant,
    device_id: str,
    sim_server: SimulatorServer,
    interval: dict[str, Any],
    key: str,
    placeholders: dict[str, str],
) -> None:
    """Each malformed schedule interval is refused with its reason and sends nothing."""
    sim_server.reset_counts()
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "set_charging_schedule", device_id, intervals=[interval])
    assert_refused(err.value, key, placeholders)
    assert sim_server.total_requests == 0


async def test_overlapping_schedule_sends_nothing(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer
) -> None:
    """Overlapping intervals are refused, naming both, and nothing is sent."""
    sim_server.reset_counts()
    overlap = {**NIGHT, "start_time": "23:00"}
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "set_charging_schedule", device_id, intervals=[NIGHT, overlap])
    assert_refused(
        err.value,
        "invalid_value_overlap",
        {"field": "charging_schedule[1]", "other": "charging_schedule[0]"},
    )
    assert sim_server.total_requests == 0


async def test_start_charging_with_tag(
    hass: HomeAssistant, device_id: str, charger: ChargerSimulator, sim_server: SimulatorServer
) -> None:
    """start_charging with a tag starts a session that waits for authorization."""
    charger.set_app_config("headless", False)
    charger.plug_in()
    await _action(hass, "start_charging", device_id, tag="HA-automation")
    assert charger.state["extended_charger_state"] == "C"
    assert sim_server.request_counts["charge.start"] == 1


@pytest.mark.firmware_needs("em_current.set")
@pytest.mark.parametrize("current", [0, 6, 32, "16"])
async def test_set_em_current(
    hass: HomeAssistant, device_id: str, charger: ChargerSimulator, current: Any
) -> None:
    """set_em_current sets the charger's EM current, from a number or its text."""
    await _action(hass, "set_em_current", device_id, current=current)
    assert charger.state["em_current"] == int(current)


@pytest.mark.parametrize(
    ("current", "key", "placeholders"),
    [
        (1, "invalid_value_below_minimum_current", {"value": "1", "minimum": "6"}),
        (5, "invalid_value_below_minimum_current", {"value": "5", "minimum": "6"}),
        ("5", "invalid_value_below_minimum_current", {"value": "5", "minimum": "6"}),
        (33, "invalid_value_out_of_range", {"value": "33", "minimum": "0", "maximum": "32"}),
        (-1, "invalid_value_out_of_range", {"value": "-1", "minimum": "0", "maximum": "32"}),
        (6.5, "invalid_value_not_whole_number", {"value": "6.5"}),
        ("abc", "invalid_value_not_whole_number", {"value": '"abc"'}),
    ],
)
async def test_set_em_current_out_of_range(
    hass: HomeAssistant,
    device_id: str,
    sim_server: SimulatorServer,
    current: Any,
    key: str,
    placeholders: dict[str, str],
) -> None:
    """EM currents out of range or not whole are refused with their reason, unsent."""
    sim_server.reset_counts()
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "set_em_current", device_id, current=current)
    assert_refused(err.value, key, {"field": "EM_current", **placeholders})
    assert sim_server.total_requests == 0


async def test_reset_logged_errors(
    hass: HomeAssistant, device_id: str, charger: ChargerSimulator
) -> None:
    """reset_logged_errors clears the charger's logged errors."""
    charger.raise_error("meter_fault")
    charger.clear_error("meter_fault")
    await _action(hass, "reset_logged_errors", device_id)
    assert charger.state.logged_errors == []


@pytest.mark.parametrize("password", ["", "x" * 8, "x" * 63])
async def test_set_ap_password(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer, password: str
) -> None:
    """An empty password and passwords of 8 and 63 characters are sent."""
    await _action(hass, "set_ap_password", device_id, password=password)
    assert sim_server.request_counts["ap_password.set"] == 1


def _length(length: int) -> dict[str, str]:
    return {"length": str(length), "minimum": "8", "maximum": "63"}


@pytest.mark.parametrize(
    ("password", "key", "placeholders"),
    [
        ("x", "invalid_value_password_length", _length(1)),
        ("x" * 7, "invalid_value_password_length", _length(7)),
        ("x" * 64, "invalid_value_password_length", _length(64)),
        (12345678, "invalid_value_not_text", {"value": "12345678"}),
    ],
)
async def test_set_ap_password_refused(
    hass: HomeAssistant,
    device_id: str,
    sim_server: SimulatorServer,
    password: Any,
    key: str,
    placeholders: dict[str, str],
) -> None:
    """Passwords of the wrong length or type are refused with their reason, unsent."""
    sim_server.reset_counts()
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "set_ap_password", device_id, password=password)
    assert_refused(err.value, key, {"field": "password", **placeholders})
    assert sim_server.total_requests == 0


@pytest.mark.parametrize(
    ("tag", "key", "placeholders"),
    [
        (" ", "invalid_value_empty", {}),
        ("x" * 37, "invalid_value_too_long", {"length": "37", "maximum": "36"}),
    ],
)
async def test_start_charging_with_a_bad_tag(
    hass: HomeAssistant,
    device_id: str,
    sim_server: SimulatorServer,
    tag: str,
    key: str,
    placeholders: dict[str, str],
) -> None:
    """A blank or too long tag is refused with its reason, unsent."""
    sim_server.reset_counts()
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "start_charging", device_id, tag=tag)
    assert_refused(err.value, key, {"field": "tag", **placeholders})
    assert sim_server.total_requests == 0


async def test_refusal_over_the_websocket_api(
    hass: HomeAssistant,
    device_id: str,
    sim_server: SimulatorServer,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Called the way the UI calls it: the reply carries the key, its placeholders and a
    readable message, and nothing reached the charger."""
    client = await hass_ws_client(hass)
    sim_server.reset_counts()
    await client.send_json_auto_id(
        {
            "type": "call_service",
            "domain": DOMAIN,
            "service": "set_charging_schedule",
            "service_data": {
                "device_id": device_id,
                "intervals": [NIGHT, {**NIGHT, "start_time": "23:00"}],
            },
        }
    )
    reply = await client.receive_json()
    assert not reply["success"]
    error = reply["error"]
    assert error["code"] == "service_validation_error"
    assert error["translation_domain"] == DOMAIN
    assert error["translation_key"] == "invalid_value_overlap"
    assert error["translation_placeholders"] == {
        "field": "charging_schedule[1]",
        "other": "charging_schedule[0]",
    }
    assert error["message"] == (
        "Validation error: charging_schedule[1] overlaps charging_schedule[0]; "
        "the intervals of a schedule must not overlap"
    )
    assert sim_server.total_requests == 0


@pytest.mark.parametrize("confirm", [False, "yes", "true"])
async def test_factory_reset_needs_confirmation(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer, confirm: Any
) -> None:
    """A factory reset without confirm=True is refused and nothing is sent."""
    sim_server.reset_counts()
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "factory_reset", device_id, confirm=confirm)
    assert err.value.translation_key == "confirmation_required"
    assert sim_server.total_requests == 0


async def test_factory_reset(
    hass: HomeAssistant, device_id: str, charger: ChargerSimulator
) -> None:
    """A confirmed factory reset brings the charger's settings back to their defaults."""
    charger.set_app_config("led_max_brightness", 20)
    await _action(hass, "factory_reset", device_id, confirm=True)
    assert charger.state["app_config"]["led_max_brightness"] == 100


@pytest.mark.usefixtures("plugged")
async def test_get_evse(hass: HomeAssistant, device_id: str, charger: ChargerSimulator) -> None:
    """get_evse describes the charger as an OCPI EVSE: id, place, connector, capabilities."""
    charger.set_app_config("latitude", 45.75)
    charger.set_app_config("longitude", 21.23)
    await hass.config_entries.async_entries(DOMAIN)[0].runtime_data.settings.async_refresh()
    evse = await _action(hass, "get_evse", device_id, response=True)
    assert evse["uid"] == SERIAL
    assert evse["coordinates"] == {"latitude": "45.750000", "longitude": "21.230000"}
    assert evse["last_updated"].endswith("Z")
    (connector,) = evse["connectors"]
    assert connector["status"] == "CHARGING"
    assert connector["standard"] == "IEC_62196_T2"
    assert connector["power_type"] == "AC_3_PHASE"
    assert connector["max_voltage"] == 230
    assert connector["max_electric_power"] == connector["max_amperage"] * 230 * 3
    assert "REMOTE_START_STOP_CAPABLE" in evse["capabilities"]


async def test_action_for_an_unknown_device(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An action for a device that is not a charger is refused as unknown_device."""
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "reset_logged_errors", "not-a-device")
    assert err.value.translation_key == "unknown_device"


async def test_action_for_an_unloaded_charger(
    hass: HomeAssistant, device_id: str, init_integration: MockConfigEntry
) -> None:
    """An action for a charger whose entry is unloaded is refused as not_loaded."""
    await hass.config_entries.async_unload(init_integration.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _action(hass, "reset_logged_errors", device_id)
    assert err.value.translation_key == "not_loaded"
