"""The session history inside Home Assistant: whole sessions driven through the simulator.

Home Assistant's clock (freezer) and the simulated charger's clock move together; what matters is
what the stored records and the sensors say against the charger's own counters.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.lektrico_local.const import CONF_FIXED_PRICE, CONF_GRID_SENSOR, DOMAIN
from lektrico_sim import ChargerSimulator, SimulatorServer

PREFIX = "lektrico_3p22k_500006"
LAST = f"sensor.{PREFIX}_last_session"
MONTH_ENERGY = f"sensor.{PREFIX}_energy_this_month"
MONTH_COST = f"sensor.{PREFIX}_cost_this_month"
SOLAR_SHARE = f"sensor.{PREFIX}_solar_share_this_month"
GRID = "sensor.grid_power"
PRICE = 0.25


@pytest.fixture
def firmware() -> str:
    """The history reads what every firmware sends: the one real units run."""
    return "1.51"


@pytest.fixture
def entry_options() -> dict[str, Any]:
    """A fixed price per kWh: every session has a cost."""
    return {CONF_FIXED_PRICE: PRICE}


async def _poll(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    seconds: float = 10,
) -> None:
    """Both clocks move on; one live poll (and the counters, as their slow timer would)."""
    charger.advance(seconds)
    freezer.tick(timedelta(seconds=seconds))
    if meter := hass.states.get(GRID):  # the meter reports as often as the charger is polled
        hass.states.async_set(GRID, meter.state, meter.attributes, force_update=True)
    await entry.runtime_data.live.async_refresh()
    await entry.runtime_data.statistics.async_refresh()
    await hass.async_block_till_done()


async def _charge(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    minutes: int,
) -> None:
    for _ in range(minutes * 6):
        await _poll(hass, entry, charger, freezer)


def _plug_in(charger: ChargerSimulator) -> None:
    """A car that takes 16 A on three phases (11.04 kW)."""
    charger.set_ev(max_current=16, phases=3)
    charger.plug_in()


async def _unplug(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> float:
    """The car leaves, and Home Assistant sees it; what the charger delivered (Wh)."""
    delivered = charger.state.session_energy
    charger.unplug()
    await _poll(hass, entry, charger, freezer)
    return delivered


def _sessions(entry: MockConfigEntry) -> list[Any]:
    history = entry.runtime_data.history
    assert history is not None
    return list(history.recorder.sessions)


async def _call(hass: HomeAssistant, service: str, **data: Any) -> Any:
    device = next(iter(hass.data["device_registry"].devices.values()))
    return await hass.services.async_call(
        DOMAIN, service, {"device_id": device.id, **data}, blocking=True, return_response=True
    )


async def test_a_whole_session_is_recorded_with_its_cost(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Plug, charge, pause, resume, unplug: one record with the charger's energy, its cost at
    the fixed price, and the month's sensors adding it up."""
    _plug_in(charger)
    await _charge(hass, init_integration, charger, freezer, 10)
    await init_integration.runtime_data.client.pause_charging()
    await _charge(hass, init_integration, charger, freezer, 5)
    await init_integration.runtime_data.client.resume_charging()
    await _charge(hass, init_integration, charger, freezer, 10)
    delivered = await _unplug(hass, init_integration, charger, freezer)
    (record,) = _sessions(init_integration)
    assert record.energy_wh == pytest.approx(delivered, abs=1)
    assert record.cost == pytest.approx(delivered / 1000 * PRICE, abs=0.001)
    assert record.phases == 3
    assert record.peak_power_w == pytest.approx(16 * 3 * 230, rel=0.05)
    assert record.duration_plugged_s == pytest.approx(25 * 60, abs=20)
    assert record.duration_charging_s == pytest.approx(20 * 60, abs=30)
    assert float(hass.states.get(LAST).state) == pytest.approx(delivered / 1000, abs=0.001)
    assert float(hass.states.get(MONTH_ENERGY).state) == pytest.approx(delivered / 1000, abs=0.001)
    assert float(hass.states.get(MONTH_COST).state) == pytest.approx(
        delivered / 1000 * PRICE, abs=0.001
    )
    assert hass.states.get(MONTH_ENERGY).attributes["state_class"] == "total"
    assert hass.states.get(SOLAR_SHARE) is None  # no grid sensor: no solar share


async def test_a_charger_reboot_mid_session_keeps_one_record(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The charger reboots (new session id, its counter back to 0): the energy before and
    after adds up in the same record."""
    _plug_in(charger)
    await _charge(hass, init_integration, charger, freezer, 10)
    before = charger.state.session_energy
    charger.power_cycle()
    await _charge(hass, init_integration, charger, freezer, 10)
    after = charger.state.session_energy
    charger.unplug()
    await _poll(hass, init_integration, charger, freezer)
    (record,) = _sessions(init_integration)
    assert record.energy_wh == pytest.approx(before + after, abs=2)
    assert len(record.charger_session_ids) == 2


async def test_an_outage_mid_session_loses_no_energy(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    sim_server: SimulatorServer,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The charger is unreachable for 10 minutes while it charges: the energy of the gap is
    credited (and marked as not seen), the total is the charger's."""
    _plug_in(charger)
    await _charge(hass, init_integration, charger, freezer, 5)
    await sim_server.go_offline()
    await _charge(hass, init_integration, charger, freezer, 10)
    await sim_server.go_online()
    await _charge(hass, init_integration, charger, freezer, 5)
    delivered = await _unplug(hass, init_integration, charger, freezer)
    (record,) = _sessions(init_integration)
    assert record.energy_wh == pytest.approx(delivered, abs=2)
    assert record.unobserved_energy_wh > 0


async def test_a_restart_mid_session_continues_the_record(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Home Assistant restarts while the car charges: after the reload the same session goes on,
    nothing counted twice; the stored records survive too."""
    _plug_in(charger)
    await _charge(hass, init_integration, charger, freezer, 5)
    charger.unplug()
    await _poll(hass, init_integration, charger, freezer)
    charger.plug_in()
    await _charge(hass, init_integration, charger, freezer, 5)
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    await _charge(hass, init_integration, charger, freezer, 5)
    delivered = await _unplug(hass, init_integration, charger, freezer)
    first, second = _sessions(init_integration)
    assert second.energy_wh == pytest.approx(delivered, abs=2)
    assert first.end < second.start


async def test_a_session_missed_while_home_assistant_was_down(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The car charged and left while the entry was unloaded: the counters tell, and the
    session is recorded from last_session_energy, marked as missed."""
    await _poll(hass, init_integration, charger, freezer)
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    _plug_in(charger)
    charger.advance(1800)
    missed_energy = charger.state.session_energy
    charger.unplug()
    freezer.tick(timedelta(hours=1))
    assert await hass.config_entries.async_setup(init_integration.entry_id)
    await hass.async_block_till_done()
    await _poll(hass, init_integration, charger, freezer)
    (record,) = _sessions(init_integration)
    assert record.missed is True
    assert record.energy_wh == pytest.approx(missed_energy, abs=1)


@pytest.mark.parametrize("entry_options", [{CONF_GRID_SENSOR: GRID, "max_current": 16}])
async def test_solar_share_from_the_grid_sensor(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The house imports 4 kW while the car draws 16 A x 3: the rest of its power is the sun's."""
    hass.states.async_set(GRID, "4000", {"unit_of_measurement": "W"})
    _plug_in(charger)
    await _charge(hass, init_integration, charger, freezer, 10)
    power = charger.state.instant_power
    charger.unplug()
    await _poll(hass, init_integration, charger, freezer)
    (record,) = _sessions(init_integration)
    share = 100 * (power - 4000) / power  # 63.8 % at 11.04 kW
    assert 100 * record.solar_energy_wh / record.energy_wh == pytest.approx(share, abs=3)
    assert float(hass.states.get(SOLAR_SHARE).state) == pytest.approx(share, abs=3)


async def test_get_and_export_sessions_by_tag(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A session started with a tag is found by it, and the CSV parses back to the same."""
    _plug_in(charger)
    await _call_without_response(hass, "start_charging", tag="company-car")
    await _charge(hass, init_integration, charger, freezer, 5)
    charger.unplug()
    await _poll(hass, init_integration, charger, freezer)
    found = await _call(hass, "get_sessions", tag="company-car")
    assert len(found["sessions"]) == 1
    assert found["sessions"][0]["tag"] == "company-car"
    assert (await _call(hass, "get_sessions", tag="someone-else"))["sessions"] == []
    written = await _call(hass, "export_sessions", path="www/ev.csv")
    path = Path(written["path"])
    assert path == Path(hass.config.path("www/ev.csv"))
    text = await hass.async_add_executor_job(path.read_text, "utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["tag"] == "company-car"
    assert float(rows[0]["energy_wh"]) == pytest.approx(found["sessions"][0]["energy_wh"], abs=0.01)


async def test_export_outside_the_configuration_directory_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A path that leaves the configuration directory is refused, translated."""
    from homeassistant.exceptions import ServiceValidationError

    with pytest.raises(ServiceValidationError) as raised:
        await _call(hass, "export_sessions", path="../../etc/sessions.csv")
    assert raised.value.translation_key == "path_not_allowed"


async def _call_without_response(hass: HomeAssistant, service: str, **data: Any) -> None:
    device = next(iter(hass.data["device_registry"].devices.values()))
    await hass.services.async_call(DOMAIN, service, {"device_id": device.id, **data}, blocking=True)


@pytest.mark.parametrize("entry_options", [{}])
async def test_the_fixed_price_is_set_on_the_options_page(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """No price at first: no cost sensor. A fixed price on the history page adds it."""
    assert hass.states.get(MONTH_COST) is None
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "history"}
    )
    assert result["step_id"] == "history"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_FIXED_PRICE: 0.31}
    )
    await hass.async_block_till_done()
    assert init_integration.options[CONF_FIXED_PRICE] == 0.31
    cost = hass.states.get(MONTH_COST)
    assert cost.state == "0.0"
    assert cost.attributes["unit_of_measurement"] == hass.config.currency


async def test_the_session_in_progress_is_written_within_a_minute(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    charger: ChargerSimulator,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """A crash (no clean stop) loses at most a minute of the session in progress: polls every
    10 s do not put the write off for ever."""
    key = f"{DOMAIN}.{init_integration.entry_id}.sessions"
    _plug_in(charger)
    await _charge(hass, init_integration, charger, freezer, 1)
    for _ in range(8):  # more polls, each 10 s later, as the minute passes
        await _poll(hass, init_integration, charger, freezer)
        async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=10))
        await hass.async_block_till_done()
    stored = hass_storage[key]["data"]
    assert stored["open"] is not None
    assert json.dumps(stored)  # plain JSON: what a restart reads back


async def test_export_to_an_allowed_external_directory(
    hass: HomeAssistant, init_integration: MockConfigEntry, tmp_path: Path
) -> None:
    """A directory in allowlist_external_dirs takes the file, even outside the configuration."""
    hass.config.allowlist_external_dirs = {str(tmp_path)}
    target = tmp_path / "sessions.csv"
    written = await _call(hass, "export_sessions", path=str(target))
    assert written == {"path": str(target), "sessions": 0}
    text = await hass.async_add_executor_job(target.read_text, "utf-8")
    assert text.splitlines()[0].startswith("start,end,")
