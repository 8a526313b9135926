"""The command line: `python -m lektrico_sim ...`."""

import asyncio
import json
import re
import signal
import sys
import urllib.request
from pathlib import Path

import pytest

from lektrico_sim import ChargerSimulator
from lektrico_sim.__main__ import build_charger, build_meter, parse_args


def test_arguments_build_the_requested_charger() -> None:
    """Command-line flags set model, serial and EV; the rest have their defaults."""
    args = parse_args(["--model", "1p7k", "--serial", "123", "--ev-max-current", "10"])
    charger = build_charger(args)

    assert charger.state.device_id == "1p7k_123"
    assert charger.ev.max_current == 10
    assert (args.host, args.port, args.latency, args.speed) == ("127.0.0.1", 8080, 0.05, 1.0)


def test_the_command_line_looks_like_a_real_unit_by_default() -> None:
    """By default the program runs firmware 1.51 like a real unit; the class keeps the document."""
    args = parse_args([])
    charger = build_charger(args)

    assert (args.firmware, args.unknown_method) == ("1.51", "http404")
    assert charger.profile.name == "1.51"
    assert charger.device_id == "3p22k_500006"
    assert charger.state.meter_current is None
    assert ChargerSimulator().profile.name == "document"  # the class stays with the document


@pytest.mark.parametrize("firmware", ["document", "1.51", "1.47", "1.23"])
def test_firmware_flag(firmware: str) -> None:
    """--firmware picks each known firmware profile."""
    assert build_charger(parse_args(["--firmware", firmware])).profile.name == firmware


def test_meter_drives_em_flag() -> None:
    """--meter-drives-em makes a meter hold the EM current, with energy management on."""
    charger = build_charger(parse_args(["--meter-drives-em", "8"]))

    assert charger.state.meter_current == 8
    assert charger.state.em_current == 8
    assert charger.state.app_config["energy_management_enabled"] is True


def test_energy_meter_flag() -> None:
    """--energy-meter simulates a meter, named after the serial if one is given."""
    assert build_meter(parse_args(["--energy-meter"])).device_id == "m2w_700001"
    assert build_meter(parse_args(["--energy-meter", "--serial", "7009"])).device_id == "m2w_7009"


@pytest.mark.parametrize(
    "argv",
    [
        ["--energy-meter", "--meter-drives-em", "6"],
        ["--firmware", "9.99"],
        ["--unknown-method", "teapot"],
    ],
)
def test_bad_flags_are_refused(argv: list[str]) -> None:
    """Conflicting or unknown flag values stop the program with a usage error."""
    with pytest.raises(SystemExit):
        parse_args(argv)


async def test_simulator_runs_as_a_program(tmp_path: Path, socket_enabled: None) -> None:
    """python -m lektrico_sim serves a charging unit, stops on Ctrl-C, saves its state file."""
    state_file = tmp_path / "state.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "lektrico_sim", "--port", "0", "--latency", "0",
        "--plug-after", "0", "--state-file", str(state_file),
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        line = (await asyncio.wait_for(process.stderr.readline(), timeout=10)).decode()
        url = re.search(r"listening on (http://\S+)", line)
        assert url is not None, line
        await asyncio.sleep(0.3)  # --plug-after 0
        info = await asyncio.to_thread(_get_json, url.group(1) + "/rpc/charger_info.get")
        assert info["extended_charger_state"] == "C"
        assert info["relay_mode"] == 3  # firmware 1.51 by default
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), timeout=10)

    assert process.returncode == 0
    assert json.loads(state_file.read_text())["session_id"] == 1


async def test_energy_meter_runs_as_a_program(socket_enabled: None) -> None:
    """The program as a meter answers device_id, and refuses charger methods."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "lektrico_sim", "--port", "0", "--latency", "0",
        "--energy-meter", "--unknown-method", "rpc_error",
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        line = (await asyncio.wait_for(process.stderr.readline(), timeout=10)).decode()
        url = re.search(r"listening on (http://\S+)", line)
        assert url is not None, line
        identity = await asyncio.to_thread(_get_json, url.group(1) + "/rpc/device_id.get")
        assert identity == {"device_id": "m2w_700001"}
        info = await asyncio.to_thread(_get_json, url.group(1) + "/rpc/charger_info.get")
        assert info["error"]["code"] == -1  # type: ignore[index]
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), timeout=10)

    assert process.returncode == 0


def _get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as response:
        answer: dict[str, object] = json.load(response)
        return answer
