"""The main-fuse guard: the most current the charger may be given, from the grid meter.

The guard owns no clock and does no I/O. The caller feeds it meter readings and charger polls as
they arrive, calls step() on a timer so that a silent meter is noticed, sends
apply_cap(what the mode wants, decision.cap) to the charger and says so with setpoint_sent().

The law, per phase the car draws on:
    available = rating - margin - (measured current - the charger's own current)
and the cap is the least of these, floored to whole amps, 0 below min_current. Down at once, on
the reading that shows it; up only once more has been available for the hold time, in one step.
A meter that is silent or unavailable gets the fallback current at once.

The charger's own current comes from a poll, which lags the meter by up to a poll interval. Right
after a setpoint change the guard therefore counts the car between two bounds (charger.py), cuts
only on what the car's own move does not explain, and waits for the car to settle before it
counts readings towards going up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum, auto

from .cap import whole_amps
from .charger import ChargerDraw, ChargerTracker
from .decision import GuardDecision, GuardState
from .readings import (
    PhaseCurrents,
    currents_from_amps,
    currents_from_total_power,
    currents_from_watts,
)
from .settings import FuseSettings

# A caller's timer may fire a little early; a deadline this close counts as reached.
CLOCK_TOLERANCE = 0.5


class _Stale(Enum):
    """Why there is no fresh reading."""

    NEVER_READ = auto()
    UNAVAILABLE = auto()
    SILENT = auto()


@dataclass(frozen=True, slots=True)
class _Look:
    """What the newest good reading showed."""

    time: float
    headroom: float  # rating less the most loaded phase, car or not
    available: float  # what the most constrained car phase leaves the car
    phase: int  # that phase, 0 for L1


@dataclass(frozen=True, slots=True)
class _PendingRaise:
    """Every reading since `since` allowed more than the cap; the least of them allowed `to`."""

    since: float
    to: int


class FuseGuard:
    """Caps the charging current so the house's main fuse never carries more than its rating."""

    def __init__(self, settings: FuseSettings) -> None:
        self._settings = settings
        self._charger = ChargerTracker(settings)
        self._cap = settings.fallback_current
        self._stale: _Stale | None = _Stale.NEVER_READ
        self._newest: float | None = None  # time of the newest reading, good or not
        self._look: _Look | None = None
        self._raise: _PendingRaise | None = None
        self._reported: int | None = None  # the cap of the last decision returned

    @property
    def settings(self) -> FuseSettings:
        return self._settings

    @property
    def cap(self) -> int:
        return self._cap

    # --- what the caller tells the guard -----------------------------------------------------

    def charger_polled(self, now: float, draw: ChargerDraw) -> None:
        """The charger's own current per phase, as just polled. Poll before the first reading:
        until then the car's current counts as other load."""
        self._charger.polled(now, draw)

    def setpoint_sent(self, now: float, amps: int) -> None:
        """The charger was just told to offer `amps` (0 or 6..32); at start, what it holds."""
        self._charger.setpoint_sent(now, amps)

    def add_phase_currents(self, now: float, amps: Sequence[float | None] | None) -> GuardDecision:
        """Current per house phase in A (L1, L2, L3); None, or None for a phase: unavailable."""
        return self._read(now, currents_from_amps(amps, self._settings.house_phases))

    def add_phase_powers(self, now: float, watts: Sequence[float | None] | None) -> GuardDecision:
        """Power per house phase in W, positive imports; divided by the voltage setting."""
        settings = self._settings
        return self._read(now, currents_from_watts(watts, settings.house_phases, settings.voltage))

    def add_total_power(self, now: float, watts: float | None) -> GuardDecision:
        """The grid power of a single-phase house in W, positive imports."""
        settings = self._settings
        currents = currents_from_total_power(watts, settings.house_phases, settings.voltage)
        return self._read(now, currents)

    def step(self, now: float) -> GuardDecision:
        """Notice a meter that went silent; otherwise repeat the cap.

        The cap moves only on readings: a raise rests on a reading that shows the current is
        still there.
        """
        if self._stale is None and self._silent_for(now) > self._settings.meter_timeout:
            self._go_stale(_Stale.SILENT)
        return self._decide(now)

    # --- the law -----------------------------------------------------------------------------

    def _read(self, now: float, currents: PhaseCurrents | None) -> GuardDecision:
        if self._newest is not None and now < self._newest:
            return self._decide(now)  # a late arrival: newer readings have decided already
        self._newest = now
        if currents is None:
            self._go_stale(_Stale.UNAVAILABLE)
        else:
            self._evaluate(now, currents)
        return self._decide(now)

    def _evaluate(self, now: float, currents: PhaseCurrents) -> None:
        settings = self._settings
        first_reading = self._stale is _Stale.NEVER_READ
        self._stale = None
        # Per car phase: the limit less what the others draw. The car's own current is known
        # between two bounds while it follows a change (see CarPhase), so this is too: at
        # least `least`, at most `most`. Once the car has settled they are the same.
        counted = self._charger.counted(now)
        least = min(settings.limit - currents[car.phase] + car.low for car in counted)
        most, phase = min(
            (settings.limit - currents[car.phase] + car.high, car.phase) for car in counted
        )
        over_limit = any(currents[car.phase] > settings.limit for car in counted)
        self._look = _Look(now, settings.fuse_rating - max(currents), most, phase)

        settling = self._charger.settling(now)
        noise = settings.meter_noise
        if first_reading:
            # Nothing to hold on to yet: a restart must not hold a charging car at the fallback.
            self._set_cap(whole_amps(least - noise, settings))
        elif whole_amps(most + (noise if settling else 0.0), settings) < self._cap:
            # Down at once, when even the most that may be available is below the cap: a drop
            # that the car's own move explains is no reason. With a phase over its limit there
            # is no time to find out which it was: down to the least.
            self._set_cap(whole_amps(least if over_limit else most, settings))
        elif not settling:
            # Up only on readings of a settled car, where the two bounds are the same.
            self._consider_raise(now, whole_amps(least - noise, settings))

    def _consider_raise(self, now: float, level: int) -> None:
        """Up once every reading for the hold time allowed more, to the least they allowed."""
        if level <= self._cap:
            self._raise = None
            return
        if self._raise is None:
            self._raise = _PendingRaise(now, level)
        else:
            self._raise = replace(self._raise, to=min(self._raise.to, level))
        if now >= self._raise.since + self._settings.hold_time - CLOCK_TOLERANCE:
            self._set_cap(self._raise.to)

    def _set_cap(self, amps: int) -> None:
        self._cap = amps
        self._raise = None

    def _silent_for(self, now: float) -> float:
        """Seconds since the newest good reading."""
        assert self._look is not None  # not stale: read at least once
        return now - self._look.time

    def _go_stale(self, why: _Stale) -> None:
        """The fallback current at once; after it, up waits for the hold time like any raise."""
        self._stale = why
        self._set_cap(self._settings.fallback_current)

    # --- the decision ------------------------------------------------------------------------

    def _decide(self, now: float) -> GuardDecision:
        previous, self._reported = self._reported, self._cap
        fresh = None if self._stale is not None else self._look
        return GuardDecision(
            cap=self._cap,
            changed=self._cap != previous,
            state=self._state(previous),
            reason=self._reason(now),
            headroom=None if fresh is None else fresh.headroom,
            available=None if fresh is None else fresh.available,
            seconds_to_raise=self._seconds_to_raise(now),
        )

    def _state(self, previous: int | None) -> GuardState:
        if self._stale is not None:
            return GuardState.METER_STALE
        if self._cap == 0:
            return GuardState.PAUSED
        if self._cap == self._settings.max_current:
            return GuardState.INACTIVE
        # Limiting while the charger is at the cap. Right after a raise the caller has not sent
        # the new cap yet: a charger at the old one was held by the fuse until now.
        setpoint = self._charger.setpoint
        held_at = self._cap if previous is None else min(self._cap, previous)
        if setpoint is None or setpoint >= held_at:
            return GuardState.LIMITING
        return GuardState.INACTIVE

    def _reason(self, now: float) -> str:
        settings = self._settings
        fallback = f"the fallback of {settings.fallback_current} A"
        if self._stale is _Stale.NEVER_READ:
            return f"no meter reading yet: {fallback}"
        if self._stale is _Stale.UNAVAILABLE:
            return f"the meter is unavailable: {fallback}"
        if self._stale is _Stale.SILENT:
            return f"no meter reading for {self._silent_for(now):.0f} s: {fallback}"
        look = self._look
        assert look is not None  # read at least once
        text = f"L{look.phase + 1} leaves {look.available:.1f} A for the car"
        if self._cap == 0:
            text += f", less than the {settings.min_current} A minimum"
        if self._raise is not None:
            seconds = self._seconds_to_raise(now)
            text += f"; up to {self._raise.to} A in {seconds} s if that lasts"
        return text

    def _seconds_to_raise(self, now: float) -> int | None:
        if self._raise is None:
            return None
        return max(0, math.ceil(self._raise.since + self._settings.hold_time - now))
