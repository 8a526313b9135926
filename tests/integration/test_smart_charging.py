"""Smart charging inside Home Assistant, against the simulated charger.

A test-driven price sensor (Nord Pool's attribute shape, or a plain current price) and grid
sensor stand in for the user's integrations; what matters is what reaches the charger.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.lektrico_local.const import (
    CONF_CAR_CAPACITY,
    CONF_CAR_SOC_SENSOR,
    CONF_GRID_SENSOR,
    CONF_PRICE_SENSOR,
    DOMAIN,
)
from custom_components.lektrico_local.smart_charging import SmartCharging, SmartTargets
from lektrico_sim import ChargerSimulator, SimulatorServer

from .ui import refusal_from_the_ui

PREFIX = "lektrico_3p22k_500006"
MODE = f"select.{PREFIX}_charge_mode"
PLAN = f"sensor.{PREFIX}_plan"
SOLAR_STATE = f"sensor.{PREFIX}_solar_charging"
GRID = "sensor.grid_power"
PRICES = "sensor.electricity_price"
CAR_SOC = "sensor.car_battery"
SOLAR_OPTIONS = {CONF_GRID_SENSOR: GRID, "min_current": 6, "max_current": 16, "cycle": 30}
SMART_OPTIONS = {**SOLAR_OPTIONS, CONF_PRICE_SENSOR: PRICES}
EXPENSIVE, CHEAP, CHEAPEST = 0.30, 0.08, 0.05


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in December 2026, in Home Assistant's time zone."""
    return datetime(2026, 12, day, hour, minute, tzinfo=dt_util.get_default_time_zone())


START = (2, 18)  # 2 December, 18:00: the car comes home


def _nord_pool(cheap: dict[tuple[int, int], float]) -> dict[str, Any]:
    """Hourly prices for 2 and 3 December in Nord Pool's shape; EXPENSIVE unless in `cheap`."""

    def day(number: int) -> list[dict[str, Any]]:
        return [
            {
                "start": _local(number, hour).isoformat(),
                "end": (_local(number, hour) + timedelta(hours=1)).isoformat(),
                "value": cheap.get((number, hour), EXPENSIVE),
            }
            for hour in range(24)
        ]

    return {"raw_today": day(2), "raw_tomorrow": day(3), "unit_of_measurement": "EUR/kWh"}


NIGHT_PRICES = {(3, 2): CHEAPEST, (3, 3): CHEAP}


def _prices(hass: HomeAssistant, attributes: dict[str, Any], state: str = "0.30") -> None:
    hass.states.async_set(PRICES, state, attributes)


def _grid(hass: HomeAssistant, watts: float) -> None:
    hass.states.async_set(GRID, str(watts), {"unit_of_measurement": "W"}, force_update=True)


@pytest.fixture
def firmware() -> str:
    """The planner does not care which firmware: the one real units run."""
    return "1.51"


@pytest.fixture
def entry_options() -> dict[str, Any]:
    """Solar charging with a price sensor: the smart modes."""
    return SMART_OPTIONS


@pytest.fixture(autouse=True)
def evening(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """18:00, the house imports a little (no surplus), prices for tonight are known."""
    freezer.move_to(_local(*START))
    _grid(hass, 400)
    _prices(hass, _nord_pool(NIGHT_PRICES))


@pytest.fixture
async def smart_entry(hass: HomeAssistant, init_integration: MockConfigEntry) -> MockConfigEntry:
    """The integration with smart charging; the tests run each cycle themselves."""
    runtime = init_integration.runtime_data
    assert runtime.solar is not None
    for coordinator in (runtime.live, runtime.settings, runtime.statistics):
        coordinator.update_interval = None
    runtime.solar.coordinator.update_interval = None
    return init_integration


def _smart(entry: MockConfigEntry) -> SmartCharging:
    assert entry.runtime_data.solar is not None
    return entry.runtime_data.solar.smart


async def _cycle(
    hass: HomeAssistant, entry: MockConfigEntry, freezer: FrozenDateTimeFactory, seconds: float = 30
) -> None:
    """Let time pass with the meter reporting, poll the charger, run one cycle."""
    freezer.tick(timedelta(seconds=seconds))
    _grid(hass, float(hass.states.get(GRID).state))
    await entry.runtime_data.live.async_refresh()
    assert entry.runtime_data.solar is not None
    await entry.runtime_data.solar.coordinator.async_refresh()
    await hass.async_block_till_done()


async def _call(hass: HomeAssistant, service: str, **data: Any) -> Any:
    """One of the integration's actions, for the charger."""
    device = next(iter(hass.data["device_registry"].devices.values()))
    return await hass.services.async_call(
        DOMAIN,
        service,
        {"device_id": device.id, **data},
        blocking=True,
        return_response=service.startswith("get_"),
    )


async def _mode(hass: HomeAssistant, option: str) -> None:
    await hass.services.async_call(
        "select", "select_option", {"entity_id": MODE, "option": option}, blocking=True
    )


async def _plug_in_car(
    hass: HomeAssistant, entry: MockConfigEntry, charger: ChargerSimulator
) -> None:
    charger.set_ev(max_current=16, phases=3)
    charger.plug_in()
    await entry.runtime_data.live.async_refresh()


async def _session(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    mode: str,
    **plan: Any,
) -> None:
    """Set the plan and the mode, plug the car in, run one cycle."""
    await _call(hass, "set_plan", **plan)
    await _mode(hass, mode)
    await _plug_in_car(hass, entry, charger)
    await _cycle(hass, entry, freezer)


async def test_smart_entities_and_modes(hass: HomeAssistant, smart_entry: MockConfigEntry) -> None:
    """A price sensor adds the smart modes, Ready by, the targets, Price limit and Plan."""
    assert hass.states.get(MODE).attributes["options"] == [
        "off", "fast", "solar", "min_solar", "smart", "smart_price_cap",
    ]  # fmt: skip
    for entity_id in (
        f"time.{PREFIX}_ready_by",
        f"number.{PREFIX}_target_energy",
        f"number.{PREFIX}_price_limit",
        f"number.{PREFIX}_stop_after",
        PLAN,
    ):
        assert hass.states.get(entity_id) is not None, entity_id
    # No car sensor in the options: no target state of charge.
    assert hass.states.get(f"number.{PREFIX}_target_state_of_charge") is None
    assert hass.states.get(f"number.{PREFIX}_price_limit").attributes["unit_of_measurement"] == (
        "EUR/kWh"
    )


@pytest.mark.parametrize("entry_options", [SOLAR_OPTIONS])
async def test_without_a_price_sensor_only_the_session_limit(
    hass: HomeAssistant, smart_entry: MockConfigEntry
) -> None:
    """Solar charging alone has no smart modes; Stop after exists in every mode."""
    assert "smart" not in hass.states.get(MODE).attributes["options"]
    assert hass.states.get(PLAN) is None
    assert hass.states.get(f"time.{PREFIX}_ready_by") is None
    assert hass.states.get(f"number.{PREFIX}_stop_after") is not None


async def test_smart_waits_for_the_cheapest_hour_and_charges_then(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """10 kWh by 07:00: paused in the evening, charging from 02:00, the sun's law after."""
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="07:00", target_energy=10)
    assert charger.state.dynamic_current == 0  # no surplus, and now is expensive
    plan = hass.states.get(PLAN)
    assert dt_util.parse_datetime(plan.state) == _local(3, 2)
    assert plan.attributes["status"] == "planned"
    assert plan.attributes["reachable"] is True
    assert plan.attributes["need_kwh"] == 10
    # 10 kWh at 16 A x 3 x 230 V (11.04 kW) fit in the cheapest hour: all of it at 0.05.
    assert plan.attributes["grid_kwh"] == pytest.approx(10, abs=0.01)
    assert plan.attributes["estimated_cost"] == pytest.approx(10 * CHEAPEST, abs=0.01)
    assert hass.states.get(f"time.{PREFIX}_ready_by").state == "07:00:00"

    freezer.move_to(_local(3, 2, 5))
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current > 0
    assert hass.states.get(SOLAR_STATE).state == "charging_on_plan"
    # The hour delivers the 10 kWh; once they are in, nothing more is bought.
    charger.advance(3600)
    freezer.move_to(_local(3, 3, 5))
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.session_energy >= 10_000
    assert charger.state.dynamic_current == 0
    assert hass.states.get(PLAN).attributes["status"] == "nothing_needed"


async def test_no_prices_charges_at_once_and_says_so(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A price sensor without prices: charging starts at once, at full power."""
    _prices(hass, {}, state="unavailable")
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="07:00", target_energy=10)
    assert charger.state.dynamic_current == 16
    assert hass.states.get(PLAN).attributes["status"] == "no_prices"


async def test_target_out_of_reach_charges_at_once(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """50 kWh in 30 minutes: full power now, and the Plan says by how much it falls short."""
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="18:30", target_energy=50)
    assert charger.state.dynamic_current == 16
    attributes = hass.states.get(PLAN).attributes
    assert attributes["status"] == "short"
    assert attributes["reachable"] is False
    # 16 A x 3 x 230 V for the 29.5 minutes left: about 5.4 kWh of 50.
    assert attributes["shortfall_kwh"] == pytest.approx(50 - 11.04 * 29.5 / 60, abs=0.2)


async def test_price_cap_charges_whenever_cheaper_than_the_limit(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Smart + price cap, nothing needed: this hour is below the limit, so it charges."""
    _prices(hass, _nord_pool({(2, 18): 0.02}))
    await _session(hass, smart_entry, charger, freezer, "smart_price_cap", price_limit=0.1)
    assert charger.state.dynamic_current == 16
    assert hass.states.get(SOLAR_STATE).state == "charging_on_plan"
    # Plain Smart charges nothing from the grid for a target of nothing.
    await _mode(hass, "smart")
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current == 0  # at once: the sun alone gives nothing


async def test_a_plain_current_price_sensor_drives_the_cap(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A sensor with only the price now: below the limit charges, above it does not."""
    _prices(hass, {"unit_of_measurement": "EUR/kWh"}, state="0.04")
    await _session(hass, smart_entry, charger, freezer, "smart_price_cap", price_limit=0.1)
    assert charger.state.dynamic_current == 16
    _prices(hass, {"unit_of_measurement": "EUR/kWh"}, state="0.25")
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current == 0


@pytest.mark.parametrize(
    "entry_options",
    [{**SMART_OPTIONS, CONF_CAR_SOC_SENSOR: CAR_SOC, CONF_CAR_CAPACITY: 60}],
)
async def test_target_state_of_charge_from_the_car(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """50 % to 80 % of a 60 kWh battery is 18 kWh, whatever the target energy says."""
    hass.states.async_set(CAR_SOC, "50", {"unit_of_measurement": "%"})
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_target_state_of_charge", "value": 80},
        blocking=True,
    )
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="07:00", target_energy=5)
    assert hass.states.get(PLAN).attributes["need_kwh"] == 18


async def test_stop_after_pauses_in_every_mode_until_the_next_session(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Fast charges until the session has 1 kWh, then pauses; a new session charges again."""
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_stop_after", "value": 1},
        blocking=True,
    )
    await _mode(hass, "fast")
    await _plug_in_car(hass, smart_entry, charger)
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current == 16
    charger.advance(6 * 60)  # 11 kW for 6 minutes: 1.1 kWh
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current == 0
    assert hass.states.get(SOLAR_STATE).state == "session_limit_reached"
    charger.unplug()
    await _cycle(hass, smart_entry, freezer)
    charger.plug_in()
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current == 16


async def test_targets_mode_and_week_survive_a_restart(
    hass: HomeAssistant, smart_entry: MockConfigEntry
) -> None:
    """What the user set is stored: after a reload the same targets, mode and departures."""
    await _call(
        hass,
        "set_plan",
        weekdays={"monday": {"departure": "07:15", "target_soc": 80}, "saturday": None},
        ready_by="06:30",
        target_energy=12.5,
        price_limit=0.12,
        stop_after=30,
    )
    await _mode(hass, "smart_price_cap")
    assert await hass.config_entries.async_reload(smart_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(MODE).state == "smart_price_cap"
    assert hass.states.get(f"number.{PREFIX}_target_energy").state == "12.5"
    assert hass.states.get(f"number.{PREFIX}_price_limit").state == "0.12"
    assert hass.states.get(f"number.{PREFIX}_stop_after").state == "30.0"
    assert hass.states.get(f"time.{PREFIX}_ready_by").state == "06:30:00"
    plan = await _call(hass, "get_plan")
    assert plan["mode"] == "smart_price_cap"
    assert plan["weekdays"]["monday"] == {
        "departure": "07:15",
        "target_soc": 80.0,
        "target_energy": None,
    }
    assert plan["weekdays"]["saturday"] is None
    assert plan["next_departure"] == _local(3, 6, 30).isoformat()
    assert plan["targets"] == {
        "target_energy": 12.5,
        "target_soc": None,
        "price_limit": 0.12,
        "stop_after": 30,
    }


async def test_the_week_gives_the_next_departure(
    hass: HomeAssistant, smart_entry: MockConfigEntry
) -> None:
    """Without a one-off Ready by, the next weekday's departure (2 December is a Wednesday)."""
    await _call(hass, "set_plan", weekdays={"thursday": {"departure": "07:45"}})
    plan = await _call(hass, "get_plan")
    assert plan["next_departure"] == _local(3, 7, 45).isoformat()
    assert hass.states.get(f"time.{PREFIX}_ready_by").state == "07:45:00"


@pytest.mark.parametrize(
    ("data", "key", "placeholders"),
    [
        (
            {"target_soc": 120},
            "invalid_target",
            {"field": "target_soc", "value": "120", "min": "0", "max": "100"},
        ),
        ({"ready_by": "25:00"}, "invalid_time", {"value": "25:00"}),
        (
            {"weekdays": {"monday": {"departure": "24:30"}}},
            "invalid_time",
            {"value": "24:30"},
        ),
        (
            {"weekdays": {"monday": {"departure": "7 am"}}},
            "invalid_time",
            {"value": "7 am"},
        ),
    ],
)
async def test_set_plan_refusals_are_translated_and_change_nothing(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    data: dict[str, Any],
    key: str,
    placeholders: dict[str, str],
) -> None:
    """As the UI sends it: a readable, translated refusal, and the targets stay as they were."""
    before = _smart(smart_entry).targets.as_dict()
    device = next(iter(hass.data["device_registry"].devices.values()))
    error = await refusal_from_the_ui(
        hass, hass_ws_client, DOMAIN, "set_plan", {"device_id": device.id, **data}
    )
    assert error["translation_key"] == key
    assert error["translation_placeholders"] == placeholders
    assert "is outside" in error["message"] or "is not a time" in error["message"]
    assert _smart(smart_entry).targets.as_dict() == before


@pytest.mark.parametrize("entry_options", [{}])
async def test_plan_actions_need_smart_charging(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without solar charging set up, set_plan says what to set up."""
    from homeassistant.exceptions import ServiceValidationError

    with pytest.raises(ServiceValidationError) as raised:
        await _call(hass, "set_plan", target_energy=10)
    assert raised.value.translation_key == "smart_charging_not_set_up"


async def _smart_page(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "smart"}
    )


async def test_options_page_saves_the_week(
    hass: HomeAssistant, smart_entry: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """The smart page keeps the solar options, and its departures give the next one."""
    result = await _smart_page(hass, smart_entry)
    assert result["step_id"] == "smart"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PRICE_SENSOR: PRICES, "departure_thursday": "06:00:00"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert smart_entry.options[CONF_GRID_SENSOR] == GRID
    plan = await _call(hass, "get_plan")
    assert plan["next_departure"] == _local(3, 6).isoformat()


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({CONF_CAR_SOC_SENSOR: CAR_SOC}, {CONF_CAR_CAPACITY: "capacity_required"}),
        ({CONF_CAR_CAPACITY: 60}, {CONF_CAR_SOC_SENSOR: "car_soc_sensor_required"}),
    ],
)
async def test_options_page_wants_the_car_sensor_and_capacity_together(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    data: dict[str, Any],
    errors: dict[str, str],
) -> None:
    """Planning by state of charge needs both the car's sensor and its battery size."""
    result = await _smart_page(hass, smart_entry)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_PRICE_SENSOR: PRICES, **data}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors


@pytest.mark.parametrize("entry_options", [{}])
async def test_options_page_needs_solar_charging_first(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Smart charging builds on solar charging: the page says so."""
    result = await _smart_page(hass, init_integration)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "solar_required"


async def test_plan_sensor_follows_new_prices(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    sim_server: SimulatorServer,
) -> None:
    """Tomorrow's prices arrive: the plan moves to the new cheapest hour."""
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="07:00", target_energy=10)
    assert dt_util.parse_datetime(hass.states.get(PLAN).state) == _local(3, 2)
    _prices(hass, _nord_pool({(3, 4): 0.01, (3, 2): CHEAPEST}))
    await _cycle(hass, smart_entry, freezer)
    assert dt_util.parse_datetime(hass.states.get(PLAN).state) == _local(3, 4)


@pytest.mark.parametrize(
    "entry_options", [{**SMART_OPTIONS, "solar_forecast_sensor": "sensor.solcast_forecast"}]
)
async def test_the_solar_forecast_saves_buying_energy(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The sun offers 4 kW for two hours before a 15:00 departure: what the car takes of it
    (at least 6 A on three phases, 4.14 kW, when it charges) is not bought."""
    forecast = [
        {"period_start": (_local(3, 11) + timedelta(minutes=30 * n)).isoformat(), "pv_estimate": 4}
        for n in range(4)
    ]
    hass.states.async_set("sensor.solcast_forecast", "20", {"detailedForecast": forecast})
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="15:00", target_energy=10)
    attributes = hass.states.get(PLAN).attributes
    assert attributes["solar_kwh"] > 5
    assert attributes["solar_kwh"] + attributes["grid_kwh"] == pytest.approx(10, abs=0.01)
    # Bought in the cheapest hour, at 0.05.
    assert attributes["estimated_cost"] == pytest.approx(
        attributes["grid_kwh"] * CHEAPEST, abs=0.01
    )


async def test_ready_by_is_set_from_the_time_entity_and_cleared_by_set_plan(
    hass: HomeAssistant, smart_entry: MockConfigEntry
) -> None:
    """A time that has passed today means tomorrow; a date and time is taken as it is;
    null clears the one-off departure."""
    await hass.services.async_call(
        "time",
        "set_value",
        {"entity_id": f"time.{PREFIX}_ready_by", "time": "06:45:00"},
        blocking=True,
    )
    assert (await _call(hass, "get_plan"))["next_departure"] == _local(3, 6, 45).isoformat()
    await _call(hass, "set_plan", ready_by="2026-12-05T09:30:00")
    assert (await _call(hass, "get_plan"))["next_departure"] == _local(5, 9, 30).isoformat()
    await _call(hass, "set_plan", ready_by=None)
    assert (await _call(hass, "get_plan"))["next_departure"] is None
    assert hass.states.get(f"time.{PREFIX}_ready_by").state == "unknown"


async def test_stop_after_also_bounds_what_the_plan_buys(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A target of 10 kWh with a session limit of 4: the plan asks for 4."""
    await _session(
        hass,
        smart_entry,
        charger,
        freezer,
        "smart",
        ready_by="07:00",
        target_energy=10,
        stop_after=4,
    )
    assert hass.states.get(PLAN).attributes["need_kwh"] == 4


async def test_a_missing_price_sensor_charges_at_once(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The price sensor was removed: no prices, so the car charges at once."""
    hass.states.async_remove(PRICES)
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="07:00", target_energy=10)
    assert charger.state.dynamic_current == 16
    assert hass.states.get(PLAN).attributes["status"] == "no_prices"


@pytest.mark.parametrize(
    "entry_options",
    [{**SMART_OPTIONS, CONF_CAR_SOC_SENSOR: CAR_SOC, CONF_CAR_CAPACITY: -5}],
)
async def test_options_the_planner_refuses_are_logged_once(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A hand-edited capacity below zero: no plan, one warning, and the sun's law still runs."""
    hass.states.async_set(CAR_SOC, "50")
    await _call(hass, "set_plan", ready_by="07:00", target_soc=80)
    await _mode(hass, "smart")
    await _plug_in_car(hass, smart_entry, charger)
    for _ in range(3):
        await _cycle(hass, smart_entry, freezer)
    assert hass.states.get(PLAN).attributes["status"] == "failed"
    assert caplog.text.count("Smart charging cannot plan") == 1
    assert charger.state.dynamic_current == 0  # no surplus: the law pauses


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "garbage",
        {"ready_by": 7, "target_energy_kwh": "ten", "price_limit": True, "week": {"monday": 3}},
        {"week": ["monday"]},
        {"week": {"monday": {"departure": "25:99"}}, "target_soc": float("nan")},
    ],
)
def test_stored_targets_that_cannot_be_read_are_dropped(stored: object) -> None:
    """A hand-edited store: whatever cannot be read is unset, nothing raises."""
    assert SmartTargets.from_dict(stored) == SmartTargets()


def test_stored_targets_round_trip() -> None:
    """What is stored is what comes back."""
    targets = SmartTargets(
        ready_by=_local(3, 7),
        target_energy_kwh=12.5,
        target_soc=80,
        price_limit=-0.01,
        stop_after_kwh=30,
        week={"monday": {"departure": "07:00"}, "tuesday": None},
    )
    assert SmartTargets.from_dict(targets.as_dict()) == targets


async def test_the_plan_being_executed_survives_a_restart(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """After a reload the plan chosen before goes on: the same charging slots, chosen at the
    same time (the first, idle slot now starts later: the plan runs from now)."""
    await _session(hass, smart_entry, charger, freezer, "smart", ready_by="07:00", target_energy=10)
    before = _smart(smart_entry).plan
    assert before is not None
    freezer.tick(timedelta(seconds=10))  # the delayed write of the new plan
    await hass.async_block_till_done()
    assert await hass.config_entries.async_reload(smart_entry.entry_id)
    await hass.async_block_till_done()
    after = _smart(smart_entry).plan
    assert after is not None
    assert after.charging_slots == before.charging_slots
    assert after.chosen_at == before.chosen_at
    assert dt_util.parse_datetime(hass.states.get(PLAN).state) == _local(3, 2)


@pytest.mark.parametrize("entry_options", [{}])
async def test_stop_after_without_solar_charging(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Charging by hand at 16 A, the session limit pauses at 1 kWh through the same lever, the
    Charging current shows the pause, and the next session gets its 16 A back."""
    current = f"number.{PREFIX}_charging_current"
    await hass.services.async_call(
        "number", "set_value", {"entity_id": current, "value": 16}, blocking=True
    )
    await _call(hass, "set_plan", stop_after=1)
    assert hass.states.get(f"number.{PREFIX}_stop_after").state == "1.0"
    await _plug_in_car(hass, init_integration, charger)
    await hass.async_block_till_done()
    assert charger.state.dynamic_current == 16
    charger.advance(6 * 60)  # 11 kW for 6 minutes: 1.1 kWh
    await init_integration.runtime_data.live.async_refresh()
    await hass.async_block_till_done()
    assert charger.state.dynamic_current == 0
    await init_integration.runtime_data.live.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(current).state == "0"
    charger.unplug()
    await init_integration.runtime_data.live.async_refresh()
    await hass.async_block_till_done()
    assert charger.state.dynamic_current == 16


async def test_raising_stop_after_lets_the_session_go_on(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Paused at the limit, a higher limit resumes at once; 0 turns the limit off."""
    await _session(hass, smart_entry, charger, freezer, "fast", stop_after=1)
    charger.advance(6 * 60)
    await _cycle(hass, smart_entry, freezer)
    assert charger.state.dynamic_current == 0
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_stop_after", "value": 5},
        blocking=True,
    )
    assert charger.state.dynamic_current == 16
    assert hass.states.get(SOLAR_STATE).state != "session_limit_reached"


async def test_without_a_departure_nothing_is_bought(
    hass: HomeAssistant,
    smart_entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A target but no departure (no week, no Ready by): no deadline, so the grid is not used;
    the Plan says there is no departure."""
    await _session(hass, smart_entry, charger, freezer, "smart", target_energy=10)
    assert charger.state.dynamic_current == 0
    attributes = hass.states.get(PLAN).attributes
    assert attributes["status"] == "no_departure"
    assert attributes["grid_kwh"] == 0
