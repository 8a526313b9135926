"""Fault injection, one kind at a time, over real HTTP."""

import asyncio
import contextlib
import time

import aiohttp
import pytest

from lektrico_sim import ChargerSimulator, Fault, SimulatorServer
from lektrico_sim.faults import FaultKind

from .http_helpers import SimHttp


async def test_latency_fault_delays_only_its_methods(
    http: SimHttp, server: SimulatorServer
) -> None:
    """A latency fault delays its method and stays until cleared."""
    server.faults.add(Fault(kind="latency", methods=["charger_info.get"], seconds=0.2))

    started = time.monotonic()
    assert (await http.get("charger_info.get")).status == 200
    assert time.monotonic() - started >= 0.2
    assert len(server.faults) == 1  # no count: until cleared


async def test_count_limits_how_many_requests_a_fault_hits(
    http: SimHttp, server: SimulatorServer
) -> None:
    """A fault with a count hits that many requests (any method case) and then goes."""
    server.faults.add(Fault(kind="http500", methods=["Charger_Info.Get"], count=2))

    answers = [await http.get("charger_info.get") for _ in range(3)]

    assert [answer.status for answer in answers] == [500, 500, 200]
    assert answers[0].content_type == "text/plain"  # the web server failed, not the RPC
    assert answers[0].json is None
    assert len(server.faults) == 0


async def test_faults_for_other_methods_do_not_hit(http: SimHttp, server: SimulatorServer) -> None:
    """A fault for one method leaves the others alone."""
    server.faults.add(Fault(kind="http500", methods=["app_config.get"]))

    assert (await http.get("charger_info.get")).status == 200
    assert (await http.get("app_config.get")).status == 500


async def test_fault_without_methods_hits_every_device_method(
    http: SimHttp, server: SimulatorServer
) -> None:
    """A fault without methods hits every device method but not the control API."""
    server.faults.add(Fault(kind="http500"))

    assert (await http.get("wifi_status.get")).status == 500
    assert (await http.rpc("charge.stop")).status == 500
    assert (await http.control("GET", "state")).status == 200

    server.faults.clear()
    assert (await http.get("wifi_status.get")).status == 200


async def test_timeout_hangs_then_closes_without_answer(
    http: SimHttp, server: SimulatorServer
) -> None:
    """A timeout fault holds the request, then closes the connection without answering."""
    server.faults.add(Fault(kind="timeout", seconds=0.2))

    started = time.monotonic()
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await http.rpc("charger_info.get")
    assert time.monotonic() - started >= 0.2


async def test_timeout_outlasts_a_patient_client(http: SimHttp, server: SimulatorServer) -> None:
    """A long timeout fault outlasts a client's own timeout."""
    server.faults.add(Fault(kind="timeout", seconds=5, count=1))

    with pytest.raises(asyncio.TimeoutError):
        await http.request("POST", "/rpc/charger_info.get", timeout=aiohttp.ClientTimeout(0.1))


async def test_reset_closes_the_connection(http: SimHttp, server: SimulatorServer) -> None:
    """A reset fault drops the connection."""
    server.faults.add(Fault(kind="reset", methods=["charge.start"]))

    with pytest.raises(aiohttp.ClientConnectionError):
        await http.rpc("charge.start")


@pytest.mark.parametrize("kind", ["http500", "reset", "timeout"])
@pytest.mark.parametrize("before_apply", [True, False])
async def test_before_apply_decides_whether_the_write_happened(
    http: SimHttp,
    server: SimulatorServer,
    charger: ChargerSimulator,
    kind: FaultKind,
    before_apply: bool,
) -> None:
    """before_apply decides whether a failed write still changed the charger."""
    server.faults.add(
        Fault(kind=kind, methods=["em_current.set"], seconds=0.05, before_apply=before_apply)
    )

    with contextlib.suppress(aiohttp.ClientConnectionError):
        await http.rpc("em_current.set", {"EM_current": 10})

    assert (charger.state.em_current == 10) is (not before_apply)


async def test_not_json(http: SimHttp, server: SimulatorServer) -> None:
    """A not_json fault answers an HTML page with status 200."""
    server.faults.add(Fault(kind="not_json", count=1))

    answer = await http.get("charger_info.get")

    assert answer.status == 200
    assert answer.body == b"<html>Internal error</html>"
    assert answer.json is None


async def test_truncated_body_is_the_first_half(http: SimHttp, server: SimulatorServer) -> None:
    """A truncated answer is the first half of the normal body."""
    whole = (await http.get("charger_info.get")).body
    server.faults.add(Fault(kind="truncated", count=1))

    answer = await http.get("charger_info.get")

    assert answer.status == 200
    assert answer.body == whole[: len(whole) // 2]
    assert answer.json is None


async def test_wrong_types(
    http: SimHttp, server: SimulatorServer, charger: ChargerSimulator
) -> None:
    """A wrong_types fault sends numbers and booleans as text and lists cut short."""
    charger.plug_in()
    server.faults.add(Fault(kind="wrong_types"))

    info = (await http.get("charger_info.get")).json

    assert info["charger_state"] == "C"
    assert info["session_id"] == "1"
    assert info["pwm_current"] == "6"
    assert info["headless"] == "yes"
    assert info["has_active_errors"] == "no"
    assert info["currents"] is None
    assert len(info["voltages"]) == 2
    assert (await http.get("charge.stop")).json == "yes"


async def test_missing_fields_named(http: SimHttp, server: SimulatorServer) -> None:
    """A missing_fields fault with names leaves out exactly those keys."""
    server.faults.add(Fault(kind="missing_fields", fields=["temperature", "currents"]))

    info = (await http.get("charger_info.get")).json

    assert "temperature" not in info
    assert "currents" not in info
    assert "voltages" in info


async def test_missing_fields_drops_every_other_key(http: SimHttp, server: SimulatorServer) -> None:
    """A missing_fields fault without names drops every other key."""
    whole = (await http.get("system_currents.get")).json
    server.faults.add(Fault(kind="missing_fields"))

    partial = (await http.get("system_currents.get")).json

    assert list(partial) == list(whole)[::2]


async def test_old_firmware(
    http: SimHttp, server: SimulatorServer, charger: ChargerSimulator
) -> None:
    """An old_firmware fault uses the old flag name, no limit reason, whole-kWh energy."""
    charger.plug_in()
    charger.advance(3600)
    charger.raise_error("state_e_activated")
    server.faults.add(Fault(kind="old_firmware"))

    errors = (await http.get("active_errors.get")).json
    info = (await http.get("charger_info.get")).json

    assert errors["state_machine_e_activated"] is True
    assert "state_e_activated" not in errors
    assert "current_limit_reason" not in info
    assert info["total_charged_energy"] == 4
    assert isinstance(info["total_charged_energy"], int)


async def test_unknown_enum(http: SimHttp, server: SimulatorServer) -> None:
    """An unknown_enum fault sends a state and limit reason nobody knows."""
    server.faults.add(Fault(kind="unknown_enum"))

    info = (await http.rpc("charger_info.get")).json["result"]

    assert info["extended_charger_state"] == "X_NEW_STATE"
    assert info["current_limit_reason"] == 42
    assert info["charger_state"] == "A"


async def test_extra_keys(http: SimHttp, server: SimulatorServer) -> None:
    """An extra_keys fault adds keys on top of the normal answer."""
    plain = (await http.get("em_status.get")).json
    server.faults.add(Fault(kind="extra_keys"))

    extended = (await http.get("em_status.get")).json

    assert extended.items() > plain.items()
    assert "x_future_section" in extended


async def test_rpc_error_in_bare_and_envelope_forms(
    http: SimHttp, server: SimulatorServer, charger: ChargerSimulator
) -> None:
    """An RPC error is answered in the bare and envelope forms, and nothing is applied."""
    server.faults.add(Fault(kind="rpc_error", code=-4, methods=["em_current.set"]))

    bare = await http.post("em_current.set", {"EM_current": 10})
    enveloped = await http.rpc("em_current.set", {"EM_current": 10}, rpc_id=11)

    assert bare.status == 400
    assert bare.json["error"]["code"] == -4
    assert enveloped.status == 200
    assert enveloped.json["id"] == 11
    assert enveloped.json["error"]["code"] == -4
    assert charger.state.em_current == 32  # refused: never applied


async def test_missing_method_fault(http: SimHttp, server: SimulatorServer) -> None:
    """A missing_method fault answers 404 with a JSON-RPC 'Method not found' and is counted."""
    server.faults.add(Fault(kind="missing_method", methods=["em_status.get"]))

    answer = await http.rpc("EM_status.Get", rpc_id=3)

    assert answer.status == 404
    assert answer.json == {
        "id": 3,
        "src": "3p22k_500006",
        "dst": "tests",
        "error": {"code": -32601, "message": "Method not found"},
    }
    assert server.request_counts["em_status.get"] == 1


async def test_firmware_without_methods(charger: ChargerSimulator, socket_enabled: None) -> None:
    """A server without some methods answers 404 for them until they are given back."""
    lacking = {"EM_status.Get", "dynamic_current.get"}
    async with (
        SimulatorServer(charger, missing_methods=lacking) as server,
        aiohttp.ClientSession() as session,
    ):
        http = SimHttp(session, server.url)
        assert (await http.get("em_status.get")).status == 404
        assert (await http.get("dynamic_current.get")).status == 404
        assert (await http.get("em_current.get")).status == 200

        server.missing_methods.clear()  # "firmware upgrade"
        assert (await http.get("em_status.get")).status == 200


def test_unknown_fault_kind_is_refused() -> None:
    """An unknown fault kind or a count of 0 is refused when the fault is made."""
    with pytest.raises(ValueError, match="unknown fault kind"):
        Fault(kind="gremlins")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="count"):
        Fault(kind="http500", count=0)
