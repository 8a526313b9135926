"""A charging session and the lifetime counters (Counters_config.Get, section 4)."""

from dataclasses import dataclass, fields

from .json_types import JsonObject, JsonValue


@dataclass
class Session:
    """From plug-in to unplug. Values stay readable after unplug until the next plug-in."""

    session_id: int = 0
    plugged: bool = False
    authorized: bool = False
    paused: bool = False  # Charge.Pause until Charge.Resume
    schedule_override: bool = False
    energy_wh: float = 0.0
    charging_seconds: float = 0.0
    tag: str | None = None


@dataclass
class Counters:
    """Lifetime counters; kept in fine units, reported in the document's units."""

    total_charged_seconds: float = 0.0
    total_charged_sessions: int = 0
    total_energy_wh: float = 0.0
    reset_counter: int = 0
    last_session_energy_wh: float = 0.0

    @classmethod
    def from_saved(cls, saved: JsonValue) -> "Counters":
        """Counters from a state file; anything missing or not a number starts at 0."""
        counters = cls()
        if not isinstance(saved, dict):
            return counters
        for field in fields(cls):
            value = saved.get(field.name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                setattr(counters, field.name, type(getattr(counters, field.name))(value))
        return counters

    def add_charging(self, energy_wh: float, seconds: float) -> None:
        self.total_energy_wh += energy_wh
        self.total_charged_seconds += seconds

    def as_rpc(self) -> JsonObject:
        return {
            "total_charged_time": int(self.total_charged_seconds // 60),
            "total_charged_sessions": self.total_charged_sessions,
            "total_charged_energy": int(self.total_energy_wh // 1000),
            "reset_counter": self.reset_counter,
            "last_session_energy": round(self.last_session_energy_wh),
        }
