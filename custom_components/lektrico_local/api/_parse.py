"""Tolerant reading of charger responses.

Firmware releases add, rename and drop fields. A field that is missing, has the
wrong type or an unknown enum value becomes None instead of failing the whole
response, and each such surprise is logged once per client, not on every poll.

Three parts, each used by the next:
- `SurpriseLog` remembers which surprises were logged already;
- `FieldReader` reads one typed value out of one JSON object;
- `ResponseModel` and `wire()` let a model declare its fields once: the
  annotated type says how each is read, `wire()` the key where the firmware's
  name differs, and one generic `from_response` does the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import types
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

from .exceptions import LektricoResponseError

_LOGGER = logging.getLogger(__package__)

type Surprise = tuple[str, str, str]  # (model, field, problem)

# The memo of parsing outside a client (a model's `from_response(data)` without a log).
# A client has its own `SurpriseLog`; tests reset this one between tests.
_reported: set[Surprise] = set()
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
PHASE_COUNT = 3


def normalize_key(key: str) -> str:
    """Match keys the way the device documentation writes them: 'EM_current ' == 'em_current'."""
    return key.strip().lower()


# --- which surprises were logged -----------------------------------------------------------


class SurpriseLog:
    """The surprises one client has logged, so that each is logged once, not on every poll.

    Each `LektricoClient` owns one: two chargers (or a config flow's client and the
    entry's) each tell their own story. Parsing outside a client shares `_reported`.
    """

    def __init__(self, seen: set[Surprise] | None = None) -> None:
        self._seen: set[Surprise] = set() if seen is None else seen

    def first_time(self, surprise: Surprise, *, capped: bool = False) -> bool:
        """Whether the surprise is new (it is remembered from now on).

        Capped surprises (one per unknown value) stop being noted at MAX_REPORTED:
        firmware spraying new values has said enough, and memory stays flat.
        """
        if surprise in self._seen or (capped and len(self._seen) >= MAX_REPORTED):
            return False
        self._seen.add(surprise)
        return True

    def __contains__(self, surprise: object) -> bool:
        return surprise in self._seen

    def __len__(self) -> int:
        return len(self._seen)


def default_log() -> SurpriseLog:
    """The log of parsing outside a client; looked up on each call so tests can swap it."""
    return SurpriseLog(_reported)


# --- reading one JSON object ---------------------------------------------------------------


class FieldReader:
    """Reads typed fields out of one JSON object from the charger."""

    def __init__(
        self,
        model: str,
        data: Any,
        *,
        aliases: Mapping[str, str] | None = None,
        known: frozenset[str] | None = None,
        log: SurpriseLog | None = None,
    ) -> None:
        if not isinstance(data, Mapping):
            raise LektricoResponseError(
                f"{model}: expected a JSON object, got {type(data).__name__}"
            )
        self._model = model
        self._log = log if log is not None else default_log()
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
        surprise = (self._model, field, f"{problem} {shown}" if per_value else problem)
        if self._log.first_time(surprise, capped=per_value):
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
        self, key: str, length: int = PHASE_COUNT, *, fallback: float | None = None
    ) -> tuple[float | None, ...]:
        """A per-phase array, padded with None when the firmware sends fewer entries.

        Firmware without the array (absent or null) gets (fallback, None, ...): its single
        value is the first phase's.
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


# --- declaring a model's fields once -------------------------------------------------------

_WIRE = "lektrico_wire"  # the key of a dataclass field's metadata that holds its `Wire`


@dataclasses.dataclass(frozen=True, slots=True)
class Wire:
    """How one model field is found in the charger's answer, beyond its name and type."""

    key: str | None = None  # the firmware's name for it, when not the field's name
    # Older firmware: the field declared above this one that stands in when this key is not
    # sent, and how its value becomes this one's (a per-phase array takes it as L1's).
    fallback: str | None = None
    convert: Callable[[Any], Any] | None = None
    sent_keys: bool = False  # not read: the set of keys the firmware sent


def wire(
    key: str | None = None,
    *,
    fallback: str | None = None,
    convert: Callable[[Any], Any] | None = None,
    sent_keys: bool = False,
) -> dict[str, Wire]:
    """Field metadata: `is_paused: bool | None = field(metadata=wire("charger_is_paused"))`."""
    return {_WIRE: Wire(key, fallback, convert, sent_keys)}


type _Read = Callable[[FieldReader, str], Any]
_SCALAR_READERS: dict[type, _Read] = {
    bool: FieldReader.bool_,
    int: FieldReader.int_,
    float: FieldReader.float_,
    str: FieldReader.str_,
}


@dataclasses.dataclass(frozen=True, slots=True)
class _FieldPlan:
    """One field of a model, resolved once: where to find it and how to read it."""

    name: str
    key: str
    kind: type  # the annotated type without its `| None`: int, str, tuple, an Enum...
    wire: Wire

    def read(self, read: FieldReader, values: Mapping[str, Any]) -> Any:
        """This field's value; `values` holds the fields declared above it."""
        if self.wire.sent_keys:
            return read.keys
        stand_in = values[self.wire.fallback] if self.wire.fallback else None
        if self.kind is tuple:
            # A per-phase array: absent or null, it is (stand_in, None, None).
            return read.floats(self.key, fallback=stand_in)
        if self.wire.fallback and not read.has(self.key):
            # Only when the key is not sent at all: a value sent as null stays unknown.
            return self.wire.convert(stand_in) if self.wire.convert else stand_in
        if issubclass(self.kind, Enum):
            return read.enum(self.key, self.kind)
        return _SCALAR_READERS[self.kind](read, self.key)


_PLANS: dict[type, tuple[_FieldPlan, ...]] = {}


def field_plans(model: type) -> tuple[_FieldPlan, ...]:
    """A dataclass's fields in declaration order, each with its wire key and reader.

    Worked out on first use and kept: the annotations are resolved once, not on every poll.
    """
    if model not in _PLANS:
        _PLANS[model] = _make_plans(model)
    return _PLANS[model]


def _make_plans(model: type) -> tuple[_FieldPlan, ...]:
    """Resolve every field, failing on a declaration that cannot be read.

    A mistake then shows at the first parse in the tests, not as a field that is quietly
    None on a charger.
    """
    hints = get_type_hints(model)
    plans: list[_FieldPlan] = []
    for field in dataclasses.fields(model):
        spec: Wire = field.metadata.get(_WIRE, Wire())
        plan = _FieldPlan(
            field.name, spec.key or field.name, _without_none(hints[field.name]), spec
        )
        if not _readable(plan):
            raise TypeError(f"{model.__name__}.{field.name}: no reader for {plan.kind}")
        if spec.fallback and spec.fallback not in {earlier.name for earlier in plans}:
            raise TypeError(f"{model.__name__}.{field.name}: declare {spec.fallback} above it")
        plans.append(plan)
    return tuple(plans)


def _readable(plan: _FieldPlan) -> bool:
    """Whether `_FieldPlan.read` knows the field's type."""
    if plan.wire.sent_keys or plan.kind is tuple or plan.kind in _SCALAR_READERS:
        return True
    return isinstance(plan.kind, type) and issubclass(plan.kind, Enum)


def _without_none(hint: Any) -> Any:
    """`int | None` -> int, `tuple[float | None, ...]` -> tuple, `str` -> str."""
    if get_origin(hint) in (Union, types.UnionType):
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    return get_origin(hint) or hint


def read_fields(model: type, read: FieldReader) -> dict[str, Any]:
    """Every field of `model` by name, each read according to its declaration."""
    values: dict[str, Any] = {}
    for plan in field_plans(model):  # in declaration order: a fallback is read before use
        values[plan.name] = plan.read(read, values)
    return values


def wire_keys(model: type) -> frozenset[str]:
    """The keys a model reads from the firmware's answer."""
    return frozenset(plan.key for plan in field_plans(model) if not plan.wire.sent_keys)


class ResponseModel:
    """Base of a dataclass read from one answer: `from_response` comes from the fields.

    A subclass sets SOURCE (its name in log lines), declares its fields with their types
    and, where the firmware's key differs, `field(metadata=wire("key"))`.
    """

    __slots__ = ()
    SOURCE: ClassVar[str]
    # Log keys the model does not declare: worth it where new firmware adds live data.
    LOG_UNKNOWN_KEYS: ClassVar[bool] = False

    @classmethod
    def from_response(cls, data: Any, log: SurpriseLog | None = None) -> Self:
        """Build from the JSON result; LektricoResponseError if it is not an object."""
        known = wire_keys(cls) if cls.LOG_UNKNOWN_KEYS else None
        with FieldReader(cls.SOURCE, data, known=known, log=log) as read:
            return cls(**read_fields(cls, read))
