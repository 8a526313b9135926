"""Solar-surplus charging inside Home Assistant, against the simulated charger.

A test-driven grid power sensor stands in for the house's meter; what matters is
what reaches the charger.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.lektrico_local.const import (
    CONF_CONTROL_LEVER,
    CONF_GRID_SENSOR,
    ControlLever,
)
from custom_components.lektrico_local.solar_charging import SolarCharging
from lektrico_sim import ChargerSimulator, Fault, SimulatorServer

PREFIX = "lektrico_3p22k_500006"
MODE = f"select.{PREFIX}_charge_mode"
GRID = "sensor.grid_power"
METER_PERIOD = 10  # s between two reports of the grid meter


def _grid(hass: HomeAssistant, watts: float | str, unit: str = "W") -> None:
    hass.states.async_set(GRID, str(watts), {"unit_of_measurement": unit, "device_class": "power"})


SOLAR_OPTIONS = {CONF_GRID_SENSOR: GRID, "min_current": 6, "max_current": 32, "cycle": 30}


@pytest.fixture(params=[ControlLever.DYNAMIC_CURRENT, ControlLever.EM_CURRENT])
def lever(request: pytest.FixtureRequest, firmware: str) -> ControlLever:
    """Solar charging works the same through either lever."""
    lever: ControlLever = request.param
    if lever is ControlLever.EM_CURRENT and firmware == "1.23":
        pytest.skip("firmware 1.23 has no EM current (test_real_units: the dynamic one is used)")
    return lever


@pytest.fixture
def extra_solar_options() -> dict[str, Any]:
    """Parametrize to test other options."""
    return {}


@pytest.fixture
def entry_options(lever: ControlLever, extra_solar_options: dict[str, Any]) -> dict[str, Any]:
    """The options of the entry: solar charging through the lever."""
    return {**SOLAR_OPTIONS, CONF_CONTROL_LEVER: lever.value, **extra_solar_options}


def _held(charger: ChargerSimulator, lever: ControlLever) -> int:
    """The current the lever holds on the charger."""
    state = charger.state
    return state.dynamic_current if lever is ControlLever.DYNAMIC_CURRENT else state.em_current


def _solar(entry: MockConfigEntry) -> SolarCharging:
    solar = entry.runtime_data.solar
    assert solar is not None
    return solar


def _meter_reports(hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: float) -> None:
    """Let time pass with the meter reporting every 10 s."""
    for _ in range(round(seconds / METER_PERIOD)):
        freezer.tick(timedelta(seconds=METER_PERIOD))
        meter = hass.states.get(GRID)
        hass.states.async_set(GRID, meter.state, meter.attributes, force_update=True)


async def _cycle(
    hass: HomeAssistant, entry: MockConfigEntry, freezer: FrozenDateTimeFactory, seconds: float = 30
) -> None:
    """Let time pass with the meter reporting every 10 s, poll the charger, run one cycle."""
    _meter_reports(hass, freezer, seconds)
    await entry.runtime_data.live.async_refresh()
    await _solar(entry).coordinator.async_refresh()
    await hass.async_block_till_done()


async def _select(hass: HomeAssistant, option: str) -> None:
    await hass.services.async_call(
        "select", "select_option", {"entity_id": MODE, "option": option}, blocking=True
    )


@pytest.fixture
async def solar_entry(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> MockConfigEntry:
    """The integration with solar charging, set up while the clock is frozen.

    The tests run each control cycle themselves: the coordinators' own timers are off.
    """
    runtime = init_integration.runtime_data
    for coordinator in (
        runtime.live,
        runtime.settings,
        runtime.statistics,
        _solar(init_integration).coordinator,
    ):
        coordinator.update_interval = None
    return init_integration


@pytest.fixture(autouse=True)
def house(hass: HomeAssistant) -> None:
    """The meter exports 6 kW before the integration starts."""
    _grid(hass, -6000)


async def test_entities_exist_only_with_a_grid_sensor(
    hass: HomeAssistant, solar_entry: MockConfigEntry
) -> None:
    """With a grid sensor, the charge mode (fast by default) and solar sensors exist."""
    assert hass.states.get(MODE).state == "fast"  # the default: charging as before
    for key in ("solar_charging", "solar_surplus", "solar_target_current", "solar_countdown"):
        assert hass.states.get(f"sensor.{PREFIX}_{key}") is not None


async def test_solar_start_follow_and_stop(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
    freezer: FrozenDateTimeFactory,
    lever: ControlLever,
) -> None:
    """Solar mode starts at the minimum, follows the surplus up and down, and pauses."""
    await _select(hass, "solar")
    assert hass.states.get(f"sensor.{PREFIX}_solar_charging").state == "no_vehicle"
    charger.set_ev(max_current=32, phases=3)
    charger.plug_in()
    await _cycle(hass, solar_entry, freezer)
    # Through the EM current, energy management is turned on so that the charger obeys it;
    # through the dynamic current it is left alone.
    assert charger.state.app_config["energy_management_enabled"] is (
        lever is ControlLever.EM_CURRENT
    )
    for _ in range(3):  # the start delay (60 s) passes with the surplus still there
        await _cycle(hass, solar_entry, freezer)
    assert _held(charger, lever) == 6  # it starts at the minimum
    assert hass.states.get(f"number.{PREFIX}_charging_current").state == "6"
    # The car now draws 6 A, and the meter still shows 6 kW of export on top: ramp up.
    for _ in range(4):
        charger.advance(30)
        await _cycle(hass, solar_entry, freezer)
    assert _held(charger, lever) > 6
    raised = _held(charger, lever)
    # A kettle: the house imports 2.5 kW. Down at once.
    _grid(hass, 2500)
    await _cycle(hass, solar_entry, freezer)
    assert _held(charger, lever) < raised
    # Clouds for good: below the minimum for longer than the delays, and it pauses.
    _grid(hass, 4000)
    for _ in range(30):
        await _cycle(hass, solar_entry, freezer)
    assert _held(charger, lever) == 0
    assert hass.states.get(f"sensor.{PREFIX}_solar_charging").state == "waiting_for_surplus"


# Re-sent through the lever while paused: the EM current must be, the dynamic current need not.
KEEPALIVES = {ControlLever.EM_CURRENT: 4, ControlLever.DYNAMIC_CURRENT: 0}


async def test_keepalive_only_where_needed_and_without_extra_reads(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
    freezer: FrozenDateTimeFactory,
    lever: ControlLever,
) -> None:
    """The EM current is re-sent so the charger never goes 'EM offline', one request each
    time; the charger keeps the dynamic current, so paused stays paused with nothing sent."""
    charger.plug_in()
    await _select(hass, "off")
    assert _held(charger, lever) == 0
    sim_server.reset_counts()
    for _ in range(4):
        await _cycle(hass, solar_entry, freezer, seconds=31)
    assert sim_server.request_counts[f"{lever.value}.set"] == KEEPALIVES[lever]
    assert sim_server.request_counts["system_currents.get"] == 0
    assert charger.state.extended_charger_state == "B_PAUSE"
    if lever is ControlLever.EM_CURRENT:
        assert charger.state.em_offline is False


@pytest.mark.parametrize(("mode", "current"), [("fast", 32), ("off", 0)])
async def test_fast_and_off(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    lever: ControlLever,
    mode: str,
    current: int,
) -> None:
    """Fast holds the maximum current and Off holds 0, through either lever."""
    charger.plug_in()
    await _select(hass, "min_solar")
    await _select(hass, mode)
    assert _held(charger, lever) == current
    assert hass.states.get(MODE).state == mode


async def test_mode_survives_a_restart(hass: HomeAssistant, solar_entry: MockConfigEntry) -> None:
    """The chosen charge mode is restored when the entry reloads."""
    await _select(hass, "min_solar")
    assert await hass.config_entries.async_reload(solar_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(MODE).state == "min_solar"
    assert _solar(solar_entry).mode == "min_solar"


async def test_stale_grid_sensor(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """An unavailable grid sensor shows as sensor_stale."""
    charger.plug_in()
    await _select(hass, "solar")
    _grid(hass, "unavailable")
    await _cycle(hass, solar_entry, freezer)
    assert hass.states.get(f"sensor.{PREFIX}_solar_charging").state == "sensor_stale"


@pytest.mark.firmware_needs("currents", "pwm_current")
async def test_kilowatt_sensors(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A meter in kW is read in W: surplus = what the car may draw + export - margin."""
    charger.plug_in()
    await _select(hass, "min_solar")
    _grid(hass, -3.5, unit="kW")
    for _ in range(3):  # the start, then the car seen drawing: each restarts the settle window
        _meter_reports(hass, freezer, seconds=60)
        await solar_entry.runtime_data.live.async_refresh()
        # What the controller sees in this cycle (a write's read-back refreshes it after).
        seen = solar_entry.runtime_data.live.data.info
        await _solar(solar_entry).coordinator.async_refresh()
        await hass.async_block_till_done()
    may_draw = min(max(seen.currents) + 2, seen.pwm_current)  # the control law's headroom
    expected = may_draw * 230 * 3 + 3500 - 100
    assert float(hass.states.get(f"sensor.{PREFIX}_solar_surplus").state) == pytest.approx(
        expected, abs=1
    )


async def _solar_options(
    hass: HomeAssistant, entry: MockConfigEntry, **changes: Any
) -> dict[str, Any]:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "solar"}
    )
    assert result["step_id"] == "solar"
    data = {
        CONF_GRID_SENSOR: GRID,
        "grid_power_inverted": False,
        "battery_power_inverted": False,
        "min_current": 6,
        "max_current": 32,
        "phases": "auto",
        "residual_power": 100,
        "enable_delay": 60,
        "disable_delay": 180,
        "min_on_time": 600,
        "min_off_time": 300,
        "cycle": 30,
        "phase_switching": False,
        **changes,
    }
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {k: v for k, v in data.items() if v is not None}
    )


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"min_current": 20, "max_current": 10}, "max_current", "max_below_min"),
        ({"battery_priority_soc": 80}, "battery_soc_sensor", "soc_sensor_required"),
        (
            {CONF_GRID_SENSOR: None, "grid_export_sensor": "sensor.export"},
            CONF_GRID_SENSOR,
            "grid_sensor_required",
        ),
    ],
)
async def test_solar_options_are_checked(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    changes: dict[str, Any],
    field: str,
    error: str,
) -> None:
    """Inconsistent solar options are refused in the form on the field at fault."""
    result = await _solar_options(hass, solar_entry, **changes)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {field: error}


@pytest.mark.parametrize("charger_model", ["1p7k"])
async def test_phase_switching_needs_three_phases(
    hass: HomeAssistant, solar_entry: MockConfigEntry
) -> None:
    """Phase switching cannot be turned on for a single-phase charger."""
    result = await _solar_options(hass, solar_entry, phase_switching=True)
    assert result["errors"] == {"phase_switching": "phase_switching_unsupported"}


async def test_saving_valid_solar_options_applies_them(
    hass: HomeAssistant, solar_entry: MockConfigEntry
) -> None:
    """Saved solar options reload the entry with a controller built from them."""
    result = await _solar_options(hass, solar_entry, residual_power=250, min_current=8)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert solar_entry.options["residual_power"] == 250
    # The entry reloaded with a controller built from the new page.
    solar = solar_entry.runtime_data.solar
    assert solar is not None
    assert solar.controller.settings.residual_power == 250
    assert solar.controller.settings.min_current == 8


async def test_turning_solar_off_removes_its_entities(
    hass: HomeAssistant, solar_entry: MockConfigEntry
) -> None:
    """Clearing the grid sensor turns solar charging off and drops its options."""
    result = await _solar_options(hass, solar_entry, **{CONF_GRID_SENSOR: None})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert solar_entry.runtime_data.solar is None
    assert CONF_GRID_SENSOR not in solar_entry.options


@pytest.mark.parametrize("extra_solar_options", [{"phase_switching": True}])
async def test_too_little_for_three_phases_charges_on_one(
    hass: HomeAssistant,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    lever: ControlLever,
    solar_entry: MockConfigEntry,
) -> None:
    """2.5 kW of export pays for 10 A on one phase, not 6 A on three: the relays follow."""
    charger.set_ev(max_current=32, phases=3)
    charger.plug_in()
    await _select(hass, "solar")
    _grid(hass, -2500)
    for _ in range(30):
        await _cycle(hass, solar_entry, freezer)
        if charger.state.relay_mode == 1 and _held(charger, lever) > 0:
            break
    assert charger.state.relay_mode == 1
    assert 6 <= _held(charger, lever) <= 12
    assert charger.state.currents[1] == 0  # L2 carries nothing: one phase


@pytest.mark.firmware_needs("em_current.set")
@pytest.mark.parametrize("lever", [ControlLever.EM_CURRENT])
async def test_runs_with_every_solar_entity_disabled(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    sim_server: SimulatorServer,
    charger: ChargerSimulator,
) -> None:
    """Nobody watches the solar entities: the controller still keeps the EM current alive."""
    from homeassistant.helpers import entity_registry as er

    config_entry.add_to_hass(hass)
    registry = er.async_get(hass)
    for platform, key in [("select", "charge_mode")] + [
        ("sensor", key)
        for key in ("solar_state", "solar_surplus", "solar_target_current", "solar_countdown")
    ]:
        registry.async_get_or_create(
            platform,
            "lektrico_local",
            f"500006_{key}",
            config_entry=config_entry,
            disabled_by=er.RegistryEntryDisabler.USER,
        )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(MODE) is None
    charger.plug_in()
    sim_server.reset_counts()
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=31))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert sim_server.request_counts["em_current.set"] >= 1
    await hass.config_entries.async_unload(config_entry.entry_id)


EXPORT = "sensor.grid_export"
BATTERY = "sensor.home_battery_power"
BATTERY_SOC = "sensor.home_battery_soc"


@pytest.mark.parametrize("lever", [ControlLever.DYNAMIC_CURRENT])
@pytest.mark.parametrize(
    "extra_solar_options",
    [
        {
            "grid_export_sensor": EXPORT,
            "battery_power_sensor": BATTERY,
            "battery_soc_sensor": BATTERY_SOC,
            "battery_priority_soc": 50,
        }
    ],
)
async def test_export_and_home_battery_sensors_feed_the_surplus(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Import minus export is the grid; a battery charging below its priority keeps its power,
    above it that power is the car's too."""
    hass.states.async_set(GRID, "0", {"unit_of_measurement": "W"})
    hass.states.async_set(EXPORT, "4000", {"unit_of_measurement": "W"})
    hass.states.async_set(BATTERY, "1000", {"unit_of_measurement": "W"})
    hass.states.async_set(BATTERY_SOC, "30", {"unit_of_measurement": "%"})
    charger.plug_in()
    await _select(hass, "solar")
    await _cycle(hass, solar_entry, freezer)
    # 4 kW exported while the battery (below 50 %) charges with 1 kW: it keeps that.
    surplus = float(hass.states.get(f"sensor.{PREFIX}_solar_surplus").state)
    assert surplus == pytest.approx(4000 - 100, abs=1)
    hass.states.async_set(BATTERY_SOC, "80", {"unit_of_measurement": "%"})
    await _cycle(hass, solar_entry, freezer)
    surplus = float(hass.states.get(f"sensor.{PREFIX}_solar_surplus").state)
    assert surplus == pytest.approx(4000 + 1000 - 100, abs=1)
    hass.states.async_set(EXPORT, "unavailable")
    await _cycle(hass, solar_entry, freezer)
    await _cycle(hass, solar_entry, freezer)
    await _cycle(hass, solar_entry, freezer, seconds=60)
    assert hass.states.get(f"sensor.{PREFIX}_solar_charging").state == "sensor_stale"


@pytest.mark.parametrize("lever", [ControlLever.DYNAMIC_CURRENT])
async def test_a_refused_write_is_logged_once_and_its_recovery_too(
    hass: HomeAssistant,
    solar_entry: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A refused current write is logged once, retried, and its recovery logged too."""
    charger.plug_in()
    sim_server.faults.add(Fault(kind="rpc_error", methods=["dynamic_current.set"], count=2))
    await _select(hass, "off")
    await _select(hass, "fast")
    assert caplog.text.count("could not set the charging current") == 1
    assert charger.state.dynamic_current != 0
    # Off was refused and is not due again, but a failed write is sent again.
    await _select(hass, "off")
    assert "the charging current is set again" in caplog.text
    assert charger.state.dynamic_current == 0
