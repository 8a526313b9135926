"""What real units do differently from the API document, one test per fact.

Each test runs the simulator in the firmware profile whose captures show the fact
(document, 1.51, 1.47, 1.23), over a real loopback socket.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from ipaddress import ip_address
from typing import Any

import pytest
from homeassistant.config_entries import SOURCE_USER, SOURCE_ZEROCONF
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.lektrico_local.api import DynamicCurrent
from custom_components.lektrico_local.const import (
    CONF_CONTROL_LEVER,
    CONF_GRID_SENSOR,
    DOMAIN,
    ControlLever,
)
from custom_components.lektrico_local.lever import relay_mode
from custom_components.lektrico_local.solar import ControllerState, Decision
from lektrico_sim import (
    FIRMWARE_PROFILES,
    ChargerSimulator,
    EnergyMeterSimulator,
    Fault,
    ManualClock,
    SimulatorServer,
)

from .conftest import refresh_all, refresh_live
from .ui import refusal_from_the_ui

PREFIX = "lektrico_3p22k_500006"
REAL_FIRMWARE = [profile for profile in FIRMWARE_PROFILES if profile != "document"]


async def _call(hass: HomeAssistant, domain: str, service: str, entity: str, **data: Any) -> None:
    await hass.services.async_call(
        domain, service, {"entity_id": f"{domain}.{PREFIX}_{entity}", **data}, blocking=True
    )


def _state(hass: HomeAssistant, domain: str, entity: str) -> str:
    return hass.states.get(f"{domain}.{PREFIX}_{entity}").state


def _entity_ids(hass: HomeAssistant, entry: MockConfigEntry) -> set[str]:
    registry = er.async_get(hass)
    return {e.entity_id for e in er.async_entries_for_config_entry(registry, entry.entry_id)}


# --- phase relays --------------------------------------------------------------------------


@pytest.mark.usefixtures("plugged")
async def test_force_single_phase_sends_1_and_3(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """On every firmware (1.47 has no relay_mode in charger_info) the switch sends 1 and 3."""
    assert _state(hass, "switch", "force_single_phase") == "off"
    await _call(hass, "switch", "turn_on", "force_single_phase")
    assert charger.state.relay_mode == 1
    assert _state(hass, "switch", "force_single_phase") == "on"
    await _call(hass, "switch", "turn_off", "force_single_phase")
    assert charger.state.relay_mode == 3
    assert _state(hass, "switch", "force_single_phase") == "off"


@pytest.mark.usefixtures("plugged")
async def test_switching_phases_keeps_a_paused_unit_paused(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """The dynamic current goes through unchanged: 0 A stays 0 A, not 32."""
    await _call(hass, "number", "set_value", "charging_current", value=0)
    assert charger.state.dynamic_current == 0
    await _call(hass, "switch", "turn_on", "force_single_phase")
    assert charger.state.relay_mode == 1
    assert charger.state.dynamic_current == 0
    await _call(hass, "switch", "turn_off", "force_single_phase")
    assert charger.state.dynamic_current == 0
    await refresh_live(hass, init_integration)
    assert charger.state.extended_charger_state == "B_PAUSE"
    assert _state(hass, "binary_sensor", "charging") == "off"


@pytest.mark.parametrize("charger_model", ["1p7k"])
async def test_no_relay_switch_on_a_single_phase_unit(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A 1P7K reports relay_mode 0: no phase relays, no switch."""
    assert not any("force_single_phase" in entity for entity in _entity_ids(hass, init_integration))


@pytest.mark.parametrize("firmware", ["1.47"])
@pytest.mark.parametrize(
    "entry_options", [{CONF_GRID_SENSOR: "sensor.grid", "phase_switching": True}]
)
async def test_a_refused_phase_switch_still_writes_the_current(
    init_integration: MockConfigEntry, sim_server: SimulatorServer, charger: ChargerSimulator
) -> None:
    """Solar phase switching: the relays refuse, the current of the same cycle still goes out."""
    solar = init_integration.runtime_data.solar
    assert solar is not None
    sim_server.faults.add(Fault(kind="rpc_error", methods=["dynamic_current.set"], count=1))
    decision = Decision(setpoint=10, write=True, state=ControllerState.STARTING, phases=1)
    await solar._send(decision, 0.0)
    assert charger.state.relay_mode == 3  # refused
    assert charger.state.dynamic_current == 10  # but the current went out


# --- the control lever ---------------------------------------------------------------------


@pytest.mark.usefixtures("plugged")
async def test_charging_current_steers_the_dynamic_current_by_default(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """What every public client does; energy management is left alone."""
    sim_server.reset_counts()
    await _call(hass, "number", "set_value", "charging_current", value=10)
    assert charger.state.dynamic_current == 10
    assert sim_server.request_counts["em_current.set"] == 0
    assert sim_server.request_counts["app_config.set"] == 0
    assert _state(hass, "number", "charging_current") == "10"
    assert charger.state.pwm_current == 10
    if init_integration.runtime_data.live.data.info.pwm_current is not None:  # not on 1.23
        assert _state(hass, "sensor", "offered_current") == "10"


@pytest.mark.firmware_needs("em_current.set")
@pytest.mark.parametrize("entry_options", [{CONF_CONTROL_LEVER: "em_current"}])
@pytest.mark.usefixtures("plugged")
async def test_charging_current_through_the_em_current_when_picked(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """With the EM-current lever picked, Charging current writes the EM current instead."""
    await _call(hass, "number", "set_value", "charging_current", value=10)
    assert charger.state.em_current == 10
    assert charger.state.app_config["energy_management_enabled"] is True
    assert _state(hass, "number", "charging_current") == "10"
    await refresh_live(hass, init_integration)
    assert _state(hass, "sensor", "limit_reason") == "energy_management"


@pytest.mark.parametrize("firmware", ["1.23"])
@pytest.mark.parametrize("entry_options", [{CONF_CONTROL_LEVER: "em_current"}])
@pytest.mark.usefixtures("plugged")
async def test_without_em_methods_the_dynamic_current_is_used(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """Firmware 1.23 lacks EM_current.Set: picking it cannot leave the user without control."""
    await _call(hass, "number", "set_value", "charging_current", value=10)
    assert charger.state.dynamic_current == 10
    assert _state(hass, "number", "charging_current") == "10"


async def _set_lever_option(
    hass: HomeAssistant, entry: MockConfigEntry, lever: ControlLever
) -> None:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "control"}
    )
    assert result["step_id"] == "control"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_CONTROL_LEVER: lever.value}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def test_the_lever_is_picked_in_the_options(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The dynamic current is the default lever; the options switch it to the EM current."""
    assert init_integration.runtime_data.chosen_lever is ControlLever.DYNAMIC_CURRENT
    await _set_lever_option(hass, init_integration, ControlLever.EM_CURRENT)
    assert init_integration.options[CONF_CONTROL_LEVER] == "em_current"
    assert init_integration.runtime_data.chosen_lever is ControlLever.EM_CURRENT


@pytest.fixture
def meter_drives_em(charger: ChargerSimulator) -> ChargerSimulator:
    """An installed Lektrico energy meter holds the EM current at 6 A."""
    charger.attach_energy_meter(6)
    return charger


@pytest.mark.parametrize("firmware", ["1.47"])
@pytest.mark.parametrize("entry_options", [{CONF_CONTROL_LEVER: "em_current"}])
@pytest.mark.usefixtures("plugged", "meter_drives_em")
async def test_an_energy_meter_owns_the_em_current(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """The EM lever gives way to the dynamic current, and a repair issue says why."""
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"energy_meter_owns_em_current_{init_integration.entry_id}"
    )
    assert issue is not None
    assert issue.translation_key == "energy_meter_owns_em_current"
    sim_server.reset_counts()
    await _call(hass, "number", "set_value", "charging_current", value=10)
    assert sim_server.request_counts["em_current.set"] == 0
    assert charger.state.dynamic_current == 10
    assert charger.state.em_current == 6  # the meter's, untouched


@pytest.mark.parametrize("firmware", ["1.47"])
@pytest.mark.usefixtures("plugged", "meter_drives_em", "all_entities_enabled")
async def test_the_em_current_number_refuses_to_fight_the_meter(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Refused as the UI sends it (WebSocket), with a readable, translated message."""
    sim_server.reset_counts()
    error = await refusal_from_the_ui(
        hass,
        hass_ws_client,
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_em_current", "value": 16},
    )
    assert error["code"] == "service_validation_error"
    assert error["translation_key"] == "energy_meter_owns_em_current"
    assert "energy meter" in error["message"]
    assert sim_server.request_counts["em_current.set"] == 0


async def test_no_repair_issue_without_a_meter(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without an energy meter driving the EM current, no repair issue is raised."""
    assert (
        ir.async_get(hass).async_get_issue(
            DOMAIN, f"energy_meter_owns_em_current_{init_integration.entry_id}"
        )
        is None
    )


# --- energy meters on the network ----------------------------------------------------------


@pytest.fixture
async def energy_meter(socket_enabled: None) -> AsyncIterator[SimulatorServer]:
    """A Lektrico energy meter (m2w_…) on the network, answering as chargers lack methods."""
    server = SimulatorServer(EnergyMeterSimulator(serial=700001, clock=ManualClock()))
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


async def test_manual_setup_refuses_an_energy_meter(
    hass: HomeAssistant, energy_meter: SimulatorServer
) -> None:
    """Adding a Lektrico energy meter by hand aborts: it is not a charger."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: f"127.0.0.1:{energy_meter.port}"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "energy_meter"
    assert not hass.config_entries.async_entries(DOMAIN)


async def test_discovery_refuses_an_energy_meter(
    hass: HomeAssistant, energy_meter: SimulatorServer
) -> None:
    """A discovered Lektrico energy meter is refused too."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_ZEROCONF},
        data=ZeroconfServiceInfo(
            ip_address=ip_address("127.0.0.1"),
            ip_addresses=[ip_address("127.0.0.1")],
            hostname="lektrico-em-700001.local.",
            name="lektrico-em-700001._http._tcp.local.",
            port=energy_meter.port,
            type="_http._tcp.local.",
            properties={},
        ),
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "energy_meter"


async def test_no_load_balancing_select_on_a_charger(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """load_balancing_mode is the meter's key: a charger's app config does not have it."""
    assert not any("load_balancing" in entity for entity in _entity_ids(hass, init_integration))


# --- identification and feature detection ----------------------------------------------------


async def test_identification_starts_with_device_id(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Set-up identifies the charger by asking device_id.get, once."""
    assert sim_server.request_counts["device_id.get"] == 1
    assert init_integration.runtime_data.identity.serial_number == "500006"


@pytest.mark.parametrize("firmware", ["1.23", "1.51"])
@pytest.mark.parametrize("fault", ["missing_method", "rpc_error", "not_json"])
async def test_identification_falls_back_when_device_id_is_not_the_charger_speaking(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    sim_server: SimulatorServer,
    fault: str,
) -> None:
    """HTTP 404, HTTP 200 with an error object, garbage: the next identity method is asked."""
    sim_server.faults.add(Fault(kind=fault, methods=["device_id.get"], count=1))
    config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.runtime_data.identity.serial_number == "500006"
    await hass.config_entries.async_unload(config_entry.entry_id)


@pytest.mark.parametrize("firmware", ["1.23"])
@pytest.mark.parametrize("unknown_method", ["http404", "rpc_error"])
async def test_methods_old_firmware_lacks_are_left_out(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Either way a unit says "no such method", the feature is left out and named once."""
    runtime = init_integration.runtime_data
    assert {"system_currents", "em_status"} <= runtime.settings.unsupported
    entities = _entity_ids(hass, init_integration)
    assert f"number.{PREFIX}_em_current" not in entities
    assert f"sensor.{PREFIX}_power" in entities
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"missing_methods_{init_integration.entry_id}"
    )
    assert issue is not None
    assert "system_currents" in issue.translation_placeholders["methods"]
    sim_server.reset_counts()
    await refresh_all(hass, init_integration)
    assert sim_server.request_counts["system_currents.get"] == 0


# --- old and newer firmware --------------------------------------------------------------------


@pytest.mark.parametrize("firmware", ["1.23"])
@pytest.mark.usefixtures("plugged")
async def test_firmware_1_23_state_and_phase_values_from_single_fields(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """No extended state and no arrays: the IEC letter and the single current/voltage."""
    assert _state(hass, "sensor", "state") == "charging"
    assert float(_state(hass, "sensor", "current_l1")) > 6
    assert _state(hass, "binary_sensor", "charging") == "on"


@pytest.mark.parametrize("firmware", ["1.23"])
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
async def test_firmware_1_23_voltage_from_the_single_field(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """On firmware 1.23 the L1 voltage sensor reads the single voltage field."""
    assert float(_state(hass, "sensor", "voltage_l1")) == pytest.approx(
        charger.state.voltages[0], abs=0.5
    )


@pytest.mark.parametrize("firmware", ["1.47"])
@pytest.mark.usefixtures("plugged", "meter_drives_em")
async def test_firmware_1_47_em_current_is_read_not_logged_as_unknown(
    hass: HomeAssistant, init_integration: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    """Firmware 1.47's em_current field is read, not logged as an unknown key."""
    caplog.set_level(logging.DEBUG)
    await refresh_live(hass, init_integration)
    assert init_integration.runtime_data.live.data.info.em_current == 6
    assert "em_current is unknown" not in caplog.text


async def test_led_brightness_goes_down_to_0(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """The vendor lowered the minimum from the document's 10 to 0."""
    await _call(hass, "number", "set_value", "led_brightness", value=0)
    assert charger.state.app_config["led_max_brightness"] == 0
    assert _state(hass, "number", "led_brightness") == "0"


# --- outages -----------------------------------------------------------------------------------


SLOW_FED = [
    ("number", "user_current"),
    ("number", "led_brightness"),
    ("number", "charging_current"),
    ("switch", "locked"),
    ("switch", "energy_management"),
    ("switch", "force_single_phase"),
    ("sensor", "last_session_energy"),
]


@pytest.mark.usefixtures("all_entities_enabled")
async def test_everything_fed_by_the_charger_is_unavailable_within_one_live_poll(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Settings and statistics too, though their own poll is minutes away."""
    for domain, entity in SLOW_FED:
        assert _state(hass, domain, entity) != "unavailable", entity
    await sim_server.go_offline()
    await refresh_live(hass, init_integration)
    for domain, entity in SLOW_FED:
        assert _state(hass, domain, entity) == "unavailable", entity
    if init_integration.runtime_data.settings.data.system_currents is not None:
        assert _state(hass, "number", "em_current") == "unavailable"
    await sim_server.go_online()
    await refresh_live(hass, init_integration)
    for domain, entity in SLOW_FED:
        assert _state(hass, domain, entity) != "unavailable", entity


@pytest.mark.parametrize("entry_options", [{CONF_GRID_SENSOR: "sensor.grid"}])
async def test_solar_sensors_say_the_charger_is_unreachable(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """The solar sensors say the charger is unreachable while it is, and stop once it is back."""
    hass.states.async_set("sensor.grid", "-3000", {"unit_of_measurement": "W"})
    solar = init_integration.runtime_data.solar
    assert solar is not None
    await sim_server.go_offline()
    await refresh_live(hass, init_integration)
    await solar.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert _state(hass, "sensor", "solar_charging") == "charger_unreachable"
    assert _state(hass, "sensor", "solar_surplus") == "unknown"
    await sim_server.go_online()
    await refresh_live(hass, init_integration)
    await solar.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert _state(hass, "sensor", "solar_charging") != "charger_unreachable"


@pytest.mark.parametrize("firmware", ["1.47"])
async def test_a_relay_mode_nobody_knows_shows_as_unknown(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Not 1 or 3 (nor 0): the switch cannot say, and solar phase switching leaves it alone."""
    settings = init_integration.runtime_data.settings
    settings.async_set_updated_data(replace(settings.data, dynamic_current=DynamicCurrent(16, 2)))
    await hass.async_block_till_done()
    assert relay_mode(init_integration.runtime_data) is None
    assert _state(hass, "switch", "force_single_phase") == "unknown"
