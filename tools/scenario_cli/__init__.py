"""The command line every scenario runner shares (`solar_sim`, `fuse_sim`, ...).

`python -m RUNNER [--scenario NAME ...] [--list] [--seed N] [--json PATH]`: each scenario is
replayed through the control law and beside it a baseline, one table each, and the numbers
optionally as JSON. A runner supplies its scenarios and how to compare one.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


class Scenario(Protocol):
    """What the command line needs of a scenario."""

    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class ScenarioRunner[ScenarioT: Scenario]:
    """One runner's scenarios, and how one is replayed: (the printed table, its numbers)."""

    prog: str
    description: str
    seed_help: str
    default_seed: int
    scenarios: Mapping[str, ScenarioT]
    compare: Callable[[ScenarioT, int], tuple[str, dict[str, Any]]]

    def parse_args(self, argv: Sequence[str] | None = None) -> argparse.Namespace:
        parser = argparse.ArgumentParser(prog=self.prog, description=self.description)
        parser.add_argument(
            "--scenario",
            action="append",
            choices=sorted(self.scenarios),
            metavar="NAME",
            help="run only this scenario (repeatable); see --list",
        )
        parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
        parser.add_argument("--seed", type=int, default=self.default_seed, help=self.seed_help)
        parser.add_argument("--json", type=Path, metavar="PATH", help="also write the numbers here")
        return parser.parse_args(argv)

    def main(self, argv: Sequence[str] | None = None) -> int:
        args = self.parse_args(argv)
        if args.list:
            width = max(len(name) for name in self.scenarios) + 2
            for name, scenario in self.scenarios.items():
                print(f"{name:<{width}}{scenario.description}")
            return 0
        results: dict[str, Any] = {}
        for name in args.scenario or list(self.scenarios):
            printed, numbers = self.compare(self.scenarios[name], args.seed)
            print(printed, end="\n\n")
            results[name] = numbers
        if args.json is not None:
            payload = {"seed": args.seed, "scenarios": results}
            args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        return 0
