"""A Lektrico energy meter (EM / 3EM) as a client finds it on the network.

Meters run the same firmware family as chargers and announce themselves with the same
`lektrico...` mDNS names, so a client that identifies devices must tell them apart: a meter's
Device_id.Get answers "m2w_<serial>", it has no Charger_info.Get, and `load_balancing_mode`
lives in its configuration. Only what a charger client may touch is modelled; the load
balancing itself is `ChargerSimulator.attach_energy_meter`.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime

from .app_config import METER_CONFIG_KEYS, AppConfig
from .clock import Clock, RealClock
from .energy_management import DEFAULT_METER_SERIAL, METER_MODEL, meter_device_id
from .json_types import JsonObject, JsonValue

METER_FW_VERSION = "1.47"
METER_FW_ID_FORMAT = "20231027-083512/v{version}-9-g41d0b7e-develop-dirty"


@dataclass(frozen=True)
class MeterState:
    """Everything observable about the meter (`EnergyMeterSimulator.state`)."""

    time: datetime
    model: str
    serial: int
    device_id: str
    fw_version: str
    fw_id: str
    app_config: JsonObject

    def __getitem__(self, name: str) -> object:
        return getattr(self, name)

    def as_dict(self) -> JsonObject:
        values: dict[str, JsonValue] = asdict(self)
        values["time"] = self.time.isoformat()
        return values


class EnergyMeterSimulator:
    """A simulated Lektrico energy meter; serve it with `SimulatorServer(meter)`."""

    def __init__(
        self,
        serial: int = DEFAULT_METER_SERIAL,
        clock: Clock | None = None,
        *,
        fw_version: str = METER_FW_VERSION,
        app_config: Mapping[str, object] | None = None,
    ) -> None:
        self._serial = serial
        self._clock: Clock = clock if clock is not None else RealClock()
        self._fw_version = fw_version
        self._config = AppConfig(app_config, keys=METER_CONFIG_KEYS, optional_keys=())

    @property
    def device_id(self) -> str:
        """ "m2w_<serial>": how Device_id.Get tells a meter from a charger."""
        return meter_device_id(self._serial)

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def state(self) -> MeterState:
        return MeterState(
            time=self._clock.now(),
            model=METER_MODEL,
            serial=self._serial,
            device_id=self.device_id,
            fw_version=self._fw_version,
            fw_id=METER_FW_ID_FORMAT.format(version=self._fw_version),
            app_config=self._config.as_dict(),
        )

    def set_app_config(self, key: str, value: object) -> None:
        """App_config.Set: validated like a charger's (error codes -3..-6)."""
        self._config.set(key, value)
