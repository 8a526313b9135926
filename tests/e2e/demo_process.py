"""The demo (`python -m demo`), started in the background on its own ports and directory, so that
the browser test can run beside a `make demo`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from demo.info import DemoInfo
from demo.processes import die_with_parent
from demo.settings import REPO_ROOT, DemoSettings

# A cold start compiles Home Assistant and the frontend's first answers are slow on a small CI
# machine; a warm one is ready in seconds.
READY_TIMEOUT_SECONDS = 300.0
STOP_TIMEOUT_SECONDS = 60.0
POLL_SECONDS = 0.5


class DemoFailedError(Exception):
    """The demo did not come up; the message says why."""


E2E_ENVIRONMENT = {
    **os.environ,
    "DEMO_DIR": ".demo-e2e",
    "DEMO_HA_PORT": os.environ.get("E2E_HA_PORT", "18123"),
    "DEMO_SIM_PORT": os.environ.get("E2E_SIM_PORT", "18081"),
}
E2E_SETTINGS = DemoSettings.from_environment(E2E_ENVIRONMENT)


@contextmanager
def running_demo() -> Iterator[DemoInfo]:
    """Start the demo, wait until it says it is ready, and Ctrl-C it afterwards."""
    info_file = E2E_SETTINGS.info_file
    info_file.unlink(missing_ok=True)  # a crashed run's file must not pass for this run's
    demo = subprocess.Popen(  # its lines ("demo: ...") go to our output, for the CI log
        [sys.executable, "-m", "demo"],
        cwd=REPO_ROOT,
        env=E2E_ENVIRONMENT,
        stdin=subprocess.DEVNULL,
        preexec_fn=die_with_parent,  # noqa: PLW1509 (no threads yet: Playwright starts later)
    )
    try:
        yield _wait_until_ready(demo, info_file)
    finally:
        _stop(demo)


def _wait_until_ready(demo: subprocess.Popen[bytes], info_file: Path) -> DemoInfo:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while not info_file.exists():
        if demo.poll() is not None:
            raise DemoFailedError(
                f"the demo exited with code {demo.returncode} before it was ready"
            )
        if time.monotonic() > deadline:
            raise DemoFailedError(f"the demo was not ready after {READY_TIMEOUT_SECONDS:.0f} s")
        time.sleep(POLL_SECONDS)
    return DemoInfo.load(info_file)


def _stop(demo: subprocess.Popen[bytes]) -> None:
    """The way a person stops it: Ctrl-C (SIGINT), which also proves that Ctrl-C works."""
    if demo.poll() is None:
        demo.send_signal(signal.SIGINT)
    try:
        demo.wait(STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        demo.kill()
        demo.wait()
        raise DemoFailedError(
            f"the demo did not stop within {STOP_TIMEOUT_SECONDS:.0f} s"
        ) from None
