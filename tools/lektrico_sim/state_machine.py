"""The charger's state: IEC 61851 letter plus the firmware's extended state."""

from dataclasses import dataclass
from enum import StrEnum

from .limits import CurrentLimit, LimitReason


class ExtendedState(StrEnum):
    """extended_charger_state values seen on real units."""

    A = "A"  # no EV
    B = "B"  # EV connected, not charging (stopped, or EV full)
    B_AUTH = "B_AUTH"  # waiting for Charge.Start
    B_PAUSE = "B_PAUSE"  # Charge.Pause, or EM / dynamic current 0
    B_SCHEDULER = "B_SCHEDULER"  # outside the charging schedule
    C = "C"  # charging
    D = "D"  # charging, ventilation needed
    E = "E"
    F = "F"
    OTA = "OTA"
    LOCKED = "LOCKED"

    @property
    def charging(self) -> bool:
        return self in (ExtendedState.C, ExtendedState.D)


@dataclass(frozen=True)
class StateInputs:
    """Everything the state depends on at one instant."""

    plugged: bool
    updating: bool
    error_state: str | None  # "E" or "F" while an error is active
    locked: bool
    authorized: bool
    headless: bool
    user_paused: bool
    limit: CurrentLimit
    ev_wants_energy: bool
    ev_needs_ventilation: bool


def decide_state(inputs: StateInputs) -> ExtendedState:
    """The extended state; earlier rules win (an error beats a lock beats a pause ...)."""
    if inputs.updating:
        return ExtendedState.OTA
    if inputs.error_state is not None:
        return ExtendedState(inputs.error_state)
    if inputs.locked:
        return ExtendedState.LOCKED
    if not inputs.plugged:
        return ExtendedState.A
    return _connected_state(inputs)


def _connected_state(inputs: StateInputs) -> ExtendedState:
    if not inputs.authorized:
        # A headless unit stopped with Charge.Stop waits in plain B, not for authorization.
        return ExtendedState.B if inputs.headless else ExtendedState.B_AUTH
    if inputs.user_paused:
        return ExtendedState.B_PAUSE
    if inputs.limit.pauses:
        if inputs.limit.reason == LimitReason.SCHEDULE:
            return ExtendedState.B_SCHEDULER
        return ExtendedState.B_PAUSE
    if not inputs.ev_wants_energy:
        return ExtendedState.B
    return ExtendedState.D if inputs.ev_needs_ventilation else ExtendedState.C


def iec_letter(state: ExtendedState, plugged: bool) -> str:
    """charger_state: the IEC 61851 letter behind an extended state."""
    if state in (ExtendedState.OTA, ExtendedState.LOCKED):
        return "B" if plugged else "A"
    return state.value[0]
