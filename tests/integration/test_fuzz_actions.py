"""Arbitrary data into every action: a translated validation error and nothing sent, or a valid
command sent once. Runs in Home Assistant against the simulator."""

from __future__ import annotations

from typing import Any

import pytest
import voluptuous as vol
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.lektrico_local.const import DOMAIN
from lektrico_sim import SimulatorServer

from .conftest import SERIAL

# Service calls go through Home Assistant and a socket: fewer examples than the pure parsers.
FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-100, max_value=100)
    | st.floats(min_value=-50, max_value=50)
    | st.text(max_size=70)
    | st.sampled_from(["", "16", "6.0", "monday", "sunday", "22:00", "24:00", "06:60", "x" * 8])
)
INTERVAL = st.fixed_dictionaries(
    {},
    optional={
        "start_day": SCALARS | st.integers(min_value=0, max_value=8),
        "start_time": SCALARS,
        "end_day": SCALARS | st.integers(min_value=0, max_value=8),
        "end_time": SCALARS,
        "current": SCALARS | st.sampled_from([0, 5, 6, 32, 33]),
    },
)


@pytest.fixture
def firmware() -> str:
    """Validation happens before anything is sent, whatever the firmware: one is enough."""
    return "document"


@pytest.fixture
def device_id(hass: HomeAssistant, init_integration: MockConfigEntry) -> str:
    """The device registry id of the set-up charger, as actions take it."""
    device = dr.async_get(hass).async_get_device(identifiers={(DOMAIN, SERIAL)})
    assert device is not None
    return device.id


async def _call(
    hass: HomeAssistant, server: SimulatorServer, action: str, data: dict[str, Any]
) -> bool:
    """Call an action; True when it went through. Only validation errors may come out, and then
    nothing may have reached the charger."""
    server.reset_counts()
    try:
        await hass.services.async_call(DOMAIN, action, data, blocking=True)
    except (ServiceValidationError, vol.Invalid):
        assert server.total_requests == 0, f"{action} sent {server.request_counts} for {data}"
        return False
    return True


def _em_current_is_valid(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        try:
            value = float(value) if "." in value else int(value)
        except ValueError:
            return False
    if not isinstance(value, int | float) or value != int(value):
        return False
    return value == 0 or 6 <= value <= 32


@FUZZ
@given(current=SCALARS)
async def test_set_em_current(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer, current: Any
) -> None:
    """set_em_current goes through exactly for valid currents, in one request."""
    went_through = await _call(
        hass, sim_server, "set_em_current", {"device_id": device_id, "current": current}
    )
    assert went_through == _em_current_is_valid(current)
    if went_through:
        assert sim_server.request_counts["em_current.set"] == 1


@FUZZ
@given(intervals=st.lists(INTERVAL, max_size=3), enabled=st.none() | st.booleans())
async def test_set_charging_schedule(
    hass: HomeAssistant,
    device_id: str,
    sim_server: SimulatorServer,
    intervals: list[dict[str, Any]],
    enabled: bool | None,
) -> None:
    """A schedule our checks let through is accepted by the charger as well."""
    data: dict[str, Any] = {"device_id": device_id, "intervals": intervals}
    if enabled is not None:
        data["enabled"] = enabled
    if await _call(hass, sim_server, "set_charging_schedule", data):
        # The charger accepted it too: our checks are no looser than the charger's.
        assert sim_server.request_counts["charging_schedule.set"] == 1


@FUZZ
@given(password=SCALARS)
async def test_set_ap_password(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer, password: Any
) -> None:
    """set_ap_password goes through only for an empty or 8-to-63-character password."""
    went_through = await _call(
        hass, sim_server, "set_ap_password", {"device_id": device_id, "password": password}
    )
    valid = isinstance(password, str) and (len(password) == 0 or 8 <= len(password) <= 63)
    assert went_through == valid


@FUZZ
@given(confirm=SCALARS)
async def test_factory_reset(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer, confirm: Any
) -> None:
    """factory_reset goes through only when confirm is exactly True."""
    went_through = await _call(
        hass, sim_server, "factory_reset", {"device_id": device_id, "confirm": confirm}
    )
    assert went_through == (confirm is True)


@FUZZ
@given(tag=SCALARS)
async def test_start_charging(
    hass: HomeAssistant, device_id: str, sim_server: SimulatorServer, tag: Any
) -> None:
    """start_charging with any tag sends at most one start request."""
    went_through = await _call(
        hass, sim_server, "start_charging", {"device_id": device_id, "tag": tag}
    )
    if went_through:
        assert sim_server.request_counts["charge.start"] == 1
