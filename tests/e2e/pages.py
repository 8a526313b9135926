"""Home Assistant's pages as a person sees them: the login form, the dashboard's tiles, a device.

The frontend is web components in open shadow roots; Playwright's role, text and CSS locators look
inside them, so nothing here reaches into a shadow root by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, ViewportSize, expect

from demo.info import DemoInfo

# The charger is polled every 10 s and every control reads its value back at once: 30 s is ample
# for the page to follow. A cold first page load on a small machine gets longer.
PAGE_TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 90_000
DASHBOARD_VIEWPORT = ViewportSize(width=1280, height=900)
DEVICE_VIEWPORT = ViewportSize(width=1280, height=1800)  # down to the Sensors card's end


class HomeAssistantUi:
    """One logged-in browser tab on the demo's Home Assistant."""

    def __init__(self, page: Page, info: DemoInfo) -> None:
        self.page = page
        self.info = info
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        expect.set_options(timeout=PAGE_TIMEOUT_MS)

    def log_in(self) -> None:
        """Open the dashboard's address; Home Assistant sends us to its login form first."""
        self.page.goto(self.info.dashboard_url)
        self.page.get_by_role("textbox", name="Username").fill(self.info.username)
        self.page.get_by_role("textbox", name="Password").fill(self.info.password)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url(self.info.dashboard_url)

    def open_dashboard(self) -> None:
        self.page.set_viewport_size(DASHBOARD_VIEWPORT)
        if self.page.url != self.info.dashboard_url:
            self.page.goto(self.info.dashboard_url)
        expect(self.tile("State")).to_be_visible()

    def tile(self, name: str) -> Locator:
        """The dashboard tile whose title is exactly `name` (a state like "Charging" or a limit
        reason like "Energy management" would also match a looser search)."""
        title = self.page.locator(".primary", has_text=re.compile(f"^{re.escape(name)}$"))
        return self.page.locator("hui-tile-card").filter(has=title)

    def shown_value(self, tile_name: str) -> Locator:
        """The state a tile shows under its title, e.g. "Charging" or "21,985 W"."""
        return self.tile(tile_name).locator("state-display")

    def shown_number(self, tile_name: str) -> float:
        """A tile's value as a number: "21,985 W" -> 21985.0 (English number format)."""
        text = self.shown_value(tile_name).inner_text()
        match = re.search(r"-?[\d,]+(\.\d+)?", text)
        if match is None:
            raise AssertionError(f"the {tile_name} tile shows no number: {text!r}")
        return float(match.group().replace(",", ""))

    def flip_switch(self, tile_name: str) -> None:
        """Click the toggle bar under a switch's tile."""
        self.tile(tile_name).get_by_role("switch").click()

    def press_minus(self, tile_name: str) -> None:
        """Click the "-" under a number's tile: the frontend sets the value one step lower."""
        self.tile(tile_name).get_by_role("button", name="decrement").click()

    def open_device_page(self) -> None:
        self.page.set_viewport_size(DEVICE_VIEWPORT)
        self.page.goto(self.info.device_url)

    def screenshot(self, path: Path) -> None:
        """Once the page has stopped fetching (icons and charts arrive after the text)."""
        self.page.wait_for_load_state("networkidle")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=path)
