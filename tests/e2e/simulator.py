"""The charger simulator's control routes: the truth the page is held against."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any

type SimulatedState = dict[str, Any]

POLL_SECONDS = 0.5


class Simulator:
    """Reads the simulated charger's state (GET /_sim/state)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def state(self) -> SimulatedState:
        with urllib.request.urlopen(f"{self.url}/_sim/state", timeout=10) as response:
            state: SimulatedState = json.load(response)
            return state

    def wait_for(
        self, what: str, condition: Callable[[SimulatedState], bool], seconds: float = 30.0
    ) -> SimulatedState:
        """The first state that meets `condition`; AssertionError naming `what` if none does."""
        deadline = time.monotonic() + seconds
        while True:
            state = self.state()
            if condition(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the simulator never showed {what} within {seconds:.0f} s; last state: "
                    f"{state['extended_charger_state']}, {state['instant_power']} W, "
                    f"offered {state['pwm_current']} A, "
                    f"dynamic current {state['dynamic_current']} A"
                )
            time.sleep(POLL_SECONDS)
