"""`python -m tests.e2e`: start the demo, run the checks in headless Chromium, stop the demo.

Ends with "e2e: N passed, M failed" (what CI looks for) and exits non-zero on any failure.
Screenshots go to .demo-e2e/screenshots/ (to docs/screenshots/ with UPDATE_SCREENSHOTS=1);
a failed check leaves one of its own in .demo-e2e/.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from .checks import CHECKS, Check, Context
from .demo_process import E2E_SETTINGS, DemoFailedError, running_demo
from .pages import DASHBOARD_VIEWPORT, HomeAssistantUi
from .simulator import Simulator

# Debian's chromium (scripts/e2e.sh installs it), or $CHROMIUM (e.g. /usr/bin/google-chrome on a
# GitHub runner, whose Ubuntu has Chromium only as a snap). Playwright never downloads a browser.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGUMENTS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    started = time.monotonic()
    try:
        passed, failed = run_against_demo()
    except (DemoFailedError, PlaywrightError) as error:  # no demo, or no browser
        print(f"e2e: FAIL before the checks: {error}", flush=True)
        passed, failed = 0, len(CHECKS)
    except KeyboardInterrupt:  # Ctrl-C, or scripts/e2e.sh's time limit
        print("e2e: interrupted", flush=True)
        passed, failed = 0, len(CHECKS)
    print(f"e2e: {passed} passed, {failed} failed ({time.monotonic() - started:.0f} s)", flush=True)
    return 1 if failed else 0


def run_against_demo() -> tuple[int, int]:
    with running_demo() as info, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        try:
            page = browser.new_page(viewport=DASHBOARD_VIEWPORT)
            context = Context(HomeAssistantUi(page, info), Simulator(info.simulator_url), info)
            results = run_checks(context)
        finally:
            browser.close()
    return results.count(True), results.count(False)


def run_checks(context: Context) -> list[bool]:
    """Every check in order; once a browser check fails, the browser checks after it are skipped
    (and count as failed)."""
    results: list[bool] = []
    browser_failed = False
    for number, check in enumerate(CHECKS, 1):
        if check.in_browser and browser_failed:
            print(f"e2e: skip {check.name} (an earlier check failed)", flush=True)
            results.append(False)
            continue
        passed = run_check(number, check, context)
        browser_failed |= check.in_browser and not passed
        results.append(passed)
    return results


def run_check(number: int, check: Check, context: Context) -> bool:
    """Run one check; on failure say why and keep a screenshot of what the page showed."""
    started = time.monotonic()
    try:
        check.run(context)
    except (AssertionError, PlaywrightError) as error:
        screenshot = E2E_SETTINGS.work_dir / f"failure-{number}.png"
        with contextlib.suppress(PlaywrightError):  # the browser itself may be what failed
            context.ui.page.screenshot(path=screenshot)
        print(f"e2e: FAIL {check.name}: {error}\n     (the page: {screenshot})", flush=True)
        return False
    print(f"e2e: ok   {check.name} ({time.monotonic() - started:.0f} s)", flush=True)
    return True


if __name__ == "__main__":
    sys.exit(main())
