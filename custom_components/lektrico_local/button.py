"""Buttons: start, stop, pause, resume, charge now, restart, firmware check, error log reset."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.button import ButtonDeviceClass, ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import LektricoClient
from .coordinator import (
    LektricoConfigEntry,
    LektricoCoordinator,
    LektricoRuntimeData,
    LiveData,
    ReadBack,
)
from .entity import LektricoDescriptionMixin, LektricoEntity, build_entities
from .helpers import lektrico_command

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class LektricoButtonDescription(ButtonEntityDescription, LektricoDescriptionMixin[LiveData]):
    """A button: the command it sends and what the command changes."""

    # A button shows no data: the live poll only tells whether the charger is there to press.
    coordinator_fn: Callable[[LektricoRuntimeData], LektricoCoordinator[LiveData] | None] = (
        lambda runtime: runtime.live
    )
    press_fn: Callable[[LektricoClient], Awaitable[None]]
    read_back: tuple[ReadBack, ...] = (ReadBack.LIVE,)


BUTTONS: list[LektricoButtonDescription] = [
    LektricoButtonDescription(
        key="start_charging",
        translation_key="start_charging",
        press_fn=lambda c: c.start_charging(),
    ),
    LektricoButtonDescription(
        key="stop_charging", translation_key="stop_charging", press_fn=lambda c: c.stop_charging()
    ),
    LektricoButtonDescription(
        key="pause_charging",
        translation_key="pause_charging",
        press_fn=lambda c: c.pause_charging(),
    ),
    LektricoButtonDescription(
        key="resume_charging",
        translation_key="resume_charging",
        press_fn=lambda c: c.resume_charging(),
    ),
    LektricoButtonDescription(
        key="override_schedule",
        translation_key="override_schedule",
        press_fn=lambda c: c.override_charging_schedule(),
    ),
    # Maintenance, rarely pressed: these three come with Detailed diagnostics (Peblar, too,
    # leaves its reboot button off by default).
    LektricoButtonDescription(
        key="restart",
        device_class=ButtonDeviceClass.RESTART,
        entity_category=EntityCategory.CONFIG,
        detail=True,
        press_fn=lambda c: c.reboot(),
        read_back=(),
    ),
    LektricoButtonDescription(
        key="check_for_update",
        translation_key="check_for_update",
        entity_category=EntityCategory.CONFIG,
        detail=True,
        press_fn=lambda c: c.check_for_update(),
    ),
    LektricoButtonDescription(
        key="reset_logged_errors",
        translation_key="reset_logged_errors",
        entity_category=EntityCategory.CONFIG,
        detail=True,
        press_fn=lambda c: c.reset_logged_errors(),
        read_back=(ReadBack.LOGGED_ERRORS,),
    ),
]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the buttons."""
    async_add_entities(build_entities(entry, BUTTONS, LektricoButton))


class LektricoButton(LektricoEntity[DataUpdateCoordinator[Any]], ButtonEntity):
    """A button of the charger."""

    entity_description: LektricoButtonDescription

    @lektrico_command
    async def async_press(self) -> None:
        """Send the command, and confirm it by reading back what it changed."""
        await self.entity_description.press_fn(self.runtime.client)
        await self.runtime.async_read_back(*self.entity_description.read_back)
