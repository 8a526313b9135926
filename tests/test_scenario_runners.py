"""What every scenario runner's command line shares (`tools/scenario_cli`): --list and -m.

Each runner's own tests (tests/solar, tests/fuse, tests/planner) check its tables and numbers.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

RUNNERS = ["solar_sim", "fuse_sim", "planner_sim"]


@pytest.mark.parametrize("runner", RUNNERS)
def test_lists_the_scenarios(runner: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--list prints one scenario per line, by name and in order, with its description."""
    module = importlib.import_module(f"{runner}.__main__")
    scenarios = importlib.import_module(runner).SCENARIOS
    assert module.main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(scenarios)
    first = next(iter(scenarios.values()))
    assert lines[0].endswith(first.description)


@pytest.mark.parametrize("runner", RUNNERS)
def test_runs_as_a_module(runner: str) -> None:
    """`python -m RUNNER --list` works from the repository, as the README and make say."""
    done = subprocess.run(
        [sys.executable, "-m", runner, "--list"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    scenarios = importlib.import_module(runner).SCENARIOS
    assert done.stdout.startswith(next(iter(scenarios)))
