"""N simulated chargers in their own process: `python -m benchmarks.farm --chargers N ...`.

The simulators run apart from Home Assistant so that their CPU time, memory and event-loop
work are not charged to the integration being measured. They share one ManualClock: simulated
time moves only when the worker says so, for all chargers at once.

Protocol, one JSON object per line. On start the farm prints
`{"chargers": [{"port": ..., "serial": ..., "model": ..., "board_revision": ...}, ...]}`;
then it answers each command read from stdin with one line:

    {"op": "advance", "seconds": 10}   -> {"ok": true}
    {"op": "plug_in"}                  -> {"ok": true}      (every charger)
    {"op": "counts"}                   -> {"counts": [{"charger_info.get": 6, ...}, ...]}
    {"op": "reset_counts"}             -> {"ok": true}
    {"op": "states"}                   -> {"states": ["C", ...]}   (extended charger states)
    {"op": "stop"} or end of input     -> the servers stop and the process exits
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from typing import Any

from lektrico_sim import ChargerSimulator, ManualClock, SimulatorServer
from lektrico_sim.responses import charger_config

type Reply = dict[str, Any]


class Farm:
    """The chargers, their servers and the clock they share."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.clock = ManualClock()
        self.chargers = [
            ChargerSimulator(
                model=args.model,
                serial=args.first_serial + index,
                clock=self.clock,
                app_config={"install_current": args.install_current},
            )
            for index in range(args.chargers)
        ]
        for charger in self.chargers:
            charger.set_ev(max_current=args.ev_max_current, phases=args.ev_phases)
        # One server per charger: its own port and its own device lock, like real units.
        self.servers = [SimulatorServer(charger, latency=args.latency) for charger in self.chargers]

    async def start(self) -> list[Reply]:
        for server in self.servers:
            await server.start("127.0.0.1", 0)
        return [
            {
                "port": server.port,
                "serial": charger.state.serial,
                "model": charger.state.model,
                # What charger_config.get answers; core's config flow stores it.
                "board_revision": charger_config(charger.state)["board_revision"],
            }
            for server, charger in zip(self.servers, self.chargers, strict=True)
        ]

    async def stop(self) -> None:
        await asyncio.gather(*(server.stop() for server in self.servers))

    def handle(self, command: Reply) -> Reply:
        """One command from the worker; see the module docstring."""
        op = command.get("op")
        if op == "advance":
            self.clock.advance(float(command["seconds"]))
            return {"ok": True}
        if op == "plug_in":
            for charger in self.chargers:
                charger.plug_in()
            return {"ok": True}
        if op == "counts":
            return {"counts": [dict(server.request_counts) for server in self.servers]}
        if op == "reset_counts":
            for server in self.servers:
                server.reset_counts()
            return {"ok": True}
        if op == "states":
            return {"states": [charger.state.extended_charger_state for charger in self.chargers]}
        return {"error": f"unknown op {op!r}"}


async def serve(args: argparse.Namespace) -> None:
    farm = Farm(args)
    chargers = await farm.start()
    _send({"chargers": chargers})
    commands = await _stdin_reader()
    try:
        while line := await commands.readline():
            command = json.loads(line)
            if command.get("op") == "stop":
                break
            _send(farm.handle(command))
    finally:
        await farm.stop()


async def _stdin_reader() -> asyncio.StreamReader:
    """stdin as an asyncio stream, so the servers keep answering while we wait for commands."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    return reader


def _send(reply: Reply) -> None:
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.farm", description=__doc__)
    parser.add_argument("--chargers", type=int, required=True)
    parser.add_argument("--latency", type=float, required=True, help="seconds per request")
    parser.add_argument("--model", default="3p22k")
    parser.add_argument("--first-serial", type=int, default=500_001)
    parser.add_argument("--install-current", type=int, default=32)
    parser.add_argument("--ev-max-current", type=float, default=16.0)
    parser.add_argument("--ev-phases", type=int, default=3)
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(serve(parse_args()))
