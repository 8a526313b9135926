"""Charging-session events in EVerest's vocabulary, derived from successive charger states.

The charger has no event stream: we see its state once per poll. Comparing
two successive states tells what happened in between. Pure logic, no Home
Assistant, so it can be tested on sequences of states alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .api import ChargerInfo, ChargerState


class SessionEventType(StrEnum):
    """EVerest `SessionEventEnum` names, in snake case."""

    SESSION_STARTED = "session_started"
    AUTHORIZATION_REQUIRED = "authorization_required"
    AUTHORIZED = "authorized"
    CHARGING_STARTED = "charging_started"
    PAUSED_BY_EV = "paused_by_ev"
    PAUSED_BY_CHARGER = "paused_by_charger"
    RESUMED = "resumed"
    CHARGING_FINISHED = "charging_finished"
    SESSION_FINISHED = "session_finished"
    ERROR = "error"


CHARGING_STATES = frozenset({ChargerState.CHARGING, ChargerState.CHARGING_WITH_VENTILATION})
CHARGER_PAUSE_STATES = frozenset(
    {ChargerState.PAUSED, ChargerState.PAUSED_BY_SCHEDULE, ChargerState.LOCKED}
)
ERROR_STATES = frozenset({ChargerState.ERROR, ChargerState.FAULT})


@dataclass(frozen=True, slots=True)
class SessionEvent:
    """One event, with the session's figures at the moment it happened."""

    type: SessionEventType
    session_id: int | None
    session_energy: float | None  # Wh
    charging_time: int | None  # s
    reason: str | None = None

    def as_dict(self) -> dict[str, str | int | float | None]:
        """Event data for the event entity and the event bus."""
        return {
            "session_id": self.session_id,
            "session_energy": self.session_energy,
            "charging_time": self.charging_time,
            "reason": self.reason,
        }


def _new_session(before: ChargerInfo, now: ChargerInfo) -> bool:
    """A different session id with the car connected in both states."""
    if before.session_id is None or now.session_id is None or before.session_id == now.session_id:
        return False
    return ChargerState.DISCONNECTED not in (before.state, now.state)


@dataclass
class SessionTracker:
    """Remembers the last state and whether this session's charging has begun and ended."""

    previous: ChargerInfo | None = None
    charging_began: bool = False
    charging_ended: bool = False
    _events: list[SessionEvent] = field(default_factory=list)

    def update(self, info: ChargerInfo) -> list[SessionEvent]:
        """The events between the previous state and this one (none on the first call)."""
        if info.state is None:
            return []  # an unknown state tells nothing; wait for a known one
        before = self.previous
        self.previous = info
        if before is None or before.state is None:
            self.charging_began = info.state in CHARGING_STATES
            return []
        self._events = []
        if _new_session(before, info):
            # The charger rebooted or restarted the session while the car stayed plugged in:
            # close the old session and open the new one, as an unplug and plug would.
            self._compare(before, before.state, before, ChargerState.DISCONNECTED)
            self._compare(before, ChargerState.DISCONNECTED, info, info.state)
        else:
            self._compare(before, before.state, info, info.state)
        return self._events

    def _emit(self, kind: SessionEventType, info: ChargerInfo, reason: str | None = None) -> None:
        self._events.append(
            SessionEvent(kind, info.session_id, info.session_energy, info.charging_time, reason)
        )

    def _compare(
        self, before: ChargerInfo, old: ChargerState, now: ChargerInfo, new: ChargerState
    ) -> None:
        if old == new:
            return
        if old is ChargerState.DISCONNECTED:
            self.charging_began = self.charging_ended = False
            self._emit(SessionEventType.SESSION_STARTED, now)
        if new is ChargerState.DISCONNECTED:
            self._finish_charging(before)
            self._emit(SessionEventType.SESSION_FINISHED, before)
            return
        if old is ChargerState.AWAITING_AUTHORIZATION:
            self._emit(SessionEventType.AUTHORIZED, now)
        if new is ChargerState.AWAITING_AUTHORIZATION:
            self._finish_charging(now)
            self._emit(SessionEventType.AUTHORIZATION_REQUIRED, now)
        elif new in CHARGING_STATES and old not in CHARGING_STATES:
            self._begin_charging(now)
        elif old in CHARGING_STATES and new is ChargerState.CONNECTED:
            self._emit(SessionEventType.PAUSED_BY_EV, now)
        elif old in CHARGING_STATES and new in CHARGER_PAUSE_STATES:
            self._emit(SessionEventType.PAUSED_BY_CHARGER, now, new.value)
        if new in ERROR_STATES and old not in ERROR_STATES:
            self._emit(SessionEventType.ERROR, now, new.value)

    def _begin_charging(self, info: ChargerInfo) -> None:
        if self.charging_began and not self.charging_ended:
            self._emit(SessionEventType.RESUMED, info)
            return
        self.charging_began, self.charging_ended = True, False
        self._emit(SessionEventType.CHARGING_STARTED, info)

    def _finish_charging(self, info: ChargerInfo) -> None:
        if self.charging_began and not self.charging_ended:
            self.charging_ended = True
            self._emit(SessionEventType.CHARGING_FINISHED, info)
