"""Time: Ready by, the next departure smart charging plans for."""

from __future__ import annotations

from datetime import time

from homeassistant.components.time import TimeEntity, TimeEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .coordinator import LektricoConfigEntry
from .entity import LektricoSmartEntity

PARALLEL_UPDATES = 1

READY_BY = TimeEntityDescription(key="ready_by", translation_key="ready_by")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Ready by, when smart charging is set up."""
    solar = entry.runtime_data.solar
    if solar and solar.smart.configured:
        async_add_entities([LektricoReadyByTime(entry, solar.coordinator, READY_BY)])


class LektricoReadyByTime(LektricoSmartEntity, TimeEntity):
    """The next departure: the week's, or a one-off time set here (or by set_plan)."""

    @property
    def native_value(self) -> time | None:
        """The clock time of the next departure; unknown when there is none."""
        departure = self.smart.departure(dt_util.utcnow())
        return None if departure is None else dt_util.as_local(departure.at).time()

    async def async_set_value(self, value: time) -> None:
        """The car leaves next at `value` (today, or tomorrow if that has passed)."""
        await self.smart.async_update_targets(
            ready_by=self.smart.ready_by_at(value, dt_util.utcnow())
        )
        await self.coordinator.async_refresh()
