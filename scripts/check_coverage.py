"""Fails unless every module of the integration is covered above the bar, not just the total.

Usage: python scripts/check_coverage.py COVERAGE_JSON [BAR]  (coverage.py's JSON report)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT_BAR = 95.0


def modules_below(report: dict[str, object], bar: float) -> dict[str, float]:
    """File -> percent covered, for every file under the bar."""
    files = report["files"]
    assert isinstance(files, dict)
    covered = {name: data["summary"]["percent_covered"] for name, data in files.items()}
    return {name: percent for name, percent in sorted(covered.items()) if percent <= bar}


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    bar = float(argv[1]) if len(argv) > 1 else DEFAULT_BAR
    below = modules_below(json.loads(path.read_text()), bar)
    for name, percent in below.items():
        print(f"coverage: {name} is at {percent:.1f} %, the bar is above {bar:.0f} %")
    if not below:
        print(f"coverage: every module is above {bar:.0f} %")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
