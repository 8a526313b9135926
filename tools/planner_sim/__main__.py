"""Command line: `python -m planner_sim [--scenario NAME ...] [--seed N] [--json PATH]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .metrics import summarize
from .report import as_json, table
from .runner import run_named
from .scenarios import DEFAULT_SEED, SCENARIOS


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m planner_sim",
        description="Replay a year of prices and commutes through the smart-charging planner and "
        "three baselines, and print one table per scenario.",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        choices=sorted(SCENARIOS),
        metavar="NAME",
        help="run only this scenario (repeatable); see --list",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="for prices and commutes")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the numbers here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        for name, scenario in SCENARIOS.items():
            print(f"{name:<24} {scenario.description}")
        return 0
    results: dict[str, Any] = {}
    for name in args.scenario or list(SCENARIOS):
        done = run_named(name, args.seed)
        summaries = {policy: summarize(sessions) for policy, sessions in done.results.items()}
        print(table(done, summaries), end="\n\n")
        results[name] = as_json(done, summaries)
    if args.json is not None:
        payload = {"seed": args.seed, "scenarios": results}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
