"""The three request forms a unit understands, and how answers and errors are wrapped.

1. GET  /rpc/<method>[?key=value]   -> bare result
2. POST /rpc/<method>  {params}     -> bare result
3. POST /rpc  {"id", "src", "method", "params"} -> {"id", "src", "dst", "result"} envelope
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass

from .json_types import JsonObject, JsonValue
from .rpc_errors import ErrorCode, MethodNotFoundError, RpcError

DEVICE_SRC = "lektrico"
INVALID_METHOD = "<invalid>"  # counted under this name when the method cannot be read
_UNREADABLE = object()  # params that were not JSON at all


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
    """Form 1: query-string values (always strings) are the parameters."""
    return DeviceCall(normalize_method(method), dict(query) if query else None)


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


def result_reply(call: DeviceCall, result: JsonValue) -> Reply:
    if not call.enveloped:
        return Reply(200, result)
    envelope: JsonObject = {"id": call.rpc_id, "src": DEVICE_SRC}
    if call.src is not None:
        envelope["dst"] = call.src
    envelope["result"] = result
    return Reply(200, envelope)


def error_reply(call: DeviceCall | None, error: RpcError) -> Reply:
    """404 for unknown methods; otherwise 200 inside an envelope, 400 for bare forms."""
    rpc_id = call.rpc_id if call is not None else getattr(error, "rpc_id", None)
    document: JsonObject = {"id": rpc_id, "error": {"code": error.code, "message": error.message}}
    if isinstance(error, MethodNotFoundError):
        return Reply(404, document)
    if isinstance(error, MalformedEnvelopeError) or call is None or not call.enveloped:
        return Reply(400, document)
    return Reply(200, document)
