"""The whole benchmark: one fresh worker process per (charger count, integration)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .config import CORE, OURS, BenchmarkConfig, RunConfig
from .integrations import missing_core_requirements
from .report import BenchmarkReport, Comparison
from .results import RunResult

REPO_ROOT = Path(__file__).resolve().parents[2]
# A 100-charger run takes a minute or two; this only catches a hung worker.
WORKER_TIMEOUT_S = 3600
# How much of a failed worker's stderr to show.
STDERR_TAIL_CHARS = 4000

type Progress = Callable[[str], None]


class WorkerFailedError(RuntimeError):
    """A worker process exited with an error; its stderr says why."""


class MissingRequirementError(RuntimeError):
    """Core lektrico's library is not installed in this Python."""


def run_benchmark(config: BenchmarkConfig, progress: Progress | None = None) -> BenchmarkReport:
    """Run both integrations at every charger count and put the results side by side."""
    if missing := missing_core_requirements():
        raise MissingRequirementError(
            f"core {CORE} needs {', '.join(missing)} in this Python ({sys.executable}); "
            "use the newest venv, e.g. .venv/ha-2026.2.3/bin/python -m benchmarks"
        )
    say = progress or _to_stderr
    started = time.perf_counter()
    comparisons = []
    for chargers in config.charger_counts:
        results = {run.integration: run_worker(run, say) for run in config.run_configs(chargers)}
        comparisons.append(Comparison(chargers, ours=results[OURS], core=results[CORE]))
    return BenchmarkReport(
        config=config, comparisons=comparisons, runtime_s=time.perf_counter() - started
    )


def run_worker(config: RunConfig, progress: Progress) -> RunResult:
    """One run in a fresh Python process (see worker.py), from the repository root."""
    progress(f"N={config.chargers} {config.integration}: running ...")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lektrico-bench-") as scratch:
        result_path = Path(scratch) / "result.json"
        process = subprocess.run(
            [
                sys.executable, "-m", "benchmarks.worker",
                "--config", json.dumps(config.as_dict()),
                "--result", str(result_path),
            ],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT_S,
            check=False,
        )  # fmt: skip
        if process.returncode != 0 or not result_path.exists():
            raise WorkerFailedError(
                f"worker for {config.integration} with {config.chargers} chargers exited with "
                f"{process.returncode}:\n{process.stderr[-STDERR_TAIL_CHARS:]}"
            )
        result = RunResult.from_dict(json.loads(result_path.read_text(encoding="utf-8")))
    progress(
        f"N={config.chargers} {config.integration}: done in {time.perf_counter() - started:.0f} s"
    )
    return result


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
