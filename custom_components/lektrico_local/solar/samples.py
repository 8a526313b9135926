"""Timestamped readings of one sensor and the averages the controller takes of them."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sample:
    """One reading; value None means the sensor was unavailable."""

    time: float
    value: float | None


class SampleLog:
    """Readings in time order, kept only as long as a decision can still use them."""

    def __init__(self) -> None:
        self._samples: deque[Sample] = deque()
        self._last_valid: Sample | None = None
        self._last: Sample | None = None

    def add(self, time: float, value: float | None) -> None:
        """Record a reading. Non-finite values count as unavailable; late arrivals are dropped."""
        if self._last is not None and time < self._last.time:
            return
        if value is not None and not math.isfinite(value):
            value = None
        sample = Sample(time, value)
        self._samples.append(sample)
        self._last = sample
        if value is not None:
            self._last_valid = sample

    def forget_before(self, time: float) -> None:
        while self._samples and self._samples[0].time < time:
            self._samples.popleft()

    @property
    def last_valid_time(self) -> float | None:
        return None if self._last_valid is None else self._last_valid.time

    @property
    def latest_value(self) -> float | None:
        """The newest valid value, however old."""
        return None if self._last_valid is None else self._last_valid.value

    def is_unavailable(self) -> bool:
        """The newest reading says the sensor is unavailable."""
        return self._last is not None and self._last.value is None

    def mean_between(self, since: float, now: float) -> float | None:
        """Mean of the valid readings in (since, now]; None if there are none."""
        values = [s.value for s in self._samples if since < s.time <= now and s.value is not None]
        if values:
            return math.fsum(values) / len(values)
        return None

    def newest_after(self, since: float, now: float, max_age: float) -> float | None:
        """The newest valid reading if it is after `since` and at most max_age old."""
        last = self._last_valid
        if last is None or self.is_unavailable():
            return None
        if since < last.time <= now and now - last.time <= max_age:
            return last.value
        return None
