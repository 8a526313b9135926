"""Energy targets for cars that do not tell their state of charge, and for those that do."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeIs

from .plan import ENERGY_EPSILON


@dataclass(frozen=True, slots=True)
class SessionCap:
    """What a "stop after X kWh" limit asks for now.

    remaining_kwh is the energy still allowed (the need to plan with); None when there is no
    limit. stop says the limit is reached: hold the charger at max_current, which is 0 then and
    None (no cap) otherwise.
    """

    remaining_kwh: float | None
    stop: bool
    max_current: int | None


NO_CAP = SessionCap(remaining_kwh=None, stop=False, max_current=None)


def session_cap(session_kwh: float | None, limit_kwh: float | None) -> SessionCap:
    """The cap for a session that has delivered session_kwh, with a limit of limit_kwh.

    No limit (None, 0 or less, or not a number) caps nothing. A session energy the charger did
    not report (None, negative, not a number) counts as nothing delivered yet: the limit then
    still bounds what the planner buys, and the charger's counter catches up at its next poll.
    """
    if not _is_amount(limit_kwh) or limit_kwh <= 0:
        return NO_CAP
    delivered = session_kwh if _is_amount(session_kwh) and session_kwh > 0 else 0.0
    remaining = max(0.0, limit_kwh - delivered)
    if remaining <= ENERGY_EPSILON:
        return SessionCap(remaining_kwh=0.0, stop=True, max_current=0)
    return SessionCap(remaining_kwh=remaining, stop=False, max_current=None)


def energy_to_soc(soc: float, target_soc: float, capacity_kwh: float) -> float:
    """kWh from soc % to target_soc % of a battery of capacity_kwh; 0 when already there.

    Losses are left out on purpose: the need is counted at the car's side, where the charger's
    own session counter measures it.
    """
    for name, value in (("soc", soc), ("target_soc", target_soc)):
        if not _is_amount(value) or not 0 <= value <= 100:
            raise ValueError(f"{name} must be 0..100 %, got {value!r}")
    if not _is_amount(capacity_kwh) or capacity_kwh <= 0:
        raise ValueError(f"capacity_kwh must be above 0, got {capacity_kwh!r}")
    return max(0.0, (target_soc - soc) / 100 * capacity_kwh)


def _is_amount(value: object) -> TypeIs[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
