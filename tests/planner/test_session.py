"""The "stop after X kWh" limit, and the energy to a state of charge."""

from __future__ import annotations

import pytest

from custom_components.lektrico_local.planner import SessionCap, energy_to_soc, session_cap


@pytest.mark.parametrize(
    ("session", "limit", "expected"),
    [
        (0.0, 20.0, SessionCap(20.0, False, None)),
        (12.5, 20.0, SessionCap(7.5, False, None)),
        (20.0, 20.0, SessionCap(0.0, True, 0)),
        (23.0, 20.0, SessionCap(0.0, True, 0)),
        (19.9995, 20.0, SessionCap(0.0, True, 0)),  # a counter's rounding
        (None, 20.0, SessionCap(20.0, False, None)),  # not reported yet: nothing delivered
        (-3.0, 20.0, SessionCap(20.0, False, None)),
        (float("nan"), 20.0, SessionCap(20.0, False, None)),
        (5.0, None, SessionCap(None, False, None)),  # no limit
        (5.0, 0.0, SessionCap(None, False, None)),
        (5.0, float("inf"), SessionCap(None, False, None)),
        (5.0, True, SessionCap(None, False, None)),
    ],
)
def test_the_cap_a_session_limit_asks_for(
    session: float | None, limit: float | None, expected: SessionCap
) -> None:
    assert session_cap(session, limit) == expected


def test_energy_to_a_state_of_charge() -> None:
    assert energy_to_soc(35.0, 80.0, 60.0) == pytest.approx(27.0)
    assert energy_to_soc(85.0, 80.0, 60.0) == 0.0


@pytest.mark.parametrize(
    ("soc", "target", "capacity"),
    [(-1, 80, 60), (50, 101, 60), (50, 80, 0), (None, 80, 60), (50, 80, float("nan"))],
)
def test_energy_to_soc_refuses_nonsense(soc: object, target: object, capacity: object) -> None:
    with pytest.raises(ValueError, match="must"):
        energy_to_soc(soc, target, capacity)  # type: ignore[arg-type]
