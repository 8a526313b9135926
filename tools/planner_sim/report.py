"""The per-scenario table and its JSON twin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from .metrics import Summary
from .runner import Policy, ScenarioRun

COLUMN = 14
HEADINGS = {
    Policy.PLANNER: "planner",
    Policy.AT_PLUG_IN: "at plug-in",
    Policy.CHEAPEST_HOURS: "cheapest hours",
    Policy.LOWER_BOUND: "lower bound",
}


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def _above(summary: Summary, bound: Summary) -> str:
    if bound.cost == 0:
        return "-"
    return f"{(summary.cost - bound.cost) / abs(bound.cost) * 100:+.1f} %"


def _starts(summary: Summary) -> str:
    if summary.starts_mean is None:
        return "-"
    return f"{summary.starts_mean:.2f} / {summary.starts_max}"


ROWS: tuple[tuple[str, Callable[[Summary, Summary], str]], ...] = (
    ("cost per car kWh (EUR)", lambda s, b: _money(s.cost_per_kwh)),
    ("total cost (EUR)", lambda s, b: f"{s.cost:.2f}"),
    ("above the lower bound", _above),
    ("feasible departures met", lambda s, b: f"{s.met}/{s.feasible}"),
    ("short at the others (kWh)", lambda s, b: f"{s.short_kwh:.1f}"),
    ("starts/session mean / max", lambda s, b: _starts(s)),
    ("grid kWh", lambda s, b: f"{s.grid_kwh:.0f}"),
    ("solar kWh", lambda s, b: f"{s.solar_kwh:.0f}"),
    ("bought below 0 (kWh)", lambda s, b: f"{s.negative_kwh:.1f}"),
    ("beyond the need (kWh)", lambda s, b: f"{s.beyond_need_kwh:.1f}"),
    ("stops inside a price slot", lambda s, b: str(s.cut_short)),
    ("sessions asking 1..5 A", lambda s, b: str(s.low_setpoints)),
)


def table(run: ScenarioRun, summaries: dict[Policy, Summary]) -> str:
    """One scenario: a row per metric, the planner beside the three baselines."""
    scenario = run.scenario
    bound = summaries[Policy.LOWER_BOUND]
    width = max(len(label) for label, _ in ROWS)
    planner = summaries[Policy.PLANNER]
    lines = [
        f"{scenario.name}: {scenario.description}",
        f"{planner.sessions} sessions, {scenario.resolution}-minute prices, "
        f"{planner.plans} plans made (the others kept)",
        f"{'':<{width}}" + "".join(f"  {HEADINGS[policy]:>{COLUMN}}" for policy in Policy),
    ]
    for label, show in ROWS:
        cells = "".join(f"  {show(summaries[policy], bound):>{COLUMN}}" for policy in Policy)
        lines.append(f"{label:<{width}}{cells}")
    return "\n".join(lines)


def as_json(run: ScenarioRun, summaries: dict[Policy, Summary]) -> dict[str, Any]:
    return {
        "description": run.scenario.description,
        "resolution_minutes": run.scenario.resolution,
        "known_prices": run.scenario.known_prices,
        **{
            policy.value: {**asdict(summary), "cost_per_kwh": summary.cost_per_kwh}
            for policy, summary in summaries.items()
        },
    }
