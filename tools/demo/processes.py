"""The demo's child processes: started in the background, stopped together, never left behind."""

from __future__ import annotations

import asyncio
import ctypes
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .settings import LOOPBACK, REPO_ROOT

# How long a child may take to shut down cleanly before it is killed.
STOP_GRACE_SECONDS = 20.0
POLL_SECONDS = 0.25
LOG_TAIL_LINES = 30


class DemoError(Exception):
    """Something the person running the demo must know about; printed without a traceback."""


@dataclass
class ChildProcess:
    """One program the demo started, with the file its output goes to."""

    name: str
    process: asyncio.subprocess.Process
    log_path: Path

    @property
    def has_exited(self) -> bool:
        return self.process.returncode is not None

    def log_tail(self) -> str:
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-LOG_TAIL_LINES:])


class Children:
    """The processes this demo started; `stop_all` ends them, the last started first."""

    def __init__(self) -> None:
        self._started: list[ChildProcess] = []

    async def start(self, name: str, command: Sequence[str], log_path: Path) -> ChildProcess:
        with log_path.open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                *command,
                cwd=REPO_ROOT,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                # Its own session: Ctrl-C reaches only the demo, which then stops the children
                # in order instead of everyone racing to shut down.
                start_new_session=True,
                preexec_fn=die_with_parent,
            )
        child = ChildProcess(name, process, log_path)
        self._started.append(child)
        return child

    async def stop_all(self) -> None:
        for child in reversed(self._started):
            await stop(child)
        self._started.clear()


async def stop(child: ChildProcess) -> None:
    """SIGTERM (both programs shut down cleanly on it), then SIGKILL after a grace period."""
    if child.has_exited:
        return
    child.process.terminate()
    try:
        await asyncio.wait_for(child.process.wait(), STOP_GRACE_SECONDS)
    except TimeoutError:
        child.process.kill()
        await child.process.wait()


def _load_prctl() -> Callable[[int, int], int] | None:
    """libc's prctl, looked up once here and not in the child: between fork and exec the child
    must not load libraries (another thread may hold the loader's lock)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[[int, int], int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


_PRCTL = _load_prctl()
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Runs in the child before exec: on Linux, ask for SIGTERM when the parent dies (kill -9, a CI
    timeout), so no orphan keeps a port and the next run can start. Elsewhere, nothing."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


def require_free_port(port: int, what: str, variable: str) -> None:
    """Fail before anything starts (or gets wiped) if another program holds the port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            raise DemoError(
                f"port {port} ({what}) is in use: is a demo already running? "
                f"Stop it, or choose another port with {variable}=..."
            ) from None


async def wait_until_ready(
    child: ChildProcess, is_ready: Callable[[], Awaitable[bool]], seconds: float
) -> None:
    """Poll `is_ready` until it says yes; stop early, with the child's log, if the child died."""
    deadline = time.monotonic() + seconds
    while not await is_ready():
        if child.has_exited:
            raise DemoError(
                f"{child.name} exited with code {child.process.returncode}; "
                f"the end of {child.log_path}:\n{child.log_tail()}"
            )
        if time.monotonic() > deadline:
            raise DemoError(
                f"{child.name} was not ready after {seconds:.0f} s; see {child.log_path}"
            )
        await asyncio.sleep(POLL_SECONDS)
