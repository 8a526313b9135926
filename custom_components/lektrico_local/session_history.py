"""Session history inside Home Assistant: the charger's polls and the sensors in, records out.

The recorder in `history/` is pure. This feeds it every live poll, the lifetime counters, the grid
power of the solar page, the price sensor of the smart page, the charge mode and the tag of
start_charging; it stores the recorder (finished records and the session in progress) with Home
Assistant's storage helper, and publishes this month's totals for the sensors.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.storage import Store
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from .const import (
    CONF_EXPORT_SENSOR,
    CONF_FIXED_PRICE,
    CONF_GRID_INVERTED,
    CONF_GRID_SENSOR,
    CONF_PRICE_SENSOR,
    DOMAIN,
    LOGGER,
)
from .coordinator import LektricoConfigEntry
from .history import (
    ChargerSample,
    Counters,
    HistorySettings,
    MonthTotals,
    SessionRecord,
    SessionRecorder,
    write_csv,
)
from .solar_charging import DRAWING_AMPS, number, watts


@dataclass(frozen=True, slots=True)
class HistoryData:
    """What the history's sensors show: this month's totals and the last finished session."""

    month: MonthTotals
    last: SessionRecord | None


STORAGE_VERSION = 1
# A finished session is written at once; the session in progress at most this often (and when
# Home Assistant stops), so that a crash loses a minute of it at most.
SAVE_DELAY = 60
MANUAL = "manual"  # the charge mode noted while no mode select exists


def history_settings(options: Mapping[str, Any]) -> HistorySettings:
    """The recorder's settings from the options: which sensors it gets, the fixed price."""
    fixed = options.get(CONF_FIXED_PRICE)
    return HistorySettings(
        grid_sensor=bool(options.get(CONF_GRID_SENSOR)),
        price_sensor=bool(options.get(CONF_PRICE_SENSOR)),
        fixed_price=None if fixed is None else float(fixed),
    )


class SessionHistory:
    """Keeps the recorder fed and stored; its coordinator carries this month's totals."""

    def __init__(self, hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
        self.hass = hass
        self.entry = entry
        self.options = entry.options
        self.store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry.entry_id}.sessions"
        )
        self.recorder = SessionRecorder(history_settings(entry.options))
        self._save_pending = False
        self.coordinator: DataUpdateCoordinator[HistoryData] = DataUpdateCoordinator(
            hass, LOGGER, config_entry=entry, name=f"{entry.title} session history"
        )

    async def async_load(self) -> None:
        """Take up the records and the session in progress from before the restart."""
        stored = await self.store.async_load()
        self.recorder = SessionRecorder.from_dict(stored, history_settings(self.options))
        self._publish()

    @callback
    def async_start(self) -> None:
        """Hear every poll and the sensors; store on the way out."""
        runtime = self.entry.runtime_data
        self.entry.async_on_unload(runtime.live.async_add_listener(self._on_live))
        self.entry.async_on_unload(runtime.statistics.async_add_listener(self._on_counters))
        sensors = [
            self.options.get(key)
            for key in (CONF_GRID_SENSOR, CONF_EXPORT_SENSOR, CONF_PRICE_SENSOR)
        ]
        tracked = [entity_id for entity_id in sensors if entity_id]
        if tracked:
            self.entry.async_on_unload(
                async_track_state_change_event(self.hass, tracked, self._on_sensor)
            )
        self._on_sensor(None)
        self._on_counters()

    async def async_stop(self) -> None:
        """The entry unloads: what the recorder holds is written now."""
        await self.store.async_save(self.recorder.to_dict())

    def set_tag(self, tag: str | None) -> None:
        """start_charging's tag, for the session in progress or the next one."""
        self.recorder.set_tag(tag)
        self._save(finished=True)

    def export(self, records: list[SessionRecord], path: Path) -> None:
        """Write records as CSV (in the executor: it is file I/O)."""
        buffer = io.StringIO()
        write_csv(records, buffer, dt_util.get_default_time_zone())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(buffer.getvalue(), encoding="utf-8")

    @callback
    def _on_live(self) -> None:
        runtime = self.entry.runtime_data
        live = runtime.live
        solar = runtime.solar
        self.recorder.set_charge_mode(solar.mode.value if solar else MANUAL)
        if not live.last_update_success or live.data is None:
            return  # an outage: the recorder sees the gap when samples come back
        info = live.data.info
        drawing = [amps for amps in info.currents if amps is not None and amps >= DRAWING_AMPS]
        sample = ChargerSample(
            at=dt_util.utcnow(),
            session_id=info.session_id,
            plugged=info.vehicle_connected,
            charging=info.charging,
            session_energy_wh=info.session_energy,
            power_w=info.instant_power,
            phases=len(drawing) if drawing else None,
        )
        self._save(finished=bool(self.recorder.add_sample(sample)))

    @callback
    def _on_counters(self) -> None:
        statistics = self.entry.runtime_data.statistics
        counters = statistics.data.counters if statistics.data else None
        if counters is None or not statistics.last_update_success:
            return
        reading = Counters(
            at=dt_util.utcnow(),
            total_sessions=counters.total_charged_sessions,
            last_session_energy_wh=counters.last_session_energy,
            total_energy_kwh=counters.total_charged_energy,
        )
        self._save(finished=bool(self.recorder.add_counters(reading)))

    @callback
    def _on_sensor(self, event: Event[EventStateChangedData] | None) -> None:
        now = dt_util.utcnow()
        states = self.hass.states
        if grid_sensor := self.options.get(CONF_GRID_SENSOR):
            grid = watts(
                states.get(grid_sensor), inverted=bool(self.options.get(CONF_GRID_INVERTED))
            )
            if grid is not None and (export_sensor := self.options.get(CONF_EXPORT_SENSOR)):
                export = watts(states.get(export_sensor))
                grid = None if export is None else grid - export
            self.recorder.add_grid_power(now, grid)
        if price_sensor := self.options.get(CONF_PRICE_SENSOR):
            self.recorder.set_price(now, number(states.get(price_sensor)))

    def _save(self, *, finished: bool) -> None:
        """A finished record is written at once; the session in progress soon."""
        if finished:
            self.entry.async_create_task(self.hass, self.store.async_save(self.recorder.to_dict()))
        elif not self._save_pending:
            # Once per SAVE_DELAY: asking again each poll would put the write off every time.
            self._save_pending = True
            self.store.async_delay_save(self._to_save, SAVE_DELAY)
        self._publish()

    def _to_save(self) -> dict[str, Any]:
        """What the delayed write stores: the recorder as it is when the write happens."""
        self._save_pending = False
        return self.recorder.to_dict()

    def _publish(self) -> None:
        totals = self.recorder.this_month(dt_util.utcnow(), dt_util.get_default_time_zone())
        sessions = self.recorder.sessions
        self.coordinator.async_set_updated_data(
            HistoryData(totals, sessions[-1] if sessions else None)
        )


def month_start(totals: MonthTotals) -> datetime:
    """When the month of the totals began, for the monthly sensors' last_reset."""
    return datetime(totals.year, totals.month, 1, tzinfo=dt_util.get_default_time_zone())
