"""`hass` on a Python 3.13 older than the one Home Assistant asks for.

Home Assistant 2026.2 asks for Python 3.13.2 and its `hass` refuses to start below it.
scripts/setup.sh installs it on an older 3.13 anyway (README, "The two commands"), and the tests
run fine there. This runs the very same entry point as the `hass` script with only that one check
lifted, so the demo is still the real Home Assistant. `python -m demo.older_python --config DIR`.
"""

import sys

import homeassistant.__main__ as hass_main


def _accept_this_python() -> None:
    """Stands in for `validate_python`: the version check is all that is skipped."""


if __name__ == "__main__":
    hass_main.validate_python = _accept_this_python
    sys.exit(hass_main.main())
