"""`python -m benchmarks.fuse_latency` runs: every overload reading lowers the charger's current.

The figures themselves are printed, never asserted: a busy machine must not fail the suite.
"""

from __future__ import annotations

from benchmarks.fuse_latency import measure, render


async def test_every_overload_reaches_the_charger_and_is_printed(socket_enabled: None) -> None:
    """Two overloads, each applied on the simulated charger (measure() fails otherwise)."""
    samples = await measure(rounds=2, latency=0.0)
    assert len(samples) == 2
    printed = render(samples, 0.0)
    assert "2 overloads" in printed
    assert "median" in printed
