"""`python -m benchmarks`: ours against core at 1, 10 and 100 chargers; a table and JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from .config import (
    DEFAULT_CHARGER_COUNTS,
    DEFAULT_DURATION_MIN,
    DEFAULT_JSON_PATH,
    DEFAULT_LATENCY_S,
    BenchmarkConfig,
)
from .report import render
from .runner import MissingRequirementError, run_benchmark


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Traffic, latency and cost per charger: lektrico_local next to core "
        "lektrico, against simulated chargers. Run from the repository root.",
    )
    parser.add_argument(
        "--chargers",
        type=int,
        nargs="+",
        default=list(DEFAULT_CHARGER_COUNTS),
        metavar="N",
        help="charger counts to run (default: %(default)s)",
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=DEFAULT_LATENCY_S,
        metavar="SECONDS",
        help="device time per request, one request at a time per charger (default: %(default)s)",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=DEFAULT_DURATION_MIN,
        metavar="MINUTES",
        help="simulated minutes of polling in each of a run's two passes, cost and stalls "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--json", type=Path, default=Path(DEFAULT_JSON_PATH), metavar="PATH",
        help="where to write the results (default: %(default)s)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if min(args.chargers) < 1 or args.latency < 0 or args.duration <= 0:
        parser.error("--chargers must be >= 1, --latency >= 0 and --duration > 0")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    config = BenchmarkConfig(
        charger_counts=tuple(args.chargers), latency_s=args.latency, duration_min=args.duration
    )
    try:
        report = run_benchmark(config)
    except MissingRequirementError as err:
        raise SystemExit(f"python -m benchmarks: {err}") from err
    print(render(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json}")


if __name__ == "__main__":
    main()
