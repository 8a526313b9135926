"""Values outside the document's ranges are refused before anything is sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from custom_components.lektrico_local.api import (
    LektricoClient,
    LektricoValidationError,
    ScheduleInterval,
)
from lektrico_sim import SimulatorServer

Call = Callable[[LektricoClient], Awaitable[Any]]


def _schedule(*intervals: tuple[int, ...]) -> Call:
    return lambda client: client.set_charging_schedule([ScheduleInterval(*i) for i in intervals])


INVALID_CALLS: dict[str, Call] = {
    "em current 1": lambda c: c.set_em_current(1),
    "em current 5": lambda c: c.set_em_current(5),
    "em current 33": lambda c: c.set_em_current(33),
    "em current -1": lambda c: c.set_em_current(-1),
    "em current 6.5": lambda c: c.set_em_current(6.5),  # type: ignore[arg-type]
    "em current text": lambda c: c.set_em_current("abc"),  # type: ignore[arg-type]
    "em current bool": lambda c: c.set_em_current(True),
    "dynamic current 3": lambda c: c.set_dynamic_current(3),
    "relay mode 2": lambda c: c.set_dynamic_current(6, relay_mode=2),
    "relay mode 0 (only reported)": lambda c: c.set_dynamic_current(6, relay_mode=0),
    "schedule day 0": _schedule((0, 1, 0, 1, 2, 0, 16)),
    "schedule day 8": _schedule((1, 1, 0, 8, 2, 0, 16)),
    "schedule hour 24": _schedule((1, 24, 0, 2, 2, 0, 16)),
    "schedule minute 60": _schedule((1, 1, 60, 1, 2, 0, 16)),
    "schedule current 5": _schedule((1, 1, 0, 1, 2, 0, 5)),
    "schedule current 33": _schedule((1, 1, 0, 1, 2, 0, 33)),
    "schedule end before start": _schedule((2, 1, 0, 1, 2, 0, 16)),
    "schedule empty interval": _schedule((1, 1, 0, 1, 1, 0, 16)),
    "schedule overlap": _schedule((1, 1, 0, 1, 3, 0, 16), (1, 2, 0, 1, 4, 0, 16)),
    "ap password 1 char": lambda c: c.set_ap_password("x"),
    "ap password 7 chars": lambda c: c.set_ap_password("x" * 7),
    "ap password 64 chars": lambda c: c.set_ap_password("x" * 64),
    "ap password not text": lambda c: c.set_ap_password(12345678),  # type: ignore[arg-type]
    "tag empty": lambda c: c.start_charging(tag=" "),
    "tag too long": lambda c: c.start_charging(tag="x" * 37),
    "led brightness -1": lambda c: c.set_app_config("led_max_brightness", -1),
    "led brightness 101": lambda c: c.set_app_config("led_max_brightness", 101),
    "install current 5": lambda c: c.set_app_config("install_current", 5),
    "user current 33": lambda c: c.set_app_config("user_current", 33),
    "gmt offset 13": lambda c: c.set_app_config("gmt_offset", 13),
    "connected phase 0": lambda c: c.set_app_config("connected_phase", 0),
    "dimming delay negative": lambda c: c.set_app_config("led_dimming_delay", -1),
    "latitude 91": lambda c: c.set_app_config("latitude", 91.0),
    "longitude nan": lambda c: c.set_app_config("longitude", float("nan")),
    "headless not bool": lambda c: c.set_app_config("headless", 1),
    "alias not text": lambda c: c.set_app_config("charger_alias", 5),
    "led template short": lambda c: c.set_app_config("led_template", "1,2,3"),
    "led template 256": lambda c: c.set_app_config("led_template", ",".join(["256"] * 12)),
    "load balancing 4": lambda c: c.set_app_config("load_balancing_mode", 4),
    "unknown key": lambda c: c.set_app_config("max_power", 10),
}


@pytest.mark.parametrize("call", INVALID_CALLS.values(), ids=INVALID_CALLS.keys())
async def test_invalid_value_is_refused_locally(
    client: LektricoClient, sim_server: SimulatorServer, call: Call
) -> None:
    with pytest.raises(LektricoValidationError) as err:
        await call(client)
    assert err.value.field
    assert str(err.value)
    assert sim_server.total_requests == 0


VALID_EDGES: dict[str, Call] = {
    "em current 0": lambda c: c.set_em_current(0),
    "em current 6": lambda c: c.set_em_current(6),
    "em current 32": lambda c: c.set_em_current(32),
    "em current 16.0": lambda c: c.set_em_current(16.0),  # type: ignore[arg-type]
    "ap password 8": lambda c: c.set_ap_password("x" * 8),
    "ap password 63": lambda c: c.set_ap_password("x" * 63),
    "schedule week": _schedule(
        (1, 0, 0, 7, 23, 59, 32),
    ),
    "schedule touching": _schedule((1, 1, 0, 1, 2, 0, 0), (1, 2, 0, 1, 3, 0, 6)),
    "gmt offset -12": lambda c: c.set_app_config("gmt_offset", -12),
    "led brightness 10": lambda c: c.set_app_config("led_max_brightness", 10),
    "led brightness 0 (real units)": lambda c: c.set_app_config("led_max_brightness", 0),
    "relay mode 1": lambda c: c.set_dynamic_current(16, relay_mode=1),
    "relay mode 3": lambda c: c.set_dynamic_current(16, relay_mode=3),
}


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            call,
            id=name,
            # Firmware 1.23 has no EM_current.Set at all.
            marks=[pytest.mark.firmware_needs("em_current.set")] if name.startswith("em ") else [],
        )
        for name, call in VALID_EDGES.items()
    ],
)
async def test_edge_values_are_sent(
    client: LektricoClient, sim_server: SimulatorServer, call: Call
) -> None:
    await call(client)
    assert sim_server.total_requests == 1
