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
from typing import Any, Self

from .exceptions import LektricoResponseError

_LOGGER = logging.getLogger(__package__)
# (model, field, problem) already logged: each surprise is logged once per process.
_reported: set[tuple[str, str, str]] = set()
MAX_REPORTED = 200

_TRUE_STRINGS = frozenset({"true", "1", "on"})
_FALSE_STRINGS = frozenset({"false", "0", "off"})
# Who owns the charger, where it is and which network it is on: never in a log line.
SENSITIVE_FIELDS = frozenset(
    {
        "owner_id",
        "latitude",
        "longitude",
        "sta_name",
        "sta_ip",
        "bssid",
        "ocpp_server_link",
        "em_id",
    }
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
        # New surprises in this response, logged together when the reader closes.
        self._surprises: list[tuple[int, str]] = []
        self._data: dict[str, Any] = {}
        for key, value in data.items():
            name = normalize_key(str(key))
            self._data[(aliases or {}).get(name, name)] = value
        if known is not None:
            for extra in self._data.keys() - known:
                self._note(logging.DEBUG, extra, "is unknown, ignored", self._data[extra])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        """One log line per response for everything new it brought, however many fields."""
        if self._surprises:
            level = max(level for level, _ in self._surprises)
            details = "; ".join(text for _, text in self._surprises)
            _LOGGER.log(level, "%s: %s (each logged once)", self._model, details)

    def _note(
        self, level: int, field: str, problem: str, value: Any = None, *, per_value: bool = False
    ) -> None:
        """Remember a surprise for this response's log line, unless it was logged before."""
        shown = "<redacted>" if field in SENSITIVE_FIELDS else repr(value)
        key = (self._model, field, f"{problem} {shown}" if per_value else problem)
        if per_value and len(_reported) >= MAX_REPORTED:
            return  # firmware spraying new values: enough has been said, and memory stays flat
        if key not in _reported:
            _reported.add(key)
            self._surprises.append((level, f"{field} {problem} ({shown})"))

    def has(self, key: str) -> bool:
        """Whether the firmware sent the field at all (however odd its value)."""
        return key in self._data

    @property
    def keys(self) -> frozenset[str]:
        """Every field the firmware sent, normalized."""
        return frozenset(self._data)

    def _value(self, key: str) -> Any:
        value = self._data.get(key)
        if value is None and key not in self._data:
            self._note(logging.DEBUG, key, "missing")
        return value

    def _wrong(self, key: str, value: Any, expected: str) -> None:
        self._note(logging.WARNING, key, f"is not {expected}", value)

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

    def floats(
        self, key: str, length: int = 3, *, fallback: float | None = None
    ) -> tuple[float | None, ...]:
        """A per-phase array, padded with None when the firmware sends fewer entries.

        Firmware without the array gets (fallback, None, ...): its single value is the first.
        """
        value = self._value(key)
        if value is None:
            return (fallback,) + (None,) * (length - 1)
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
            self._note(
                logging.WARNING, key, f"is an unknown {enum_type.__name__}", value, per_value=True
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
