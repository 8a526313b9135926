"""Every read method of the client against the simulator over loopback."""

from __future__ import annotations

import pytest

from custom_components.lektrico_local.api import (
    ERROR_FLAGS,
    ChargerModel,
    ChargerState,
    LektricoClient,
    LimitReason,
    RelayMode,
)
from lektrico_sim import ChargerSimulator, SimulatorServer


@pytest.mark.firmware_needs("has_active_errors")
async def test_idle_charger_info(client: LektricoClient) -> None:
    """An idle charger reads as disconnected, drawing nothing, with no active errors."""
    info = await client.charger_info()
    assert info.iec_state == "A"
    assert info.state is ChargerState.DISCONNECTED
    assert info.vehicle_connected is False
    assert info.charging is False
    assert info.instant_power == 0
    assert info.fw_version
    assert len(info.currents) == 3
    assert len(info.voltages) == 3
    assert info.has_active_errors is False


@pytest.mark.firmware_needs("extended_charger_state", "pwm_current", "current_limit_reason")
async def test_charging_charger_info(client: LektricoClient, charger: ChargerSimulator) -> None:
    """A charging unit reports its state, currents, power, session energy and limit reason."""
    charger.set_ev(max_current=16, phases=3)
    charger.plug_in()
    charger.advance(600)
    info = await client.charger_info()
    assert info.state is ChargerState.CHARGING
    assert info.charging is True
    assert info.pwm_current == 32
    assert info.currents == pytest.approx((16, 16, 16), abs=0.5)
    assert info.instant_power == pytest.approx(16 * 230 * 3, rel=0.05)
    # 11 kW for 10 minutes is about 1.8 kWh
    assert info.session_energy == pytest.approx(11040 / 6, rel=0.05)
    assert info.charging_time == 600
    # Install, user and hardware limits are all 32 A: the charger names the user limit.
    assert info.limit_reason is LimitReason.USER_CURRENT


async def test_app_config_has_every_key(client: LektricoClient) -> None:
    """The app config of a fresh unit reads with its default values."""
    config = await client.app_config()
    assert config.headless is True
    assert config.install_current is not None
    assert config.led_max_brightness == 100
    assert config.user_current == 32
    assert config.gmt_offset == 0
    assert config.energy_management_enabled is False
    assert config.charging_schedule_enabled is False


async def test_counters_after_a_session(client: LektricoClient, charger: ChargerSimulator) -> None:
    """A finished session adds one session, its energy and its minutes to the counters."""
    before = await client.counters()
    charger.plug_in()
    charger.advance(3600)
    charger.unplug()
    after = await client.counters()
    assert after.total_charged_sessions == (before.total_charged_sessions or 0) + 1
    assert after.last_session_energy is not None
    assert after.last_session_energy > 10_000  # an hour at 22 kW
    assert after.total_charged_energy is not None
    assert after.total_charged_energy - (before.total_charged_energy or 0) == pytest.approx(
        after.last_session_energy / 1000, rel=0.01
    )
    assert after.total_charged_time == (before.total_charged_time or 0) + 60


async def test_software_version(client: LektricoClient) -> None:
    """The software version read carries the firmware version and id."""
    version = await client.software_version()
    assert version.fw_version
    assert version.fw_id


async def test_error_flags(client: LektricoClient, charger: ChargerSimulator) -> None:
    """A raised error shows in active and logged errors; cleared, it stays logged only."""
    assert (await client.active_errors()).active == []
    charger.raise_error("rcd_error")
    active = await client.active_errors()
    logged = await client.logged_errors()
    assert active.active == ["rcd_error"]
    assert logged.active == ["rcd_error"]
    assert set(active.flags) == set(ERROR_FLAGS)
    charger.clear_error("rcd_error")
    assert (await client.active_errors()).active == []
    assert (await client.logged_errors()).active == ["rcd_error"]


async def test_wifi_status(client: LektricoClient) -> None:
    """The Wi-Fi status reads connected, with SSID, IP address and a negative RSSI."""
    wifi = await client.wifi_status()
    assert wifi.connected is True
    assert wifi.ssid
    assert wifi.ip_address
    assert wifi.rssi is not None
    assert wifi.rssi < 0


@pytest.mark.firmware_needs("system_currents.get")
async def test_system_currents(client: LektricoClient) -> None:
    """The system currents read the install, user, cable and EM limits."""
    currents = await client.system_currents()
    assert currents.install_current is not None
    assert currents.user_current == 32
    assert currents.cable_current is not None
    assert currents.em_current is not None


@pytest.mark.firmware_needs("device_info.get")
async def test_identity(client: LektricoClient) -> None:
    """The charger identifies itself as the three-phase model with its serial number."""
    info = await client.device_info()
    assert info.model is ChargerModel.THREE_PHASE
    assert info.serial_number == "500006"
    identity = await client.identify()
    assert identity.serial_number == "500006"
    assert identity.model is ChargerModel.THREE_PHASE
    assert identity.phases == 3


@pytest.mark.parametrize("charger_model", ["1p7k"])
async def test_identity_single_phase(client: LektricoClient) -> None:
    """The single-phase unit identifies itself as the one-phase model."""
    identity = await client.identify()
    assert identity.model is ChargerModel.ONE_PHASE
    assert identity.phases == 1


async def test_identity_without_device_info(
    client: LektricoClient, sim_server: SimulatorServer
) -> None:
    """Firmware without Device_info.Get is still identified through Device_id.Get."""
    from lektrico_sim import Fault

    sim_server.faults.add(Fault(kind="missing_method", methods=["device_info.get"]))
    identity = await client.identify()
    assert identity.serial_number == "500006"
    assert identity.model is ChargerModel.THREE_PHASE


async def test_identity_from_charger_config(
    client: LektricoClient, sim_server: SimulatorServer
) -> None:
    """Without device_info and device_id, identify() falls back to the charger config."""
    from lektrico_sim import Fault

    sim_server.faults.add(
        Fault(kind="missing_method", methods=["device_info.get", "device_id.get"])
    )
    identity = await client.identify()
    assert identity.serial_number == "500006"
    assert identity.model is None
    assert identity.phases == 3


async def test_real_unit_methods(client: LektricoClient) -> None:
    """The methods found on real units (config, dynamic current, device id) read correctly."""
    config = await client.charger_config()
    assert config.serial_number == "500006"
    assert config.board_revision
    dynamic = await client.dynamic_current()
    assert dynamic.dynamic_current == 32
    assert dynamic.relay_mode == RelayMode.THREE_PHASES
    assert (await client.device_id()).serial_number == "500006"


@pytest.mark.firmware_needs("em_current.get", "em_status.get")
async def test_em_reads(client: LektricoClient) -> None:
    """The EM current reads, and the EM device counts as offline until a current is set."""
    assert await client.em_current() is not None
    # Until someone sets the EM current the charger reports the EM device offline.
    assert (await client.em_status()).em_offline is True
    await client.set_em_current(16)
    assert (await client.em_status()).em_offline is False


async def test_schedule_read_empty(client: LektricoClient) -> None:
    """A unit without a charging schedule reads an empty list."""
    assert await client.charging_schedule() == []
