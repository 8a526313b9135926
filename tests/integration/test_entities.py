"""What every entity shows for simulator states, and which entities each model gets."""

from __future__ import annotations

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.lektrico_local import DETAIL_KEYS
from custom_components.lektrico_local.api import ERROR_FLAGS
from lektrico_sim import ChargerSimulator, SimulatorServer

from .conftest import refresh_all, refresh_live
from .snapshot import entity_table

PREFIX = "lektrico_3p22k_500006"


# The snapshots list the detailed-diagnostics entities too: every entity the charger can have.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
@pytest.mark.usefixtures("all_entities_enabled")
async def test_idle_charger(
    hass: HomeAssistant, init_integration: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    """An idle three-phase charger shows each entity as the snapshot of its firmware says."""
    assert entity_table(hass, init_integration.entry_id) == snapshot


@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
@pytest.mark.usefixtures("all_entities_enabled", "plugged")
async def test_charging(
    hass: HomeAssistant, init_integration: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    """A three-phase charger charging an EV shows each entity as the snapshot says."""
    assert entity_table(hass, init_integration.entry_id) == snapshot


@pytest.mark.parametrize("charger_model", ["1p7k"])
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
@pytest.mark.usefixtures("all_entities_enabled")
async def test_single_phase_model(
    hass: HomeAssistant, init_integration: MockConfigEntry, snapshot: SnapshotAssertion
) -> None:
    """The single-phase unit matches its snapshot and has no second phase or phase switch."""
    table = entity_table(hass, init_integration.entry_id)
    assert table == snapshot
    assert "sensor.lektrico_1p7k_500006_current_l1" in table
    assert "sensor.lektrico_1p7k_500006_current_l2" not in table
    assert "switch.lektrico_1p7k_500006_force_single_phase" not in table


@pytest.mark.firmware_needs("em_current.set")
async def test_defaults_keep_noise_off(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """By default the raw limits are disabled, detailed entities absent, everyday ones enabled."""
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
    """Lifetime energy is a total_increasing kWh sensor that grows by what was charged."""
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
# The per-flag error sensors come with the Detailed diagnostics option.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
@pytest.mark.usefixtures("all_entities_enabled")
async def test_active_errors_read_only_while_present(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """Active errors are asked for only while the charger reports one, then show per flag."""
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


@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
async def test_every_error_flag_has_a_sensor(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """With the option on, every error flag has its own enabled sensor."""
    registry = er.async_get(hass)
    enabled = {
        entry.translation_key
        for entry in er.async_entries_for_config_entry(registry, init_integration.entry_id)
        if not entry.disabled_by
    }
    # The option is the switch: once on, every flag's sensor is there and enabled.
    assert {f"error_{flag}" for flag in ERROR_FLAGS} <= enabled


# The lifetime counters come with the Detailed diagnostics option.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
@pytest.mark.usefixtures("all_entities_enabled")  # Last session energy is off by default
async def test_slow_data_follows_a_finished_session(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """After a session the last-session energy and the session count show it."""
    charger.plug_in()
    charger.advance(1800)
    charger.unplug()
    await refresh_all(hass, init_integration)
    assert float(hass.states.get(f"sensor.{PREFIX}_last_session_energy").state) == pytest.approx(
        5.52, rel=0.05
    )
    assert hass.states.get(f"sensor.{PREFIX}_total_sessions").state == "1"
