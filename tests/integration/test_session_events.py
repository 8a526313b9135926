"""The session-event derivation on sequences of states, without Home Assistant."""

from __future__ import annotations

from custom_components.lektrico_local.api import ChargerInfo
from custom_components.lektrico_local.session_events import SessionTracker


def _info(state: str | None, **fields: object) -> ChargerInfo:
    data: dict[str, object] = {
        "session_id": 7,
        "session_energy": 1000.0,
        "charging_time": 60,
        **fields,
    }
    if state is not None:
        data["extended_charger_state"] = state
        data["charger_state"] = state[0]
    return ChargerInfo.from_response(data)


def _run(*states: str | None) -> list[str]:
    tracker = SessionTracker()
    return [event.type.value for state in states for event in tracker.update(_info(state))]


def test_first_state_is_adopted_silently() -> None:
    """The state found at start-up is taken as it is, without firing events."""
    assert _run("C") == []
    assert _run("B_AUTH") == []


def test_headless_session() -> None:
    """A session without authorization fires start, charge, EV pause, resume, finish."""
    assert _run("A", "B", "C", "B", "C", "A") == [
        "session_started",
        "charging_started",
        "paused_by_ev",
        "resumed",
        "charging_finished",
        "session_finished",
    ]


def test_plug_in_straight_to_charging_between_polls() -> None:
    """Going from unplugged to charging between two polls fires both start events."""
    assert _run("A", "C") == ["session_started", "charging_started"]


def test_stop_then_start_again_is_a_new_charge() -> None:
    """Charging stopped and authorized again counts as a new charge in the same session."""
    assert _run("A", "B_AUTH", "C", "B_AUTH", "C") == [
        "session_started",
        "authorization_required",
        "authorized",
        "charging_started",
        "charging_finished",
        "authorization_required",
        "authorized",
        "charging_started",
    ]


def test_charger_pauses() -> None:
    """Pausing, the schedule and a lock fire paused_by_charger; charging again fires resumed."""
    assert _run("C", "B_PAUSE", "C", "B_SCHEDULER", "C", "LOCKED") == [
        "paused_by_charger",
        "resumed",
        "paused_by_charger",
        "resumed",
        "paused_by_charger",
    ]


def test_errors() -> None:
    """Entering an error state fires one error event, however long it lasts."""
    assert _run("C", "F") == ["error"]
    assert _run("B", "E", "E") == ["error"]


def test_unknown_states_are_skipped() -> None:
    """Unknown or missing states are skipped without firing or breaking the session."""
    assert _run("A", None, "X_NEW", "B", None, "A") == ["session_started", "session_finished"]


def test_session_figures_come_from_before_the_unplug() -> None:
    """session_finished carries the energy and time read before the unplug reset them."""
    tracker = SessionTracker()
    tracker.update(_info("C", session_energy=5000.0, charging_time=600))
    events = tracker.update(_info("A", session_energy=0.0, charging_time=0))
    assert [e.type.value for e in events] == ["charging_finished", "session_finished"]
    assert events[-1].session_energy == 5000.0
    assert events[-1].charging_time == 600


def test_new_session_id_while_plugged_in_closes_and_opens() -> None:
    """A reboot mid-session: the car never left, but the charger counts a new session."""
    tracker = SessionTracker()
    tracker.update(_info("C", session_id=7, session_energy=4000.0))
    events = tracker.update(_info("C", session_id=8, session_energy=0.0))
    assert [e.type.value for e in events] == [
        "charging_finished",
        "session_finished",
        "session_started",
        "charging_started",
    ]
    assert events[1].session_id == 7
    assert events[1].session_energy == 4000.0
    assert events[2].session_id == 8
