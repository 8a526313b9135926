"""Constants of the Lektrico Local integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

DOMAIN: Final = "lektrico_local"
LOGGER = logging.getLogger(__package__)
MANUFACTURER: Final = "Lektrico"

# The charger answers in tens to hundreds of ms; 10 s means it is gone, not slow.
REQUEST_TIMEOUT: Final = 10.0

CONF_SCAN_INTERVAL: Final = "scan_interval"
DEFAULT_SCAN_INTERVAL: Final = 10  # s; what the core integration polls at
MIN_SCAN_INTERVAL: Final = 5
MAX_SCAN_INTERVAL: Final = 120

# Settings, counters and wifi change rarely and are re-read at once after our own writes.
SLOW_UPDATE_INTERVAL: Final = timedelta(minutes=5)

# Fired on the event bus for every charging-session event (see event.py).
EVENT_SESSION: Final = f"{DOMAIN}_session_event"
