"""Tolerant reading of charger responses.

Firmware releases add, rename and drop fields. A field that is missing, has the
wrong type or an unknown enum value becomes None instead of failing the whole
response, and each such surprise is logged once per process, not on every poll.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

from .exceptions import LektricoResponseError

_LOGGER = logging.getLogger(__package__)
_reported: set[tuple[str, str, str]] = set()

_TRUE_STRINGS = frozenset({"true", "1", "on"})
_FALSE_STRINGS = frozenset({"false", "0", "off"})


def _report_once(
    level: int, model: str, field: str, problem: str, value: Any = None, *, per_value: bool = False
) -> None:
    key = (model, field, f"{problem} {value!r}" if per_value else problem)
    if key in _reported:
        return
    _reported.add(key)
    _LOGGER.log(
        level, "%s.%s: %s (%r); further occurrences are not logged", model, field, problem, value
    )


def normalize_key(key: str) -> str:
    """Match keys the way the device documentation writes them: 'EM_current ' == 'em_current'."""
    return key.strip().lower()


class FieldReader:
    """Reads typed fields out of one JSON object from the charger."""

    def __init__(
        self,
        model: str,
        data: Any,
        *,
        aliases: Mapping[str, str] | None = None,
        known: frozenset[str] | None = None,
    ) -> None:
        if not isinstance(data, Mapping):
            raise LektricoResponseError(
                f"{model}: expected a JSON object, got {type(data).__name__}"
            )
        self._model = model
        self._data: dict[str, Any] = {}
        for key, value in data.items():
            name = normalize_key(str(key))
            self._data[(aliases or {}).get(name, name)] = value
        if known is not None:
            for extra in self._data.keys() - known:
                _report_once(
                    logging.DEBUG, model, extra, "unknown field ignored", self._data[extra]
                )

    def _value(self, key: str) -> Any:
        value = self._data.get(key)
        if value is None and key not in self._data:
            _report_once(logging.DEBUG, self._model, key, "field missing")
        return value

    def _wrong(self, key: str, value: Any, expected: str) -> None:
        _report_once(logging.WARNING, self._model, key, f"expected {expected}", value)

    def float_(self, key: str) -> float | None:
        """A number, accepting numeric strings."""
        return self._number(key, self._value(key))

    def _number(self, key: str, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool):
            self._wrong(key, value, "a number")
            return None
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        self._wrong(key, value, "a number")
        return None

    def int_(self, key: str) -> int | None:
        """A whole number; a float is rounded, as firmware sends 16.0 for 16."""
        number = self.float_(key)
        if number is None:
            return None
        if not math.isfinite(number):
            self._wrong(key, number, "a finite number")
            return None
        return round(number)

    def bool_(self, key: str) -> bool | None:
        """A boolean, accepting 0/1 and 'true'/'false'."""
        value = self._value(key)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in _TRUE_STRINGS | _FALSE_STRINGS:
            return value.lower() in _TRUE_STRINGS
        self._wrong(key, value, "a boolean")
        return None

    def str_(self, key: str) -> str | None:
        """A string; numbers are turned into text (firmware ids are sometimes numeric)."""
        value = self._value(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self._wrong(key, value, "a string")
        return None

    def floats(self, key: str, length: int = 3) -> tuple[float | None, ...]:
        """A per-phase array, padded with None when the firmware sends fewer entries."""
        value = self._value(key)
        if value is None:
            return (None,) * length
        if not isinstance(value, list):
            self._wrong(key, value, "an array")
            return (None,) * length
        if len(value) != length:
            self._wrong(key, value, f"{length} entries")
        numbers = [self._number(key, item) for item in value[:length]]
        return tuple(numbers + [None] * (length - len(numbers)))

    def enum[E: Enum](self, key: str, enum_type: type[E]) -> E | None:
        """An enum member; an unknown value becomes None and is logged once."""
        value = self._value(key)
        if value is None:
            return None
        if isinstance(value, str) and issubclass(enum_type, int):
            with contextlib.suppress(ValueError):
                value = int(value)
        try:
            return enum_type(value)
        except ValueError:
            # Each new value is worth a line: it is what to add to the enum.
            _report_once(
                logging.WARNING,
                self._model,
                key,
                f"unknown {enum_type.__name__}",
                value,
                per_value=True,
            )
            return None

    def list_(self, key: str) -> list[Any]:
        """An array; anything else is an empty list."""
        value = self._value(key)
        if isinstance(value, list):
            return value
        if value is not None:
            self._wrong(key, value, "an array")
        return []
