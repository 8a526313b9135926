"""What the grid and home-battery sensors say, and how fresh that is."""

from __future__ import annotations

import math

from .samples import SampleLog
from .settings import SolarSettings


class SensorReadings:
    """Grid power (positive imports) and home battery power (positive charges it) with SoC."""

    def __init__(self, settings: SolarSettings) -> None:
        self._settings = settings
        self._grid = SampleLog()
        self._battery_power = SampleLog()
        self._battery_soc = SampleLog()

    def add_grid(self, now: float, watts: float | None) -> None:
        self._grid.add(now, watts)

    def add_battery(self, now: float, watts: float | None, soc: float | None) -> None:
        self._battery_power.add(now, watts)
        self._battery_soc.add(now, soc)

    def forget_before(self, time: float) -> None:
        for log in (self._grid, self._battery_power, self._battery_soc):
            log.forget_before(time)

    def grid_stale_for(self, now: float, watching_since: float) -> float | None:
        """Seconds since the last good grid reading, if the sensor counts as stale now.

        Stale: unavailable, silent for longer than sensor_timeout, or never heard from (then
        counted from `watching_since`).
        """
        last_good = self._grid.last_valid_time
        silence = now - (watching_since if last_good is None else last_good)
        if last_good is None or self._grid.is_unavailable():
            return silence
        return silence if silence > self._settings.sensor_timeout else None

    def grid_power(self, since: float, settled_at: float, now: float) -> float | None:
        """Mean grid power over the readings after `since`; None when there are none.

        `since` is the later of the previous cycle and the end of the settle window.
        """
        mean = self._grid.mean_between(since, now)
        if mean is not None:
            # Down is immediate: the end of the cycle counts alone when it shows more import.
            quick_since = max(since, now - self._settings.quick_down_window)
            latest = self._grid.mean_between(quick_since, now)
            return mean if latest is None else max(mean, latest)
        # A sensor that reports only changes: its last reading still holds if it is recent
        # and was taken after the last change settled.
        return self._grid.newest_after(settled_at, now, self._settings.sensor_timeout)

    def battery_share(self, since: float, now: float) -> float:
        """What the home battery adds to the car's surplus, in W.

        Discharging counts as import. Charging counts as surplus unless the battery is below
        its priority state of charge (or that is unknown). No battery reading: nothing.
        """
        watts = self._battery_power.mean_between(since, now)
        if watts is None:
            watts = self._battery_power.newest_after(-math.inf, now, self._settings.sensor_timeout)
        if watts is None:
            return 0.0
        if watts < 0 or not self._battery_first():
            return watts
        return 0.0

    def _battery_first(self) -> bool:
        priority = self._settings.battery_priority_soc
        if priority is None:
            return False
        soc = self._battery_soc.latest_value
        return soc is None or soc < priority
