"""Every control changes the simulated charger, and confirms itself by reading back."""

from __future__ import annotations

import pytest
import voluptuous as vol
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from pytest_homeassistant_custom_component.common import MockConfigEntry

from lektrico_sim import ChargerSimulator, Fault, SimulatorServer

PREFIX = "lektrico_3p22k_500006"
NEEDS_EM = pytest.mark.firmware_needs("em_current.set")


async def _call(
    hass: HomeAssistant, domain: str, service: str, entity: str, **data: object
) -> None:
    await hass.services.async_call(domain, service, {ATTR_ENTITY_ID: entity, **data}, blocking=True)


def _state(hass: HomeAssistant, entity_id: str) -> str:
    return hass.states.get(entity_id).state


@pytest.mark.firmware_needs("extended_charger_state", "has_active_errors")
@pytest.mark.usefixtures("plugged")
async def test_charging_switch_pauses_and_resumes(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """The charging switch pauses and resumes with one write and one read-back each."""
    switch = f"switch.{PREFIX}_charging"
    assert _state(hass, switch) == "on"
    sim_server.reset_counts()
    await _call(hass, "switch", "turn_off", switch)
    # One write, one read-back, and the entity shows the charger's answer at once.
    assert sim_server.request_counts["charge.pause"] == 1
    assert sim_server.request_counts["charger_info.get"] == 1
    assert sim_server.total_requests == 2
    assert _state(hass, switch) == "off"
    assert _state(hass, f"sensor.{PREFIX}_state") == "paused"
    await _call(hass, "switch", "turn_on", switch)
    assert sim_server.request_counts["charge.resume"] == 1
    assert _state(hass, f"sensor.{PREFIX}_state") == "charging"


@pytest.mark.firmware_needs("extended_charger_state")
async def test_charging_switch_starts_an_unauthorized_session(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """With authorization required, turning charging on starts the waiting session."""
    await _call(hass, "switch", "turn_on", f"switch.{PREFIX}_authorization_required")
    charger.plug_in()
    await init_integration.runtime_data.live.async_refresh()
    assert _state(hass, f"sensor.{PREFIX}_state") == "awaiting_authorization"
    assert _state(hass, f"switch.{PREFIX}_charging") == "off"
    await _call(hass, "switch", "turn_on", f"switch.{PREFIX}_charging")
    assert _state(hass, f"sensor.{PREFIX}_state") == "charging"


@pytest.mark.parametrize(
    ("entity", "config_key", "inverted"),
    [
        ("authorization_required", "headless", True),
        ("locked", "charger_locked", False),
        ("charging_schedule", "charging_schedule_enabled", False),
        ("energy_management", "energy_management_enabled", False),
    ],
)
async def test_config_switches(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    entity: str,
    config_key: str,
    inverted: bool,
) -> None:
    """Each settings switch writes its app-config key (inverted for authorization)."""
    switch = f"switch.{PREFIX}_{entity}"
    await _call(hass, "switch", "turn_on", switch)
    assert charger.state["app_config"][config_key] is (not inverted)
    assert _state(hass, switch) == "on"
    await _call(hass, "switch", "turn_off", switch)
    assert charger.state["app_config"][config_key] is inverted
    assert _state(hass, switch) == "off"


@pytest.mark.firmware_needs("extended_charger_state")
@pytest.mark.usefixtures("plugged")
async def test_lock_switch_updates_the_state_too(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Locking from the switch shows at once in the state sensor."""
    await _call(hass, "switch", "turn_on", f"switch.{PREFIX}_locked")
    assert _state(hass, f"sensor.{PREFIX}_state") == "locked"


@pytest.mark.firmware_needs("em_current.set")
@pytest.mark.usefixtures("plugged", "all_entities_enabled")
async def test_em_current_number(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """The EM current number writes once, limits the charger, and 0 pauses it."""
    await _call(hass, "switch", "turn_on", f"switch.{PREFIX}_energy_management")
    number = f"number.{PREFIX}_em_current"
    sim_server.reset_counts()
    await _call(hass, "number", "set_value", number, value=10)
    assert sim_server.request_counts["em_current.set"] == 1
    assert sim_server.total_requests == 2  # the write and one read-back
    assert _state(hass, number) == "10"
    await init_integration.runtime_data.live.async_refresh()
    assert _state(hass, f"sensor.{PREFIX}_offered_current") == "10"
    assert _state(hass, f"sensor.{PREFIX}_limit_reason") == "energy_management"
    await _call(hass, "number", "set_value", number, value=0)
    await init_integration.runtime_data.live.async_refresh()
    assert _state(hass, f"sensor.{PREFIX}_state") == "paused"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (1, "invalid_value_below_minimum_current"),
        (5, "invalid_value_below_minimum_current"),
        (3.5, "invalid_value_not_whole_number"),
    ],
)
@pytest.mark.parametrize(
    "entity",
    [
        pytest.param("em_current", marks=NEEDS_EM),
        "charging_current",
    ],
)
@pytest.mark.usefixtures("all_entities_enabled")
async def test_em_current_out_of_range_sends_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    entity: str,
    value: float,
    key: str,
) -> None:
    """Refused with a translated reason; nothing reaches the charger."""
    sim_server.reset_counts()
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "number", "set_value", f"number.{PREFIX}_{entity}", value=value)
    assert err.value.translation_key == key
    assert sim_server.total_requests == 0


@pytest.mark.parametrize(
    ("entity", "value", "config_key"),
    [
        ("user_current", 12, "user_current"),
        ("installation_current", 20, "install_current"),
        ("led_brightness", 40, "led_max_brightness"),
        ("led_dimming_delay", 30, "led_dimming_delay"),
    ],
)
@pytest.mark.usefixtures("all_entities_enabled")
async def test_config_numbers(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    entity: str,
    value: int,
    config_key: str,
) -> None:
    """Each settings number writes its app-config key and shows the value."""
    number = f"number.{PREFIX}_{entity}"
    await _call(hass, "number", "set_value", number, value=value)
    assert charger.state["app_config"][config_key] == value
    assert float(_state(hass, number)) == value


@pytest.mark.firmware_needs("pwm_current")
@pytest.mark.usefixtures("all_entities_enabled", "plugged")
async def test_dynamic_current_number(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The dynamic current number sets the current the charger offers."""
    await _call(hass, "number", "set_value", f"number.{PREFIX}_dynamic_current", value=8)
    assert _state(hass, f"number.{PREFIX}_dynamic_current") == "8"
    assert _state(hass, f"sensor.{PREFIX}_offered_current") == "8"


@pytest.mark.firmware_needs("currents")
@pytest.mark.usefixtures("plugged")
async def test_force_single_phase(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Forcing single phase leaves L2 at 0 A while L1 keeps charging."""
    await _call(hass, "switch", "turn_on", f"switch.{PREFIX}_force_single_phase")
    assert _state(hass, f"switch.{PREFIX}_force_single_phase") == "on"
    assert float(_state(hass, f"sensor.{PREFIX}_current_l2")) == 0
    assert float(_state(hass, f"sensor.{PREFIX}_current_l1")) > 6


@pytest.mark.parametrize(("option", "value"), [("l2", 2), ("l3", 3), ("l1", 1)])
@pytest.mark.usefixtures("all_entities_enabled")
async def test_connected_phase_select(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    option: str,
    value: int,
) -> None:
    """The connected-phase select writes the phase number to the app config."""
    select = f"select.{PREFIX}_connected_phase"
    await _call(hass, "select", "select_option", select, option=option)
    assert charger.state["app_config"]["connected_phase"] == value
    assert _state(hass, select) == option


# A Lektrico energy meter's key: a charger has the select only where its app config has it.
@pytest.mark.parametrize("charger_app_config", [{"load_balancing_mode": 0}])
async def test_load_balancing_select(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """The load-balancing select exists when the app config has the key, and writes it."""
    select = f"select.{PREFIX}_load_balancing_mode"
    await _call(hass, "select", "select_option", select, option="green")
    assert charger.state["app_config"]["load_balancing_mode"] == 3
    assert _state(hass, select) == "green"


@pytest.mark.firmware_needs("extended_charger_state")
@pytest.mark.usefixtures("plugged")
async def test_buttons(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Each charge button sends its method and the state follows."""
    expectations = {
        "pause_charging": ("charge.pause", "paused"),
        "resume_charging": ("charge.resume", "charging"),
        "stop_charging": ("charge.stop", "connected"),
        "start_charging": ("charge.start", "charging"),
    }
    for button, (method, state) in expectations.items():
        await _call(hass, "button", "press", f"button.{PREFIX}_{button}")
        assert sim_server.request_counts[method] == 1
        assert _state(hass, f"sensor.{PREFIX}_state") == state


# The maintenance buttons come with the Detailed diagnostics option.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
async def test_maintenance_buttons(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """The maintenance buttons reset logged errors, restart, check for updates, charge now."""
    charger.raise_error("overtemp")
    charger.clear_error("overtemp")
    await _call(hass, "button", "press", f"button.{PREFIX}_reset_logged_errors")
    assert init_integration.runtime_data.statistics.data.logged_errors.active == []
    await _call(hass, "button", "press", f"button.{PREFIX}_restart")
    await _call(hass, "button", "press", f"button.{PREFIX}_check_for_firmware_update")
    await _call(hass, "button", "press", f"button.{PREFIX}_charge_now")
    for method in (
        "logged_errors.reset",
        "device.reset",
        "ota.verify",
        "charging_schedule.override",
    ):
        assert sim_server.request_counts[method] == 1


async def test_command_failure_is_translated_and_not_retried(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """A failed command is raised with a translated message and is not sent twice."""
    sim_server.faults.add(Fault(kind="http500", methods=["charge.pause"]))
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "button", "press", f"button.{PREFIX}_pause_charging")
    assert err.value.translation_key == "invalid_response"
    assert sim_server.request_counts["charge.pause"] == 1


async def test_device_error_is_translated(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """A device error is raised with a translated message carrying its code."""
    sim_server.faults.add(Fault(kind="rpc_error", methods=["charge.start"], code=-1))
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "button", "press", f"button.{PREFIX}_start_charging")
    assert err.value.translation_key == "device_error"
    assert err.value.translation_placeholders["code"] == "-1"


async def test_unreachable_during_command(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """A command to an unreachable charger is raised as a communication error."""
    await sim_server.go_offline()
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "switch", "turn_on", f"switch.{PREFIX}_locked")
    assert err.value.translation_key == "communication_error"


@pytest.mark.parametrize(
    ("domain", "service", "entity", "data"),
    [
        pytest.param("number", "set_value", "em_current", {"value": 33}, marks=NEEDS_EM),
        pytest.param("number", "set_value", "em_current", {"value": -1}, marks=NEEDS_EM),
        pytest.param("number", "set_value", "em_current", {"value": "abc"}, marks=NEEDS_EM),
        ("number", "set_value", "user_current", {"value": 5}),
        ("number", "set_value", "led_brightness", {"value": -1}),
        ("number", "set_value", "charging_current", {"value": 33}),
        ("number", "set_value", "charging_current", {"value": 4}),
        ("select", "select_option", "connected_phase", {"option": "l4"}),
    ],
)
@pytest.mark.usefixtures("all_entities_enabled")
async def test_bad_input_on_entities_sends_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    domain: str,
    service: str,
    entity: str,
    data: dict[str, object],
) -> None:
    """Out-of-range or malformed values on entities are refused before any request."""
    sim_server.reset_counts()
    with pytest.raises((ServiceValidationError, vol.Invalid)):
        await _call(hass, domain, service, f"{domain}.{PREFIX}_{entity}", **data)
    assert sim_server.total_requests == 0
