"""Main-fuse guard: a pure control law that keeps the charger from tripping the house's fuse.

No Home Assistant imports: the integration feeds grid-meter readings and charger polls in as they
arrive, and sends apply_cap(what the mode wants, the guard's cap). `python -m fuse_sim` replays
scenarios through it.
"""

from .cap import apply_cap
from .charger import ChargerDraw
from .decision import GuardDecision, GuardState
from .guard import FuseGuard
from .settings import HIGHEST_CHARGING_CURRENT, LOWEST_CHARGING_CURRENT, FuseSettings

__all__ = [
    "HIGHEST_CHARGING_CURRENT",
    "LOWEST_CHARGING_CURRENT",
    "ChargerDraw",
    "FuseGuard",
    "FuseSettings",
    "GuardDecision",
    "GuardState",
    "apply_cap",
]
