"""Async client for the local JSON-RPC API of Lektrico 1P7K / 3P22K chargers."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Self

import aiohttp
import orjson
from yarl import URL

from . import validation
from ._parse import SurpriseLog
from .const import RelayMode
from .exceptions import (
    LektricoConnectionError,
    LektricoDeviceError,
    LektricoError,
    LektricoNotAChargerError,
    LektricoResponseError,
    LektricoTimeoutError,
    LektricoUnsupportedMethodError,
)
from .models import (
    AppConfig,
    ChargerConfig,
    ChargerInfo,
    Counters,
    DeviceIdentity,
    DeviceInfo,
    DynamicCurrent,
    EmStatus,
    ErrorFlags,
    ScheduleInterval,
    SoftwareVersion,
    SystemCurrents,
    WifiStatus,
    em_current_from_response,
    schedule_from_response,
)

_LOGGER = logging.getLogger(__package__)

DEFAULT_TIMEOUT = 10.0
HTTP_NOT_FOUND = 404
HTTP_BAD_REQUEST = 400
# How a unit lacking a method answers is not public: HTTP 404, or an error object. Any
# other error code on a read is still treated as "not here" where features are detected.
JSONRPC_METHOD_NOT_FOUND = -32601


class LektricoClient:
    """One charger. Reads use `GET /rpc/<method>`, writes the JSON-RPC `POST /rpc`.

    Requests are sent one at a time: the charger's web server serves one at a
    time anyway, and queueing here keeps a slow answer from being timed out by
    the request behind it.

    Each client logs a firmware surprise (a missing field, an unknown state) once, in
    its own `surprises`: a second charger with the same firmware still gets its line.
    """

    def __init__(
        self,
        host: str,
        *,
        session: aiohttp.ClientSession | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
        source: str = "lektrico_local",
    ) -> None:
        self.host = host
        self._base = URL(f"http://{host}")
        self._session = session
        self._owns_session = session is None
        self._timeout = request_timeout
        self._source = source
        self._ids = itertools.count(1)
        self._lock = asyncio.Lock()
        self.surprises = SurpriseLog()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session if this client created it."""
        if self._session and self._owns_session:
            await self._session.close()
            self._session = None

    # --- transport -------------------------------------------------------------------------

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    async def _exchange(self, method: str, http_method: str, body: bytes | None = None) -> Any:
        """One HTTP round trip; every failure comes out as a LektricoError."""
        url = self._base / "rpc" if body is not None else self._base / "rpc" / method
        headers = {"Content-Type": "application/json"} if body is not None else None
        try:
            # The timeout starts once the lock is held: waiting for our turn does not count.
            async with (
                self._lock,
                asyncio.timeout(self._timeout),
                self._http().request(http_method, url, data=body, headers=headers) as response,
            ):
                payload = await response.read()
                status = response.status
        except TimeoutError as err:
            raise LektricoTimeoutError(f"{method}: no answer within {self._timeout} s") from err
        except (aiohttp.ClientError, OSError) as err:
            raise LektricoConnectionError(f"{method}: {err or type(err).__name__}") from err
        return _decode(method, status, payload)

    async def _read(self, method: str) -> Any:
        return _unwrap(method, await self._exchange(method, "GET"))

    async def _call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        request: dict[str, Any] = {"src": self._source, "id": next(self._ids), "method": method}
        if params is not None:
            request["params"] = params
        return _unwrap(method, await self._exchange(method, "POST", orjson.dumps(request)))

    async def _command(self, method: str, params: dict[str, Any] | None = None) -> None:
        """A write whose success the charger answers with `true`."""
        result = await self._call(method, params)
        if result is False:
            raise LektricoDeviceError(method, -1, "the charger answered false")

    # --- reads -----------------------------------------------------------------------------

    async def charger_info(self) -> ChargerInfo:
        """Live state, power, energy: `Charger_info.Get`."""
        return ChargerInfo.from_response(await self._read("charger_info.get"), self.surprises)

    async def app_config(self) -> AppConfig:
        """Application configuration: `App_config.Get`."""
        return AppConfig.from_response(await self._read("app_config.get"), self.surprises)

    async def counters(self) -> Counters:
        """Lifetime counters: `Counters_config.Get`."""
        return Counters.from_response(await self._read("counters_config.get"), self.surprises)

    async def software_version(self) -> SoftwareVersion:
        """`Sw_version.Get`."""
        return SoftwareVersion.from_response(await self._read("sw_version.get"), self.surprises)

    async def logged_errors(self) -> ErrorFlags:
        """Errors kept until `reset_logged_errors`: `Logged_errors.Get`."""
        return ErrorFlags.from_response(
            await self._read("logged_errors.get"), self.surprises, source="logged_errors"
        )

    async def active_errors(self) -> ErrorFlags:
        """Errors present now: `Active_errors.Get`."""
        return ErrorFlags.from_response(
            await self._read("active_errors.get"), self.surprises, source="active_errors"
        )

    async def wifi_status(self) -> WifiStatus:
        """`Wifi_status.Get`."""
        return WifiStatus.from_response(await self._read("wifi_status.get"), self.surprises)

    async def system_currents(self) -> SystemCurrents:
        """Every current limit: `System_currents.Get`."""
        return SystemCurrents.from_response(await self._read("system_currents.get"), self.surprises)

    async def device_info(self) -> DeviceInfo:
        """`Device_info.Get`."""
        return DeviceInfo.from_response(await self._read("device_info.get"), self.surprises)

    async def device_id(self) -> DeviceInfo:
        """`Device_id.Get` (real units): only `device_id` is filled in."""
        return DeviceInfo.from_response(await self._read("device_id.get"), self.surprises)

    async def charger_config(self) -> ChargerConfig:
        """`charger_config.get` (real units): serial number and board revision."""
        return ChargerConfig.from_response(await self._read("charger_config.get"), self.surprises)

    async def charging_schedule(self) -> list[ScheduleInterval]:
        """`Charging_schedule.Get`."""
        return schedule_from_response(await self._read("charging_schedule.get"), self.surprises)

    async def em_current(self) -> int | None:
        """The energy management current: `EM_current.Get`."""
        return em_current_from_response(await self._read("em_current.get"), self.surprises)

    async def em_status(self) -> EmStatus:
        """Whether the energy management device is offline: `EM_status.Get`."""
        return EmStatus.from_response(await self._read("em_status.get"), self.surprises)

    async def dynamic_current(self) -> DynamicCurrent:
        """`dynamic_current.get` (real units)."""
        return DynamicCurrent.from_response(await self._read("dynamic_current.get"), self.surprises)

    async def identify(self) -> DeviceIdentity:
        """Serial number and model, from whichever identity method the firmware has.

        `Device_id.Get` first, as every public client asks. Any answer that is not the charger
        speaking (HTTP 404, an error object, garbage) moves on to the next method; a
        connection error does not, since nothing else would answer either.
        """
        for read in (self.device_id, self.device_info):
            info = await _unless_refused(read)
            if info is None or not info.device_id:
                continue
            if info.is_energy_meter:
                raise LektricoNotAChargerError(info.device_id)
            if info.serial_number:
                # Device_id.Get tells only the id; the alias and version are a bonus.
                details = info if info.fw_version else await _unless_refused(self.device_info)
                alias = details.charger_alias if details else await self._alias()
                return DeviceIdentity(
                    info.serial_number,
                    info.model,
                    details.fw_version if details else None,
                    alias,
                )
        config = await _unless_refused(self.charger_config)
        if config is None or not config.serial_number:
            raise LektricoResponseError("the device did not tell its serial number")
        version = await _unless_refused(self.software_version)
        return DeviceIdentity(config.serial_number, None, version.fw_version if version else None)

    async def _alias(self) -> str | None:
        """The name given in the app, from the app config (firmware without Device_info.Get)."""
        config = await _unless_refused(self.app_config)
        return config.charger_alias if config else None

    # --- writes ----------------------------------------------------------------------------

    async def start_charging(self, tag: str | None = None) -> None:
        """Authorize and start a session (`Charge.Start`), optionally with a tag."""
        params = {"tag": validation.validate_tag(tag)} if tag is not None else None
        await self._command("charge.start", params)

    async def stop_charging(self) -> None:
        """Deauthorize and end charging: `Charge.Stop`."""
        await self._command("charge.stop")

    async def pause_charging(self) -> None:
        """Pause, keeping the session authorized: `Charge.Pause`."""
        await self._command("charge.pause")

    async def resume_charging(self) -> None:
        """Resume after a pause: `Charge.Resume`."""
        await self._command("charge.resume")

    async def set_app_config(self, key: str, value: Any) -> None:
        """Set one configuration key (spec section 3), checked against its type and range."""
        key, value = validation.validate_app_config(key, value)
        await self._command("app_config.set", {"config_key": key, "config_value": value})

    async def reboot(self) -> None:
        """`Device.Reset`: restarts once any active session has ended."""
        await self._command("device.reset")

    async def reset_logged_errors(self) -> None:
        """`Logged_errors.Reset`."""
        await self._command("logged_errors.reset")

    async def check_for_update(self) -> None:
        """`Ota.Verify`: check for new firmware and install it if there is one."""
        await self._command("ota.verify")

    async def factory_reset(self) -> None:
        """`Factory.Reset`: every setting back to its default."""
        await self._command("factory.reset")

    async def set_ap_password(self, password: str) -> None:
        """`Ap_password.Set`: 8..63 characters, or empty to remove the password."""
        await self._command(
            "ap_password.set", {"password": validation.validate_ap_password(password)}
        )

    async def set_charging_schedule(self, intervals: Iterable[ScheduleInterval]) -> None:
        """`Charging_schedule.Set`: replaces the whole schedule."""
        checked = validation.validate_schedule(intervals)
        await self._command(
            "charging_schedule.set",
            {"charging_schedule": [interval.as_wire() for interval in checked]},
        )

    async def override_charging_schedule(self) -> None:
        """`Charging_schedule.Override`: charge now, ignoring the schedule until unplugged."""
        await self._command("charging_schedule.override")

    async def set_em_current(self, current: int) -> None:
        """`EM_current.Set`: 0 pauses, 6..32 A charges at most that current."""
        await self._command(
            "em_current.set", {"EM_current": validation.charging_current("EM_current", current)}
        )

    async def set_dynamic_current(
        self, current: int, relay_mode: RelayMode | int | None = None
    ) -> None:
        """`dynamic_current.set` (real units): 0 pauses, 6..32 A; relay_mode 1 or 3 phases."""
        params: dict[str, Any] = {
            "dynamic_current": validation.charging_current("dynamic_current", current)
        }
        if relay_mode is not None:
            params["relay_mode"] = validation.relay_mode(relay_mode)
        await self._command("dynamic_current.set", params)

    async def set_relay_mode(self, relay_mode: RelayMode | int) -> None:
        """Switch a 3P22K between one and three phases, leaving the dynamic current as it is.

        The relays are set together with the dynamic current, so the current is read first
        and sent back unchanged: a paused unit (0 A) stays paused.
        """
        wanted = validation.relay_mode(relay_mode)
        current = (await self.dynamic_current()).dynamic_current
        if current is None:
            raise LektricoResponseError("dynamic_current.get: no dynamic_current to keep")
        await self.set_dynamic_current(current, wanted)


async def _unless_refused[T](read: Callable[[], Awaitable[T]]) -> T | None:
    """A read's answer, or None when the firmware does not answer it as a charger would."""
    try:
        return await read()
    except (LektricoUnsupportedMethodError, LektricoDeviceError, LektricoResponseError):
        return None


def _decode(method: str, status: int, payload: bytes) -> Any:
    """HTTP status and body -> JSON, or the matching exception."""
    if status == HTTP_NOT_FOUND:
        raise LektricoUnsupportedMethodError(method)
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as err:
        if status >= HTTP_BAD_REQUEST:
            raise LektricoResponseError(f"{method}: HTTP {status}") from err
        raise LektricoResponseError(f"{method}: the answer is not JSON ({payload[:40]!r})") from err
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        error = data["error"]
        code = error.get("code")
        if code == JSONRPC_METHOD_NOT_FOUND:
            raise LektricoUnsupportedMethodError(method)
        raise LektricoDeviceError(
            method, code if isinstance(code, int) else -1, str(error.get("message", ""))
        )
    if status >= HTTP_BAD_REQUEST:
        raise LektricoResponseError(f"{method}: HTTP {status}")
    return data


def _unwrap(method: str, data: Any) -> Any:
    """The JSON-RPC envelope's result; a bare answer (GET) is returned as it is."""
    if isinstance(data, dict) and "result" in data and ("id" in data or len(data) == 1):
        return data["result"]
    if data is None:
        raise LektricoResponseError(f"{method}: empty answer")
    return data


__all__ = ["LektricoClient", "LektricoError"]
