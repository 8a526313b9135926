"""Reading back what to_dict() wrote: every value is checked, and a wrong one is dropped.

Storage can hold anything: an older layout, a hand edit, a file cut short. The readers return
None (or a default) for a missing or mistyped value instead of raising, so that one bad value
costs that value, not the history.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import TypeIs

JsonDict = dict[str, object]
EMPTY: Mapping[str, object] = {}


def mapping(value: object) -> Mapping[str, object]:
    """A dict as it is; anything else reads as an empty one."""
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return value
    return EMPTY


def entries(data: Mapping[str, object], key: str) -> list[object]:
    """The list under `key`; no list reads as an empty one."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def strings(data: Mapping[str, object], key: str) -> list[str]:
    """The strings in the list under `key`; other items are dropped."""
    return [item for item in entries(data, key) if isinstance(item, str)]


def whole_numbers(data: Mapping[str, object], key: str) -> list[int]:
    """The ints in the list under `key`; other items (True included) are dropped."""
    return [item for item in entries(data, key) if _is_int(item)]


def number(data: Mapping[str, object], key: str) -> float | None:
    """A finite int or float; True is not a number here."""
    return finite(data.get(key))


def count(data: Mapping[str, object], key: str) -> int | None:
    value = data.get(key)
    return value if _is_int(value) else None


def flag(data: Mapping[str, object], key: str) -> bool | None:
    value = data.get(key)
    return value if isinstance(value, bool) else None


def text(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def moment(data: Mapping[str, object], key: str) -> datetime | None:
    """An ISO 8601 time with its UTC offset; a time without one could be any time."""
    value = data.get(key)
    if not isinstance(value, str):
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    return at if at.utcoffset() is not None else None


def iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def finite(value: object) -> float | None:
    """A real number as a float; None for anything else, NaN and infinities included.

    JSON has no NaN, and a NaN added to a total makes the total NaN for good.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _is_int(value: object) -> TypeIs[int]:
    return isinstance(value, int) and not isinstance(value, bool)
