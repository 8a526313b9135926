"""How the client reports a charger that fails: one exception hierarchy."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from custom_components.lektrico_local.api import (
    ChargerState,
    LektricoClient,
    LektricoConnectionError,
    LektricoDeviceError,
    LektricoError,
    LektricoResponseError,
    LektricoTimeoutError,
    LektricoUnsupportedMethodError,
    LimitReason,
)
from lektrico_sim import ChargerSimulator, Fault, SimulatorServer


@pytest.mark.parametrize("code", [-1, -2, -3, -4, -5, -6])
async def test_json_rpc_error_codes_on_write(
    client: LektricoClient, sim_server: SimulatorServer, code: int
) -> None:
    """A JSON-RPC error on a write raises LektricoDeviceError with its code and method."""
    sim_server.faults.add(Fault(kind="rpc_error", methods=["charge.start"], code=code))
    with pytest.raises(LektricoDeviceError) as err:
        await client.start_charging()
    assert err.value.code == code
    assert err.value.method == "charge.start"


async def test_json_rpc_error_on_read(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """A JSON-RPC error on a read raises LektricoDeviceError with its code."""
    sim_server.faults.add(Fault(kind="rpc_error", methods=["app_config.get"], code=-1))
    with pytest.raises(LektricoDeviceError) as err:
        await client.app_config()
    assert err.value.code == -1


async def test_device_refuses_a_value_the_client_let_through(
    client: LektricoClient, sim_server: SimulatorServer
) -> None:
    """owner_id may be set once: the second attempt is the charger's -1, not ours."""
    await client.set_app_config("owner_id", "first")
    with pytest.raises(LektricoDeviceError) as err:
        await client.set_app_config("owner_id", "second")
    assert err.value.code == -1


async def test_unsupported_method(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """A method the firmware lacks raises LektricoUnsupportedMethodError naming it."""
    sim_server.faults.add(Fault(kind="missing_method", methods=["em_status.get"]))
    with pytest.raises(LektricoUnsupportedMethodError) as err:
        await client.em_status()
    assert err.value.method == "em_status.get"


async def test_timeout(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """An answer slower than the request timeout raises LektricoTimeoutError."""
    sim_server.faults.add(Fault(kind="timeout", seconds=5, count=1))
    short = LektricoClient(client.host, request_timeout=0.3)
    async with short:
        with pytest.raises(LektricoTimeoutError):
            await short.charger_info()


async def test_connection_refused(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """An offline charger raises a connection error (not a timeout); back online, reads work."""
    await sim_server.go_offline()
    with pytest.raises(LektricoConnectionError) as err:
        await client.charger_info()
    assert not isinstance(err.value, LektricoTimeoutError)
    await sim_server.go_online()
    assert (await client.charger_info()).state is ChargerState.DISCONNECTED


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("reset", LektricoConnectionError),
        ("http500", LektricoResponseError),
        ("not_json", LektricoResponseError),
        ("truncated", LektricoResponseError),
    ],
)
async def test_broken_answers(
    client: LektricoClient, sim_server: SimulatorServer, kind: str, expected: type[LektricoError]
) -> None:
    """Each broken answer raises its matching error, and the next request works again."""
    # aiohttp retries an idempotent GET once after a dropped connection: reset two answers.
    sim_server.faults.add(Fault(kind=kind, count=2 if kind == "reset" else 1))
    with pytest.raises(expected):
        await client.charger_info()
    # The fault was one answer only: the next request works again.
    assert (await client.charger_info()).state is ChargerState.DISCONNECTED


async def test_broken_answer_to_a_write(
    client: LektricoClient, sim_server: SimulatorServer
) -> None:
    """A write answered with something that is not JSON raises LektricoResponseError."""
    sim_server.faults.add(Fault(kind="not_json", methods=["charge.pause"], count=1))
    with pytest.raises(LektricoResponseError):
        await client.pause_charging()


async def test_latency_is_tolerated(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """A slow answer within the timeout is read normally."""
    sim_server.faults.add(Fault(kind="latency", seconds=0.2, count=1))
    assert (await client.charger_info()).state is ChargerState.DISCONNECTED


async def test_wrong_types_do_not_crash(
    client: LektricoClient, sim_server: SimulatorServer
) -> None:
    """Values of the wrong type in charger_info do not make the read fail."""
    sim_server.faults.add(Fault(kind="wrong_types", methods=["charger_info.get"], count=1))
    info = await client.charger_info()
    assert len(info.currents) == 3
    assert info.fw_version is not None


async def test_missing_fields_become_none(
    client: LektricoClient, sim_server: SimulatorServer
) -> None:
    """Fields missing from charger_info read as None while the rest still parses."""
    sim_server.faults.add(
        Fault(
            kind="missing_fields",
            methods=["charger_info.get"],
            fields=["instant_power", "currents", "current"],
        )
    )
    info = await client.charger_info()
    assert info.instant_power is None
    assert info.currents == (None, None, None)
    assert info.state is ChargerState.DISCONNECTED


async def test_old_firmware(
    client: LektricoClient, sim_server: SimulatorServer, charger: ChargerSimulator
) -> None:
    """Old firmware answers (no limit reason, old flag name) still read."""
    sim_server.faults.add(Fault(kind="old_firmware"))
    charger.raise_error("state_e_activated")
    info = await client.charger_info()
    assert info.limit_reason is None
    assert (await client.active_errors()).active == ["state_e_activated"]


async def test_each_client_logs_a_surprise_once(
    client: LektricoClient, sim_server: SimulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Two clients each tell once; a client's second identical answer adds nothing."""
    caplog.set_level(logging.DEBUG, logger="custom_components.lektrico_local.api")
    sim_server.faults.add(
        Fault(kind="missing_fields", methods=["charger_info.get"], fields=["instant_power"])
    )
    other = LektricoClient(client.host, request_timeout=2.0)
    async with other:
        for reader in (client, other):
            await reader.charger_info()
            lines = [r.getMessage() for r in caplog.records if "instant_power" in r.getMessage()]
            assert len(lines) == 1
            assert "instant_power missing" in lines[0]
            caplog.clear()
            await reader.charger_info()
            assert caplog.records == []


@pytest.mark.firmware_needs("extended_charger_state")
async def test_unknown_enum_values(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """Unknown state and limit-reason values read as None; the IEC letter remains."""
    sim_server.faults.add(Fault(kind="unknown_enum"))
    info = await client.charger_info()
    assert info.state is None
    assert info.limit_reason is None
    assert info.iec_state is not None


async def test_extra_keys_are_ignored(client: LektricoClient, sim_server: SimulatorServer) -> None:
    """Keys the client does not know are ignored in every answer."""
    sim_server.faults.add(Fault(kind="extra_keys"))
    assert (await client.charger_info()).state is ChargerState.DISCONNECTED
    assert (await client.app_config()).headless is True


@pytest.mark.firmware_needs("current_limit_reason")
async def test_known_limit_reasons(client: LektricoClient) -> None:
    """The simulator's limit reason is one the client knows."""
    info = await client.charger_info()
    assert isinstance(info.limit_reason, LimitReason)


async def test_injected_session_is_not_closed(sim_host: str) -> None:
    """Leaving the client's context leaves a session it was given open."""
    async with aiohttp.ClientSession() as session:
        async with LektricoClient(sim_host, session=session) as client:
            await client.charger_info()
        assert not session.closed


async def test_own_session_is_closed(sim_host: str) -> None:
    """close() closes the session the client created for itself."""
    client = LektricoClient(sim_host)
    await client.charger_info()
    session = client._session
    assert session is not None
    await client.close()
    assert session.closed
