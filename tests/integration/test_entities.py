"""What every entity shows for simulator states, and which entities each model gets."""

from __future__ import annotations

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local import DETAIL_KEYS
from custom_components.lektrico_local.api import ERROR_FLAGS
from lektrico_sim import ChargerSimulator, SimulatorServer

from .conftest import refresh_all, refresh_live
from .snapshot import assert_matches_snapshot, entity_table

PREFIX = "lektrico_3p22k_500006"


def _snapshot(name: str, firmware: str) -> str:
    """One snapshot per firmware: what each shows, side by side (the document's has no suffix)."""
    return name if firmware == "document" else f"{name}_fw{firmware}"


@pytest.mark.usefixtures("all_entities_enabled")
async def test_idle_charger(
    hass: HomeAssistant, init_integration: MockConfigEntry, firmware: str
) -> None:
    table = entity_table(hass, init_integration.entry_id)
    assert_matches_snapshot(_snapshot("idle_3p22k", firmware), table)


@pytest.mark.usefixtures("all_entities_enabled", "plugged")
async def test_charging(
    hass: HomeAssistant, init_integration: MockConfigEntry, firmware: str
) -> None:
    table = entity_table(hass, init_integration.entry_id)
    assert_matches_snapshot(_snapshot("charging_3p22k", firmware), table)


@pytest.mark.parametrize("charger_model", ["1p7k"])
@pytest.mark.usefixtures("all_entities_enabled")
async def test_single_phase_model(
    hass: HomeAssistant, init_integration: MockConfigEntry, firmware: str
) -> None:
    table = entity_table(hass, init_integration.entry_id)
    assert_matches_snapshot(_snapshot("idle_1p7k", firmware), table)
    assert "sensor.lektrico_1p7k_500006_current_l1" in table
    assert "sensor.lektrico_1p7k_500006_current_l2" not in table
    assert "switch.lektrico_1p7k_500006_force_single_phase" not in table


@pytest.mark.firmware_needs("em_current.set")
async def test_defaults_keep_noise_off(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    registered = er.async_entries_for_config_entry(registry, init_integration.entry_id)
    disabled = {entry.entity_id for entry in registered if entry.disabled_by}
    assert f"number.{PREFIX}_installation_current" in disabled
    assert f"number.{PREFIX}_charging_current" not in disabled
    assert f"number.{PREFIX}_em_current" in disabled  # Charging current is the control
    assert f"sensor.{PREFIX}_lifetime_energy" not in disabled
    assert f"binary_sensor.{PREFIX}_errors" not in disabled
    assert f"button.{PREFIX}_pause_charging" not in disabled
    # The detailed-diagnostics entities are not even registered until the option is on.
    unique_ids = {entry.unique_id for entry in registered}
    assert not {f"500006_{key}" for key in DETAIL_KEYS} & unique_ids
    assert hass.states.get(f"binary_sensor.{PREFIX}_rcd_error") is None
    assert hass.states.get(f"sensor.{PREFIX}_voltage_l1") is None
    assert hass.states.get(f"button.{PREFIX}_restart") is None


async def test_lifetime_energy_is_energy_dashboard_ready(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    state = hass.states.get(f"sensor.{PREFIX}_lifetime_energy")
    assert state.attributes["state_class"] == "total_increasing"
    assert state.attributes["unit_of_measurement"] == "kWh"
    before = float(state.state)
    charger.plug_in()
    charger.advance(3600)
    await refresh_live(hass, init_integration)
    after = float(hass.states.get(f"sensor.{PREFIX}_lifetime_energy").state)
    assert after - before == pytest.approx(11.04, rel=0.05)  # 16 A on 3 phases for an hour


@pytest.mark.firmware_needs("has_active_errors")
@pytest.mark.usefixtures("all_entities_enabled")
async def test_active_errors_read_only_while_present(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    sim_server.reset_counts()
    await refresh_live(hass, init_integration)
    assert sim_server.request_counts["active_errors.get"] == 0
    assert sim_server.total_requests == 1
    charger.raise_error("rcd_error")
    await refresh_live(hass, init_integration)
    assert sim_server.request_counts["active_errors.get"] == 1
    assert hass.states.get(f"binary_sensor.{PREFIX}_errors").state == "on"
    assert hass.states.get(f"binary_sensor.{PREFIX}_rcd_error").state == "on"
    assert hass.states.get(f"binary_sensor.{PREFIX}_overcurrent").state == "off"
    assert hass.states.get(f"sensor.{PREFIX}_state").state == "fault"
    charger.clear_error("rcd_error")
    await refresh_live(hass, init_integration)
    assert hass.states.get(f"binary_sensor.{PREFIX}_rcd_error").state == "off"


async def test_errors_sensor_names_the_active_flags(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """Without Detailed diagnostics, the Errors sensor still says which errors are active."""
    errors = f"binary_sensor.{PREFIX}_errors"
    assert hass.states.get(errors).attributes["active_errors"] == []
    charger.raise_error("overcurrent")
    charger.raise_error("rcd_error")
    await refresh_live(hass, init_integration)
    state = hass.states.get(errors)
    assert state.state == "on"
    assert sorted(state.attributes["active_errors"]) == ["overcurrent", "rcd_error"]
    charger.clear_error("overcurrent")
    charger.clear_error("rcd_error")
    await refresh_live(hass, init_integration)
    assert hass.states.get(errors).attributes["active_errors"] == []


@pytest.mark.usefixtures("detailed_diagnostics")
async def test_every_error_flag_has_a_sensor(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    enabled = {
        entry.translation_key
        for entry in er.async_entries_for_config_entry(registry, init_integration.entry_id)
        if not entry.disabled_by
    }
    # The option is the switch: once on, every flag's sensor is there and enabled.
    assert {f"error_{flag}" for flag in ERROR_FLAGS} <= enabled


@pytest.mark.usefixtures("detailed_diagnostics")  # the lifetime counters
async def test_slow_data_follows_a_finished_session(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    charger.plug_in()
    charger.advance(1800)
    charger.unplug()
    await refresh_all(hass, init_integration)
    assert float(hass.states.get(f"sensor.{PREFIX}_last_session_energy").state) == pytest.approx(
        5.52, rel=0.05
    )
    assert hass.states.get(f"sensor.{PREFIX}_total_sessions").state == "1"
