"""Scenario runner for the solar-charging control law: `python -m solar_sim`.

A second-by-second model of the sun, the house, the car and an optional home battery replays
grid traces through SolarController and through a naive automation, on a virtual clock.
"""

from .metrics import Summary, summarize
from .runner import PolicyKind, Run, run
from .scenarios import SCENARIOS, Scenario

__all__ = ["SCENARIOS", "PolicyKind", "Run", "Scenario", "Summary", "run", "summarize"]
