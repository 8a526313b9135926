"""What a person would check on the demo, in the order they would do it.

Each check raises AssertionError (or a Playwright timeout) when the page or the charger disagree;
the simulator's own state is the truth the page is held against.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

from custom_components.lektrico_local.api.const import ChargerState, LimitReason
from demo.info import DemoInfo
from demo.settings import REPO_ROOT

from .labels import limit_reason_label, state_label
from .pages import HomeAssistantUi
from .simulator import SimulatedState, Simulator

# The README's pictures are refreshed on request only, so a test run leaves the tree clean.
SCREENSHOTS = (
    REPO_ROOT / "docs" / "screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS")
    else REPO_ROOT / ".demo-e2e" / "screenshots"
)
CHARGING = ChargerState.CHARGING.value
PAUSED = ChargerState.PAUSED.value
# The demo's car takes all the current it is offered, so each ampere less shows in the power.
CURRENT_STEPS_DOWN = 4
# The page shows the last poll and the simulator's voltages wander a little between polls.
POWER_TOLERANCE = 0.03
POWER_TIMEOUT_SECONDS = 30.0
# The car plugs in 20 s after the simulator starts; the integration polls every 10 s.
FIRST_CHARGE_TIMEOUT_SECONDS = 90.0


@dataclass
class Context:
    ui: HomeAssistantUi
    simulator: Simulator
    info: DemoInfo


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context], None]
    # Browser checks build on the ones before them (logged in, switches where they were left):
    # after one fails, the rest are skipped instead of each waiting out its own timeouts.
    in_browser: bool = True


def home_assistant_installed_nothing(context: Context) -> None:
    """requirements-extra.txt pre-installs what the demo's Home Assistant loads: a fresh machine
    must not download anything at start-up (the demo logs Home Assistant's installs)."""
    installs = [
        line
        for line in Path(context.info.ha_log).read_text().splitlines()
        if "Attempting install of" in line
    ]
    assert not installs, "Home Assistant installed packages at start-up:\n" + "\n".join(installs)


def dashboard_shows_state_and_power(context: Context) -> None:
    """The address the demo prints leads through the login form to the dashboard, which then
    shows the car charging (it plugs in shortly after the start) at the simulator's power."""
    ui, simulator = context.ui, context.simulator
    ui.log_in()
    ui.open_dashboard()
    simulator.wait_for("the car charging", _is_charging, FIRST_CHARGE_TIMEOUT_SECONDS)
    expect(ui.shown_value("State")).to_have_text(state_label(CHARGING))
    _expect_power_as_simulated(context)


def charging_current_control_limits_the_charger(context: Context) -> None:
    """The Charging current tile steers the dynamic current (the default lever): each click on
    minus lowers what the charger offers, and the limit reason names the dynamic current."""
    ui, simulator = context.ui, context.simulator
    ui.open_dashboard()
    start = int(simulator.state()["dynamic_current"])
    target = start - CURRENT_STEPS_DOWN
    for amps in range(start - 1, target - 1, -1):
        # One click at a time, as a person does: the tile shows Home Assistant's value again as
        # soon as it changes, so a click made before that would start from a stale value.
        ui.press_minus("Charging current")
        expect(ui.shown_value("Charging current")).to_have_text(f"{amps} A")
    simulator.wait_for(
        f"the charger offering the charging current of {target} A",
        lambda state: state["dynamic_current"] == target and state["pwm_current"] == target,
    )
    assert not simulator.state()["app_config"]["energy_management_enabled"]
    expect(ui.shown_value("Limit reason")).to_have_text(
        limit_reason_label(LimitReason.DYNAMIC_CURRENT)
    )
    _expect_power_as_simulated(context)


def charging_switch_pauses_and_resumes(context: Context) -> None:
    """Off pauses the session (the charger stops offering current), on resumes it."""
    ui, simulator = context.ui, context.simulator
    ui.open_dashboard()
    ui.flip_switch("Charging")
    simulator.wait_for("a paused session", lambda state: state["extended_charger_state"] == PAUSED)
    expect(ui.shown_value("State")).to_have_text(state_label(PAUSED))
    expect(ui.shown_value("Power")).to_have_text("0 W")

    ui.flip_switch("Charging")
    simulator.wait_for("charging again", _is_charging)
    expect(ui.shown_value("State")).to_have_text(state_label(CHARGING))
    _expect_power_as_simulated(context)


def screenshots_of_dashboard_and_device(context: Context) -> None:
    """The README's pictures, taken once everything above has passed through the history graph."""
    ui = context.ui
    ui.open_dashboard()
    expect(ui.page.locator("hui-history-graph-card")).to_be_visible()
    ui.screenshot(SCREENSHOTS / "dashboard.png")

    ui.open_device_page()
    device_name = ui.page.get_by_text(re.compile(r"^Lektrico 3P22K \d+$")).first
    expect(device_name).to_be_visible()
    expect(ui.page.get_by_text("Lektrico Local", exact=True)).to_be_visible()
    expect(ui.page.get_by_text("Session energy", exact=True)).to_be_visible()
    ui.screenshot(SCREENSHOTS / "device.png")


CHECKS = (
    Check(
        "Home Assistant started without installing anything",
        home_assistant_installed_nothing,
        in_browser=False,
    ),
    Check("the dashboard shows the charger's state and power", dashboard_shows_state_and_power),
    Check(
        "the charging current control limits the charger",
        charging_current_control_limits_the_charger,
    ),
    Check("the charging switch pauses and resumes", charging_switch_pauses_and_resumes),
    Check("screenshots of the dashboard and the device page", screenshots_of_dashboard_and_device),
)


def _is_charging(state: SimulatedState) -> bool:
    return bool(state["extended_charger_state"] == CHARGING and state["instant_power"] > 0)


def _expect_power_as_simulated(context: Context) -> None:
    """The Power tile within a few percent of the simulator's power, once a poll has caught up."""
    deadline = time.monotonic() + POWER_TIMEOUT_SECONDS
    while True:
        simulated = float(context.simulator.state()["instant_power"])
        shown = context.ui.shown_number("Power")
        if abs(shown - simulated) <= POWER_TOLERANCE * simulated:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the page shows {shown:.0f} W, the charger draws {simulated} W")
        time.sleep(1)
