"""The 17 error flags of Logged_errors.Get / Active_errors.Get (sections 5.8-5.10)."""

from .json_types import JsonObject

ERROR_FLAG_NAMES: tuple[str, ...] = (
    "state_e_activated",
    "overtemp",
    "critical_temp",
    "overcurrent",
    "meter_fault",
    "voltage_error",
    "rcd_error",
    "rcd_test_error",
    "rcd_err_pin_error",
    "rcd_err6_pin_error",
    "rcd_init_start_error",
    "rcd_init_end_error",
    "state_f_activated",
    "contactor_failure",
    "cp_diode_failure",
    "undervoltage_error",
    "overvoltage_error",
)
STATE_E_FLAG = "state_e_activated"


class ErrorFlags:
    """Active errors (conditions present now) and logged errors (seen since the last reset)."""

    def __init__(self) -> None:
        self.active: set[str] = set()
        self.logged: set[str] = set()

    def raise_error(self, name: str) -> None:
        _check_name(name)
        self.active.add(name)
        self.logged.add(name)

    def clear_error(self, name: str) -> None:
        _check_name(name)
        self.active.discard(name)

    def clear_all(self) -> None:
        self.active.clear()

    def reset_logged(self) -> None:
        # A condition that is still present is logged again at once.
        self.logged = set(self.active)

    def error_state(self) -> str | None:
        """The IEC 61851 error letter the active errors put the charger in, if any."""
        if not self.active:
            return None
        return "E" if STATE_E_FLAG in self.active else "F"


def flags_as_dict(names: set[str] | frozenset[str]) -> JsonObject:
    """All 17 flags, true for the given names, in the document's order."""
    return {name: name in names for name in ERROR_FLAG_NAMES}


def _check_name(name: str) -> None:
    if name not in ERROR_FLAG_NAMES:
        raise ValueError(f"unknown error flag {name!r}; known: {', '.join(ERROR_FLAG_NAMES)}")
