"""Charging-session events (EVerest vocabulary), derived from state changes between polls."""

from __future__ import annotations

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import LektricoConfigEntry, LektricoLiveCoordinator
from .entity import LektricoEntity
from .session_events import SessionEventType

PARALLEL_UPDATES = 0

SESSION_EVENT = EventEntityDescription(
    key="session",
    translation_key="session",
    event_types=[event.value for event in SessionEventType],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the session event entity."""
    async_add_entities([LektricoSessionEvent(entry, entry.runtime_data.live, SESSION_EVENT)])


class LektricoSessionEvent(LektricoEntity[LektricoLiveCoordinator], EventEntity):
    """Fires each session event the live coordinator derived from its latest update."""

    @callback
    def _handle_coordinator_update(self) -> None:
        for event in self.coordinator.data.events:
            self._trigger_event(event.type.value, event.as_dict())
        super()._handle_coordinator_update()
