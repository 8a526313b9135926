"""Coercion of request values to the type a key expects.

The firmware accepts values typed (`30`, `true`) and as strings (`"30"`, `"true"`): the
App_config.Set document calls config_value a string, GET query strings carry only strings,
and clients send typed JSON. Anything else of the wrong type is error -5.
"""

import math
import re
from collections.abc import Callable
from enum import Enum

from .rpc_errors import ErrorCode, RpcError

_INTEGER_TEXT = re.compile(r"[+-]?\d+")


class ValueKind(Enum):
    """The type of a request parameter or configuration key."""

    BOOL = "boolean"
    INT = "integer"
    FLOAT = "double"
    STRING = "string"
    LIST = "array"
    ANY = "any"


def coerce(kind: ValueKind, value: object, key: str) -> object:
    """Return `value` as `kind`, or raise RpcError(-5) naming `key`."""
    return _COERCERS[kind](value, key)


def as_bool(value: object, key: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise _wrong_type(key, ValueKind.BOOL)


def as_int(value: object, key: str) -> int:
    # bool is an int subclass in Python, but `true` is not an integer on the wire
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
        return int(value.strip())
    raise _wrong_type(key, ValueKind.INT)


def as_float(value: object, key: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _wrong_type(key, ValueKind.FLOAT) from None
    else:
        raise _wrong_type(key, ValueKind.FLOAT)
    if not math.isfinite(number):
        raise _wrong_type(key, ValueKind.FLOAT)
    return number


def as_str(value: object, key: str) -> str:
    if isinstance(value, str):
        return value
    raise _wrong_type(key, ValueKind.STRING)


def as_list(value: object, key: str) -> list[object]:
    if isinstance(value, list):
        return list(value)
    raise _wrong_type(key, ValueKind.LIST)


def _as_is(value: object, key: str) -> object:
    return value


def _wrong_type(key: str, kind: ValueKind) -> RpcError:
    return RpcError(ErrorCode.WRONG_TYPE, f"{key} must be {kind.value}")


_COERCERS: dict[ValueKind, Callable[[object, str], object]] = {
    ValueKind.BOOL: as_bool,
    ValueKind.INT: as_int,
    ValueKind.FLOAT: as_float,
    ValueKind.STRING: as_str,
    ValueKind.LIST: as_list,
    ValueKind.ANY: _as_is,
}


def require_range(value: float, low: float, high: float, key: str) -> None:
    """Raise RpcError(-4) unless low <= value <= high."""
    if not low <= value <= high:
        raise RpcError(ErrorCode.RANGE, f"{key} must be within {low}..{high}")


def require_current(value: int, key: str, *, low: int = 6, high: int = 32) -> None:
    """Currents that pause at 0 and otherwise charge within 6..32 A (EM, schedule)."""
    if value != 0 and not low <= value <= high:
        raise RpcError(ErrorCode.RANGE, f"{key} must be 0 or within {low}..{high}")
