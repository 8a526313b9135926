"""The physical side of a charger: model ratings, mains voltages and board temperature."""

import math
from dataclasses import dataclass
from datetime import datetime

NOMINAL_VOLTAGE = 230.0
HARDWARE_MAX_CURRENT = 32
CABLE_CURRENT = 32  # a 32 A type 2 cable
OCPP_CURRENT = 32  # no OCPP backend in the simulator: never limiting
PHASE_COUNT = 3  # arrays in the API always have L1, L2, L3

type PhaseValues = tuple[float, float, float]
ZERO_PHASES: PhaseValues = (0.0, 0.0, 0.0)


# relay_mode values (dynamic_current.get/.set). Units without a phase relay report 0; a 3-phase
# unit switches between 3 (all phases) and 1 (forced single phase). Public clients never send 0.
NO_PHASE_RELAY = 0
SINGLE_PHASE = 1
THREE_PHASES = 3


@dataclass(frozen=True)
class ChargerModel:
    """A Lektrico model: the device_id prefix, how many phases it switches and the relay_mode
    values it accepts (the first one is what it reports after boot and factory reset)."""

    name: str
    phases: int
    relay_modes: tuple[int, ...]
    max_current: int = HARDWARE_MAX_CURRENT

    @property
    def default_relay_mode(self) -> int:
        return self.relay_modes[0]


MODELS = {
    model.name: model
    for model in (
        ChargerModel("1p7k", 1, relay_modes=(NO_PHASE_RELAY,)),
        ChargerModel("3p22k", 3, relay_modes=(THREE_PHASES, SINGLE_PHASE)),
    )
}


def model_named(name: str) -> ChargerModel:
    try:
        return MODELS[name.lower()]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; known: {', '.join(MODELS)}") from None


def mains_voltages(model: ChargerModel, at: datetime, currents: PhaseValues) -> PhaseValues:
    """Grid voltages: a slow deterministic wander around 230 V, sagging a little under load.

    A 1P7K only measures L1, so L2 and L3 read 0 like on a real unit.
    """
    seconds = at.timestamp()
    voltages = tuple(
        _phase_voltage(seconds, phase, currents[phase]) if phase < model.phases else 0.0
        for phase in range(PHASE_COUNT)
    )
    return (voltages[0], voltages[1], voltages[2])


def _phase_voltage(seconds: float, phase: int, amps: float) -> float:
    # Each phase wanders at its own pace, so the total power moves too (equal paces 120 degrees
    # apart would cancel out).
    wander = 2.5 * math.sin(2 * math.pi * seconds / (5400 + 900 * phase) + phase * 2.1)
    sag = 0.04 * amps  # supply-cable resistance
    return round(NOMINAL_VOLTAGE + 1.5 * phase - 1.2 + wander - sag, 2)


# Board temperature: relaxes exponentially toward ambient + self-heating + a rise per kW.
IDLE_SELF_HEATING = 3.0  # degC above ambient with no load
RISE_PER_KW = 1.1  # degC per kW delivered: ~+24 degC at 22 kW
THERMAL_TIME_CONSTANT = 900.0  # s
OVERTEMPERATURE_THRESHOLD = 65.0  # degC above which the charger derates
DERATED_CURRENT = 10  # A offered while over the threshold


@dataclass
class Thermal:
    """The board temperature reported in charger_info.get."""

    ambient: float = 21.0
    temperature: float | None = None

    def __post_init__(self) -> None:
        if self.temperature is None:
            self.temperature = self.ambient + IDLE_SELF_HEATING

    @property
    def celsius(self) -> float:
        assert self.temperature is not None
        return self.temperature

    @property
    def overheated(self) -> bool:
        return self.celsius > OVERTEMPERATURE_THRESHOLD

    def step(self, power_w: float, seconds: float) -> None:
        # Exact solution of dT/dt = (target - T) / tau for a constant power over the step.
        target = self.ambient + IDLE_SELF_HEATING + RISE_PER_KW * power_w / 1000
        decay = math.exp(-seconds / THERMAL_TIME_CONSTANT)
        self.temperature = target + (self.celsius - target) * decay
