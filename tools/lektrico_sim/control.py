"""The /_sim/ HTTP control surface: the Python API, reachable with curl during a demo.

These routes are not part of the device: they bypass the device lock and are not counted.
On an energy meter only state, faults, stats and offline apply; the others answer 400.
"""

import dataclasses
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

from .energy_management import DEFAULT_METER_PERIOD
from .faults import Fault
from .json_types import JsonObject, JsonValue
from .rpc_errors import RpcError
from .values import as_bool, as_float, as_int, as_str

if TYPE_CHECKING:
    from .server import SimulatorServer

type ControlHandler = Callable[["SimulatorServer", JsonObject], JsonValue]
type RouteHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def add_control_routes(app: web.Application, server: "SimulatorServer") -> None:
    for method, path, handler in _ROUTES:
        app.router.add_route(method, path, _route(server, handler))


def _route(server: "SimulatorServer", handler: ControlHandler) -> RouteHandler:
    """Wrap a handler: read the JSON body, turn bad input into HTTP 400."""

    async def serve(request: web.Request) -> web.StreamResponse:
        try:
            body = await _json_body(request)
            result = handler(server, body)
        except (ValueError, TypeError, KeyError, RpcError) as error:
            return web.json_response({"error": str(error)}, status=400)
        return web.json_response(result)

    return serve


async def _json_body(request: web.Request) -> JsonObject:
    raw = await request.read()
    if not raw.strip():
        return {}
    body = json.loads(raw)
    if not isinstance(body, dict):
        raise TypeError("body must be a JSON object")
    return body


def _state(server: "SimulatorServer", _body: JsonObject) -> JsonValue:
    return server.device.state.as_dict()


_EV_PROFILE_KEYS = ("max_current", "phases", "needs_ventilation", "energy_wanted_wh")


def _ev(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    """Partial update: {plugged?, max_current?, phases?, full?, needs_ventilation?, ...}."""
    charger = server.charger
    if any(key in body for key in _EV_PROFILE_KEYS):
        profile = dataclasses.asdict(charger.ev)
        profile.update({key: body[key] for key in _EV_PROFILE_KEYS if key in body})
        charger.set_ev(
            max_current=as_float(profile["max_current"], "max_current"),
            phases=as_int(profile["phases"], "phases"),
            needs_ventilation=as_bool(profile["needs_ventilation"], "needs_ventilation"),
            energy_wanted_wh=_optional_float(profile["energy_wanted_wh"], "energy_wanted_wh"),
        )
    if "full" in body:
        charger.set_ev_full(as_bool(body["full"], "full"))
    if "plugged" in body:
        if as_bool(body["plugged"], "plugged"):
            charger.plug_in()
        else:
            charger.unplug()
    return charger.state.as_dict()


def _error(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    """{name, active}; without a name, {"active": false} clears every active error."""
    charger = server.charger
    active = as_bool(body.get("active", True), "active")
    if "name" not in body:
        if active:
            raise ValueError("name is required to raise an error")
        charger.clear_all_errors()
    elif active:
        charger.raise_error(as_str(body["name"], "name"))
    else:
        charger.clear_error(as_str(body["name"], "name"))
    return charger.state.as_dict()


def _advance(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    server.charger.advance(as_float(body["seconds"], "seconds"))
    return server.charger.state.as_dict()


def _add_fault(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    fault = server.faults.add(Fault.from_dict(body))
    return dataclasses.asdict(fault)


def _list_faults(server: "SimulatorServer", _body: JsonObject) -> JsonValue:
    return [dataclasses.asdict(fault) for fault in server.faults]


def _clear_faults(server: "SimulatorServer", _body: JsonObject) -> JsonValue:
    server.faults.clear()
    return True


def _stats(server: "SimulatorServer", _body: JsonObject) -> JsonValue:
    return {"total": server.total_requests, "per_method": dict(server.request_counts)}


def _reset_stats(server: "SimulatorServer", _body: JsonObject) -> JsonValue:
    server.reset_counts()
    return True


def _offline(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    """Drop off the network for {seconds}, then come back on the same port."""
    server.go_offline_for(as_float(body.get("seconds", 10), "seconds"))
    return True


def _firmware(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    """{update_available: "1.52" | null}: what Ota.Verify will find."""
    version = body.get("update_available")
    server.charger.offer_update(None if version is None else as_str(version, "update_available"))
    return server.charger.state.as_dict()


def _meter(server: "SimulatorServer", body: JsonObject) -> JsonValue:
    """{current, period?}: a paired energy meter drives the EM current; {"attached": false}
    unpairs it."""
    charger = server.charger
    if not as_bool(body.get("attached", True), "attached"):
        charger.detach_energy_meter()
    elif "period" in body or charger.state.meter_current is None:
        period = as_float(body.get("period", DEFAULT_METER_PERIOD), "period")
        charger.attach_energy_meter(as_int(body["current"], "current"), period=period)
    else:
        charger.set_meter_current(as_int(body["current"], "current"))
    return charger.state.as_dict()


def _optional_float(value: object, key: str) -> float | None:
    return None if value is None else as_float(value, key)


_ROUTES: tuple[tuple[str, str, ControlHandler], ...] = (
    ("GET", "/_sim/state", _state),
    ("POST", "/_sim/ev", _ev),
    ("POST", "/_sim/error", _error),
    ("POST", "/_sim/advance", _advance),
    ("GET", "/_sim/fault", _list_faults),
    ("POST", "/_sim/fault", _add_fault),
    ("DELETE", "/_sim/fault", _clear_faults),
    ("GET", "/_sim/stats", _stats),
    ("POST", "/_sim/stats/reset", _reset_stats),
    ("POST", "/_sim/offline", _offline),
    ("POST", "/_sim/firmware", _firmware),
    ("POST", "/_sim/meter", _meter),
)
