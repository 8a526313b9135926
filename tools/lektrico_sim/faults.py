"""Fault injection: misbehaviour seen (or feared) from real units, switched on per test.

The server asks `FaultSet.take(method)` for the faults that hit a request, then applies them
in stages: delays, refusals (no dispatch), connection drops, result reshaping, body garbling.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Literal, get_args

from .json_types import JsonObject, JsonValue
from .rpc_errors import ErrorCode

FaultKind = Literal[
    "latency",  # seconds: extra delay inside the device lock
    "timeout",  # seconds (default 30): hang, then close without answering
    "reset",  # close the connection (TCP RST) without any response
    "http500",  # HTTP 500 with a plain-text error page
    "not_json",  # HTTP 200 with an HTML body
    "truncated",  # HTTP 200 with the JSON body cut in half
    "wrong_types",  # numbers as strings, booleans "yes"/"no", arrays null or short
    "missing_fields",  # drop `fields`, or every other key
    "old_firmware",  # state_machine_e_activated, no current_limit_reason, integer kWh
    "unknown_enum",  # extended_charger_state "X_NEW_STATE", current_limit_reason 42
    "extra_keys",  # keys this client has never seen
    "rpc_error",  # answer with JSON-RPC error `code`
    "missing_method",  # answered as an unknown method (the server's unknown_method mode)
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)

# Kinds that end the request without a normal answer; `before_apply` says whether the
# charger acted on the request first.
CONNECTION_KINDS = frozenset({"timeout", "reset", "http500"})
DEFAULT_TIMEOUT_SECONDS = 30.0
NOT_JSON_BODY = b"<html>Internal error</html>"
UNKNOWN_EXTENDED_STATE = "X_NEW_STATE"
UNKNOWN_LIMIT_REASON = 42


@dataclass
class Fault:
    """One kind of misbehaviour for some methods (None: all device methods).

    `count` limits how many requests it hits (None: until cleared). Options by kind:
    `seconds` (latency, timeout), `code`/`message` (rpc_error), `fields` (missing_fields),
    `before_apply` (timeout, reset, http500: True = the charger never saw the request).
    """

    kind: FaultKind
    methods: list[str] | None = None
    count: int | None = None
    seconds: float | None = None
    code: int = int(ErrorCode.GENERAL_FAIL)
    message: str | None = None
    fields: list[str] | None = None
    before_apply: bool = True

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(FAULT_KINDS)}")
        if self.count is not None and self.count < 1:
            raise ValueError("count must be at least 1 (None: until cleared)")
        if self.methods is not None:
            self.methods = [method.lower() for method in self.methods]

    def hits(self, method: str) -> bool:
        return self.methods is None or method in self.methods

    @property
    def timeout_seconds(self) -> float:
        return self.seconds if self.seconds is not None else DEFAULT_TIMEOUT_SECONDS

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "Fault":
        """Build a fault from JSON (the control surface); raises ValueError/TypeError."""
        known = {option.name for option in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault options: {', '.join(sorted(unknown))}")
        methods = data.get("methods")
        if isinstance(methods, str):
            data = {**data, "methods": [methods]}
        return cls(**data)  # type: ignore[arg-type]  # __post_init__ checks the kind


@dataclass
class _ArmedFault:
    fault: Fault
    remaining: int | None


class FaultSet:
    """The faults currently switched on (`server.faults`)."""

    def __init__(self) -> None:
        self._armed: list[_ArmedFault] = []

    def add(self, fault: Fault) -> Fault:
        self._armed.append(_ArmedFault(fault, fault.count))
        return fault

    def clear(self) -> None:
        self._armed.clear()

    def __iter__(self) -> Iterator[Fault]:
        return (armed.fault for armed in self._armed)

    def __len__(self) -> int:
        return len(self._armed)

    def take(self, method: str) -> list[Fault]:
        """The faults hitting one request to `method`; uses up one of each one's count."""
        hitting = [armed for armed in self._armed if armed.fault.hits(method)]
        for armed in hitting:
            if armed.remaining is not None:
                armed.remaining -= 1
        self._armed = [armed for armed in self._armed if armed.remaining != 0]
        return [armed.fault for armed in hitting]


def first_of(faults: list[Fault], *kinds: str) -> Fault | None:
    return next((fault for fault in faults if fault.kind in kinds), None)


# ---------------------------------------------------------------- reshaping results


def reshape_result(faults: list[Fault], result: JsonValue) -> JsonValue:
    """Apply the result-shape faults (wrong_types, missing_fields, ...) in order."""
    for fault in faults:
        if fault.kind == "wrong_types":
            result = _Mistyper().convert(result)
        elif isinstance(result, dict):
            result = _reshape_object(fault, dict(result))
    return result


def _reshape_object(fault: Fault, result: JsonObject) -> JsonObject:
    if fault.kind == "missing_fields":
        return _drop_fields(result, fault.fields)
    if fault.kind == "old_firmware":
        return _as_old_firmware(result)
    if fault.kind == "unknown_enum":
        return _with_unknown_enums(result)
    if fault.kind == "extra_keys":
        return {**result, **_EXTRA_KEYS}
    return result


class _Mistyper:
    """Numbers become strings, booleans "yes"/"no"; arrays alternate between null and
    one element short (so [a, b, c] arrays come back as null or [a, b])."""

    def __init__(self) -> None:
        self._arrays_seen = 0

    def convert(self, value: JsonValue) -> JsonValue:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, dict):
            return {key: self.convert(item) for key, item in value.items()}
        if isinstance(value, list):
            return self._mangle_array(value)
        return value

    def _mangle_array(self, items: list[JsonValue]) -> JsonValue:
        self._arrays_seen += 1
        if self._arrays_seen % 2 == 1:
            return None
        return items[: max(1, len(items) - 1)]


def _drop_fields(result: JsonObject, names: list[str] | None) -> JsonObject:
    if names is not None:
        return {key: value for key, value in result.items() if key not in names}
    return {key: value for index, (key, value) in enumerate(result.items()) if index % 2 == 0}


def _as_old_firmware(result: JsonObject) -> JsonObject:
    renamed = {
        ("state_machine_e_activated" if key == "state_e_activated" else key): value
        for key, value in result.items()
        if key != "current_limit_reason"
    }
    energy = renamed.get("total_charged_energy")
    if isinstance(energy, float):
        renamed["total_charged_energy"] = int(energy)
    return renamed


def _with_unknown_enums(result: JsonObject) -> JsonObject:
    changed = dict(result)
    if "extended_charger_state" in changed:
        changed["extended_charger_state"] = UNKNOWN_EXTENDED_STATE
    if "current_limit_reason" in changed:
        changed["current_limit_reason"] = UNKNOWN_LIMIT_REASON
    return changed


_EXTRA_KEYS: JsonObject = {
    "x_future_flag": True,
    "x_future_value": 12.5,
    "x_future_section": {"enabled": False, "items": [1, 2, 3]},
}


# ---------------------------------------------------------------- garbling bodies


def garble_body(faults: list[Fault], body: bytes) -> bytes:
    """Apply not_json / truncated to the serialized response body."""
    for fault in faults:
        if fault.kind == "not_json":
            body = NOT_JSON_BODY
        elif fault.kind == "truncated":
            body = body[: len(body) // 2]
    return body
