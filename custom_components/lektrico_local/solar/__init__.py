"""Solar-surplus charging: a pure control law for the charger's charging current.

No Home Assistant imports: the integration feeds sensor readings in, calls step() each cycle
and sends the setpoint. `python -m solar_sim` replays scenarios through it.
"""

from .controller import SolarController
from .decision import ControllerState, Decision
from .observation import ChargerObservation
from .settings import (
    HIGHEST_CHARGING_CURRENT,
    LOWEST_CHARGING_CURRENT,
    ChargeMode,
    SolarSettings,
)

__all__ = [
    "HIGHEST_CHARGING_CURRENT",
    "LOWEST_CHARGING_CURRENT",
    "ChargeMode",
    "ChargerObservation",
    "ControllerState",
    "Decision",
    "SolarController",
    "SolarSettings",
]
