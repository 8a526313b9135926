"""Server behaviour: one request at a time, offline/online, and the /_sim/ control surface."""

import asyncio
import time
from collections.abc import Awaitable

import aiohttp
import pytest

from lektrico_sim import ChargerSimulator, Fault, SimulatorServer

from .http_helpers import SimHttp

LATENCY = 0.1


async def timed(request: Awaitable[object]) -> float:
    """When the request finished."""
    await request
    return time.monotonic()


async def test_requests_are_handled_one_at_a_time(http: SimHttp, server: SimulatorServer) -> None:
    """Two device requests at once are answered one after the other, as a real unit does."""
    server.latency = LATENCY
    started = time.monotonic()

    first_done, second_done = await asyncio.gather(
        timed(http.get("charger_info.get")), timed(http.rpc("app_config.get"))
    )

    earlier, later = sorted((first_done, second_done))
    # each one spends its latency inside the device lock: the second ends a whole
    # latency after the first (concurrent handling would end them together)
    assert earlier - started >= LATENCY * 0.9
    assert later - earlier >= LATENCY * 0.9


async def test_control_routes_bypass_the_device_lock(
    http: SimHttp, server: SimulatorServer
) -> None:
    """The control API answers while a slow device request holds the lock."""
    server.faults.add(Fault(kind="latency", seconds=0.5, count=1))
    device = asyncio.ensure_future(timed(http.get("charger_info.get")))
    await asyncio.sleep(0.05)  # the device request now holds the lock

    control_done = await timed(http.control("GET", "state"))
    device_done = await device

    assert control_done < device_done


async def test_go_offline_refuses_then_go_online_answers_on_the_same_port(
    http: SimHttp, server: SimulatorServer
) -> None:
    """Offline refuses connections; back online it answers on the same port."""
    port = server.port
    await server.go_offline()
    assert not server.online

    with pytest.raises(aiohttp.ClientConnectionError):
        await http.get("charger_info.get")

    await server.go_online()
    assert server.port == port
    assert (await http.get("charger_info.get")).status == 200


async def test_offline_interval_from_the_control_surface(
    http: SimHttp, server: SimulatorServer
) -> None:
    """The control API can take the unit offline for a while, after which it answers."""
    assert (await http.control("POST", "offline", {"seconds": 0.3})).json is True
    await asyncio.sleep(0.15)
    with pytest.raises(aiohttp.ClientConnectionError):
        await http.get("charger_info.get")

    await asyncio.sleep(0.4)
    assert (await http.get("charger_info.get")).status == 200


async def test_server_url_and_double_start(server: SimulatorServer) -> None:
    """The server's URL names its port, and starting it twice is refused."""
    assert server.url == f"http://127.0.0.1:{server.port}"
    with pytest.raises(RuntimeError):
        await server.start()


class TestControlSurface:
    async def test_state(self, http: SimHttp) -> None:
        """GET state shows the unit's state, id and simulated time."""
        state = (await http.control("GET", "state")).json

        assert state["extended_charger_state"] == "A"
        assert state["device_id"] == "3p22k_500006"
        assert state["time"].startswith("2026-06-01T10:00")

    async def test_ev_plug_and_profile(self, http: SimHttp, charger: ChargerSimulator) -> None:
        """POST ev sets the EV's profile, plugs it, fills it, and unplugs it."""
        await http.control("POST", "ev", {"max_current": 8, "phases": 1})
        state = (await http.control("POST", "ev", {"plugged": True})).json

        assert state["extended_charger_state"] == "C"
        assert state["currents"] == [6.0, 0.0, 0.0]
        assert charger.ev.max_current == 8

        state = (await http.control("POST", "ev", {"full": True})).json
        assert state["extended_charger_state"] == "B"
        state = (await http.control("POST", "ev", {"needs_ventilation": True, "full": False})).json
        assert state["extended_charger_state"] == "D"
        state = (await http.control("POST", "ev", {"plugged": False})).json
        assert state["extended_charger_state"] == "A"

    async def test_error(self, http: SimHttp, charger: ChargerSimulator) -> None:
        """POST error raises an error flag and clears it, leaving it logged."""
        state = (await http.control("POST", "error", {"name": "rcd_error", "active": True})).json
        assert state["extended_charger_state"] == "F"

        await http.control("POST", "error", {"name": "rcd_error", "active": False})
        assert charger.state.active_errors == []
        assert charger.state.logged_errors == ["rcd_error"]

    async def test_advance(self, http: SimHttp, charger: ChargerSimulator) -> None:
        """POST advance moves simulated time forward."""
        charger.plug_in()
        state = (await http.control("POST", "advance", {"seconds": 90})).json

        assert state["charging_time"] == 90

    async def test_fault_add_list_clear(self, http: SimHttp, server: SimulatorServer) -> None:
        """Faults can be added, listed and cleared through the control API."""
        fault = {"kind": "http500", "methods": "charger_info.get", "count": 1}
        added = (await http.control("POST", "fault", fault)).json
        assert added["methods"] == ["charger_info.get"]
        assert (await http.control("GET", "fault")).json == [added]

        assert (await http.get("charger_info.get")).status == 500
        assert (await http.get("charger_info.get")).status == 200

        await http.control("POST", "fault", {"kind": "not_json"})
        await http.control("DELETE", "fault")
        assert len(server.faults) == 0

    async def test_bad_control_input_is_400(self, http: SimHttp) -> None:
        """Bad control input is answered 400, not crashed on."""
        assert (await http.control("POST", "fault", {"kind": "gremlins"})).status == 400
        assert (await http.control("POST", "fault", {"kind": "reset", "bogus": 1})).status == 400
        assert (await http.control("POST", "error", {"name": "nope"})).status == 400
        assert (await http.control("POST", "advance", {})).status == 400
        assert (await http.control("POST", "ev", {"phases": 4})).status == 400

    async def test_stats(self, http: SimHttp) -> None:
        """Request counts per method are reported and can be reset."""
        await http.get("charger_info.get")
        await http.rpc("charger_info.get")
        await http.get("app_config.get")

        stats = (await http.control("GET", "stats")).json
        assert stats == {"total": 3, "per_method": {"charger_info.get": 2, "app_config.get": 1}}

        await http.control("POST", "stats/reset")
        assert (await http.control("GET", "stats")).json == {"total": 0, "per_method": {}}

    async def test_firmware_offer(self, http: SimHttp) -> None:
        """POST firmware offers an update that the next OTA check installs."""
        await http.control("POST", "firmware", {"update_available": "1.52"})
        await http.get("ota.verify")

        assert (await http.get("charger_info.get")).json["extended_charger_state"] == "OTA"
