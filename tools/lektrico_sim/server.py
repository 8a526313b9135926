"""The simulated unit's web server: the /rpc transports, one request at a time, faults.

Device requests are counted as they arrive (before any fault), then handled one at a time
under a lock like the embedded server does; the configured latency is spent inside the lock.
The /_sim/ control routes (control.py) are neither locked nor counted.
"""

import asyncio
import logging
import socket
import struct
from collections import Counter
from collections.abc import Iterable
from typing import Any

from aiohttp import web

from .charger import ChargerSimulator
from .control import add_control_routes
from .faults import CONNECTION_KINDS, Fault, FaultSet, first_of, garble_body, reshape_result
from .json_types import JsonValue
from .rpc import Device, dispatcher_for
from .rpc_errors import ErrorCode, MethodNotFoundError, RpcError
from .transport import (
    INVALID_METHOD,
    DeviceCall,
    MalformedEnvelopeError,
    Reply,
    ReplyWriter,
    UnknownMethodMode,
    call_from_body,
    call_from_envelope,
    call_from_query,
    normalize_method,
)

_LOGGER = logging.getLogger(__name__)
JSON_CONTENT_TYPE = "application/json"
# How long stop()/go_offline() wait for a request in progress (e.g. a hanging "timeout"
# fault) before cancelling it.
SHUTDOWN_GRACE_SECONDS = 0.5


class SimulatorServer:
    """Serves one ChargerSimulator (or EnergyMeterSimulator) over HTTP like a real unit.

    `unknown_method` is how methods the unit lacks are answered: "http404", or "rpc_error"
    (HTTP 200 with a JSON-RPC error object). It covers methods the device does not have,
    `missing_methods` and the "missing_method" fault alike.
    """

    def __init__(
        self,
        charger: Device,
        *,
        unknown_method: UnknownMethodMode = "http404",
        latency: float = 0.0,
        missing_methods: Iterable[str] = (),
    ) -> None:
        self.device = charger
        self.latency = latency
        self.faults = FaultSet()
        # Methods to answer as unknown on top of the device's own (mutable, e.g. to "upgrade").
        self.missing_methods = {normalize_method(method) for method in missing_methods}
        self.request_counts: Counter[str] = Counter()
        self._dispatcher = dispatcher_for(charger)
        self._replies = ReplyWriter(charger.device_id, unknown_method)
        self._device_lock = asyncio.Lock()
        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port: int | None = None
        self._background: set[asyncio.Task[None]] = set()
        # Device requests being handled; a client that gave up does not end them.
        self._in_flight: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on host:port (port 0 picks a free one; see .port and .url)."""
        if self._port is not None:
            raise RuntimeError("server already started")
        self._host = host
        self._port = await self._listen(host, port)

    async def stop(self) -> None:
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        await self._close()
        self._port = None

    async def go_offline(self) -> None:
        """Stop answering (connections refused) but keep the port for go_online()."""
        await self._close()

    async def go_online(self) -> None:
        """Listen again on the same port."""
        if self._runner is not None:
            return
        self._port = await self._listen(self._host, self.port)

    def go_offline_for(self, seconds: float) -> None:
        """Go offline shortly after the current request is answered, back after `seconds`."""
        task = asyncio.create_task(self._offline_interval(seconds))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def __aenter__(self) -> "SimulatorServer":
        if self._port is None:
            await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def charger(self) -> ChargerSimulator:
        """The charger served (TypeError when this server is an energy meter)."""
        if not isinstance(self.device, ChargerSimulator):
            raise TypeError(f"{self.device.device_id} is an energy meter, not a charger")
        return self.device

    @property
    def unknown_method(self) -> UnknownMethodMode:
        return self._replies.unknown_method

    @unknown_method.setter
    def unknown_method(self, mode: UnknownMethodMode) -> None:
        self._replies = ReplyWriter(self.device.device_id, mode)

    @property
    def online(self) -> bool:
        return self._runner is not None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("server not started")
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    # ------------------------------------------------------------------ request counting

    @property
    def total_requests(self) -> int:
        return self.request_counts.total()

    def reset_counts(self) -> None:
        self.request_counts.clear()

    # ------------------------------------------------------------------ HTTP plumbing

    async def _listen(self, host: str, port: int) -> int:
        runner = web.AppRunner(
            self._build_app(), access_log=None, shutdown_timeout=SHUTDOWN_GRACE_SECONDS
        )
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        self._runner = runner
        bound_port: int = runner.addresses[0][1]
        return bound_port

    async def _close(self) -> None:
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        # A hanging request (timeout fault) whose client left is no longer tied to a
        # connection, so aiohttp's shutdown would not cancel it: do it here.
        in_flight = list(self._in_flight)
        for task in in_flight:
            task.cancel()
        await asyncio.gather(*in_flight, return_exceptions=True)
        await runner.cleanup()

    async def _offline_interval(self, seconds: float) -> None:
        await asyncio.sleep(0.05)  # let the control request that asked for it be answered
        await self.go_offline()
        await asyncio.sleep(seconds)
        await self.go_online()

    def _build_app(self) -> web.Application:
        # A fresh app per listen: go_offline()/go_online() tear the whole server down.
        app = web.Application()
        app.router.add_post("/rpc", self._handle_envelope)
        app.router.add_get("/rpc/{method}", self._handle_get, allow_head=False)
        app.router.add_post("/rpc/{method}", self._handle_post)
        add_control_routes(app, self)
        return app

    async def _handle_get(self, request: web.Request) -> web.StreamResponse:
        call = call_from_query(request.match_info["method"], request.query)
        return await self._serve(request, call)

    async def _handle_post(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        return await self._serve(request, call_from_body(request.match_info["method"], body))

    async def _handle_envelope(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        try:
            call = call_from_envelope(body)
        except MalformedEnvelopeError as error:
            self.request_counts[INVALID_METHOD] += 1
            async with self._device_lock:
                await _pause(self.latency)
                return _json_response(self._replies.error(None, error))
        return await self._serve(request, call)

    # ------------------------------------------------------------------ the device

    async def _serve(self, request: web.Request, call: DeviceCall) -> web.StreamResponse:
        self.request_counts[call.method] += 1
        task = asyncio.current_task()
        assert task is not None  # aiohttp runs every handler in a task
        self._in_flight.add(task)
        try:
            async with self._device_lock:
                faults = self.faults.take(call.method)
                await _pause(self.latency + _extra_latency(faults))
                return await self._answer(request, call, faults)
        finally:
            self._in_flight.discard(task)

    async def _answer(
        self, request: web.Request, call: DeviceCall, faults: list[Fault]
    ) -> web.StreamResponse:
        refusal = self._refusal(call, faults)
        if refusal is not None:
            return _json_response(self._replies.error(call, refusal), garble=faults)
        drop = first_of(faults, *CONNECTION_KINDS)
        if drop is not None and drop.before_apply:
            return await _fail_connection(request, drop)
        outcome = self._execute(call)
        if drop is not None:
            return await _fail_connection(request, drop)
        if isinstance(outcome, RpcError):
            reply = self._replies.error(call, outcome)
        else:
            reply = self._replies.result(call, reshape_result(faults, outcome))
        return _json_response(reply, garble=faults)

    def _refusal(self, call: DeviceCall, faults: list[Fault]) -> RpcError | None:
        """An error answered without the charger acting: missing method or rpc_error fault."""
        if call.method in self.missing_methods or first_of(faults, "missing_method"):
            return MethodNotFoundError(call.method)
        injected = first_of(faults, "rpc_error")
        if injected is not None:
            return RpcError(injected.code, injected.message)
        return None

    def _execute(self, call: DeviceCall) -> JsonValue | RpcError:
        try:
            return self._dispatcher.call(call.method, call.params())
        except RpcError as error:
            return error
        except Exception:
            # A bug in the simulator must look like a device failure, not kill the server.
            _LOGGER.exception("simulator failed on %s", call.method)
            return RpcError(ErrorCode.GENERAL_FAIL, "internal simulator error")


def _extra_latency(faults: list[Fault]) -> float:
    return sum(fault.seconds or 0.0 for fault in faults if fault.kind == "latency")


async def _pause(seconds: float) -> None:
    if seconds > 0:
        await asyncio.sleep(seconds)


def _json_response(reply: Reply, garble: list[Fault] | None = None) -> web.Response:
    body = garble_body(garble or [], reply.encode())
    return web.Response(status=reply.status, body=body, content_type=JSON_CONTENT_TYPE)


async def _fail_connection(request: web.Request, fault: Fault) -> web.StreamResponse:
    """The request ends without a proper answer: HTTP 500, a reset, or a hang and close."""
    if fault.kind == "http500":
        # The web server itself failed: no JSON-RPC error object, just an HTTP error page.
        return web.Response(status=500, text="500 Internal Server Error")
    if fault.kind == "timeout":
        await asyncio.sleep(fault.timeout_seconds)
    _close_connection(request, reset=fault.kind == "reset")
    # Nothing reaches the client: aiohttp drops writes to a closed transport.
    return web.Response(status=204)


def _close_connection(request: web.Request, *, reset: bool) -> None:
    transport = request.transport
    if transport is None:
        return
    if reset:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            # Linger 0: close() sends a TCP RST instead of a FIN ("connection reset by peer").
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()
    else:
        transport.close()
