"""Command to confirmed: set a current in Home Assistant, wait until the entity shows it.

The clock runs from the `number.set_value` call until the number's state equals the value
the integration read back from the charger. Whatever the integration does in between (a
targeted read-back, a full refresh, a debounced refresh) is what is being measured.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from homeassistant.components.number import DOMAIN as NUMBER_DOMAIN
from homeassistant.components.number.const import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event

# Core's refresh after a write is debounced; if it ever lands in the cooldown, the value
# shows only after the cooldown (10 s). Long enough for that, short enough to fail clearly.
CONFIRM_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class CommandSample:
    """One current command on one charger."""

    charger_index: int
    seconds: float
    confirmed: bool


async def set_current_and_wait(
    hass: HomeAssistant, charger_index: int, entity_id: str, amps: int
) -> CommandSample:
    """Set `amps` on the number and time until its state shows it."""
    shown = asyncio.Event()

    @callback
    def _on_state_change(event: Event[EventStateChangedData]) -> None:
        state = event.data["new_state"]
        if state is not None and _shows(state.state, amps):
            shown.set()

    unsubscribe = async_track_state_change_event(hass, [entity_id], _on_state_change)
    started = time.perf_counter()
    try:
        await hass.services.async_call(
            NUMBER_DOMAIN,
            SERVICE_SET_VALUE,
            {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: amps},
            blocking=True,
        )
        await asyncio.wait_for(shown.wait(), CONFIRM_TIMEOUT_S)
    except TimeoutError:
        return CommandSample(charger_index, time.perf_counter() - started, confirmed=False)
    finally:
        unsubscribe()
    return CommandSample(charger_index, time.perf_counter() - started, confirmed=True)


def _shows(state: str, amps: int) -> bool:
    try:
        return float(state) == amps
    except ValueError:  # unknown / unavailable
        return False
