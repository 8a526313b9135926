"""Command line: `python -m lektrico_sim --host 127.0.0.1 --port 8080 --model 3p22k`."""

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence
from pathlib import Path

from .charger import ChargerSimulator
from .clock import RealClock
from .hardware import MODELS
from .persistence import StateFile
from .server import SimulatorServer

_LOGGER = logging.getLogger("lektrico_sim")
SAVE_INTERVAL_SECONDS = 5.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m lektrico_sim", description="Simulated Lektrico charger (local API)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--model", choices=sorted(MODELS), default="3p22k")
    parser.add_argument("--serial", type=int, default=500006)
    parser.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--state-file", type=Path, help="keep counters/config across restarts")
    parser.add_argument("--plug-after", type=float, metavar="SECONDS", help="plug an EV in")
    parser.add_argument("--ev-max-current", type=float, default=16.0)
    parser.add_argument(
        "--install-current", type=int, default=6, help="as wired by the installer (6..32 A)"
    )
    parser.add_argument("--update-available", metavar="VERSION", help="offered to Ota.Verify")
    return parser.parse_args(argv)


def build_charger(args: argparse.Namespace) -> ChargerSimulator:
    charger = ChargerSimulator(
        model=args.model,
        serial=args.serial,
        clock=RealClock(speed=args.speed),
        update_available=args.update_available,
        app_config={"install_current": args.install_current},
    )
    charger.set_ev(max_current=args.ev_max_current)
    return charger


async def run(args: argparse.Namespace) -> None:
    charger = build_charger(args)
    state_file = StateFile(args.state_file) if args.state_file else None
    if state_file is not None and state_file.load_into(charger):
        _LOGGER.info("restored state from %s", state_file.path)
    server = SimulatorServer(charger, latency=args.latency)
    await server.start(args.host, args.port)
    _LOGGER.info("Lektrico %s #%s simulator listening on %s", args.model, args.serial, server.url)
    helpers = [asyncio.create_task(_save_periodically(state_file, charger))]
    if args.plug_after is not None:
        helpers.append(asyncio.create_task(_plug_in_later(charger, args.plug_after)))
    try:
        await _until_signalled()
    finally:
        for task in helpers:
            task.cancel()
        if state_file is not None:
            state_file.save_from(charger)
        await server.stop()


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()


async def _plug_in_later(charger: ChargerSimulator, seconds: float) -> None:
    await asyncio.sleep(seconds)
    charger.plug_in()
    _LOGGER.info("EV plugged in")


async def _save_periodically(state_file: StateFile | None, charger: ChargerSimulator) -> None:
    # Saves also protect against `kill -9`; a clean shutdown saves once more.
    if state_file is None:
        return
    while True:
        await asyncio.sleep(SAVE_INTERVAL_SECONDS)
        state_file.save_from(charger)


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    main()
