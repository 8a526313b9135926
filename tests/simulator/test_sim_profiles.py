"""Firmware profiles: what each firmware's charger answers, over real HTTP."""

import re

import pytest

from lektrico_sim import FIRMWARE_PROFILES, ChargerSimulator, ManualClock

from .conftest import Serve

DOCUMENT_INFO_KEYS = {
    "charger_state", "session_energy", "charging_time", "session_id", "instant_power",
    "current", "currents", "current_limit_reason", "voltage", "voltages", "temperature",
    "energy_index", "total_charged_energy", "headless", "led_max_brightness", "install_current",
    "dynamic_current", "fw_version", "extended_charger_state", "has_active_errors",
    "charger_is_paused", "heap_free", "pwm_current",
}  # fmt: skip
FW_1_23_INFO_KEYS = {
    "charger_state", "session_energy", "charging_time", "session_id", "instant_power",
    "current", "voltage", "temperature", "energy_index", "dynamic_current", "headless",
    "install_current", "led_max_brightness", "total_charged_energy", "fw_version",
}  # fmt: skip
INFO_KEYS = {
    "document": DOCUMENT_INFO_KEYS,
    "1.51": DOCUMENT_INFO_KEYS | {"relay_mode"},
    "1.47": DOCUMENT_INFO_KEYS | {"em_current"},
    "1.23": FW_1_23_INFO_KEYS,
}
REPORTED_VERSION = {"document": "1.51", "1.51": "1.51", "1.47": "1.47", "1.23": "1.23"}
REAL_PROFILES = ("1.51", "1.47", "1.23")
FW_1_23_MISSING = (
    "device_info.get",
    "system_currents.get",
    "em_status.get",
    "em_current.get",
    "em_current.set",
)
REAL_CHARGER_CONFIG_KEYS = {
    "serial_number", "board_revision", "overtemp_threshold", "critical_temp_threshold",
    "voltage_gain", "current_gain", "calibration_temperature", "rcd_enabled", "temp_offset",
}  # fmt: skip


def charger_with(clock: ManualClock, firmware: str, model: str = "3p22k") -> ChargerSimulator:
    return ChargerSimulator(model=model, serial=500006, clock=clock, firmware=firmware)


def test_the_profiles_and_the_default() -> None:
    """The four firmware profiles exist, the document's is the default, others are refused."""
    assert FIRMWARE_PROFILES == ("document", "1.51", "1.47", "1.23")
    assert ChargerSimulator().profile.name == "document"
    with pytest.raises(ValueError, match="unknown firmware profile"):
        ChargerSimulator(firmware="2.0")


@pytest.mark.parametrize("firmware", FIRMWARE_PROFILES)
async def test_charger_info_keys_and_version(
    serve: Serve, clock: ManualClock, firmware: str
) -> None:
    """Each profile answers charger_info with its own keys and reported version."""
    http = await serve(charger_with(clock, firmware))

    info = await http.result("charger_info.get")

    assert set(info) == INFO_KEYS[firmware]
    assert info["fw_version"] == REPORTED_VERSION[firmware]
    assert (await http.result("sw_version.get"))["fw_version"] == REPORTED_VERSION[firmware]


async def test_document_profile_has_no_real_unit_keys(serve: Serve, clock: ManualClock) -> None:
    """The document's profile has no real-unit keys and sends currents as floats."""
    info = await (await serve(charger_with(clock, "document"))).result("charger_info.get")

    assert "relay_mode" not in info
    assert "em_current" not in info
    assert info["currents"] == [0.0, 0.0, 0.0]
    assert all(isinstance(value, float) for value in info["currents"] + info["voltages"])


async def test_1_51_shows_relay_mode_in_charger_info(serve: Serve, clock: ManualClock) -> None:
    """Firmware 1.51 reports the relay mode in charger_info, following a change."""
    charger = charger_with(clock, "1.51")
    http = await serve(charger)
    assert (await http.result("charger_info.get"))["relay_mode"] == 3

    await http.result("dynamic_current.set", {"dynamic_current": 32, "relay_mode": 1})

    assert (await http.result("charger_info.get"))["relay_mode"] == 1


async def test_1_47_arrays_print_zeros_as_integers(serve: Serve, clock: ManualClock) -> None:
    """Firmware 1.47 writes zeros in its arrays as integers, as real units do."""
    charger = charger_with(clock, "1.47", model="1p7k")
    charger.plug_in()  # 6 A: the factory install current
    http = await serve(charger)

    answer = await http.get("charger_info.get")
    info = answer.json

    assert b'"currents":[6.0,0,0]' in answer.body
    assert info["currents"] == [6.0, 0, 0]
    assert [type(value) for value in info["currents"]] == [float, int, int]
    assert [type(value) for value in info["voltages"]] == [float, int, int]
    assert {"heap_free", "pwm_current", "em_current"} <= set(info)
    assert "relay_mode" not in info  # clients read it from dynamic_current.get
    assert await http.result("dynamic_current.get") == {"dynamic_current": 32, "relay_mode": 0}


async def test_1_47_idle_arrays_are_all_integers(serve: Serve, clock: ManualClock) -> None:
    """On an idle 1.47 unit every current is an integer 0; live voltages stay floats."""
    info = await (await serve(charger_with(clock, "1.47"))).result("charger_info.get")

    assert info["currents"] == [0, 0, 0]
    assert all(type(value) is int for value in info["currents"])
    assert all(type(value) is float for value in info["voltages"])  # 3 live phases


async def test_1_23_answers_the_old_shape(serve: Serve, clock: ManualClock) -> None:
    """Firmware 1.23 answers with the IEC letter and single current and voltage fields."""
    charger = charger_with(clock, "1.23")
    http = await serve(charger)

    info = await http.result("charger_info.get")

    assert info["charger_state"] == "A"
    assert info["current"] == 0.0
    assert isinstance(info["voltage"], float)
    assert info["total_charged_energy"] == 0
    assert type(info["total_charged_energy"]) is int

    charger.plug_in()
    charger.advance(600)
    info = await http.result("charger_info.get")
    assert info["charger_state"] == "C"
    assert info["current"] == 6.0
    assert type(info["total_charged_energy"]) is float  # not whole: 0.41 kWh


async def test_1_23_total_energy_is_an_integer_when_whole(serve: Serve, clock: ManualClock) -> None:
    """Firmware 1.23 sends a whole total energy as an integer."""
    charger = charger_with(clock, "1.23")
    charger.restore_persistent_state({"counters": {"total_energy_wh": 9000}})

    info = await (await serve(charger)).result("charger_info.get")

    assert info["total_charged_energy"] == 9
    assert type(info["total_charged_energy"]) is int


@pytest.mark.parametrize("method", FW_1_23_MISSING)
async def test_1_23_lacks_methods(serve: Serve, clock: ManualClock, method: str) -> None:
    """Firmware 1.23 lacks these methods (404 or RPC error); newer profiles have them."""
    old = await serve(charger_with(clock, "1.23"))
    old_rpc_error = await serve(charger_with(clock, "1.23"), unknown_method="rpc_error")
    params = {"EM_current": 16} if method.endswith(".set") else None

    assert (await old.post(method, params)).status == 404
    answer = await old_rpc_error.rpc(method, params, rpc_id=4)
    assert answer.status == 200
    assert answer.json["error"]["code"] == -1
    assert "result" not in answer.json

    for firmware in ("document", "1.51", "1.47"):
        newer = await serve(charger_with(clock, firmware))
        assert (await newer.post(method, params)).status == 200


@pytest.mark.parametrize("firmware", FIRMWARE_PROFILES)
async def test_real_unit_methods_exist_in_every_profile(
    serve: Serve, clock: ManualClock, firmware: str
) -> None:
    """device_id, charger_config and dynamic_current work on every profile."""
    http = await serve(charger_with(clock, firmware))

    assert await http.result("device_id.get") == {"device_id": "3p22k_500006"}
    config = await http.result("charger_config.get")
    assert (config["serial_number"], config["board_revision"]) == (500006, "B")
    assert await http.result("dynamic_current.get") == {"dynamic_current": 32, "relay_mode": 3}
    assert await http.result("dynamic_current.set", {"dynamic_current": 10}) is True
    assert await http.result("dynamic_current.get") == {"dynamic_current": 10, "relay_mode": 3}


@pytest.mark.parametrize("firmware", FIRMWARE_PROFILES)
async def test_charger_config_keys(serve: Serve, clock: ManualClock, firmware: str) -> None:
    """charger_config has the document's two keys, or the real units' full set."""
    config = await (await serve(charger_with(clock, firmware))).result("charger_config.get")

    if firmware == "document":
        assert config == {"serial_number": 500006, "board_revision": "B"}
    else:
        assert set(config) == REAL_CHARGER_CONFIG_KEYS
        assert isinstance(config["rcd_enabled"], bool)
        assert config["overtemp_threshold"] < config["critical_temp_threshold"]


@pytest.mark.parametrize("firmware", REAL_PROFILES)
async def test_real_fw_id_names_build_and_version(
    serve: Serve, clock: ManualClock, firmware: str
) -> None:
    """Real profiles' firmware ids name build and version, and follow an update."""
    charger = charger_with(clock, firmware)
    http = await serve(charger)

    fw_id = (await http.result("sw_version.get"))["fw_id"]

    version = re.escape(firmware)
    assert re.fullmatch(rf"\d{{8}}-\d{{6}}/v{version}-\d+-g[0-9a-f]{{7}}-develop-dirty", fw_id)

    charger.offer_update("1.52")
    charger.verify_ota()
    charger.advance(30)
    assert "/v1.52-" in (await http.result("sw_version.get"))["fw_id"]


async def test_fw_version_overrides_the_profile_version(serve: Serve, clock: ManualClock) -> None:
    """An explicit fw_version replaces the profile's version but keeps its keys."""
    charger = ChargerSimulator(clock=clock, firmware="1.47", fw_version="1.48")

    info = await (await serve(charger)).result("charger_info.get")

    assert info["fw_version"] == "1.48"
    assert set(info) == INFO_KEYS["1.47"]
