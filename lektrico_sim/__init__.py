"""A simulated Lektrico 1P7K / 3P22K charger speaking the local JSON-RPC API.

clock = ManualClock()
charger = ChargerSimulator(model="3p22k", serial=500006, clock=clock)
server = SimulatorServer(charger, latency=0.0)
await server.start(host="127.0.0.1", port=0)   # then talk to server.url
"""

from .charger import ChargerSimulator
from .clock import Clock, ManualClock, RealClock
from .error_flags import ERROR_FLAG_NAMES
from .ev import EvProfile
from .faults import FAULT_KINDS, Fault, FaultSet
from .limits import LimitReason
from .rpc import METHODS
from .rpc_errors import ErrorCode, RpcError
from .server import SimulatorServer
from .snapshot import ChargerState
from .state_machine import ExtendedState

__all__ = [
    "ERROR_FLAG_NAMES",
    "FAULT_KINDS",
    "METHODS",
    "ChargerSimulator",
    "ChargerState",
    "Clock",
    "ErrorCode",
    "EvProfile",
    "ExtendedState",
    "Fault",
    "FaultSet",
    "LimitReason",
    "ManualClock",
    "RealClock",
    "RpcError",
    "SimulatorServer",
]
