"""What the integration tells the recorder: charger samples and counter readings.

Times are timezone-aware datetimes: the recorder compares them with each other and with the month
boundaries of the user's timezone. A value the charger did not report is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def require_aware(at: datetime) -> None:
    """A naive time would compare wrongly (or raise) the first time it meets an aware one."""
    if at.utcoffset() is None:
        raise ValueError(f"times must be timezone-aware, got {at.isoformat()}")


@dataclass(frozen=True, slots=True)
class ChargerSample:
    """The charger's state, every few seconds while Home Assistant runs."""

    at: datetime
    session_id: int | None = None
    plugged: bool | None = None  # a car is connected: IEC state other than A
    charging: bool | None = None  # IEC state C or D
    # The charger's own counter for its session; it starts at 0 with each new session id.
    session_energy_wh: float | None = None
    power_w: float | None = None
    phases: int | None = None  # phase currents above ~1 A

    def __post_init__(self) -> None:
        require_aware(self.at)


@dataclass(frozen=True, slots=True)
class Counters:
    """The charger's lifetime counters, every few minutes."""

    at: datetime
    # One more each time a charger session ends: at unplug, and when the charger reboots with a
    # car plugged (it closes its session then and opens one with a new id).
    total_sessions: int | None = None
    last_session_energy_wh: float | None = None  # of the charger session that ended last
    total_energy_kwh: float | None = None  # lifetime

    def __post_init__(self) -> None:
        require_aware(self.at)
