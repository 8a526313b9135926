"""The electric vehicle plugged into the simulated charger."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EvProfile:
    """How the EV charges: it draws min(offered, max_current) on `phases` phases."""

    max_current: float = 16
    phases: int = 3
    needs_ventilation: bool = False  # charges in state D instead of C
    energy_wanted_wh: float | None = None  # full once the session reaches this; None = no limit

    def __post_init__(self) -> None:
        if not 0 < self.max_current <= 80:
            raise ValueError("max_current must be within 0..80 A")
        if self.phases not in (1, 2, 3):
            raise ValueError("phases must be 1, 2 or 3")
        if self.energy_wanted_wh is not None and self.energy_wanted_wh < 0:
            raise ValueError("energy_wanted_wh must not be negative")
