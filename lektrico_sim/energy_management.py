"""Energy management: an external meter steers the charger with EM_current.Set."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .limits import CurrentLimit, LimitReason
from .values import require_current


@dataclass
class EnergyManagement:
    """The last EM current and whether the EM device still talks to the charger."""

    timeout_seconds: float = 60.0
    fallback_current: int = 6  # obeyed while the EM device is offline
    current: int = 32
    last_set: datetime | None = None  # None: no EM device has spoken since boot

    def __post_init__(self) -> None:
        if self.timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        if not 0 <= self.fallback_current <= 32:
            raise ValueError("fallback_current must be within 0..32 A")

    def set_current(self, amps: int, now: datetime) -> None:
        require_current(amps, "EM_current")
        self.current = amps
        self.last_set = now

    def is_offline(self, now: datetime) -> bool:
        if self.last_set is None:
            return True
        return now - self.last_set >= timedelta(seconds=self.timeout_seconds)

    def limit(self, now: datetime) -> CurrentLimit:
        if self.is_offline(now):
            return CurrentLimit(self.fallback_current, LimitReason.EM_OFFLINE)
        return CurrentLimit(self.current, LimitReason.EM)
