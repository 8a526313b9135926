"""The three request forms a unit understands, and how answers and errors are wrapped.

1. GET  /rpc/<method>[?key=value]   -> bare result
2. POST /rpc/<method>  {params}     -> bare result
3. POST /rpc  {"id", "src", "method", "params"} -> {"id", "src", "dst", "result"} envelope

Envelope replies name the unit as `src` (its device id) and the caller as `dst`.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from .json_types import JsonObject, JsonValue
from .rpc_errors import ErrorCode, MethodNotFoundError, RpcError

INVALID_METHOD = "<invalid>"  # counted under this name when the method cannot be read
_UNREADABLE = object()  # params that were not JSON at all

# How a unit answers a method it lacks is not public: HTTP 404, or HTTP 200 carrying a
# JSON-RPC error object. Clients must cope with both, so the simulator can do either.
UnknownMethodMode = Literal["http404", "rpc_error"]
UNKNOWN_METHOD_MODES: tuple[str, ...] = get_args(UnknownMethodMode)


def normalize_method(method: str) -> str:
    """Method names are matched without regard to case (Charge.Start = charge.start)."""
    return method.strip().lower()


@dataclass(frozen=True)
class DeviceCall:
    """One device request, whatever form it came in."""

    method: str  # normalized
    raw_params: object = None  # None: no parameters
    enveloped: bool = False  # form 3: answer inside a JSON-RPC envelope
    rpc_id: JsonValue = None
    src: str | None = None

    def params(self) -> dict[str, object]:
        """The parameters object, or RpcError(-2) if it is not one."""
        if self.raw_params is None:
            return {}
        if isinstance(self.raw_params, dict):
            return self.raw_params
        raise RpcError(ErrorCode.REQUEST_FORMAT, "params must be a JSON object")


class MalformedEnvelopeError(RpcError):
    """A form-3 body that names no method: answered with HTTP 400."""

    def __init__(self, detail: str, rpc_id: JsonValue = None) -> None:
        super().__init__(ErrorCode.REQUEST_FORMAT, detail)
        self.rpc_id = rpc_id


def call_from_query(method: str, query: Mapping[str, str]) -> DeviceCall:
    """Form 1: query-string values are the parameters.

    Plain values stay strings (the firmware coerces them per key). Early clients quoted them,
    `?config_value="false"`, meaning the JSON inside the quotes.
    """
    params = {key: query_value(value) for key, value in query.items()}
    return DeviceCall(normalize_method(method), params or None)


def query_value(text: str) -> object:
    """A quoted value loses one pair of quotes and reads as JSON if it is, else as a string."""
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        return text
    inner = text[1:-1]
    try:
        decoded: object = json.loads(inner)
    except ValueError:
        return inner
    return decoded


def call_from_body(method: str, body: bytes) -> DeviceCall:
    """Form 2: the body is the parameters object (an empty body means none)."""
    return DeviceCall(normalize_method(method), _decode_params(body))


def call_from_envelope(body: bytes) -> DeviceCall:
    """Form 3: a JSON-RPC request object."""
    try:
        envelope = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise MalformedEnvelopeError("body is not JSON") from None
    if not isinstance(envelope, dict):
        raise MalformedEnvelopeError("body is not a JSON object")
    rpc_id = envelope.get("id")
    method = envelope.get("method")
    if not isinstance(method, str):
        raise MalformedEnvelopeError("missing method", rpc_id)
    src = envelope.get("src")
    return DeviceCall(
        normalize_method(method),
        envelope.get("params"),
        enveloped=True,
        rpc_id=rpc_id,
        src=src if isinstance(src, str) else None,
    )


def _decode_params(body: bytes) -> object:
    if not body.strip():
        return None
    try:
        decoded: object = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _UNREADABLE
    return decoded


@dataclass(frozen=True)
class Reply:
    """An HTTP status and the JSON document to send."""

    status: int
    document: JsonValue

    def encode(self) -> bytes:
        # Compact like the firmware's JSON printer.
        return json.dumps(self.document, separators=(",", ":")).encode()


@dataclass(frozen=True)
class ReplyWriter:
    """Wraps results and errors for one unit: its device id and how it answers unknown methods."""

    device_id: str
    unknown_method: UnknownMethodMode = "http404"

    def __post_init__(self) -> None:
        if self.unknown_method not in UNKNOWN_METHOD_MODES:
            known = ", ".join(UNKNOWN_METHOD_MODES)
            raise ValueError(f"unknown_method must be one of {known}, not {self.unknown_method!r}")

    def result(self, call: DeviceCall, result: JsonValue) -> Reply:
        if not call.enveloped:
            return Reply(200, result)
        return Reply(200, {**self._envelope(call), "result": result})

    def error(self, call: DeviceCall | None, error: RpcError) -> Reply:
        """Unknown methods per `unknown_method`; otherwise HTTP 200 inside an envelope, 400 for
        the bare forms and for envelopes that cannot be read."""
        if isinstance(error, MethodNotFoundError) and call is not None:
            return self._unknown_method(call, error)
        rpc_id = call.rpc_id if call is not None else getattr(error, "rpc_id", None)
        if isinstance(error, MalformedEnvelopeError) or call is None or not call.enveloped:
            return Reply(400, {"id": rpc_id, "error": _error_object(error)})
        return Reply(200, {**self._envelope(call), "error": _error_object(error)})

    def _unknown_method(self, call: DeviceCall, error: MethodNotFoundError) -> Reply:
        if self.unknown_method == "rpc_error":
            # The document has no code for an unknown method: the general failure it has.
            failure = RpcError(ErrorCode.GENERAL_FAIL, f"unknown method {error.method}")
            body: JsonObject = {"error": _error_object(failure)}
            return Reply(200, {**self._envelope(call), **body} if call.enveloped else body)
        body = {"error": _error_object(error)}
        if call.enveloped:
            return Reply(404, {**self._envelope(call), **body})
        return Reply(404, {"id": call.rpc_id, **body})

    def _envelope(self, call: DeviceCall) -> JsonObject:
        envelope: JsonObject = {"id": call.rpc_id, "src": self.device_id}
        if call.src is not None:
            envelope["dst"] = call.src
        return envelope


def _error_object(error: RpcError) -> JsonObject:
    return {"code": error.code, "message": error.message}
