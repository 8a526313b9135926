"""Scenario runner for the smart-charging planner: `python -m planner_sim`.

A year of day-ahead prices (hourly or 15-minute), sunshine and commutes, replayed a quarter hour
at a time through the planner and beside it: charging at plug-in, the cheapest whole hours (as
the EV Smart Charging integration picks them) and the clairvoyant lower bound.
"""

from .metrics import Summary, summarize
from .runner import Policy, ScenarioRun, SessionResult, run, run_named
from .scenarios import SCENARIOS, Scenario

__all__ = [
    "SCENARIOS",
    "Policy",
    "Scenario",
    "ScenarioRun",
    "SessionResult",
    "Summary",
    "run",
    "run_named",
    "summarize",
]
