"""Turns client errors into translated Home Assistant errors, in one place."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .api import (
    LektricoConnectionError,
    LektricoDeviceError,
    LektricoError,
    LektricoUnsupportedMethodError,
    LektricoValidationError,
)
from .const import DOMAIN


def translate_error(err: LektricoError) -> HomeAssistantError:
    """The translated Home Assistant error for a client error."""
    if isinstance(err, LektricoValidationError):
        return ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_value",
            translation_placeholders={"field": err.field, "error": str(err)},
        )
    if isinstance(err, LektricoConnectionError):
        key, placeholders = "communication_error", {"error": str(err)}
    elif isinstance(err, LektricoDeviceError):
        key, placeholders = (
            "device_error",
            {"code": str(err.code), "error": err.message or str(err)},
        )
    elif isinstance(err, LektricoUnsupportedMethodError):
        key, placeholders = "unsupported", {"method": err.method}
    else:
        key, placeholders = "invalid_response", {"error": str(err)}
    return HomeAssistantError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def lektrico_command[**P, R](
    func: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    """Decorate a command (entity action or service) so client errors come out translated.

    A command is never retried: a write that timed out may still have been
    applied, and sending it again could double the action.
    """

    @wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await func(*args, **kwargs)
        except LektricoError as err:
            raise translate_error(err) from err

    return wrapper
