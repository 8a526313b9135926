"""Exceptions raised by the Lektrico local API client."""

from __future__ import annotations


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


class LektricoValidationError(LektricoError, ValueError):
    """A value was rejected before anything was sent to the charger.

    `field` names the offending parameter so callers can point at it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
