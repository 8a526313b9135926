"""Energy management: an external device steers the charger with EM_current.Set.

That device may be a client (the document offers the EM current as a lever) or a Lektrico
energy meter paired with the charger. A paired meter sends its own EM current every few
seconds, so whatever a client writes lasts only until the meter's next message.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .limits import CurrentLimit, LimitReason
from .values import require_current

METER_MODEL = "m2w"  # the device_id prefix of Lektrico energy meters
DEFAULT_METER_SERIAL = 700001
DEFAULT_METER_PERIOD = 5.0  # seconds between a paired meter's EM current messages


def meter_device_id(serial: int) -> str:
    return f"{METER_MODEL}_{serial}"


@dataclass
class PairedMeter:
    """A Lektrico energy meter driving the charger's EM current."""

    current: int
    period: timedelta  # how often it sends its EM current
    serial: int
    next_send: datetime
    # What the charger's configuration held before pairing, restored on unpairing.
    config_before: dict[str, object]

    def __post_init__(self) -> None:
        require_current(self.current, "meter current")
        if self.period <= timedelta():
            raise ValueError("period must be positive")

    @property
    def device_id(self) -> str:
        return meter_device_id(self.serial)


@dataclass
class EnergyManagement:
    """The last EM current and whether the EM device still talks to the charger."""

    timeout_seconds: float = 60.0
    fallback_current: int = 6  # obeyed while the EM device is offline
    current: int = 32
    last_set: datetime | None = None  # None: no EM device has spoken since boot
    meter: PairedMeter | None = None

    def __post_init__(self) -> None:
        if self.timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")
        if not 0 <= self.fallback_current <= 32:
            raise ValueError("fallback_current must be within 0..32 A")

    def set_current(self, amps: int, now: datetime) -> None:
        require_current(amps, "EM_current")
        self.current = amps
        self.last_set = now

    def meter_sends(self, now: datetime) -> None:
        """The paired meter's current, sent at once; its next message follows one period later."""
        if self.meter is None:
            return
        self.set_current(self.meter.current, now)
        self.meter.next_send = now + self.meter.period

    def meter_sends_if_due(self, now: datetime) -> None:
        if self.meter is not None and self.meter.next_send <= now:
            self.meter_sends(now)

    def is_offline(self, now: datetime) -> bool:
        if self.last_set is None:
            return True
        return now - self.last_set >= timedelta(seconds=self.timeout_seconds)

    def limit(self, now: datetime) -> CurrentLimit:
        if self.is_offline(now):
            return CurrentLimit(self.fallback_current, LimitReason.EM_OFFLINE)
        return CurrentLimit(self.current, LimitReason.EM)
