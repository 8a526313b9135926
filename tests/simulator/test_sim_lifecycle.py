"""Reboots, firmware updates, factory reset, persistence and the clocks."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lektrico_sim import ChargerSimulator, ManualClock, RealClock, RpcError
from lektrico_sim.persistence import StateFile

from .http_helpers import SimHttp


def reset_counter(charger: ChargerSimulator) -> int:
    value = charger.state.counters["reset_counter"]
    assert isinstance(value, int)
    return value


def test_ota_updates_then_reboots(clock: ManualClock) -> None:
    """An offered update installs over its duration, then the unit reboots on the new version."""
    charger = ChargerSimulator(clock=clock, update_available="1.52", ota_seconds=30)
    charger.plug_in()
    charger.verify_ota()

    assert charger.state.extended_charger_state == "OTA"
    assert charger.state.charger_state == "B"
    assert charger.state.instant_power == 0
    charger.advance(29)
    assert charger.state.extended_charger_state == "OTA"
    assert charger.state.fw_version == "1.51"

    charger.advance(1)
    state = charger.state
    assert state.extended_charger_state == "C"
    assert state.fw_version == "1.52"
    assert state.fw_id.endswith("1.52")
    assert state.update_available is None
    assert reset_counter(charger) == 1


async def test_ota_verify_without_update_changes_nothing(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """Checking for an update when none is offered changes nothing."""
    assert (await http.result("ota.verify")) is True
    assert charger.state.extended_charger_state == "A"
    assert (await http.result("sw_version.get"))["fw_version"] == "1.51"


async def test_ota_over_http_with_offered_update(http: SimHttp, charger: ChargerSimulator) -> None:
    """An update started over HTTP ends with the new version and one reboot."""
    charger.offer_update("1.60")
    await http.result("ota.verify")
    assert (await http.result("charger_info.get"))["extended_charger_state"] == "OTA"

    charger.advance(30)
    assert (await http.result("sw_version.get"))["fw_version"] == "1.60"
    assert (await http.result("counters_config.get"))["reset_counter"] == 1


async def test_device_reset_reboots_when_idle(http: SimHttp, charger: ChargerSimulator) -> None:
    """A device reset reboots an idle unit at once."""
    assert (await http.result("device.reset")) is True
    assert reset_counter(charger) == 1
    assert not charger.state.reboot_pending


def test_device_reset_waits_for_the_charging_session_to_end(charger: ChargerSimulator) -> None:
    """A device reset during a session waits until the EV is unplugged."""
    charger.plug_in()
    charger.reset_device()
    assert charger.state.reboot_pending
    assert reset_counter(charger) == 0
    assert charger.state.extended_charger_state == "C"

    charger.unplug()
    assert reset_counter(charger) == 1
    assert not charger.state.reboot_pending


def test_reboot_forgets_the_em_device(charger: ChargerSimulator) -> None:
    """A reboot forgets the EM device, which shows as offline."""
    charger.set_em_current(16)
    assert not charger.state.em_offline
    charger.reset_device()
    assert charger.state.em_offline


async def test_factory_reset_restores_defaults(http: SimHttp, charger: ChargerSimulator) -> None:
    """A factory reset restores settings, schedule and password but keeps lifetime counters."""
    charger.set_app_config("install_current", 20)
    charger.set_app_config("charger_alias", "Garage")
    charger.set_schedule([{
        "start_d": 1, "start_h": 0, "start_m": 0, "end_d": 1, "end_h": 6, "end_m": 0, "current": 16,
    }])  # fmt: skip
    charger.set_ap_password("12345678")
    charger.plug_in()
    charger.advance(600)
    counters = charger.state.counters

    assert (await http.result("factory.reset")) is True

    config = await http.result("app_config.get")
    assert config["install_current"] == 6
    assert config["charger_alias"] == ""
    assert config["headless"] is True
    assert (await http.result("charging_schedule.get")) == {"charging_schedule": []}
    assert not charger.state.ap_password_set
    assert charger.state.counters == counters  # lifetime counters survive


def test_state_file_round_trip(tmp_path: Path, clock: ManualClock) -> None:
    """A saved state file restores counters, config, session and logged errors, not active ones."""
    charger = ChargerSimulator(clock=clock)
    charger.set_app_config("install_current", 16)
    charger.set_app_config("owner_id", "alice")
    charger.plug_in()
    charger.advance(1800)
    charger.unplug()
    charger.raise_error("rcd_error")
    state_file = StateFile(tmp_path / "state.json")
    state_file.save_from(charger)

    restored = ChargerSimulator(clock=clock)
    assert state_file.load_into(restored)

    assert restored.state.counters == charger.state.counters
    assert restored.state.app_config == charger.state.app_config
    assert restored.state.session_id == 1
    assert restored.state.logged_errors == ["rcd_error"]
    assert restored.state.active_errors == []  # a condition, not a memory
    with pytest.raises(RpcError, match="owner_id"):
        restored.set_app_config("owner_id", "mallory")


def test_missing_or_broken_state_file_is_ignored(tmp_path: Path, clock: ManualClock) -> None:
    """A missing state file is ignored, and a broken one's bad values too."""
    charger = ChargerSimulator(clock=clock)
    assert not StateFile(tmp_path / "absent.json").load_into(charger)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"counters": "lots", "app_config": {"install_current": 99}}))

    assert StateFile(broken).load_into(charger)
    assert charger.state.counters["total_charged_sessions"] == 0
    assert charger.state.app_config["install_current"] == 6


def test_manual_clock_only_moves_forward() -> None:
    """The manual clock only moves forward and needs a timezone-aware start."""
    clock = ManualClock(start=datetime(2026, 1, 1, tzinfo=UTC))
    clock.advance(90)
    assert clock.now() == datetime(2026, 1, 1, 0, 1, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="timezone"):
        ManualClock(start=datetime(2026, 1, 1))


def test_default_manual_clock_starts_on_a_monday() -> None:
    """The manual clock starts on Monday 1 June 2026 at 10:00 UTC."""
    assert ManualClock().now() == datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert ManualClock().now().isoweekday() == 1


def test_real_clock_runs_at_its_speed_and_can_skip() -> None:
    """The real clock can skip ahead by an advance."""
    start = datetime(2026, 6, 1, tzinfo=UTC)
    clock = RealClock(speed=1000, start=start)
    clock.advance(3600)
    assert (clock.now() - start).total_seconds() >= 3600


def test_charger_integrates_lazily_when_the_clock_moves(clock: ManualClock) -> None:
    """The charger catches up with time that passed without it being told."""
    charger = ChargerSimulator(clock=clock)
    charger.plug_in()
    clock.advance(120)  # nobody told the charger

    assert charger.state.charging_time == 120
