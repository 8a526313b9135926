"""`python -m demo` (what `make demo` runs after its set-up); see run.py."""

import asyncio
import sys

from .processes import DemoError
from .run import run_demo
from .settings import DemoSettings


def main() -> int:
    try:
        asyncio.run(run_demo(DemoSettings.from_environment()))
    except DemoError as error:
        print(f"demo: {error}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
