"""The plan being executed, stored as JSON and read back after a restart."""

from __future__ import annotations

import json
import math

import pytest

from custom_components.lektrico_local.planner import ChargeRequest, PlannerSettings, plan_charging
from custom_components.lektrico_local.planner.plan import plan_from_dict, plan_to_dict

from .clock import DEPARTURE, NIGHT, at, sun


def test_a_plan_round_trips_through_json() -> None:
    """Every slot, status and time comes back equal; the reader keeps executing it unchanged."""
    request = ChargeRequest(20, DEPARTURE, NIGHT, sun(at(26), [3.0, 2.0]))
    settings = PlannerSettings(max_current=16)
    plan = plan_charging(request, settings, at(18))
    again = plan_from_dict(json.loads(json.dumps(plan_to_dict(plan))))
    assert again == plan
    assert plan_charging(request, settings, at(18), again).slots == plan.slots


def test_unknown_prices_stay_unknown() -> None:
    """A plan made without prices (charging at once) has NaN prices: null in JSON, NaN again."""
    plan = plan_charging(ChargeRequest(5, DEPARTURE, ()), PlannerSettings(), at(18))
    data = plan_to_dict(plan)
    assert data["slots"][0]["price"] is None  # type: ignore[index]
    again = plan_from_dict(json.loads(json.dumps(data)))
    assert again is not None
    assert math.isnan(again.slots[0].price)


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        {"status": "planned"},
        {"created_at": "yesterday"},
    ],
)
def test_what_cannot_be_read_is_no_plan(stored: object) -> None:
    """A hand edit or an older layout gives no plan (a new one is made), never an error."""
    assert plan_from_dict(stored) is None


def test_a_slot_without_a_zone_is_refused() -> None:
    """A slot whose times lost their zone would compare wrongly: the plan is dropped."""
    plan = plan_charging(ChargeRequest(5, DEPARTURE, NIGHT), PlannerSettings(), at(18))
    data = plan_to_dict(plan)
    data["slots"][0]["start"] = "2025-03-04T02:00:00"  # type: ignore[index]
    assert plan_from_dict(data) is None
