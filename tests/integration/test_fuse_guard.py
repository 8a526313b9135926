"""The main-fuse guard in Home Assistant: per-phase meter sensors in, the charger capped at once.

Test-driven current sensors stand in for the grid meter; what matters is what reaches the
simulated charger, and how fast (one request after the reading that shows the overload).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.const import DOMAIN
from custom_components.lektrico_local.diagnostics import async_get_config_entry_diagnostics
from lektrico_sim import ChargerSimulator, Fault, SimulatorServer

PREFIX = "lektrico_3p22k_500006"
METER = ["sensor.grid_l1", "sensor.grid_l2", "sensor.grid_l3"]
FUSE_OPTIONS = {
    "fuse_sensors": METER,
    "fuse_rating": 25,
    "fuse_margin": 2,
    "fuse_fallback_current": 6,
    "fuse_hold_time": 60,
}


@pytest.fixture
def entry_options() -> dict[str, Any]:
    """The charger's entry with the guard on a three-phase meter (25 A fuse, 2 A margin)."""
    return FUSE_OPTIONS


def _meter(hass: HomeAssistant, *amps: float | str) -> None:
    """One reading of every phase (the house and the charger together)."""
    for entity_id, value in zip(METER, amps, strict=True):
        hass.states.async_set(
            entity_id,
            str(value),
            {"unit_of_measurement": "A", "device_class": "current"},
            force_update=True,
        )


def _house_plus_car(charger: ChargerSimulator, *house: float) -> tuple[float, ...]:
    """What the meter shows: the house's loads plus what the car draws now on each phase."""
    return tuple(load + car for load, car in zip(house, charger.state.currents, strict=True))


async def _reading(hass: HomeAssistant, charger: ChargerSimulator, *house: float) -> None:
    """One meter reading of the house's loads plus the car, and what it sets off."""
    _meter(hass, *_house_plus_car(charger, *house))
    await hass.async_block_till_done()


def _state(hass: HomeAssistant, key: str) -> str:
    """The state of one of the charger's sensors."""
    return hass.states.get(f"sensor.{PREFIX}_{key}").state


@pytest.mark.usefixtures("plugged")
async def test_an_overload_lowers_the_current_with_one_request(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """An oven on L1 leaves 8 A for the car: the reading that shows it sends 8 A, once."""
    await _reading(hass, charger, 2, 2, 2)
    # 25 A less the 2 A margin less 2 A of the house, less half an amp kept against meter noise
    assert charger.state.dynamic_current == 20
    assert _state(hass, "fuse_guard") == "limiting"
    sim_server.reset_counts()
    await _reading(hass, charger, 15, 2, 2)  # 23 A limit, 15 A for the house on L1
    assert charger.state.dynamic_current == 8
    assert sim_server.request_counts["dynamic_current.set"] == 1
    assert _state(hass, "fuse_guard") == "limiting"
    assert float(_state(hass, "fuse_headroom")) < 0  # the reading was over the rating


@pytest.mark.usefixtures("plugged")
async def test_the_cap_holds_for_the_control_number_too_and_lifts_after_the_hold_time(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Set by hand, the current is capped too; the wish comes back once there is room again."""
    await _reading(hass, charger, 15, 2, 2)
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_charging_current", "value": 20},
        blocking=True,
    )
    assert charger.state.dynamic_current == 7
    waited = 0
    while charger.state.dynamic_current != 20 and waited < 120:  # the oven is off: room again
        freezer.tick(timedelta(seconds=5))
        charger.advance(5)
        waited += 5
        await init_integration.runtime_data.live.async_refresh()  # the charger's poll
        await _reading(hass, charger, 2, 2, 2)
    assert charger.state.dynamic_current == 20
    assert waited >= 60  # not before the hold time: no up and down with every kettle
    assert _state(hass, "fuse_guard") == "inactive"


@pytest.mark.usefixtures("plugged")
async def test_a_silent_meter_drops_to_the_fallback_and_raises_a_repair_issue(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Unavailable sensors: the fallback at once; a repair notice after the timeout, gone again."""
    await _reading(hass, charger, 2, 2, 2)
    _meter(hass, "unavailable", "unavailable", "unavailable")
    await hass.async_block_till_done()
    assert charger.state.dynamic_current == 6  # at once, the fallback
    assert _state(hass, "fuse_guard") == "meter_stale"
    freezer.tick(timedelta(seconds=40))
    await init_integration.runtime_data.fuse.coordinator.async_refresh()
    await hass.async_block_till_done()
    issue_id = f"fuse_meter_stale_{init_integration.entry_id}"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders["fallback"] == "6"
    await _reading(hass, charger, 2, 2, 2)
    await init_integration.runtime_data.fuse.coordinator.async_refresh()
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None


@pytest.mark.usefixtures("plugged")
async def test_the_fuse_sensors_stay_available_when_the_charger_is_not(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
) -> None:
    """The guard's state comes from Home Assistant's meter: it does not go with the charger."""
    await _reading(hass, charger, 2, 2, 2)
    assert _state(hass, "fuse_guard") == "limiting"
    await sim_server.go_offline()
    await init_integration.runtime_data.live.async_refresh()
    await hass.async_block_till_done()
    assert _state(hass, "fuse_guard") == "limiting"
    assert _state(hass, "power") == "unavailable"


@pytest.mark.parametrize("entry_options", [{}])
async def test_no_guard_and_no_sensors_without_meter_sensors(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """No meter sensors in the options: no guard, and none of its sensors."""
    assert init_integration.runtime_data.fuse is None
    assert hass.states.get(f"sensor.{PREFIX}_fuse_guard") is None


async def _fuse_page(hass: HomeAssistant, entry: MockConfigEntry, **data: Any) -> Any:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "fuse"}
    )
    assert result["step_id"] == "fuse"
    fields = {**FUSE_OPTIONS, **data}
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {key: value for key, value in fields.items() if value is not None}
    )


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"fuse_sensors": METER[:2]}, "fuse_sensors", "fuse_sensor_count"),
        ({"fuse_rating": None}, "fuse_rating", "fuse_rating_required"),
        ({"fuse_fallback_current": 3}, "fuse_fallback_current", "fuse_fallback_invalid"),
        ({"fuse_rating": 10, "fuse_margin": 5}, "base", "invalid_fuse_settings"),
    ],
)
async def test_the_fuse_page_is_checked(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    changes: dict[str, Any],
    field: str,
    error: str,
) -> None:
    """Two sensors, no rating, a 3 A fallback, a margin eating the fuse: each on its field."""
    result = await _fuse_page(hass, init_integration, **changes)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {field: error}


async def test_the_fuse_page_refuses_sensors_of_two_kinds(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Currents and powers cannot be mixed on one meter."""
    hass.states.async_set("sensor.grid_power", "100", {"unit_of_measurement": "W"})
    _meter(hass, 1, 1, 1)
    result = await _fuse_page(
        hass, init_integration, fuse_sensors=[*METER[:2], "sensor.grid_power"]
    )
    assert result["errors"] == {"fuse_sensors": "fuse_sensor_units"}


async def test_saving_the_fuse_page_and_turning_it_off(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Saving applies the page at once; emptying the sensors turns the guard off."""
    result = await _fuse_page(hass, init_integration, fuse_rating=35)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert init_integration.runtime_data.fuse is not None
    assert init_integration.runtime_data.fuse.guard.settings.fuse_rating == 35
    result = await _fuse_page(hass, init_integration, fuse_sensors=[])
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert init_integration.runtime_data.fuse is None
    assert "fuse_rating" not in init_integration.options


@pytest.mark.usefixtures("plugged", "all_entities_enabled")
async def test_the_raw_dynamic_current_is_capped_too(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """Set directly, the dynamic current cannot go past the fuse either."""
    await _reading(hass, charger, 15, 2, 2)
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_dynamic_current", "value": 32},
        blocking=True,
    )
    assert charger.state.dynamic_current == init_integration.runtime_data.fuse.cap < 32


@pytest.mark.parametrize(
    "entry_options", [{**FUSE_OPTIONS, "grid_power_sensor": "sensor.grid_power"}]
)
@pytest.mark.usefixtures("plugged")
async def test_solar_charging_gets_the_cap_too(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Fast mode wants 32 A; the fuse leaves less, and solar charging does not fight it."""
    hass.states.async_set("sensor.grid_power", "500", {"unit_of_measurement": "W"})
    await _reading(hass, charger, 15, 2, 2)
    cap = init_integration.runtime_data.fuse.cap
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": f"select.{PREFIX}_charge_mode", "option": "fast"},
        blocking=True,
    )
    assert charger.state.dynamic_current == cap < 32
    solar = init_integration.runtime_data.solar
    sim_server.reset_counts()
    for _ in range(4):  # cycles later the controller sees its own wish held, capped: no rewrite
        freezer.tick(timedelta(seconds=31))
        await _reading(hass, charger, 15, 2, 2)
        await init_integration.runtime_data.live.async_refresh()
        await solar.coordinator.async_refresh()
    assert sim_server.request_counts["dynamic_current.set"] == 0
    assert charger.state.dynamic_current == init_integration.runtime_data.fuse.cap


@pytest.mark.usefixtures("plugged")
async def test_diagnostics_tell_the_lever_the_wish_and_the_guard(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """What decides the current, for whoever reads a downloaded diagnostics file."""
    await _reading(hass, charger, 15, 2, 2)
    control = (await async_get_config_entry_diagnostics(hass, init_integration))["control"]
    assert control["active_lever"] == "dynamic_current"
    assert control["energy_meter_present"] is False
    assert control["wanted_current"] == 32
    assert control["fuse_guard"]["state"] == "limiting"
    assert control["fuse_guard"]["cap"] == charger.state.dynamic_current


POWER_METER = ["sensor.grid_power_l1", "sensor.grid_power_l2", "sensor.grid_power_l3"]


@pytest.mark.parametrize("entry_options", [{**FUSE_OPTIONS, "fuse_sensors": POWER_METER}])
@pytest.mark.usefixtures("plugged")
async def test_per_phase_power_sensors_in_kilowatts(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """A meter that reports power per phase: read as currents at 230 V, whatever the unit."""
    watts = [
        (load + car) * 230 / 1000
        for load, car in zip((15, 2, 2), charger.state.currents, strict=False)
    ]
    for entity_id, kilowatts in zip(POWER_METER, watts, strict=True):
        hass.states.async_set(entity_id, f"{kilowatts:.3f}", {"unit_of_measurement": "kW"})
    await hass.async_block_till_done()
    assert charger.state.dynamic_current == init_integration.runtime_data.fuse.cap < 16


@pytest.mark.parametrize("charger_model", ["1p7k"])
@pytest.mark.parametrize(
    "entry_options",
    [{**FUSE_OPTIONS, "fuse_sensors": ["sensor.house_power"], "fuse_rating": 40}],
)
async def test_one_total_power_sensor_for_a_single_phase_house(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """11.5 kW (50 A, 16 A of them the car's) on a 40 A connection leaves 4 A: it pauses."""
    charger.set_ev(max_current=16, phases=1)
    charger.plug_in()
    charger.advance(60)
    await init_integration.runtime_data.live.async_refresh()
    hass.states.async_set("sensor.house_power", "11500", {"unit_of_measurement": "W"})
    await hass.async_block_till_done()
    assert charger.state.dynamic_current == 0
    assert hass.states.get("sensor.lektrico_1p7k_500006_fuse_guard").state == "paused"


@pytest.mark.usefixtures("plugged")
async def test_a_refused_cap_is_logged_once_and_sent_again_at_the_next_check(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A refused write is not lost: one log line, and the next check sends the cap again."""
    sim_server.faults.add(Fault(kind="rpc_error", methods=["dynamic_current.set"], count=1))
    await _reading(hass, charger, 15, 2, 2)
    assert charger.state.dynamic_current == 32  # refused
    assert caplog.text.count("could not apply the fuse cap") == 1
    await init_integration.runtime_data.fuse.coordinator.async_refresh()
    assert charger.state.dynamic_current == init_integration.runtime_data.fuse.cap
