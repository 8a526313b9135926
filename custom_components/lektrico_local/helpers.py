"""Turns client errors into translated Home Assistant errors, in one place."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir

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
    key, placeholders = _error_key(err)
    return HomeAssistantError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _error_key(err: LektricoError) -> tuple[str, dict[str, str]]:
    """The exceptions.* translation key and its placeholders for a client error."""
    if isinstance(err, LektricoConnectionError):
        return "communication_error", {"error": str(err)}
    if isinstance(err, LektricoDeviceError):
        return "device_error", {"code": str(err.code), "error": err.message or str(err)}
    if isinstance(err, LektricoUnsupportedMethodError):
        return "unsupported", {"method": err.method}
    return "invalid_response", {"error": str(err)}


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


def show_repair_issue(
    hass: HomeAssistant, issue_id: str, translation_key: str, placeholders: dict[str, str] | None
) -> None:
    """A warning in Repairs while placeholders are given; None takes it away again."""
    if placeholders is None:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=translation_key,
        translation_placeholders=placeholders,
    )
