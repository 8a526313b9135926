"""The command line: `python -m lektrico_sim ...`."""

import asyncio
import json
import re
import signal
import sys
import urllib.request
from pathlib import Path

from lektrico_sim.__main__ import build_charger, parse_args


def test_arguments_build_the_requested_charger() -> None:
    args = parse_args(["--model", "1p7k", "--serial", "123", "--ev-max-current", "10"])
    charger = build_charger(args)

    assert charger.state.device_id == "1p7k_123"
    assert charger.ev.max_current == 10
    assert (args.host, args.port, args.latency, args.speed) == ("127.0.0.1", 8080, 0.05, 1.0)


async def test_simulator_runs_as_a_program(tmp_path: Path, socket_enabled: None) -> None:
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
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), timeout=10)

    assert process.returncode == 0
    assert json.loads(state_file.read_text())["session_id"] == 1


def _get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as response:
        answer: dict[str, object] = json.load(response)
        return answer
