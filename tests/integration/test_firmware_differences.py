"""Firmware that lacks a method, or answers one of them with garbage."""

from __future__ import annotations

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from lektrico_sim import Fault, SimulatorServer

from .conftest import refresh_all

PREFIX = "lektrico_3p22k_500006"


@pytest.fixture
def old_firmware(sim_server: SimulatorServer) -> SimulatorServer:
    """A firmware without EM status, Wi-Fi status and system currents."""
    sim_server.missing_methods.update({"em_status.get", "wifi_status.get", "system_currents.get"})
    return sim_server


@pytest.mark.usefixtures("old_firmware")
async def test_missing_methods_leave_their_entities_out(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Entities of methods old firmware lacks are left out, and the methods never asked again."""
    registry = er.async_get(hass)
    ids = {
        e.entity_id for e in er.async_entries_for_config_entry(registry, init_integration.entry_id)
    }
    assert f"binary_sensor.{PREFIX}_energy_management_offline" not in ids
    assert f"sensor.{PREFIX}_wi_fi_signal" not in ids
    assert f"number.{PREFIX}_em_current" not in ids
    assert f"sensor.{PREFIX}_power" in ids
    # Asked once at set-up, never again.
    sim_server.reset_counts()
    await refresh_all(hass, init_integration)
    assert sim_server.request_counts["em_status.get"] == 0
    assert sim_server.request_counts["wifi_status.get"] == 0
    assert init_integration.runtime_data.settings.unsupported == {"em_status", "system_currents"}


# The lifetime counters come with the Detailed diagnostics option.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
async def test_garbage_from_one_endpoint_costs_only_its_entities(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Garbage from one endpoint makes only its entities unknown, and they recover."""
    sim_server.faults.add(Fault(kind="not_json", methods=["counters_config.get"]))
    await refresh_all(hass, init_integration)
    assert hass.states.get(f"sensor.{PREFIX}_total_sessions").state == "unknown"
    assert hass.states.get(f"sensor.{PREFIX}_power").state == "0.0"
    assert init_integration.runtime_data.statistics.last_update_success
    sim_server.faults.clear()
    await refresh_all(hass, init_integration)
    assert hass.states.get(f"sensor.{PREFIX}_total_sessions").state == "0"


async def test_a_failed_read_back_is_not_the_users_error(
    hass: HomeAssistant, init_integration: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """The write succeeded; the read-back failing does not turn it into an error."""
    sim_server.faults.add(Fault(kind="not_json", methods=["app_config.get"]))
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": f"switch.{PREFIX}_locked"}, blocking=True
    )
    assert sim_server.request_counts["app_config.set"] == 1


@pytest.mark.usefixtures("old_firmware")
async def test_missing_methods_raise_a_repair_issue(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Missing methods raise a repair issue that names them."""
    from homeassistant.helpers import issue_registry as ir

    issue = ir.async_get(hass).async_get_issue(
        "lektrico_local", f"missing_methods_{init_integration.entry_id}"
    )
    assert issue is not None
    assert issue.translation_key == "missing_methods"
    assert issue.translation_placeholders["methods"] == "em_status, system_currents, wifi"


@pytest.mark.firmware_needs("system_currents.get", "em_status.get")
async def test_no_repair_issue_when_everything_is_there(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Firmware with every method raises no repair issue."""
    from homeassistant.helpers import issue_registry as ir

    assert (
        ir.async_get(hass).async_get_issue(
            "lektrico_local", f"missing_methods_{init_integration.entry_id}"
        )
        is None
    )
