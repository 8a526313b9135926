"""The method tables (normalized method name -> handler, with parameter checks) of the charger
and of the energy meter, and the dispatcher that runs a device's methods."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import responses
from .charger import ChargerSimulator
from .json_types import JsonValue
from .meter import EnergyMeterSimulator
from .rpc_errors import ErrorCode, MethodNotFoundError, RpcError
from .snapshot import ChargerState
from .values import as_int, as_str


class Params:
    """A request's parameters. Key lookup ignores case, as the firmware's JSON parser does."""

    def __init__(self, raw: Mapping[str, object]) -> None:
        self._values = {key.lower(): value for key, value in raw.items()}

    def required(self, name: str) -> object:
        if name.lower() not in self._values:
            raise RpcError(ErrorCode.REQUEST_FORMAT, f"missing {name}")
        return self._values[name.lower()]

    def optional(self, name: str) -> object | None:
        return self._values.get(name.lower())


type Handler = Callable[[ChargerSimulator, Params], JsonValue]
type MeterHandler = Callable[[EnergyMeterSimulator, Params], JsonValue]


def _query(build: Callable[[ChargerState], JsonValue]) -> Handler:
    """A read method: answers from a snapshot."""
    return lambda charger, _params: build(charger.state)


def _command(action: Callable[[ChargerSimulator], None]) -> Handler:
    """A method without parameters that acts and answers `true`."""

    def handler(charger: ChargerSimulator, _params: Params) -> JsonValue:
        action(charger)
        return True

    return handler


def _charge_start(charger: ChargerSimulator, params: Params) -> JsonValue:
    tag = params.optional("tag")
    charger.start_charging(None if tag is None else as_str(tag, "tag"))
    return True


def _app_config_set(charger: ChargerSimulator, params: Params) -> JsonValue:
    key = as_str(params.required("config_key"), "config_key")
    charger.set_app_config(key, params.required("config_value"))
    return True


def _ap_password_set(charger: ChargerSimulator, params: Params) -> JsonValue:
    charger.set_ap_password(as_str(params.required("password"), "password"))
    return True


def _charging_schedule_set(charger: ChargerSimulator, params: Params) -> JsonValue:
    charger.set_schedule(params.required("charging_schedule"))
    return True


def _em_current_set(charger: ChargerSimulator, params: Params) -> JsonValue:
    charger.set_em_current(as_int(params.required("EM_current"), "EM_current"))
    return True


def _dynamic_current_set(charger: ChargerSimulator, params: Params) -> JsonValue:
    amps = as_int(params.required("dynamic_current"), "dynamic_current")
    relay_mode = params.optional("relay_mode")
    charger.set_dynamic_current(
        amps, None if relay_mode is None else as_int(relay_mode, "relay_mode")
    )
    return True


def _schedule(state: ChargerState) -> JsonValue:
    return {"charging_schedule": list(state.schedule)}


# Lower-case names: callers normalize with .lower() before looking up.
METHODS: Mapping[str, Handler] = {
    # Document section 5
    "charge.start": _charge_start,
    "charge.stop": _command(ChargerSimulator.stop_charging),
    "charge.pause": _command(ChargerSimulator.pause_charging),
    "charge.resume": _command(ChargerSimulator.resume_charging),
    "app_config.get": _query(lambda state: state.app_config),
    "app_config.set": _app_config_set,
    "charger_info.get": _query(responses.charger_info),
    "sw_version.get": _query(responses.sw_version),
    "device.reset": _command(ChargerSimulator.reset_device),
    "logged_errors.get": _query(responses.logged_errors),
    "logged_errors.reset": _command(ChargerSimulator.reset_logged_errors),
    "active_errors.get": _query(responses.active_errors),
    "wifi_status.get": _query(responses.wifi_status),
    "system_currents.get": _query(responses.system_currents),
    "counters_config.get": _query(lambda state: state.counters),
    "ota.verify": _command(ChargerSimulator.verify_ota),
    "factory.reset": _command(ChargerSimulator.factory_reset),
    "ap_password.set": _ap_password_set,
    "device_info.get": _query(responses.device_info),
    "charging_schedule.set": _charging_schedule_set,
    "charging_schedule.get": _query(_schedule),
    "charging_schedule.override": _command(ChargerSimulator.override_schedule),
    "em_current.set": _em_current_set,
    "em_current.get": _query(lambda state: {"EM_current": state.em_current}),
    "em_status.get": _query(lambda state: {"em_offline": state.em_offline}),
    # Seen on real units (field notes)
    "device_id.get": _query(lambda state: {"device_id": state.device_id}),
    "charger_config.get": _query(responses.charger_config),
    "dynamic_current.get": _query(responses.dynamic_current),
    "dynamic_current.set": _dynamic_current_set,
}


def _meter_app_config_set(meter: EnergyMeterSimulator, params: Params) -> JsonValue:
    key = as_str(params.required("config_key"), "config_key")
    meter.set_app_config(key, params.required("config_value"))
    return True


def _meter_sw_version(meter: EnergyMeterSimulator, _params: Params) -> JsonValue:
    state = meter.state
    return {"fw_version": state.fw_version, "fw_id": state.fw_id}


# What a charger client may meet on an energy meter: identification and configuration. Every
# charger method (charger_info.get first) is unknown there.
METER_METHODS: Mapping[str, MeterHandler] = {
    "device_id.get": lambda meter, _params: {"device_id": meter.device_id},
    "app_config.get": lambda meter, _params: meter.state.app_config,
    "app_config.set": _meter_app_config_set,
    "sw_version.get": _meter_sw_version,
}


@dataclass
class RpcDispatcher[D]:
    """Runs a device's methods; `lacking` are methods its firmware does not have."""

    device: D
    methods: Mapping[str, Callable[[D, Params], JsonValue]]
    lacking: frozenset[str] = frozenset()

    def call(self, method: str, params: Mapping[str, object]) -> JsonValue:
        """Run `method` (normalized); raises RpcError, or MethodNotFoundError if unknown."""
        handler = self.methods.get(method)
        if handler is None or method in self.lacking:
            raise MethodNotFoundError(method)
        return handler(self.device, Params(params))


type Device = ChargerSimulator | EnergyMeterSimulator
type AnyDispatcher = RpcDispatcher[ChargerSimulator] | RpcDispatcher[EnergyMeterSimulator]


def dispatcher_for(device: Device) -> AnyDispatcher:
    """A charger answers its firmware profile's methods; a meter its own few."""
    if isinstance(device, ChargerSimulator):
        return RpcDispatcher(device, METHODS, device.profile.missing_methods)
    return RpcDispatcher(device, METER_METHODS)
