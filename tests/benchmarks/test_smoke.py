"""The benchmark runs at N=1 and yields every metric for both integrations.

No timed assertions: absolute times drift on a shared machine. What is checked is that each
number exists and makes sense, and the few facts that do not depend on timing (how many
requests each integration sends).

The run happens in worker processes (as `python -m benchmarks` does it), so this test itself
opens no sockets.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.config import CORE, OURS, BenchmarkConfig, EvScenario
from benchmarks.integrations import missing_core_requirements
from benchmarks.report import ROWS, BenchmarkReport, Comparison, render
from benchmarks.results import RunResult
from benchmarks.runner import run_benchmark

pytestmark = pytest.mark.skipif(
    bool(missing_core_requirements()),
    reason="core lektrico's library is only installed in the newest Home Assistant venv",
)

TINY = BenchmarkConfig(
    charger_counts=(1,),
    latency_s=0.01,
    duration_min=1.0,
    scenario=EvScenario(plug_in_after_s=20),
)


@pytest.fixture(scope="module")
def report() -> BenchmarkReport:
    """One tiny run shared by the tests below (it takes a few seconds)."""
    return run_benchmark(TINY, progress=lambda _message: None)


@pytest.fixture(scope="module")
def comparison(report: BenchmarkReport) -> Comparison:
    """The single comparison in the one-charger benchmark report."""
    (only,) = report.comparisons
    return only


def test_every_metric_is_a_sane_number_for_both(comparison: Comparison) -> None:
    """Every metric is a finite, non-negative number for both integrations."""
    for result in (comparison.ours, comparison.core):
        for row in ROWS:
            value = row.value(result)
            assert math.isfinite(value), (result.label, row.key)
            assert value >= 0, (result.label, row.key)
        assert result.cpu_seconds_per_charger_hour > 0
        assert result.peak_memory_per_charger_mib > 0
        assert result.fast_update_seconds.median > 0


def test_both_ran_the_same_scenario(comparison: Comparison) -> None:
    """Six fast updates in one simulated minute at 10 s, all on time; the EV charges."""
    for result in (comparison.ours, comparison.core):
        assert (result.integration, result.chargers) in {(OURS, 1), (CORE, 1)}
        assert result.fast_update_interval_s == 10
        assert result.fast_updates == 6
        assert result.failed_updates == 0
        assert result.chargers_updated_on_time == 1
        assert result.commands_sent == result.commands_confirmed == 3
        assert result.final_charger_states == {"C": 1}


def test_ours_sends_fewer_requests_than_core(comparison: Comparison) -> None:
    """Ours polls with one request and commands with two, fewer than core's."""
    ours, core = comparison.ours, comparison.core
    assert ours.requests_by_method == {"charger_info.get": 6}
    assert core.requests_per_fast_update == 3
    assert ours.requests_per_fast_update < core.requests_per_fast_update
    # A command: the write and one targeted read-back, against the write and a full refresh.
    assert ours.command_requests_by_method == {"dynamic_current.set": 3, "charger_info.get": 3}
    assert ours.requests_per_command == 2
    assert ours.requests_per_command < core.requests_per_command


def test_the_report_prints_and_serializes(report: BenchmarkReport) -> None:
    """The report prints every row and target and survives a JSON round trip."""
    text = render(report)
    assert "N = 1 charger" in text
    assert all(row.label in text for row in ROWS)
    targets = {check.target for check in report.targets}
    assert len(targets) == 5  # the 100-charger targets need 100 chargers
    assert all(f"{check.target:<20}"[:20] in text for check in report.targets)

    data = json.loads(json.dumps(report.as_dict()))
    (entry,) = data["comparisons"]
    assert RunResult.from_dict(entry["ours"]) == report.comparisons[0].ours
    assert set(entry["ratios_ours_over_core"]) == {row.key for row in ROWS if row.has_ratio}


def test_the_command_line_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The benchmark's command line prints the ratios and writes the JSON report."""
    path = tmp_path / "out" / "bench.json"

    main(["--chargers", "1", "--latency", "0", "--duration", "0.5", "--json", str(path)])

    assert "ours/core" in capsys.readouterr().out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [entry["chargers"] for entry in data["comparisons"]] == [1]
    assert {check["target"] for check in data["targets"]}
