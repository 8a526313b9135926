"""Parameter validation and the document's error codes -1..-6."""

from typing import Any

import pytest

from lektrico_sim import ChargerSimulator, ManualClock

from .conftest import Serve
from .http_helpers import SimHttp


async def error_code(http: SimHttp, method: str, params: Any) -> int | None:
    """The JSON-RPC error code of a form-3 call, or None if it succeeded."""
    answer = await http.rpc(method, params)
    assert answer.status == 200
    return answer.json["error"]["code"] if "error" in answer.json else None


async def set_config(http: SimHttp, key: str, value: object) -> int | None:
    return await error_code(http, "app_config.set", {"config_key": key, "config_value": value})


@pytest.mark.parametrize(
    ("key", "value", "stored"),
    [
        ("led_max_brightness", 30, 30),
        ("led_max_brightness", "30", 30),
        ("led_max_brightness", 0, 0),  # real units go below the document's 10
        ("headless", False, False),
        ("headless", "true", True),
        ("latitude", "45.75", 45.75),
        ("longitude", -21, -21.0),
        ("gmt_offset", -12, -12),
        ("led_dimming_delay", 2147483647, 2147483647),
        ("led_template", "255,0,0,0,255,0,0,0,255,10,20,30", "255,0,0,0,255,0,0,0,255,10,20,30"),
        ("charger_alias", "Garage", "Garage"),
        ("connected_phase", "2", 2),
    ],
)
async def test_app_config_accepts_typed_and_string_values(
    http: SimHttp, charger: ChargerSimulator, key: str, value: object, stored: object
) -> None:
    """app_config.set accepts typed values and their text forms, storing the typed value."""
    assert await set_config(http, key, value) is None
    assert charger.state.app_config[key] == stored
    assert (await http.result("app_config.get"))[key] == stored


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("install_current", 5, -4),
        ("install_current", 33, -4),
        ("user_current", "40", -4),
        ("led_max_brightness", -1, -4),
        ("led_max_brightness", 101, -4),
        ("led_dimming_delay", -1, -4),
        ("connected_phase", 0, -4),
        ("gmt_offset", 13, -4),
        ("latitude", 90.5, -4),
        ("longitude", -181, -4),
        ("install_current", "abc", -5),
        ("install_current", 16.5, -5),
        ("install_current", True, -5),
        ("headless", 1, -5),
        ("headless", "yes", -5),
        ("latitude", "north", -5),
        ("charger_alias", 42, -5),
        ("led_template", "1,2,3", -5),
        ("led_template", "1,2,3,4,5,6,7,8,9,10,11,x", -5),
        ("led_template", "1,2,3,4,5,6,7,8,9,10,11,256", -4),
        ("charger_alias", "x" * 65, -3),
        ("no_such_key", 1, -6),
        ("load_balancing_mode", 1, -6),  # the energy meter's key, not the charger's
    ],
)
async def test_app_config_rejects_bad_values(
    http: SimHttp, charger: ChargerSimulator, key: str, value: object, code: int
) -> None:
    """Bad app config values are refused with the document's code and change nothing."""
    before = charger.state.app_config

    assert await set_config(http, key, value) == code
    assert charger.state.app_config == before


async def test_load_balancing_mode_is_not_a_charger_key(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """A charger has no load_balancing_mode and refuses to set it."""
    assert "load_balancing_mode" not in await http.result("app_config.get")
    assert await set_config(http, "load_balancing_mode", 2) == -6
    assert "load_balancing_mode" not in charger.state.app_config


async def test_charger_built_with_load_balancing_mode_keeps_it(
    serve: Serve, clock: ManualClock
) -> None:
    """A charger built with load_balancing_mode validates it and resets it to 0."""
    charger = ChargerSimulator(clock=clock, app_config={"load_balancing_mode": 1})
    http = await serve(charger)
    assert (await http.result("app_config.get"))["load_balancing_mode"] == 1

    assert await set_config(http, "load_balancing_mode", "3") is None
    assert await set_config(http, "load_balancing_mode", 4) == -4
    assert (await http.result("app_config.get"))["load_balancing_mode"] == 3

    await http.result("factory.reset")  # the key stays, at its default
    assert (await http.result("app_config.get"))["load_balancing_mode"] == 0


@pytest.mark.parametrize("missing", ["config_key", "config_value"])
async def test_app_config_set_without_a_key_is_format_error(http: SimHttp, missing: str) -> None:
    """app_config.set without its key or value is a -2 format error."""
    params = {"config_key": "headless", "config_value": True}
    del params[missing]

    assert await error_code(http, "app_config.set", params) == -2


async def test_owner_id_can_be_set_once_until_factory_reset(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """The owner id can be set once; only a factory reset frees it."""
    assert await set_config(http, "owner_id", "alice") is None
    assert await set_config(http, "owner_id", "bob") == -1
    assert charger.state.app_config["owner_id"] == "alice"

    assert (await http.result("factory.reset")) is True
    assert charger.state.app_config["owner_id"] == ""
    assert await set_config(http, "owner_id", "bob") is None


@pytest.mark.parametrize(
    ("value", "code"), [(0, None), (6, None), (32, None), ("16", None), (5, -4), (33, -4), (-1, -4)]
)
async def test_em_current_range(http: SimHttp, value: object, code: int | None) -> None:
    """The EM current accepts 0 and 6 to 32 A, as number or text, and refuses the rest."""
    assert await error_code(http, "em_current.set", {"EM_current": value}) == code


async def test_em_current_set_errors(http: SimHttp) -> None:
    """em_current.set without a value or with text is a format or type error."""
    assert await error_code(http, "em_current.set", {}) == -2
    assert await error_code(http, "em_current.set", {"EM_current": "lots"}) == -5


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"dynamic_current": 0}, None),
        ({"dynamic_current": 32, "relay_mode": 1}, None),
        ({"dynamic_current": 33}, -4),
        ({"dynamic_current": 16, "relay_mode": 2}, -4),
        ({"dynamic_current": "x"}, -5),
        ({"relay_mode": 1}, -2),
    ],
)
async def test_dynamic_current_set(http: SimHttp, params: dict[str, Any], code: int | None) -> None:
    """dynamic_current.set checks the current's range and type and the relay mode."""
    assert await error_code(http, "dynamic_current.set", params) == code


@pytest.mark.parametrize(
    ("password", "code"),
    [("", None), ("12345678", None), ("p" * 63, None), ("1234567", -3), ("p" * 64, -3), (123, -5)],
)
async def test_ap_password_length(
    http: SimHttp, charger: ChargerSimulator, password: object, code: int | None
) -> None:
    """The AP password is empty or 8 to 63 characters of text."""
    assert await error_code(http, "ap_password.set", {"password": password}) == code
    assert charger.state.ap_password_set is (code is None and password != "")


async def test_ap_password_is_required(http: SimHttp) -> None:
    """ap_password.set without a password is a -2 format error."""
    assert await error_code(http, "ap_password.set", {}) == -2


async def test_charge_start_tag_must_be_a_string(http: SimHttp) -> None:
    """A charge.start tag that is not text is a -5 type error."""
    assert await error_code(http, "charge.start", {"tag": 7}) == -5


def interval(**changes: int) -> dict[str, int]:
    """Monday 08:00 - 12:00 at 16 A, with changes."""
    base = {"start_d": 1, "start_h": 8, "start_m": 0, "end_d": 1, "end_h": 12, "end_m": 0}
    return {**base, "current": 16, **changes}


@pytest.mark.parametrize(
    ("schedule", "code"),
    [
        ([interval()], None),
        ([interval(), interval(start_d=7, end_d=7, current=0)], None),
        ([interval(end_h=8)], -4),  # ends when it starts
        ([interval(start_d=2, end_d=1)], -4),  # ends before it starts
        ([interval(), interval(start_h=11, end_h=14)], -4),  # overlap
        ([interval(start_d=8)], -4),
        ([interval(start_d=0)], -4),
        ([interval(end_h=24)], -4),
        ([interval(start_m=60)], -4),
        ([interval(current=5)], -4),
        ([interval(current=33)], -4),
        ([{k: v for k, v in interval().items() if k != "end_m"}], -2),
        ([{**interval(), "start_h": "eight"}], -5),
        (["08:00-12:00"], -5),
        ("not a list", -5),
    ],
)
async def test_charging_schedule_validation(
    http: SimHttp, charger: ChargerSimulator, schedule: object, code: int | None
) -> None:
    """A schedule is stored only if every interval is complete, in range, not overlapping."""
    assert await error_code(http, "charging_schedule.set", {"charging_schedule": schedule}) == code
    stored = (await http.result("charging_schedule.get"))["charging_schedule"]
    assert stored == (schedule if code is None else [])


async def test_charging_schedule_set_requires_the_list(http: SimHttp) -> None:
    """charging_schedule.set without the list is a -2 format error."""
    assert await error_code(http, "charging_schedule.set", {}) == -2
