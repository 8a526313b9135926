"""--state-file: what survives a restart of the simulator (counters, configuration, ...)."""

import json
import logging
from pathlib import Path

from .charger import ChargerSimulator

_LOGGER = logging.getLogger(__name__)


class StateFile:
    """A JSON file holding ChargerSimulator.persistent_state()."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load_into(self, charger: ChargerSimulator) -> bool:
        """Restore the charger from the file; False when there is nothing usable yet."""
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return False
        except (OSError, ValueError) as error:
            _LOGGER.warning("ignoring unreadable state file %s: %s", self.path, error)
            return False
        if not isinstance(saved, dict):
            _LOGGER.warning("ignoring state file %s: not a JSON object", self.path)
            return False
        charger.restore_persistent_state(saved)
        return True

    def save_from(self, charger: ChargerSimulator) -> None:
        # Write then rename, so a crash mid-write never leaves half a file.
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(charger.persistent_state(), indent=2), encoding="utf-8")
        temporary.replace(self.path)
