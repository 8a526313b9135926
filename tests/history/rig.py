"""A recorder on a virtual clock, fed by a model charger and house that the tests move by hand.

Each step of run() is one sample: the grid meter and the charger are read at the step's start,
then the clock moves on and the charger delivers the energy of the step. The grid meter reads
the house's own power plus the charger's draw, as a real meter does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from custom_components.lektrico_local.history import (
    ChargerSample,
    Counters,
    HistorySettings,
    SessionRecord,
    SessionRecorder,
)

T0 = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
STEP = 10  # s between samples
SOLAR = HistorySettings(grid_sensor=True)


@dataclass
class Charger:
    """Session id, session counter and lifetime counters, as the brief describes the charger."""

    session_id: int = 100
    plugged: bool = False
    charging: bool = False
    power_w: float = 0.0
    phases: int | None = None
    energy_wh: float = 0.0
    total_sessions: int = 40
    last_session_wh: float = 0.0
    lifetime_wh: float = 1_000_000.0
    forgets_on_unplug: bool = False  # shows no session once the car is gone

    def plug_in(self) -> None:
        assert not self.plugged, "the car is plugged already"
        self.session_id += 1
        self.energy_wh = 0.0
        self.plugged = True

    def unplug(self) -> None:
        self.plugged = self.charging = False
        self._end_session()

    def reboot(self) -> None:
        """With a car plugged: the session is closed and counted, a new one opened."""
        self._end_session()
        self.session_id += 1
        self.energy_wh = 0.0

    def deliver(self, seconds: float) -> None:
        if self.charging:
            energy = self.power_w * seconds / 3600
            self.energy_wh += energy
            self.lifetime_wh += energy

    def _end_session(self) -> None:
        self.total_sessions += 1
        self.last_session_wh = self.energy_wh


@dataclass
class Rig:
    settings: HistorySettings = field(default_factory=HistorySettings)
    now: datetime = T0
    house_w: float | None = None  # the house without the charger; None: no grid readings
    charger: Charger = field(default_factory=Charger)
    finished: list[SessionRecord] = field(default_factory=list)
    recorder: SessionRecorder = field(init=False)

    def __post_init__(self) -> None:
        self.recorder = SessionRecorder(self.settings)

    # --- the car and the charger -----------------------------------------------------------

    def plug(self) -> None:
        self.charger.plug_in()

    def unplug(self) -> None:
        self.charger.unplug()

    def charge(self, power_w: float, phases: int = 3) -> None:
        self.charger.charging, self.charger.power_w, self.charger.phases = True, power_w, phases

    def pause(self) -> None:
        self.charger.charging, self.charger.power_w, self.charger.phases = False, 0.0, 0

    # --- time ------------------------------------------------------------------------------

    def run(self, seconds: float, watching: bool = True) -> None:
        """`seconds` of steps; not watching: the charger goes on, Home Assistant sees nothing."""
        for _ in range(round(seconds / STEP)):
            if watching:
                self.observe()
            self.now += timedelta(seconds=STEP)
            self.charger.deliver(STEP)

    def observe(self) -> None:
        """The grid meter, then a charger sample, now."""
        charger = self.charger
        if self.house_w is not None:
            draw = charger.power_w if charger.charging else 0.0
            self.recorder.add_grid_power(self.now, self.house_w + draw)
        self.sample()

    def sample(self) -> None:
        charger = self.charger
        gone = charger.forgets_on_unplug and not charger.plugged
        self.finished += self.recorder.add_sample(
            ChargerSample(
                at=self.now,
                session_id=None if gone else charger.session_id,
                plugged=charger.plugged,
                charging=charger.charging,
                session_energy_wh=None if gone else charger.energy_wh,
                power_w=charger.power_w if charger.charging else 0.0,
                phases=charger.phases,
            )
        )

    def read_counters(self) -> None:
        charger = self.charger
        self.finished += self.recorder.add_counters(
            Counters(
                at=self.now,
                total_sessions=charger.total_sessions,
                last_session_energy_wh=charger.last_session_wh,
                total_energy_kwh=charger.lifetime_wh / 1000,
            )
        )

    def set_price(self, price: float | None) -> None:
        self.recorder.set_price(self.now, price)

    def restart(self) -> None:
        """Home Assistant stops and starts: the recorder goes through JSON storage."""
        stored = json.loads(json.dumps(self.recorder.to_dict()))
        self.recorder = SessionRecorder.from_dict(stored, self.settings)

    # --- whole sessions --------------------------------------------------------------------

    def arrive(self, power_w: float | None = 7200.0) -> None:
        """A sample without the car (so that its plug-in is seen), then the car plugs in and
        charges at `power_w` (None: not yet)."""
        self.run(STEP)
        self.plug()
        if power_w is not None:
            self.charge(power_w)

    def leave(self) -> None:
        """The car unplugs, and a sample shows it."""
        self.unplug()
        self.run(STEP)

    def session(self, minutes: float, power_w: float = 7200.0) -> SessionRecord:
        """Plug in, charge `minutes`, unplug: the record it made."""
        self.plug()
        self.charge(power_w)
        self.run(minutes * 60)
        self.leave()
        return self.finished[-1]
