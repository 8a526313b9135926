"""A simulated Lektrico 1P7K / 3P22K charger (and energy meter) speaking the local JSON-RPC API.

clock = ManualClock()
charger = ChargerSimulator(model="3p22k", serial=500006, clock=clock, firmware="1.47")
server = SimulatorServer(charger, latency=0.0)   # or SimulatorServer(EnergyMeterSimulator())
await server.start(host="127.0.0.1", port=0)   # then talk to server.url
"""

from .charger import ChargerSimulator
from .clock import Clock, ManualClock, RealClock
from .error_flags import ERROR_FLAG_NAMES
from .ev import EvProfile
from .faults import FAULT_KINDS, Fault, FaultSet
from .limits import LimitReason
from .meter import EnergyMeterSimulator, MeterState
from .profiles import FIRMWARE_PROFILES, FirmwareProfile
from .rpc import METER_METHODS, METHODS
from .rpc_errors import ErrorCode, RpcError
from .server import SimulatorServer
from .snapshot import ChargerState
from .state_machine import ExtendedState
from .transport import UNKNOWN_METHOD_MODES

__all__ = [
    "ERROR_FLAG_NAMES",
    "FAULT_KINDS",
    "FIRMWARE_PROFILES",
    "METER_METHODS",
    "METHODS",
    "UNKNOWN_METHOD_MODES",
    "ChargerSimulator",
    "ChargerState",
    "Clock",
    "EnergyMeterSimulator",
    "ErrorCode",
    "EvProfile",
    "ExtendedState",
    "Fault",
    "FaultSet",
    "FirmwareProfile",
    "LimitReason",
    "ManualClock",
    "MeterState",
    "RealClock",
    "RpcError",
    "SimulatorServer",
]
