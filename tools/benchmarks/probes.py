"""What the process costs: CPU time, resident memory, and how long the event loop stalls."""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# How often the loop monitor wakes up. A stall can be under-reported by at most this much;
# the target (100 ms) is ten times larger. Each wake-up costs CPU (on a small VM 0.1-0.2 ms,
# so 1-2 % of a core), which is why CPU is measured while the monitor is off.
LOOP_MONITOR_INTERVAL_S = 0.01
# While it runs, the monitor reads resident memory every this many wake-ups (every 50 ms).
RSS_SAMPLE_EVERY = 5

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
OLDEST_GENERATION = 2


def process_cpu_seconds() -> float:
    """User + system CPU time of this process so far, all threads (not the farm, a child)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def resident_memory_bytes() -> int:
    """Resident set size now (Linux: /proc/self/statm; elsewhere the lifetime peak)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except OSError:
        # ru_maxrss is in KiB on Linux, bytes on macOS; good enough as a fallback.
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass(slots=True)
class CpuMeter:
    """CPU and wall time spent inside `with meter.measuring():` blocks, added up."""

    cpu_s: float = 0.0
    wall_s: float = 0.0

    @contextmanager
    def measuring(self) -> Iterator[None]:
        cpu_start, wall_start = process_cpu_seconds(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu_s += process_cpu_seconds() - cpu_start
            self.wall_s += time.perf_counter() - wall_start


class MemoryPeak:
    """The highest resident memory seen at any sample() since the baseline."""

    def __init__(self) -> None:
        self.baseline_bytes = self.peak_bytes = resident_memory_bytes()

    def set_baseline(self) -> None:
        """Start over from what the process holds now (after a garbage collection)."""
        gc.collect()
        self.baseline_bytes = self.peak_bytes = resident_memory_bytes()

    def sample(self) -> None:
        self.peak_bytes = max(self.peak_bytes, resident_memory_bytes())

    @property
    def growth_bytes(self) -> int:
        return self.peak_bytes - self.baseline_bytes


@dataclass(frozen=True, slots=True)
class StallWindow:
    """The event loop's worst moments while the monitor ran."""

    # The longest the loop was late, whatever held it up.
    longest_stall_s: float
    # The same, minus the garbage collector's pauses inside it.
    longest_stall_outside_gc_s: float
    # The part of a stall this process spent running code (main-thread CPU time, GC pauses
    # excluded): what is left once time the OS gave to other processes is taken out. On a
    # shared machine (the simulator farm is one of those processes) this is what the
    # integration's code is answerable for.
    longest_code_stall_s: float
    longest_gc_pause_s: float
    # Oldest-generation collections: they walk every object, so they are the long ones.
    full_collections: int


class GcWatch:
    """Times the garbage collector through gc.callbacks.

    A full collection walks every object in the process (Home Assistant's included), so its
    pause depends on the size of the whole heap more than on who made the garbage.
    """

    def __init__(self) -> None:
        self.total_pause_s = 0.0
        self.longest_pause_s = 0.0
        self.full_collections = 0
        self._started = 0.0

    def install(self) -> None:
        gc.callbacks.append(self._on_gc)

    def uninstall(self) -> None:
        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        pause = time.perf_counter() - self._started
        self.total_pause_s += pause
        self.longest_pause_s = max(self.longest_pause_s, pause)
        if info["generation"] == OLDEST_GENERATION:
            self.full_collections += 1


class LoopMonitor:
    """A task that sleeps a fixed interval and notes how late it wakes up.

    Lateness means something held the event loop: the longest lateness is the longest stall
    any other task or callback (a poll, a state write) saw. Garbage-collector pauses during
    the sleep are subtracted for the "outside GC" figure. One monitor, one window:
    `async with LoopMonitor(memory) as monitor:` ... `monitor.window`.
    """

    def __init__(self, memory: MemoryPeak) -> None:
        self._memory = memory
        self._gc = GcWatch()
        self._task: asyncio.Task[None] | None = None
        self._longest_stall_s = 0.0
        self._longest_outside_gc_s = 0.0
        self._longest_code_stall_s = 0.0

    async def __aenter__(self) -> LoopMonitor:
        self._gc.install()
        self._task = asyncio.create_task(self._watch(), name="benchmark loop monitor")
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._gc.uninstall()

    @property
    def window(self) -> StallWindow:
        return StallWindow(
            longest_stall_s=self._longest_stall_s,
            longest_stall_outside_gc_s=self._longest_outside_gc_s,
            longest_code_stall_s=self._longest_code_stall_s,
            longest_gc_pause_s=self._gc.longest_pause_s,
            full_collections=self._gc.full_collections,
        )

    async def _watch(self) -> None:
        wakeups = 0
        while True:
            expected = time.perf_counter() + LOOP_MONITOR_INTERVAL_S
            gc_before = self._gc.total_pause_s
            # The loop runs on this thread: its CPU time is the loop's own work.
            cpu_before = time.thread_time()
            await asyncio.sleep(LOOP_MONITOR_INTERVAL_S)
            lateness = time.perf_counter() - expected
            gc_during = self._gc.total_pause_s - gc_before
            code_during = time.thread_time() - cpu_before - gc_during
            self._longest_stall_s = max(self._longest_stall_s, lateness)
            self._longest_outside_gc_s = max(self._longest_outside_gc_s, lateness - gc_during)
            self._longest_code_stall_s = max(
                self._longest_code_stall_s, min(lateness - gc_during, code_during)
            )
            wakeups += 1
            if wakeups % RSS_SAMPLE_EVERY == 0:
                self._memory.sample()
