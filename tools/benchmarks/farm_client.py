"""The worker's handle on the simulator farm (`farm.py`), a child process spoken to by pipe."""

from __future__ import annotations

import asyncio
import json
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from .config import RunConfig

# Starting 100 aiohttp servers takes a few seconds on a small machine.
STARTUP_TIMEOUT_S = 60.0
COMMAND_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class SimulatedCharger:
    """Where one simulated charger listens, and who it is."""

    port: int
    serial: int
    model: str
    board_revision: str

    @property
    def host(self) -> str:
        """host:port, as a user types it into either integration's config flow."""
        return f"127.0.0.1:{self.port}"


class SimulatorFarm:
    """Commands to the farm process; see `farm.py` for the protocol."""

    def __init__(self, process: asyncio.subprocess.Process, chargers: list[SimulatedCharger]):
        self._process = process
        self.chargers = chargers

    @classmethod
    @asynccontextmanager
    async def running(cls, config: RunConfig) -> AsyncIterator[SimulatorFarm]:
        """Start the farm for a run, and stop it afterwards whatever happened."""
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.farm",
            "--chargers", str(config.chargers),
            "--latency", str(config.latency_s),
            "--model", config.model,
            "--first-serial", str(config.first_serial),
            "--install-current", str(config.install_current_a),
            "--ev-max-current", str(config.scenario.ev_max_current_a),
            "--ev-phases", str(config.scenario.ev_phases),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            hello = await _read_reply(process, STARTUP_TIMEOUT_S)
            farm = cls(process, [SimulatedCharger(**charger) for charger in hello["chargers"]])
            yield farm
        finally:
            await _stop(process)

    async def advance(self, seconds: float) -> None:
        """Move every charger's simulated clock forward."""
        await self._ask({"op": "advance", "seconds": seconds})

    async def plug_in_everywhere(self) -> None:
        await self._ask({"op": "plug_in"})

    async def request_counts(self) -> list[Counter[str]]:
        """Device requests served per charger since the last reset, by lowercase method."""
        reply = await self._ask({"op": "counts"})
        return [Counter(counts) for counts in reply["counts"]]

    async def reset_counts(self) -> None:
        await self._ask({"op": "reset_counts"})

    async def extended_states(self) -> list[str]:
        """Each charger's extended state now (A, B_AUTH, C, ...)."""
        reply = await self._ask({"op": "states"})
        return list(reply["states"])

    async def _ask(self, command: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None
        self._process.stdin.write((json.dumps(command) + "\n").encode())
        await self._process.stdin.drain()
        reply = await _read_reply(self._process, COMMAND_TIMEOUT_S)
        if "error" in reply:
            raise RuntimeError(f"simulator farm: {reply['error']}")
        return reply


async def _read_reply(process: asyncio.subprocess.Process, within_s: float) -> dict[str, Any]:
    assert process.stdout is not None
    async with asyncio.timeout(within_s):
        line = await process.stdout.readline()
    if not line:
        raise RuntimeError(f"simulator farm exited (code {await process.wait()})")
    reply: dict[str, Any] = json.loads(line)
    return reply


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    assert process.stdin is not None
    try:
        process.stdin.write(b'{"op": "stop"}\n')
        await process.stdin.drain()
        process.stdin.close()
        await asyncio.wait_for(process.wait(), 10)
    except (TimeoutError, ConnectionError):
        process.kill()
        await process.wait()
