"""Command line: `python -m lektrico_sim --host 127.0.0.1 --port 8080 --model 3p22k`.

`--energy-meter` serves a Lektrico energy meter instead of a charger.
"""

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence
from pathlib import Path

from .charger import ChargerSimulator
from .clock import RealClock
from .energy_management import DEFAULT_METER_SERIAL
from .hardware import MODELS
from .meter import EnergyMeterSimulator
from .persistence import StateFile
from .profiles import FIRMWARE_PROFILES
from .server import SimulatorServer
from .transport import UNKNOWN_METHOD_MODES

_LOGGER = logging.getLogger("lektrico_sim")
SAVE_INTERVAL_SECONDS = 5.0
DEFAULT_CHARGER_SERIAL = 500006
# A demo should look like a real unit, so the command line defaults to a real firmware.
DEFAULT_CLI_FIRMWARE = "1.51"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m lektrico_sim", description="Simulated Lektrico charger (local API)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--model", choices=sorted(MODELS), default="3p22k")
    parser.add_argument(
        "--serial",
        type=int,
        help=f"default {DEFAULT_CHARGER_SERIAL} (charger) or {DEFAULT_METER_SERIAL} (meter)",
    )
    parser.add_argument(
        "--firmware",
        choices=FIRMWARE_PROFILES,
        default=DEFAULT_CLI_FIRMWARE,
        help='answer like this firmware ("document": as the API document says)',
    )
    parser.add_argument(
        "--unknown-method",
        choices=UNKNOWN_METHOD_MODES,
        default="http404",
        help="how methods the unit lacks are answered",
    )
    parser.add_argument(
        "--energy-meter", action="store_true", help="serve a Lektrico energy meter, not a charger"
    )
    parser.add_argument(
        "--meter-drives-em",
        type=int,
        metavar="AMPS",
        help="a paired energy meter keeps the charger's EM current at AMPS (0 or 6..32)",
    )
    parser.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--state-file", type=Path, help="keep counters/config across restarts")
    parser.add_argument("--plug-after", type=float, metavar="SECONDS", help="plug an EV in")
    parser.add_argument("--ev-max-current", type=float, default=16.0)
    parser.add_argument(
        "--install-current", type=int, default=6, help="as wired by the installer (6..32 A)"
    )
    parser.add_argument("--update-available", metavar="VERSION", help="offered to Ota.Verify")
    args = parser.parse_args(argv)
    if args.energy_meter and args.meter_drives_em is not None:
        parser.error("--meter-drives-em drives a charger; it does not go with --energy-meter")
    return args


def build_charger(args: argparse.Namespace) -> ChargerSimulator:
    charger = ChargerSimulator(
        model=args.model,
        serial=args.serial if args.serial is not None else DEFAULT_CHARGER_SERIAL,
        clock=RealClock(speed=args.speed),
        firmware=args.firmware,
        update_available=args.update_available,
        app_config={"install_current": args.install_current},
    )
    charger.set_ev(max_current=args.ev_max_current)
    if args.meter_drives_em is not None:
        charger.attach_energy_meter(args.meter_drives_em)
    return charger


def build_meter(args: argparse.Namespace) -> EnergyMeterSimulator:
    serial = args.serial if args.serial is not None else DEFAULT_METER_SERIAL
    return EnergyMeterSimulator(serial=serial, clock=RealClock(speed=args.speed))


async def run(args: argparse.Namespace) -> None:
    if args.energy_meter:
        await _serve_meter(args, build_meter(args))
    else:
        await _serve_charger(args, build_charger(args))


async def _serve_charger(args: argparse.Namespace, charger: ChargerSimulator) -> None:
    state_file = StateFile(args.state_file) if args.state_file else None
    if state_file is not None and state_file.load_into(charger):
        _LOGGER.info("restored state from %s", state_file.path)
    server = SimulatorServer(charger, latency=args.latency, unknown_method=args.unknown_method)
    await server.start(args.host, args.port)
    _LOGGER.info(
        "Lektrico %s (firmware %s) simulator listening on %s",
        charger.device_id,
        charger.profile.name,
        server.url,
    )
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


async def _serve_meter(args: argparse.Namespace, meter: EnergyMeterSimulator) -> None:
    # A meter has no sessions or counters to keep: charger-only options do not apply.
    server = SimulatorServer(meter, latency=args.latency, unknown_method=args.unknown_method)
    await server.start(args.host, args.port)
    _LOGGER.info(
        "Lektrico %s (energy meter) simulator listening on %s", meter.device_id, server.url
    )
    try:
        await _until_signalled()
    finally:
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
