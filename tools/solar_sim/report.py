"""The per-scenario table and its JSON twin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from .metrics import Summary
from .scenarios import Scenario

COLUMN = 12


def _rate(value: float) -> str:
    return f"{value:.1f}"


def _minutes(seconds: int | None) -> str:
    return "-" if seconds is None else f"{seconds / 60:.1f} min"


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f} %"


ROWS: tuple[tuple[str, Callable[[Summary], str]], ...] = (
    ("starts per hour", lambda s: _rate(s.starts_per_hour)),
    ("stops per hour", lambda s: _rate(s.stops_per_hour)),
    ("shortest on period", lambda s: _minutes(s.shortest_on)),
    ("shortest off period", lambda s: _minutes(s.shortest_off)),
    ("writes per hour", lambda s: _rate(s.writes_per_hour)),
    ("surplus into the car", lambda s: _percent(s.surplus_used)),
    ("grid import / car energy", lambda s: _percent(s.grid_share)),
    ("battery / car energy", lambda s: _percent(s.battery_share)),
    ("car energy", lambda s: f"{s.car_kwh:.2f} kWh"),
)


def table(scenario: Scenario, controller: Summary, baseline: Summary) -> str:
    """One scenario: a row per metric, the controller beside the naive baseline."""
    label_width = max(len(label) for label, _ in ROWS)
    lines = [
        f"{scenario.name}: {scenario.description}",
        f"{'':<{label_width}}  {'controller':>{COLUMN}}  {'baseline':>{COLUMN}}",
    ]
    for label, show in ROWS:
        lines.append(
            f"{label:<{label_width}}  {show(controller):>{COLUMN}}  {show(baseline):>{COLUMN}}"
        )
    return "\n".join(lines)


def as_json(scenario: Scenario, controller: Summary, baseline: Summary) -> dict[str, Any]:
    return {
        "description": scenario.description,
        "hours": controller.hours,
        "controller": _summary_json(controller),
        "baseline": _summary_json(baseline),
    }


def _summary_json(summary: Summary) -> dict[str, Any]:
    return {
        **asdict(summary),
        "starts_per_hour": summary.starts_per_hour,
        "stops_per_hour": summary.stops_per_hour,
        "writes_per_hour": summary.writes_per_hour,
        "surplus_used": summary.surplus_used,
        "grid_share": summary.grid_share,
        "battery_share": summary.battery_share,
    }
