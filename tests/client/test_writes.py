"""Every write method of the client changes the simulated charger."""

from __future__ import annotations

import pytest

from custom_components.lektrico_local.api import (
    ChargerState,
    LektricoClient,
    LimitReason,
    ScheduleInterval,
)
from lektrico_sim import ChargerSimulator, SimulatorServer


async def _state(client: LektricoClient) -> ChargerState | None:
    return (await client.charger_info()).state


@pytest.mark.firmware_needs("extended_charger_state")
async def test_start_stop_with_authorization(
    client: LektricoClient, charger: ChargerSimulator
) -> None:
    """With authorization required, start and stop move between charging and waiting."""
    await client.set_app_config("headless", False)
    charger.plug_in()
    assert await _state(client) is ChargerState.AWAITING_AUTHORIZATION
    await client.start_charging(tag="HA-automation")
    assert await _state(client) is ChargerState.CHARGING
    await client.stop_charging()
    assert await _state(client) is ChargerState.AWAITING_AUTHORIZATION
    await client.start_charging()
    assert await _state(client) is ChargerState.CHARGING


@pytest.mark.firmware_needs("extended_charger_state")
async def test_pause_resume(client: LektricoClient, charger: ChargerSimulator) -> None:
    """Pause and resume move the charger between paused and charging."""
    charger.plug_in()
    await client.pause_charging()
    info = await client.charger_info()
    assert info.state is ChargerState.PAUSED
    assert info.is_paused is True
    await client.resume_charging()
    info = await client.charger_info()
    assert info.state is ChargerState.CHARGING
    assert info.is_paused is False


async def test_set_app_config_round_trip(client: LektricoClient) -> None:
    """App config values of each type written are read back as written."""
    await client.set_app_config("led_max_brightness", 40)
    await client.set_app_config("user_current", 10)
    await client.set_app_config("charger_alias", "Garage")
    await client.set_app_config("latitude", 45.5)
    await client.set_app_config("led_template", "255,0,0,0,255,0,0,0,255,10,10,10")
    config = await client.app_config()
    assert config.led_max_brightness == 40
    assert config.user_current == 10
    assert config.charger_alias == "Garage"
    assert config.latitude == 45.5
    assert config.led_template == "255,0,0,0,255,0,0,0,255,10,10,10"


@pytest.mark.firmware_needs("pwm_current")
async def test_user_current_limits_charging(
    client: LektricoClient, charger: ChargerSimulator
) -> None:
    """A lower user current lowers the offered current and is named as the limit."""
    charger.plug_in()
    await client.set_app_config("user_current", 10)
    info = await client.charger_info()
    assert info.pwm_current == 10
    assert info.limit_reason is LimitReason.USER_CURRENT


@pytest.mark.firmware_needs("extended_charger_state")
async def test_lock(client: LektricoClient, charger: ChargerSimulator) -> None:
    """Locking stops a charging unit; unlocking lets it charge again."""
    charger.plug_in()
    await client.set_app_config("charger_locked", True)
    assert await _state(client) is ChargerState.LOCKED
    await client.set_app_config("charger_locked", False)
    assert await _state(client) is ChargerState.CHARGING


@pytest.mark.firmware_needs("em_current.set")
async def test_em_current(client: LektricoClient, charger: ChargerSimulator) -> None:
    """An EM current limits charging and is named as the limit; 0 pauses."""
    await client.set_app_config("energy_management_enabled", True)
    charger.plug_in()
    await client.set_em_current(8)
    assert await client.em_current() == 8
    info = await client.charger_info()
    assert info.pwm_current == 8
    assert info.limit_reason is LimitReason.ENERGY_MANAGEMENT
    await client.set_em_current(0)
    assert await _state(client) is ChargerState.PAUSED


@pytest.mark.firmware_needs("pwm_current")
async def test_dynamic_current(client: LektricoClient, charger: ChargerSimulator) -> None:
    """A dynamic current reads back, limits charging, and is named as the limit."""
    charger.plug_in()
    await client.set_dynamic_current(12)
    assert (await client.dynamic_current()).dynamic_current == 12
    info = await client.charger_info()
    assert info.pwm_current == 12
    assert info.limit_reason is LimitReason.DYNAMIC_CURRENT


@pytest.mark.firmware_needs("extended_charger_state")
async def test_schedule_round_trip_and_override(
    client: LektricoClient, charger: ChargerSimulator
) -> None:
    """A schedule reads back as written, holds charging outside it, and can be overridden."""
    # The simulator's clock starts on a Monday at 10:00 UTC; charge only at night.
    night = ScheduleInterval(1, 22, 0, 2, 6, 0, 16)
    await client.set_charging_schedule([night])
    assert await client.charging_schedule() == [night]
    await client.set_app_config("charging_schedule_enabled", True)
    charger.plug_in()
    assert await _state(client) is ChargerState.PAUSED_BY_SCHEDULE
    await client.override_charging_schedule()
    assert await _state(client) is ChargerState.CHARGING


async def test_reset_logged_errors(client: LektricoClient, charger: ChargerSimulator) -> None:
    """Resetting logged errors clears an error that is no longer active."""
    charger.raise_error("overtemp")
    charger.clear_error("overtemp")
    assert (await client.logged_errors()).active == ["overtemp"]
    await client.reset_logged_errors()
    assert (await client.logged_errors()).active == []


async def test_reboot_counts(client: LektricoClient) -> None:
    """A reboot adds one to the reset counter."""
    before = (await client.counters()).reset_counter or 0
    await client.reboot()
    assert (await client.counters()).reset_counter == before + 1


async def test_factory_reset(client: LektricoClient) -> None:
    """A factory reset brings a changed setting back to its default."""
    await client.set_app_config("led_max_brightness", 20)
    await client.factory_reset()
    assert (await client.app_config()).led_max_brightness == 100


async def test_ap_password_and_ota(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """Setting and clearing the AP password and the update check reach the charger."""
    await client.set_ap_password("correct horse battery")
    await client.set_ap_password("")
    await client.check_for_update()
    assert sim_server.request_counts["ap_password.set"] == 2
    assert sim_server.request_counts["ota.verify"] == 1


@pytest.mark.firmware_needs("em_current.set")
async def test_one_request_per_call(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """Traffic is what the client says it is: one request per call."""
    sim_server.reset_counts()
    await client.charger_info()
    await client.set_em_current(6)
    assert sim_server.total_requests == 2
    assert sim_server.request_counts["charger_info.get"] == 1
    assert sim_server.request_counts["em_current.set"] == 1
