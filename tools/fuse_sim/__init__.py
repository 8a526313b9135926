"""Scenario runner for the main-fuse guard: `python -m fuse_sim`.

A second-by-second model of a house, its grid meter, the charger and the car replays appliance
loads through FuseGuard and through a naive automation, on a virtual clock.
"""

from .metrics import Summary, summarize
from .runner import PolicyKind, Run, run
from .scenarios import SCENARIOS, Scenario

__all__ = ["SCENARIOS", "PolicyKind", "Run", "Scenario", "Summary", "run", "summarize"]
