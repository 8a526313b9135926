"""Every path of the config flow, the reconfigure flow and the options flow."""

from __future__ import annotations

from collections.abc import AsyncIterator
from ipaddress import ip_address
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.config_entries import SOURCE_USER, SOURCE_ZEROCONF
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import translation
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local import config_flow
from custom_components.lektrico_local.config_flow import solar_errors
from custom_components.lektrico_local.const import CONF_GRID_SENSOR, CONF_SCAN_INTERVAL, DOMAIN
from custom_components.lektrico_local.solar import SolarSettings
from custom_components.lektrico_local.solar.settings import (
    SolarSettingsError,
    SolarSettingsReason,
)
from lektrico_sim import ChargerSimulator, Fault, ManualClock, SimulatorServer

from .conftest import SERIAL


def _zeroconf(port: int) -> ZeroconfServiceInfo:
    return ZeroconfServiceInfo(
        ip_address=ip_address("127.0.0.1"),
        ip_addresses=[ip_address("127.0.0.1")],
        hostname="lektrico-500006.local.",
        name="lektrico-500006._http._tcp.local.",
        port=port,
        type="_http._tcp.local.",
        properties={},
    )


@pytest.fixture
async def other_charger(socket_enabled: None) -> AsyncIterator[SimulatorServer]:
    """A second charger, with another serial number, at another port."""
    server = SimulatorServer(ChargerSimulator(model="1p7k", serial=700001, clock=ManualClock()))
    await server.start(host="127.0.0.1", port=0)
    yield server
    await server.stop()


async def _user_flow(hass: HomeAssistant, host: str) -> dict:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_HOST: host})


async def test_user_flow_creates_entry(hass: HomeAssistant, sim_host: str) -> None:
    """A typed URL is cut to host:port and the entry is named after the model and serial."""
    result = await _user_flow(hass, f"http://{sim_host}/")
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Lektrico 3P22K 500006"
    assert result["data"] == {CONF_HOST: sim_host}
    assert result["result"].unique_id == SERIAL


async def test_user_flow_uses_the_alias(
    hass: HomeAssistant, sim_host: str, charger: ChargerSimulator
) -> None:
    """A charger with an alias gives the entry that name."""
    charger.set_app_config("charger_alias", "Garage")
    result = await _user_flow(hass, sim_host)
    assert result["title"] == "Garage"


async def test_user_flow_nothing_answers(
    hass: HomeAssistant, sim_server: SimulatorServer, sim_host: str
) -> None:
    """A host that does not answer is reported in the form, and a retry there succeeds."""
    await sim_server.go_offline()
    result = await _user_flow(hass, sim_host)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_HOST: "cannot_connect"}
    # The user fixes the problem and tries again in the same form.
    await sim_server.go_online()
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: sim_host}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_user_flow_not_a_charger(
    hass: HomeAssistant, sim_server: SimulatorServer, sim_host: str
) -> None:
    """A host that answers something other than the charger's JSON is not a charger."""
    sim_server.faults.add(Fault(kind="not_json"))
    result = await _user_flow(hass, sim_host)
    assert result["errors"] == {CONF_HOST: "not_a_charger"}


async def test_user_flow_unexpected_error(hass: HomeAssistant, sim_host: str) -> None:
    """An unexpected exception while identifying shows the 'unknown' error."""
    # An unexpected exception cannot be provoked through the simulator: patch the client.
    with patch(
        "custom_components.lektrico_local.config_flow.LektricoClient.identify",
        side_effect=RuntimeError,
    ):
        result = await _user_flow(hass, sim_host)
    assert result["errors"] == {CONF_HOST: "unknown"}


async def test_user_flow_already_configured_updates_host(
    hass: HomeAssistant, config_entry: MockConfigEntry, sim_host: str, sim_server: SimulatorServer
) -> None:
    """Adding a charger that is already set up aborts and moves its entry to the new host."""
    config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(config_entry, data={CONF_HOST: "192.0.2.1"})
    result = await _user_flow(hass, sim_host)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert config_entry.data[CONF_HOST] == sim_host


async def test_zeroconf_flow(hass: HomeAssistant, sim_server: SimulatorServer) -> None:
    """A discovered charger is confirmed with its serial and model and added at its address."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(sim_server.port)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "zeroconf_confirm"
    assert result["description_placeholders"]["serial"] == SERIAL
    assert result["description_placeholders"]["model"] == "3P22K"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {CONF_HOST: f"127.0.0.1:{sim_server.port}"}
    assert result["result"].unique_id == SERIAL


async def test_zeroconf_follows_a_known_charger_to_its_new_address(
    hass: HomeAssistant, config_entry: MockConfigEntry, sim_server: SimulatorServer
) -> None:
    """Discovering a known charger at a new address updates its entry's host."""
    config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(config_entry, data={CONF_HOST: "192.0.2.1"})
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(sim_server.port)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert config_entry.data[CONF_HOST] == f"127.0.0.1:{sim_server.port}"


async def test_zeroconf_device_does_not_answer(
    hass: HomeAssistant, sim_server: SimulatorServer
) -> None:
    """A discovered device that does not answer aborts the flow with cannot_connect."""
    port = sim_server.port
    await sim_server.go_offline()
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(port)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"


async def test_reconfigure(
    hass: HomeAssistant, config_entry: MockConfigEntry, sim_host: str, sim_server: SimulatorServer
) -> None:
    """Reconfigure reports an unreachable host and saves a reachable one."""
    config_entry.add_to_hass(hass)
    result = await config_entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: "127.0.0.1:1"}
    )
    assert result["errors"] == {CONF_HOST: "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: sim_host}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert config_entry.data[CONF_HOST] == sim_host


async def test_reconfigure_refuses_another_charger(
    hass: HomeAssistant, config_entry: MockConfigEntry, other_charger: SimulatorServer
) -> None:
    """Reconfigure refuses a host with a different charger and keeps the old host."""
    config_entry.add_to_hass(hass)
    old_host = config_entry.data[CONF_HOST]
    result = await config_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: f"127.0.0.1:{other_charger.port}"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "different_charger"
    assert config_entry.data[CONF_HOST] == old_host


async def test_options_flow(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """A new polling interval from the options menu reloads the entry with that interval."""
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "polling"}
    )
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_SCAN_INTERVAL: 30}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert init_integration.options[CONF_SCAN_INTERVAL] == 30
    # The entry was reloaded with the new interval.
    assert init_integration.runtime_data.live.update_interval.total_seconds() == 30


SOLAR_PAGE: dict[str, Any] = {
    CONF_GRID_SENSOR: "sensor.grid_power",
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
}


async def _solar_page(hass: HomeAssistant, entry: MockConfigEntry, **changes: Any) -> dict:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "solar"}
    )
    assert result["step_id"] == "solar"
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {**SOLAR_PAGE, **changes}
    )


async def _error_text(hass: HomeAssistant, language: str, result: dict) -> str:
    """The form's one error as the frontend shows it: options.error.<key>, filled in."""
    ((_, key),) = result["errors"].items()
    strings = await translation.async_get_translations(hass, language, "options", [DOMAIN])
    return strings[f"component.{DOMAIN}.options.error.{key}"].format(
        **result["description_placeholders"]
    )


@pytest.mark.parametrize(
    ("changes", "errors", "placeholders", "english"),
    [
        (
            {"min_current": 20, "max_current": 10},
            {"max_current": "max_below_min"},
            {"value": "10", "minimum": "20"},
            "The maximum current (10 A) must not be below the minimum current (20 A).",
        ),
        (
            {"phases": "1", "phase_switching": True},
            {"phase_switching": "needs_three_phases"},
            {},
            "Switching phases needs the charger on 3 phases: set Phases to Auto or 3 phases.",
        ),
    ],
)
async def test_solar_page_refusal_is_translated_on_its_field(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    changes: dict[str, Any],
    errors: dict[str, str],
    placeholders: dict[str, str],
    english: str,
) -> None:
    """What the control law refuses shows on the field, in the user's language, no English."""
    result = await _solar_page(hass, init_integration, **changes)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert result["description_placeholders"] == placeholders
    assert await _error_text(hass, "en", result) == english
    for language in ("nl", "de", "fr", "ro"):
        text = await _error_text(hass, language, result)
        assert "{" not in text
        assert text != english
        assert all(value in text for value in placeholders.values())
    # Nothing was saved.
    assert CONF_GRID_SENSOR not in init_integration.options


async def test_solar_page_accepts_fitting_settings(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Consistent solar settings are saved into the entry's options."""
    result = await _solar_page(hass, init_integration, min_current=10, max_current=16)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert init_integration.options["max_current"] == 16


@pytest.mark.parametrize(
    ("changes", "errors", "placeholders"),
    [
        # Beyond the page's selectors (a hand-edited entry, a future selector): the same checks.
        (
            {"cycle": 5},
            {"cycle": "out_of_range"},
            {"value": "5", "minimum": "10", "maximum": "300"},
        ),
        (
            {"battery_soc_sensor": "sensor.soc", "battery_priority_soc": 120},
            {"battery_priority_soc": "out_of_range"},
            {"value": "120", "minimum": "0", "maximum": "100"},
        ),
        ({"phases": "2"}, {"phases": "not_a_choice"}, {"value": "2", "choices": "1, 3"}),
        ({"min_current": "six"}, {"base": "invalid_solar_settings"}, {}),
        ({"min_current": 20, "max_current": 10}, {"max_current": "max_below_min"}, None),
        ({"battery_priority_soc": 80}, {"battery_soc_sensor": "soc_sensor_required"}, {}),
        ({CONF_GRID_SENSOR: None, "grid_export_sensor": "sensor.export"}, None, {}),
        ({CONF_GRID_SENSOR: None}, {}, {}),
    ],
)
def test_solar_errors(
    changes: dict[str, Any], errors: dict[str, str] | None, placeholders: dict[str, str] | None
) -> None:
    """solar_errors() refuses each wrong setting on its field, with the values that explain it."""
    found, found_placeholders = solar_errors({**SOLAR_PAGE, **changes}, 3)
    assert found == (errors if errors is not None else {CONF_GRID_SENSOR: "grid_sensor_required"})
    if placeholders is not None:
        assert found_placeholders == placeholders


@pytest.mark.parametrize(
    ("field", "reason", "error_field"),
    [
        ("stale_pause_after", SolarSettingsReason.STALE_ORDER, "base"),
        ("phase_switching", SolarSettingsReason.NOT_BOOLEAN, "phase_switching"),
        ("min_current", SolarSettingsReason.NOT_WHOLE_NUMBER, "min_current"),
        ("residual_power", SolarSettingsReason.NOT_A_NUMBER, "residual_power"),
    ],
)
def test_solar_errors_point_at_the_option(
    field: str, reason: SolarSettingsReason, error_field: str
) -> None:
    """Every reason becomes options.error.<reason>, on the option that sets the field; a field
    the page does not show, on the form."""
    refusal = SolarSettingsError(field, reason, {"value": "x"})
    with patch(f"{config_flow.__name__}.solar_settings", side_effect=refusal):
        assert solar_errors(SOLAR_PAGE, 3) == ({error_field: reason.value}, {"value": "x"})


def test_every_settings_field_the_page_sets_is_pointed_at() -> None:
    """Every field the solar page maps exists both in the page and in SolarSettings."""
    assert set(config_flow.SOLAR_FIELD_OPTIONS.values()) <= set(config_flow.SOLAR_KEYS)
    assert set(config_flow.SOLAR_FIELD_OPTIONS) <= set(SolarSettings.__dataclass_fields__)
