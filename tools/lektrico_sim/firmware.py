"""Firmware version and the over-the-air update triggered by Ota.Verify."""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class Firmware:
    """The running version, an update the (simulated) cloud offers, and an OTA in progress."""

    version: str = "1.51"
    update_available: str | None = None
    ota_seconds: float = 30.0
    ota_ends_at: datetime | None = None
    fw_id_format: str = "LKFW-{version}"  # the firmware profile's; follows an OTA update

    @property
    def fw_id(self) -> str:
        return self.fw_id_format.format(version=self.version)

    def updating(self, now: datetime) -> bool:
        return self.ota_ends_at is not None and now < self.ota_ends_at

    def start_update(self, now: datetime) -> None:
        """Ota.Verify: download and flash if a newer version is offered."""
        if self.update_available is None or self.ota_ends_at is not None:
            return
        self.ota_ends_at = now + timedelta(seconds=self.ota_seconds)

    def finish_update_if_due(self, now: datetime) -> bool:
        """Switch to the new version once flashing is over; True means the device reboots."""
        if self.ota_ends_at is None or now < self.ota_ends_at or self.update_available is None:
            return False
        self.version = self.update_available
        self.update_available = None
        self.ota_ends_at = None
        return True
