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
from .api.exceptions import VALIDATION_PLACEHOLDERS, ValidationReason
from .const import DOMAIN

# One exceptions.* key per reason; its message takes {field} and the reason's placeholders.
VALIDATION_KEYS: dict[ValidationReason, str] = {
    ValidationReason.NOT_WHOLE_NUMBER: "invalid_value_not_whole_number",
    ValidationReason.NOT_A_NUMBER: "invalid_value_not_a_number",
    ValidationReason.NOT_BOOLEAN: "invalid_value_not_boolean",
    ValidationReason.NOT_TEXT: "invalid_value_not_text",
    ValidationReason.TOO_LONG: "invalid_value_too_long",
    ValidationReason.OUT_OF_RANGE: "invalid_value_out_of_range",
    ValidationReason.BELOW_MINIMUM_CURRENT: "invalid_value_below_minimum_current",
    ValidationReason.NOT_A_CHOICE: "invalid_value_not_a_choice",
    ValidationReason.UNKNOWN_KEY: "invalid_value_unknown_key",
    ValidationReason.EMPTY: "invalid_value_empty",
    ValidationReason.BAD_FORMAT: "invalid_value_bad_format",
    ValidationReason.ENDS_BEFORE_START: "invalid_value_ends_before_start",
    ValidationReason.OVERLAP: "invalid_value_overlap",
    ValidationReason.PASSWORD_LENGTH: "invalid_value_password_length",
}


def translate_error(err: LektricoError) -> HomeAssistantError:
    """The translated Home Assistant error for a client error."""
    if isinstance(err, LektricoValidationError):
        return _validation_error(err)
    key, placeholders = _error_key(err)
    return HomeAssistantError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _validation_error(err: LektricoValidationError) -> ServiceValidationError:
    """A refused value: the reason's own message, filled with its placeholders and nothing else.

    A refusal without a known reason (a caller's free-text message) gets the generic message,
    which names the field only: its text is English and is not spliced into a translation.
    """
    placeholders = {"field": err.field}
    if (key := VALIDATION_KEYS.get(err.reason)) is None:
        return ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_value",
            translation_placeholders=placeholders,
        )
    for name in sorted(VALIDATION_PLACEHOLDERS[err.reason]):
        placeholders[name] = err.placeholders.get(name, "?")
    return ServiceValidationError(
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
