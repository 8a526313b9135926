"""The device's JSON-RPC error codes (section 2 of the local API document)."""

from enum import IntEnum


class ErrorCode(IntEnum):
    """Error codes the charger puts in `{"error": {"code": ...}}`."""

    GENERAL_FAIL = -1
    REQUEST_FORMAT = -2  # usually: a required key is missing
    STRING_LENGTH = -3
    RANGE = -4
    WRONG_TYPE = -5
    UNKNOWN_KEY = -6
    METHOD_NOT_FOUND = -32601  # JSON-RPC 2.0 standard code, sent with HTTP 404


_DEFAULT_MESSAGES = {
    ErrorCode.GENERAL_FAIL: "General fail",
    ErrorCode.REQUEST_FORMAT: "JSON request format error",
    ErrorCode.STRING_LENGTH: "Key value length error",
    ErrorCode.RANGE: "Key value range error",
    ErrorCode.WRONG_TYPE: "Error key format",
    ErrorCode.UNKNOWN_KEY: "Unknown key error",
    ErrorCode.METHOD_NOT_FOUND: "Method not found",
}


class RpcError(Exception):
    """A request the charger refuses; carries the error code it answers with."""

    def __init__(self, code: int, detail: str | None = None) -> None:
        self.code = code
        self.message = _message_for(code, detail)
        super().__init__(self.message)


class MethodNotFoundError(RpcError):
    """The firmware has no such method (HTTP 404, or -1 in an HTTP 200: see transport.py)."""

    def __init__(self, method: str) -> None:
        super().__init__(ErrorCode.METHOD_NOT_FOUND)
        self.method = method


def _message_for(code: int, detail: str | None) -> str:
    try:
        base = _DEFAULT_MESSAGES[ErrorCode(code)]
    except ValueError:
        base = "Error"
    if code == ErrorCode.METHOD_NOT_FOUND or detail is None:
        return base
    return f"{base}: {detail}"
