"""What the controller tells its caller after each cycle."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ControllerState(StrEnum):
    """What the controller is doing, as shown to the user."""

    OFF = "off"
    FAST = "fast"
    NO_VEHICLE = "no_vehicle"
    WAITING_FOR_SURPLUS = "waiting_for_surplus"
    STARTING = "starting"  # surplus is there; seconds_left until the start
    CHARGING_ON_SURPLUS = "charging_on_surplus"
    HOLDING_MINIMUM = "holding_minimum"  # Min + Solar below the minimum
    STOPPING = "stopping"  # Solar below the minimum; seconds_left until the pause
    SENSOR_STALE = "sensor_stale"  # no fresh grid power; seconds_left until the next step down
    SWITCHING_PHASES = "switching_phases"  # paused so the relays can switch
    # Never decided by the law: its caller says so while the charger does not answer, rather
    # than deciding on stale data.
    CHARGER_UNREACHABLE = "charger_unreachable"
    # Decided by smart charging over the law: a slot of the plan, or the session limit reached.
    CHARGING_ON_PLAN = "charging_on_plan"
    SESSION_LIMIT_REACHED = "session_limit_reached"


@dataclass(frozen=True, slots=True)
class Decision:
    """One cycle's outcome.

    setpoint is the current the charger should hold: 0 (pause) or min_current..max_current.
    write says whether to send it now. phases is what the setpoint is meant for; it only ever
    changes together with a write that ends a pause of at least phase_switch_pause.
    """

    setpoint: int
    write: bool
    state: ControllerState
    seconds_left: int | None = None
    surplus_power: float | None = None  # W the car could take (already counted what it draws)
    target_current: int | None = None  # whole amps that surplus pays for, 0..max_current
    phases: int = 3
