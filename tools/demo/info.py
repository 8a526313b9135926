"""What a running demo tells the world: printed for people, saved as JSON for the browser test."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class DemoInfo:
    """The addresses and the login of a demo that is ready."""

    ha_url: str
    dashboard_url: str
    device_url: str
    username: str
    password: str
    simulator_url: str
    ha_log: str  # paths, for when something looks wrong
    simulator_log: str

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def load(cls, path: Path) -> DemoInfo:
        return cls(**json.loads(path.read_text()))

    def banner(self, seconds_to_ready: float) -> str:
        """The lines `make demo` ends its start-up with."""
        unplug = f"curl -X POST {self.simulator_url}/_sim/ev -d '{{\"plugged\": false}}'"
        return "\n".join(
            [
                f"demo: ready after {seconds_to_ready:.0f} s",
                f"  dashboard     {self.dashboard_url}",
                f"  login         {self.username} / {self.password}",
                f"  device page   {self.device_url}",
                f"  simulator     {self.simulator_url}/_sim/state",
                f"                {unplug}   (unplugs the car)",
                f"  logs          {self.ha_log}",
                f"                {self.simulator_log}",
                "Ctrl-C stops everything.",
            ]
        )
