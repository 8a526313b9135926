"""Exceptions raised by the Lektrico local API client."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from string import Formatter


class LektricoError(Exception):
    """Base class: every error this library raises is one of these."""


class LektricoConnectionError(LektricoError):
    """The charger could not be reached or dropped the connection."""


class LektricoTimeoutError(LektricoConnectionError):
    """The charger did not answer in time."""


class LektricoResponseError(LektricoError):
    """The charger answered with something that is not a valid response."""


class LektricoUnsupportedMethodError(LektricoError):
    """The charger's firmware does not know the method (HTTP 404)."""

    def __init__(self, method: str) -> None:
        super().__init__(f"The charger does not support {method}")
        self.method = method


class LektricoNotAChargerError(LektricoError):
    """The device answers, but it is a Lektrico energy meter (or something else), not a charger."""

    def __init__(self, device_id: str) -> None:
        super().__init__(f"{device_id} is not a charger")
        self.device_id = device_id


class LektricoDeviceError(LektricoError):
    """The charger refused a request with a JSON-RPC error code (spec section 2)."""

    def __init__(self, method: str, code: int, message: str) -> None:
        super().__init__(f"{method} failed with code {code}: {message}")
        self.method = method
        self.code = code
        self.message = message


class ValidationReason(StrEnum):
    """Why a value was refused: one fixed sentence each, filled in with its placeholders.

    The placeholders (all text) are listed in `VALIDATION_PLACEHOLDERS`. An application that
    shows refusals in another language looks the sentence up by reason and fills it in; the
    English one is `str()` of the error.
    """

    NOT_WHOLE_NUMBER = "not_whole_number"
    NOT_A_NUMBER = "not_a_number"
    NOT_BOOLEAN = "not_boolean"
    NOT_TEXT = "not_text"
    TOO_LONG = "too_long"
    OUT_OF_RANGE = "out_of_range"
    BELOW_MINIMUM_CURRENT = "below_minimum_current"
    NOT_A_CHOICE = "not_a_choice"
    UNKNOWN_KEY = "unknown_key"
    EMPTY = "empty"
    BAD_FORMAT = "bad_format"
    ENDS_BEFORE_START = "ends_before_start"
    OVERLAP = "overlap"
    PASSWORD_LENGTH = "password_length"
    # A free-text message from a caller written before reasons existed: no placeholders.
    INVALID = "invalid"


# The English sentence of each reason (after "field: "); its placeholders are the reason's.
_ENGLISH: dict[ValidationReason, str] = {
    ValidationReason.NOT_WHOLE_NUMBER: "expected a whole number, got {value}",
    ValidationReason.NOT_A_NUMBER: "expected a number, got {value}",
    ValidationReason.NOT_BOOLEAN: "expected true or false, got {value}",
    ValidationReason.NOT_TEXT: "expected text, got {value}",
    ValidationReason.TOO_LONG: "{length} characters, longer than {maximum}",
    ValidationReason.OUT_OF_RANGE: "{value} is outside {minimum}..{maximum}",
    ValidationReason.BELOW_MINIMUM_CURRENT: (
        "{value} A is below the {minimum} A minimum; use 0 to pause"
    ),
    ValidationReason.NOT_A_CHOICE: "{value} is not one of {choices}",
    ValidationReason.UNKNOWN_KEY: "{value} is not a configuration key of the charger",
    ValidationReason.EMPTY: "must not be empty",
    ValidationReason.BAD_FORMAT: "expected {count} comma-separated numbers, got {value}",
    ValidationReason.ENDS_BEFORE_START: (
        "ends (day {end_day} {end_time}) before it starts (day {start_day} {start_time})"
    ),
    ValidationReason.OVERLAP: "overlaps {other}",
    ValidationReason.PASSWORD_LENGTH: (
        "must be empty or {minimum} to {maximum} characters, got {length}"
    ),
    ValidationReason.INVALID: "invalid value",
}

# The placeholders each reason carries, read off its English sentence.
VALIDATION_PLACEHOLDERS: dict[ValidationReason, frozenset[str]] = {
    reason: frozenset(name for _, name, _, _ in Formatter().parse(sentence) if name)
    for reason, sentence in _ENGLISH.items()
}


class _Unfilled(dict[str, str]):
    """A placeholder a caller left out shows as itself rather than failing the error."""

    def __missing__(self, key: str) -> str:
        return f"{{{key}}}"


class LektricoValidationError(LektricoError, ValueError):
    """A value was rejected before anything was sent to the charger.

    `field` names the offending parameter so callers can point at it, `reason` says why
    (machine-readable) and `placeholders` carry the details (value, minimum, maximum, ...)
    as text. `str(err)` is an English sentence, for logs.

    A plain sentence in place of a reason is still taken (reason INVALID, the sentence kept
    for `str`), for callers written before reasons existed.
    """

    def __init__(
        self,
        field: str,
        reason: ValidationReason | str,
        placeholders: Mapping[str, str] | None = None,
    ) -> None:
        detail: str | None = None
        if not isinstance(reason, ValidationReason):
            try:
                reason = ValidationReason(reason)
            except ValueError:
                detail, reason = reason, ValidationReason.INVALID
        self.field = field
        self.reason = reason
        self.placeholders: dict[str, str] = dict(placeholders or {})
        if detail is None:
            detail = _ENGLISH[reason].format_map(_Unfilled(self.placeholders))
        super().__init__(f"{field}: {detail}")
