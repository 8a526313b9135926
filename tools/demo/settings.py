"""Where the demo runs: ports, its throw-away directory and the login it creates."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# Both servers listen on the loopback interface only: the demo's login is printed and public.
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class DemoSettings:
    """Everything that differs between two demos on one machine (e.g. `make demo` and the e2e)."""

    work_dir: Path  # wiped at every start; git ignores it
    ha_port: int
    simulator_port: int
    username: str = "demo"
    password: str = "demo-lektrico"
    display_name: str = "Demo"

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] = os.environ) -> DemoSettings:
        """DEMO_HA_PORT (8123), DEMO_SIM_PORT (18080) and DEMO_DIR (.demo) override the defaults."""
        work_dir = Path(environment.get("DEMO_DIR", ".demo"))
        return cls(
            work_dir=work_dir if work_dir.is_absolute() else REPO_ROOT / work_dir,
            ha_port=int(environment.get("DEMO_HA_PORT", "8123")),
            simulator_port=int(environment.get("DEMO_SIM_PORT", "18080")),
        )

    @property
    def config_dir(self) -> Path:
        """Home Assistant's configuration directory."""
        return self.work_dir / "config"

    @property
    def info_file(self) -> Path:
        """Written once the demo is ready: what `tests/e2e` needs to find it (see info.py)."""
        return self.work_dir / "demo.json"

    @property
    def ha_url(self) -> str:
        return f"http://{LOOPBACK}:{self.ha_port}"

    @property
    def simulator_address(self) -> str:
        """The charger's address as a person types it into the config flow."""
        return f"{LOOPBACK}:{self.simulator_port}"

    @property
    def simulator_url(self) -> str:
        return f"http://{self.simulator_address}"
