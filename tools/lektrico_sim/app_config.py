"""Application configuration keys: the charger's (section 3 of the document) and the energy
meter's (`load_balancing_mode` and a few more)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .json_types import JsonObject, JsonValue
from .rpc_errors import ErrorCode, RpcError
from .values import ValueKind, as_int, coerce, require_range

INT_MAX = 2_147_483_647
LED_TEMPLATE_VALUES = 12  # 4 segments x (red, green, blue)
OWNER_ID = "owner_id"


def _check_led_template(text: str) -> None:
    """ "r1,g1,b1,...,r4,g4,b4": 12 integers 0..255; "" clears the template."""
    if text == "":
        return
    parts = text.split(",")
    if len(parts) != LED_TEMPLATE_VALUES:
        raise RpcError(ErrorCode.WRONG_TYPE, f"led_template needs {LED_TEMPLATE_VALUES} values")
    for part in parts:
        require_range(as_int(part, "led_template"), 0, 255, "led_template")


@dataclass(frozen=True)
class ConfigKey:
    """One key: its type, factory default and accepted values."""

    name: str
    kind: ValueKind
    default: JsonValue
    low: float | None = None
    high: float | None = None
    max_length: int | None = None  # strings live in fixed-size firmware buffers
    check_text: Callable[[str], None] | None = None

    def validate(self, raw: object) -> JsonValue:
        """Return the value to store, or raise RpcError (-5 type, -4 range, -3 length)."""
        value = coerce(self.kind, raw, self.name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            self._check_range(value)
        if isinstance(value, str):
            self._check_text(value)
        assert isinstance(value, bool | int | float | str)  # kinds used here are scalars
        return value

    def _check_range(self, value: float) -> None:
        if self.low is not None and self.high is not None:
            require_range(value, self.low, self.high, self.name)

    def _check_text(self, value: str) -> None:
        if self.max_length is not None and len(value) > self.max_length:
            raise RpcError(ErrorCode.STRING_LENGTH, f"{self.name} is longer than {self.max_length}")
        if self.check_text is not None:
            self.check_text(value)


def _text(name: str, max_length: int = 64) -> ConfigKey:
    return ConfigKey(name, ValueKind.STRING, "", max_length=max_length)


def _flag(name: str, default: bool) -> ConfigKey:
    return ConfigKey(name, ValueKind.BOOL, default)


APP_CONFIG_KEYS: tuple[ConfigKey, ...] = (
    _flag("headless", True),
    ConfigKey("install_current", ValueKind.INT, 6, 6, 32),
    # The document says 10..100; the vendor has since lowered the minimum to 0 (real units).
    ConfigKey("led_max_brightness", ValueKind.INT, 100, 0, 100),
    ConfigKey("led_dimming_delay", ValueKind.INT, 0, 0, INT_MAX),
    _flag("charger_locked", False),
    _flag("led_template_enabled", False),
    ConfigKey("led_template", ValueKind.STRING, "", max_length=64, check_text=_check_led_template),
    _text("charger_alias"),
    ConfigKey("latitude", ValueKind.FLOAT, 0.0, -90, 90),
    ConfigKey("longitude", ValueKind.FLOAT, 0.0, -180, 180),
    _text("ocpp_server_link", max_length=256),
    # The document's default 0 is outside 1..3: it means "not configured yet".
    ConfigKey("connected_phase", ValueKind.INT, 0, 1, 3),
    _text(OWNER_ID),
    ConfigKey("user_current", ValueKind.INT, 32, 6, 32),
    ConfigKey("gmt_offset", ValueKind.INT, 0, -12, 12),
    _flag("precise_pwm_mode", False),
    _flag("energy_management_enabled", False),
    _flag("charging_schedule_enabled", False),
    _text("em_id"),
    _text("timezone"),
)

# 0 off, 1 power, 2 hybrid, 3 green: a key of the energy meter's configuration. A charger has it
# only when built with it (`ChargerSimulator(app_config={"load_balancing_mode": 1})`), for tests
# of clients that meet a unit carrying it anyway.
LOAD_BALANCING_MODE = ConfigKey("load_balancing_mode", ValueKind.INT, 0, 0, 3)
OPTIONAL_CHARGER_KEYS: tuple[ConfigKey, ...] = (LOAD_BALANCING_MODE,)

METER_CONFIG_KEYS: tuple[ConfigKey, ...] = (
    LOAD_BALANCING_MODE,
    ConfigKey("breaker_current", ValueKind.INT, 25, 6, 100),  # the main fuse it protects, A
    ConfigKey("led_max_brightness", ValueKind.INT, 100, 0, 100),
    _text("meter_alias"),
    ConfigKey("gmt_offset", ValueKind.INT, 0, -12, 12),
    _text("timezone"),
)


class AppConfig:
    """The configuration store behind App_config.Get / App_config.Set.

    `keys` are the device's keys; an `optional_keys` entry joins them only when `overrides`
    names it, so a device has exactly the keys its firmware knows (others are error -6).
    """

    def __init__(
        self,
        overrides: Mapping[str, object] | None = None,
        *,
        keys: tuple[ConfigKey, ...] = APP_CONFIG_KEYS,
        optional_keys: tuple[ConfigKey, ...] = OPTIONAL_CHARGER_KEYS,
    ) -> None:
        named = {_normalized(name) for name in overrides or {}}
        self._keys = {key.name: key for key in keys}
        self._keys.update({key.name: key for key in optional_keys if key.name in named})
        self._values: JsonObject = {}
        self._owner_id_locked = False
        self.reset_to_defaults()
        for name, raw in (overrides or {}).items():
            key = self._key_named(name)
            self._values[key.name] = key.validate(raw)

    def set(self, name: str, raw: object) -> None:
        """Validate and store one key as App_config.Set does."""
        key = self._key_named(name)
        value = key.validate(raw)
        if key.name == OWNER_ID:
            self._lock_owner_id()
        self._values[key.name] = value

    def reset_to_defaults(self) -> None:
        self._values = {key.name: key.default for key in self._keys.values()}
        self._owner_id_locked = False

    def as_dict(self) -> JsonObject:
        return dict(self._values)

    def restore(self, values: Mapping[str, JsonValue], *, owner_id_locked: bool) -> None:
        """Load previously saved values (unknown or invalid ones keep their default)."""
        for name, value in values.items():
            key = self._keys.get(name)
            if key is None:
                continue
            try:
                self._values[name] = key.validate(value)
            except RpcError:
                continue
        self._owner_id_locked = owner_id_locked

    @property
    def owner_id_locked(self) -> bool:
        return self._owner_id_locked

    def flag(self, name: str) -> bool:
        value = self._values[name]
        assert isinstance(value, bool)
        return value

    def integer(self, name: str) -> int:
        value = self._values[name]
        assert isinstance(value, int)
        return value

    def _key_named(self, name: str) -> ConfigKey:
        key = self._keys.get(_normalized(name))
        if key is None:
            raise RpcError(ErrorCode.UNKNOWN_KEY, f"unknown config key {name!r}")
        return key

    def _lock_owner_id(self) -> None:
        # The document: "May only be set once after factory reset."
        if self._owner_id_locked:
            raise RpcError(ErrorCode.GENERAL_FAIL, "owner_id is already set")
        self._owner_id_locked = True


def _normalized(name: str) -> str:
    return name.strip().lower()
