"""The per-scenario table and its JSON twin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from .metrics import Summary
from .scenarios import Scenario

COLUMN = 10

ROWS: tuple[tuple[str, Callable[[Summary], str]], ...] = (
    ("seconds above the rating", lambda s: f"{s.seconds_above}"),
    ("  later than meter + request", lambda s: f"{s.late_seconds}"),
    ("worst overshoot", lambda s: f"{s.worst_overshoot:.1f} A"),
    ("cap changes per hour", lambda s: f"{s.changes_per_hour:.1f}"),
    ("setpoints of 1-5 A", lambda s: f"{s.low_setpoints}"),
    ("car energy", lambda s: f"{s.car_kwh:.2f} kWh"),
)


def table(scenario: Scenario, guard: Summary, naive: Summary) -> str:
    """One scenario: a row per metric, the guard beside the naive automation."""
    label_width = max(len(label) for label, _ in ROWS)
    lines = [
        f"{scenario.name}: {scenario.description}",
        f"{'':<{label_width}}  {'guard':>{COLUMN}}  {'naive':>{COLUMN}}",
    ]
    for label, show in ROWS:
        lines.append(f"{label:<{label_width}}  {show(guard):>{COLUMN}}  {show(naive):>{COLUMN}}")
    return "\n".join(lines)


def as_json(scenario: Scenario, guard: Summary, naive: Summary) -> dict[str, Any]:
    return {
        "description": scenario.description,
        "hours": guard.hours,
        "guard": _summary_json(guard),
        "naive": _summary_json(naive),
    }


def _summary_json(summary: Summary) -> dict[str, Any]:
    return {**asdict(summary), "changes_per_hour": summary.changes_per_hour}
