"""The fault matrix: every fault the simulator can make, during polling and during a command.

For each: no traceback in the log; the device goes unavailable only when the
charger cannot be reached, otherwise only the affected entities go unknown;
one log line per outage; recovery on the first poll after the fault clears;
a command during the fault fails with a translated error and is sent once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from unittest.mock import patch

import pytest
from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.diagnostics import async_get_config_entry_diagnostics
from lektrico_sim import ChargerSimulator, Fault, SimulatorServer

from .conftest import refresh_all

PREFIX = "lektrico_3p22k_500006"
STATE = f"sensor.{PREFIX}_state"
POWER = f"sensor.{PREFIX}_power"
SECRETS = ["Owner-4711", "45.7512", "21.2299", "ocpp.example.invalid", "HomeWifi-42"]


class Effect(StrEnum):
    """What a fault means for the user."""

    UNREACHABLE = "unreachable"  # the device goes unavailable
    GARBAGE = "garbage"  # the charger answers, but nothing usable: its entities go unknown
    TOLERATED = "tolerated"  # odd but usable answers: only the odd fields go unknown


@dataclass(frozen=True)
class Case:
    """A fault, what it means, and what the state sensor shows while it lasts."""

    fault: Fault | None  # None: the charger stops listening (connection refused)
    effect: Effect
    state: str
    # Whether the charger still carries out a command whose answer the fault garbles.
    command_applied: bool = False


CASES: dict[str, Case] = {
    "connection refused": Case(None, Effect.UNREACHABLE, STATE_UNAVAILABLE),
    "timeout": Case(Fault(kind="timeout", seconds=0.5), Effect.UNREACHABLE, STATE_UNAVAILABLE),
    "connection reset": Case(Fault(kind="reset"), Effect.UNREACHABLE, STATE_UNAVAILABLE),
    "http 500": Case(Fault(kind="http500"), Effect.GARBAGE, STATE_UNKNOWN),
    "404 for everything": Case(Fault(kind="missing_method"), Effect.GARBAGE, STATE_UNKNOWN),
    "not json": Case(Fault(kind="not_json"), Effect.GARBAGE, STATE_UNKNOWN, command_applied=True),
    "truncated json": Case(
        Fault(kind="truncated"), Effect.GARBAGE, STATE_UNKNOWN, command_applied=True
    ),
    **{
        f"json-rpc error {code}": Case(
            Fault(kind="rpc_error", code=code), Effect.GARBAGE, STATE_UNKNOWN
        )
        for code in range(-6, 0)
    },
    "wrong types": Case(Fault(kind="wrong_types"), Effect.TOLERATED, "charging"),
    "missing fields": Case(
        Fault(kind="missing_fields", fields=["instant_power", "currents"]),
        Effect.TOLERATED,
        "charging",
    ),
    "unknown enum values": Case(Fault(kind="unknown_enum"), Effect.TOLERATED, STATE_UNKNOWN),
    "older firmware names": Case(Fault(kind="old_firmware"), Effect.TOLERATED, "charging"),
    "extra keys": Case(Fault(kind="extra_keys"), Effect.TOLERATED, "charging"),
}


@pytest.fixture(autouse=True)
def short_timeout() -> Iterator[None]:
    """The integration waits 10 s for an answer; the timeout case should not."""
    with patch("custom_components.lektrico_local.REQUEST_TIMEOUT", 0.3):
        yield


@pytest.fixture
def private_config(charger: ChargerSimulator) -> ChargerSimulator:
    """Secrets that must never reach a log line or diagnostics."""
    charger.set_app_config("owner_id", "Owner-4711")
    charger.set_app_config("latitude", 45.7512)
    charger.set_app_config("longitude", 21.2299)
    charger.set_app_config("ocpp_server_link", "wss://ocpp.example.invalid/cp")
    return charger


async def _start(server: SimulatorServer, case: Case) -> None:
    if case.fault is None:
        await server.go_offline()
    else:
        server.faults.add(case.fault)


async def _stop(server: SimulatorServer, case: Case) -> None:
    if case.fault is None:
        await server.go_online()
    server.faults.clear()
    if case.fault is not None and case.fault.kind == "timeout":
        # The simulated charger is still stuck in the hung request, as a real one would be.
        await asyncio.sleep(case.fault.seconds or 0)


def _device_id(hass: HomeAssistant) -> str:
    device = dr.async_get(hass).async_get_device(identifiers={("lektrico_local", "500006")})
    assert device is not None
    return device.id


def _our_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What a user's log shows of this integration (INFO and above)."""
    return [
        r
        for r in caplog.records
        if r.name.startswith("custom_components") and r.levelno >= logging.INFO
    ]


def _home_assistant_side(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Everything but the simulated charger's own server, which may log the faults it makes."""
    return [
        r
        for r in caplog.records
        # Tests run the loop in debug mode, where asyncio logs every reset socket at DEBUG.
        if r.levelno >= logging.INFO and not r.name.startswith(("aiohttp.server", "lektrico_sim"))
    ]


def _outage_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Lines of the integration about the outage (the client's once-only format notes aside)."""
    return [
        r.getMessage()
        for r in _our_lines(caplog)
        if r.levelno >= logging.WARNING and not r.name.endswith(".api")
    ]


# The unknown value goes into the extended state, which firmware 1.23 does not send.
POLLING_CASES = [
    pytest.param(
        case,
        id=name,
        marks=[pytest.mark.firmware_needs("extended_charger_state")]
        if name == "unknown enum values"
        else [],
    )
    for name, case in CASES.items()
]


@pytest.mark.parametrize("case", POLLING_CASES)
@pytest.mark.usefixtures("plugged", "private_config")
async def test_fault_during_polling(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    caplog: pytest.LogCaptureFixture,
    case: Case,
) -> None:
    """Each polling fault shows as expected, logs once, leaks no secret, and recovers."""
    assert hass.states.get(STATE).state == "charging"
    caplog.clear()
    await _start(sim_server, case)
    await refresh_all(hass, init_integration)
    lines_after_first_poll = len(_our_lines(caplog))
    for _ in range(3):
        await refresh_all(hass, init_integration)
    assert hass.states.get(STATE).state == case.state
    if case.effect is not Effect.UNREACHABLE:
        # The charger answers: the device stays, and so do entities the fault did not touch.
        assert hass.states.get(f"button.{PREFIX}_pause_charging").state != STATE_UNAVAILABLE
    # One line per outage and coordinator (live, settings, statistics), nothing per poll.
    assert len(_outage_lines(caplog)) <= 3, _outage_lines(caplog)
    assert len(_our_lines(caplog)) == lines_after_first_poll, "the log grows with every poll"
    assert not [r.getMessage() for r in _home_assistant_side(caplog) if r.exc_info], "a traceback"
    assert not any(secret in caplog.text for secret in SECRETS)
    diagnostics = json.dumps(
        await async_get_config_entry_diagnostics(hass, init_integration), default=str
    )
    assert not any(secret in diagnostics for secret in SECRETS)

    await _stop(sim_server, case)
    await refresh_all(hass, init_integration)
    assert hass.states.get(STATE).state == "charging"
    assert float(hass.states.get(POWER).state) > 10000


COMMAND_FAULTS = {name: case for name, case in CASES.items() if case.effect is not Effect.TOLERATED}


@pytest.mark.parametrize("case", COMMAND_FAULTS.values(), ids=COMMAND_FAULTS.keys())
@pytest.mark.usefixtures("plugged")
async def test_fault_during_a_command(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    charger: ChargerSimulator,
    caplog: pytest.LogCaptureFixture,
    case: Case,
) -> None:
    """A command hit by a fault raises a translated error, is sent at most once, leaks nothing."""
    await _start(sim_server, case)
    sim_server.reset_counts()
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "button", "press", {"entity_id": f"button.{PREFIX}_pause_charging"}, blocking=True
        )
    assert err.value.translation_key in {
        "communication_error",
        "invalid_response",
        "device_error",
        "unsupported",
    }
    # Sent at most once: a retry could pause twice, or pause after the user gave up.
    assert sim_server.request_counts["charge.pause"] <= 1
    # A password in a failing command stays out of the log.
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call(
            "lektrico_local",
            "set_ap_password",
            {"device_id": _device_id(hass), "password": "Secret-Password-1"},
            blocking=True,
        )
    assert "Secret-Password-1" not in caplog.text
    assert not any(r.exc_info for r in caplog.records if r.name.startswith("custom_components"))
    await _stop(sim_server, case)
    assert charger.state.paused is case.command_applied


# The lifetime counters come with the Detailed diagnostics option.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
async def test_reboot_mid_session(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """Session id changes and counters jump: events say so, energy stays consistent."""
    fired: list[str] = []
    hass.bus.async_listen(
        "lektrico_local_session_event", callback(lambda event: fired.append(event.data["type"]))
    )
    charger.plug_in()
    charger.advance(600)
    await refresh_all(hass, init_integration)
    lifetime = float(hass.states.get(f"sensor.{PREFIX}_lifetime_energy").state)
    charger.power_cycle()
    charger.advance(60)
    await refresh_all(hass, init_integration)
    await hass.async_block_till_done()
    assert fired[-4:] == [
        "charging_finished",
        "session_finished",
        "session_started",
        "charging_started",
    ]
    assert float(hass.states.get(f"sensor.{PREFIX}_lifetime_energy").state) >= lifetime
    assert hass.states.get(f"sensor.{PREFIX}_total_sessions").state == "1"


@pytest.mark.firmware_needs("extended_charger_state")
# The maintenance buttons come with the Detailed diagnostics option.
@pytest.mark.parametrize("detailed_diagnostics", [True], ids=["detailed"])
async def test_firmware_update(
    hass: HomeAssistant, init_integration: MockConfigEntry, charger: ChargerSimulator
) -> None:
    """OTA: the state says so, then the device shows the new firmware version."""
    charger.offer_update("1.60")
    await hass.services.async_call(
        "button",
        "press",
        {"entity_id": f"button.{PREFIX}_check_for_firmware_update"},
        blocking=True,
    )
    assert hass.states.get(STATE).state == "updating_firmware"
    charger.advance(120)
    await refresh_all(hass, init_integration)
    assert hass.states.get(STATE).state == "disconnected"
    device = dr.async_get(hass).async_get_device(identifiers={("lektrico_local", "500006")})
    assert device.sw_version == "1.60"
