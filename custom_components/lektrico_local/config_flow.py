"""Config flow: manual host, zeroconf discovery, reconfigure, and the options."""

from __future__ import annotations

from typing import Any

import voluptuous as vol
from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.config_entries import ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_HOST
from homeassistant.core import StateMachine, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    TextSelector,
    TimeSelector,
)
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo

from .api import (
    MAX_CHARGING_CURRENT,
    MIN_CHARGING_CURRENT,
    DeviceIdentity,
    LektricoClient,
    LektricoConnectionError,
    LektricoError,
    LektricoNotAChargerError,
)
from .const import (
    CONF_BATTERY_INVERTED,
    CONF_BATTERY_POWER_SENSOR,
    CONF_BATTERY_PRIORITY_SOC,
    CONF_BATTERY_SOC_SENSOR,
    CONF_CAR_CAPACITY,
    CONF_CAR_SOC_SENSOR,
    CONF_CONTROL_LEVER,
    CONF_CYCLE,
    CONF_DETAILED_DIAGNOSTICS,
    CONF_DISABLE_DELAY,
    CONF_ENABLE_DELAY,
    CONF_EXPORT_SENSOR,
    CONF_FIXED_PRICE,
    CONF_FUSE_FALLBACK,
    CONF_FUSE_HOLD_TIME,
    CONF_FUSE_MARGIN,
    CONF_FUSE_RATING,
    CONF_FUSE_SENSORS,
    CONF_GRID_INVERTED,
    CONF_GRID_SENSOR,
    CONF_MAX_CURRENT,
    CONF_MIN_CURRENT,
    CONF_MIN_OFF_TIME,
    CONF_MIN_ON_TIME,
    CONF_PHASE_SWITCHING,
    CONF_PHASES,
    CONF_PRICE_SENSOR,
    CONF_RESIDUAL_POWER,
    CONF_SCAN_INTERVAL,
    CONF_SOLAR_FORECAST_SENSOR,
    DEFAULT_CONTROL_LEVER,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    LOGGER,
    MAX_SCAN_INTERVAL,
    MIN_SCAN_INTERVAL,
    PHASES_AUTO,
    WEEKDAYS,
    ControlLever,
    departure_option,
)
from .coordinator import LektricoConfigEntry
from .fuse import FuseSettings
from .fuse_guarding import fuse_settings
from .solar import SolarSettings
from .solar.settings import SolarSettingsError
from .solar_charging import NUMBER_OPTIONS, solar_settings

HOST_SCHEMA = vol.Schema({vol.Required(CONF_HOST): TextSelector()})


def clean_host(text: str) -> str:
    """What people paste: 'http://192.168.1.20/' -> '192.168.1.20'."""
    host = text.strip()
    for prefix in ("http://", "https://"):
        host = host.removeprefix(prefix)
    return host.rstrip("/")


def entry_title(identity: DeviceIdentity) -> str:
    """The charger's alias from the app, else its model and serial number."""
    if identity.alias:
        return identity.alias
    model = identity.model.display_name if identity.model else "charger"
    return f"Lektrico {model} {identity.serial_number}"


class LektricoConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a Lektrico charger."""

    VERSION = 1
    # 1.2: the Detailed diagnostics option (async_migrate_entry sets it for older entries).
    MINOR_VERSION = 2

    def __init__(self) -> None:
        self._host = ""
        self._identity: DeviceIdentity | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: LektricoConfigEntry) -> LektricoOptionsFlow:
        """The options: polling, current control, detailed diagnostics, solar charging."""
        return LektricoOptionsFlow()

    async def _identify(self, host: str) -> tuple[DeviceIdentity | None, str | None]:
        """Ask the charger who it is: (identity, None) or (None, error key)."""
        client = LektricoClient(host, session=async_get_clientsession(self.hass))
        try:
            return await client.identify(), None
        except LektricoConnectionError:
            return None, "cannot_connect"
        except LektricoNotAChargerError:
            return None, "energy_meter"
        except LektricoError:
            return None, "not_a_charger"
        except Exception:
            LOGGER.exception("Unexpected error identifying %s", host)
            return None, "unknown"

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """A host typed in by the user."""
        errors: dict[str, str] = {}
        if user_input is not None:
            host = clean_host(user_input[CONF_HOST])
            identity, error = await self._identify(host)
            if error == "energy_meter":
                return self.async_abort(reason=error)
            if identity:
                await self.async_set_unique_id(identity.serial_number, raise_on_progress=False)
                self._abort_if_unique_id_configured(updates={CONF_HOST: host})
                return self.async_create_entry(title=entry_title(identity), data={CONF_HOST: host})
            errors[CONF_HOST] = str(error)
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(HOST_SCHEMA, user_input),
            errors=errors,
        )

    async def async_step_zeroconf(self, discovery_info: ZeroconfServiceInfo) -> ConfigFlowResult:
        """A charger announced itself on the network."""
        host = (
            discovery_info.host
            if discovery_info.port in (None, 80)
            else f"{discovery_info.host}:{discovery_info.port}"
        )
        identity, error = await self._identify(host)
        if identity is None:
            return self.async_abort(reason=str(error))
        await self.async_set_unique_id(identity.serial_number)
        # A known charger at a new address: follow it, no questions asked.
        self._abort_if_unique_id_configured(updates={CONF_HOST: host})
        self._host, self._identity = host, identity
        self.context["title_placeholders"] = {"name": entry_title(identity)}
        return await self.async_step_zeroconf_confirm()

    async def async_step_zeroconf_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Confirm adding the discovered charger."""
        assert self._identity is not None
        if user_input is not None:
            return self.async_create_entry(
                title=entry_title(self._identity), data={CONF_HOST: self._host}
            )
        return self.async_show_form(
            step_id="zeroconf_confirm",
            description_placeholders={
                "name": entry_title(self._identity),
                "model": self._identity.model.display_name if self._identity.model else "?",
                "serial": self._identity.serial_number,
                "host": self._host,
            },
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """A new address for the same charger."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            host = clean_host(user_input[CONF_HOST])
            identity, error = await self._identify(host)
            if identity:
                await self.async_set_unique_id(identity.serial_number)
                self._abort_if_unique_id_mismatch(reason="different_charger")
                return self.async_update_reload_and_abort(entry, data_updates={CONF_HOST: host})
            errors[CONF_HOST] = str(error)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=self.add_suggested_values_to_schema(HOST_SCHEMA, user_input or entry.data),
            errors=errors,
        )


def _seconds(minimum: int, maximum: int) -> NumberSelector:
    return NumberSelector(
        NumberSelectorConfig(
            min=minimum, max=maximum, step=1, unit_of_measurement="s", mode=NumberSelectorMode.BOX
        )
    )


def _amps() -> NumberSelector:
    return NumberSelector(
        NumberSelectorConfig(
            min=MIN_CHARGING_CURRENT, max=MAX_CHARGING_CURRENT, step=1, unit_of_measurement="A"
        )
    )


def _power_sensor() -> EntitySelector:
    return EntitySelector(
        EntitySelectorConfig(domain="sensor", device_class=SensorDeviceClass.POWER)
    )


DIAGNOSTICS_SCHEMA = vol.Schema({vol.Required(CONF_DETAILED_DIAGNOSTICS): BooleanSelector()})
CONTROL_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_CONTROL_LEVER): SelectSelector(
            SelectSelectorConfig(
                options=[lever.value for lever in ControlLever], translation_key="control_lever"
            )
        )
    }
)
POLLING_SCHEMA = vol.Schema(
    {vol.Required(CONF_SCAN_INTERVAL): _seconds(MIN_SCAN_INTERVAL, MAX_SCAN_INTERVAL)}
)

# The control law's own defaults (SolarSettings), shown on the page; not restated here.
_SOLAR_DEFAULT_SETTINGS = SolarSettings()
SOLAR_DEFAULTS: dict[str, Any] = {
    CONF_GRID_INVERTED: False,
    CONF_BATTERY_INVERTED: False,
    CONF_PHASES: PHASES_AUTO,
    CONF_PHASE_SWITCHING: _SOLAR_DEFAULT_SETTINGS.phase_switching,
    **{
        option: getattr(_SOLAR_DEFAULT_SETTINGS, field)
        for option, field in NUMBER_OPTIONS.items()
        if getattr(_SOLAR_DEFAULT_SETTINGS, field) is not None
    },
}
SOLAR_SCHEMA = vol.Schema(
    {
        vol.Optional(CONF_GRID_SENSOR): _power_sensor(),
        vol.Required(CONF_GRID_INVERTED): BooleanSelector(),
        vol.Optional(CONF_EXPORT_SENSOR): _power_sensor(),
        vol.Optional(CONF_BATTERY_POWER_SENSOR): _power_sensor(),
        vol.Required(CONF_BATTERY_INVERTED): BooleanSelector(),
        vol.Optional(CONF_BATTERY_SOC_SENSOR): EntitySelector(
            EntitySelectorConfig(domain="sensor", device_class=SensorDeviceClass.BATTERY)
        ),
        vol.Optional(CONF_BATTERY_PRIORITY_SOC): NumberSelector(
            NumberSelectorConfig(min=0, max=100, step=1, unit_of_measurement="%")
        ),
        vol.Required(CONF_MIN_CURRENT): _amps(),
        vol.Required(CONF_MAX_CURRENT): _amps(),
        vol.Required(CONF_PHASES): SelectSelector(
            SelectSelectorConfig(options=[PHASES_AUTO, "1", "3"], translation_key="phases")
        ),
        vol.Required(CONF_RESIDUAL_POWER): NumberSelector(
            NumberSelectorConfig(
                min=-2000, max=5000, step=10, unit_of_measurement="W", mode=NumberSelectorMode.BOX
            )
        ),
        vol.Required(CONF_ENABLE_DELAY): _seconds(0, 3600),
        vol.Required(CONF_DISABLE_DELAY): _seconds(0, 3600),
        vol.Required(CONF_MIN_ON_TIME): _seconds(0, 7200),
        vol.Required(CONF_MIN_OFF_TIME): _seconds(0, 7200),
        vol.Required(CONF_CYCLE): _seconds(10, 300),
        vol.Required(CONF_PHASE_SWITCHING): BooleanSelector(),
    }
)
SOLAR_KEYS = [str(key) for key in SOLAR_SCHEMA.schema]


# SolarSettings field -> the option on the solar page that sets it.
SOLAR_FIELD_OPTIONS: dict[str, str] = {
    **{field: option for option, field in NUMBER_OPTIONS.items()},
    "phases": CONF_PHASES,
    "phase_switching": CONF_PHASE_SWITCHING,
}


def solar_errors(
    options: dict[str, Any], charger_phases: int
) -> tuple[dict[str, str], dict[str, str]]:
    """What is wrong with the solar page: (form errors, placeholders of their messages).

    A setting the control law refuses is shown on its own field, in the reason's translated
    message (options.error.<reason>); a setting the page does not show, on the form.
    """
    if not options.get(CONF_GRID_SENSOR):
        if options.get(CONF_EXPORT_SENSOR) or options.get(CONF_BATTERY_POWER_SENSOR):
            return {CONF_GRID_SENSOR: "grid_sensor_required"}, {}
        return {}, {}
    if options.get(CONF_BATTERY_PRIORITY_SOC) is not None and not options.get(
        CONF_BATTERY_SOC_SENSOR
    ):
        return {CONF_BATTERY_SOC_SENSOR: "soc_sensor_required"}, {}
    if options.get(CONF_PHASE_SWITCHING) and charger_phases != 3:
        return {CONF_PHASE_SWITCHING: "phase_switching_unsupported"}, {}
    try:
        solar_settings(options, charger_phases)
    except SolarSettingsError as err:
        return {SOLAR_FIELD_OPTIONS.get(err.field, "base"): err.reason.value}, err.placeholders
    except ValueError:  # an option solar_settings() could not even turn into a number
        return {"base": "invalid_solar_settings"}, {}
    return {}, {}


# The guard's own defaults (FuseSettings), shown on the page; the rating has none (any will do).
_FUSE_DEFAULT_SETTINGS = FuseSettings(fuse_rating=25)
FUSE_DEFAULTS: dict[str, Any] = {
    CONF_FUSE_MARGIN: _FUSE_DEFAULT_SETTINGS.margin,
    CONF_FUSE_FALLBACK: _FUSE_DEFAULT_SETTINGS.fallback_current,
    CONF_FUSE_HOLD_TIME: _FUSE_DEFAULT_SETTINGS.hold_time,
}
FUSE_SCHEMA = vol.Schema(
    {
        vol.Optional(CONF_FUSE_SENSORS): EntitySelector(
            EntitySelectorConfig(
                domain="sensor",
                device_class=[SensorDeviceClass.CURRENT, SensorDeviceClass.POWER],
                multiple=True,
            )
        ),
        vol.Optional(CONF_FUSE_RATING): NumberSelector(
            NumberSelectorConfig(
                min=10, max=250, step=1, unit_of_measurement="A", mode=NumberSelectorMode.BOX
            )
        ),
        vol.Required(CONF_FUSE_MARGIN): NumberSelector(
            NumberSelectorConfig(min=0, max=20, step=0.5, unit_of_measurement="A")
        ),
        vol.Required(CONF_FUSE_FALLBACK): NumberSelector(
            NumberSelectorConfig(min=0, max=MAX_CHARGING_CURRENT, step=1, unit_of_measurement="A")
        ),
        vol.Required(CONF_FUSE_HOLD_TIME): _seconds(10, 900),
    }
)
FUSE_KEYS = [str(key) for key in FUSE_SCHEMA.schema]


def fuse_errors(states: StateMachine, options: dict[str, Any]) -> dict[str, str]:
    """What is wrong with the main-fuse page, as form errors on the fields."""
    sensors = options.get(CONF_FUSE_SENSORS) or []
    if not sensors:
        return {}
    if len(sensors) not in (1, 3):
        return {CONF_FUSE_SENSORS: "fuse_sensor_count"}
    units = {
        state.attributes.get("unit_of_measurement") == "A"
        for state in map(states.get, sensors)
        if state is not None
    }
    if len(units) > 1:
        return {CONF_FUSE_SENSORS: "fuse_sensor_units"}
    if options.get(CONF_FUSE_RATING) is None:
        return {CONF_FUSE_RATING: "fuse_rating_required"}
    if 0 < options.get(CONF_FUSE_FALLBACK, 0) < MIN_CHARGING_CURRENT:
        return {CONF_FUSE_FALLBACK: "fuse_fallback_invalid"}
    try:
        fuse_settings(options)
    except ValueError:
        return {"base": "invalid_fuse_settings"}
    return {}


HISTORY_SCHEMA = vol.Schema(
    {
        vol.Optional(CONF_FIXED_PRICE): NumberSelector(
            NumberSelectorConfig(min=0, max=1000, step=0.001, mode=NumberSelectorMode.BOX)
        )
    }
)

SMART_SCHEMA = vol.Schema(
    {
        vol.Optional(CONF_PRICE_SENSOR): EntitySelector(EntitySelectorConfig(domain="sensor")),
        vol.Optional(CONF_SOLAR_FORECAST_SENSOR): EntitySelector(
            EntitySelectorConfig(domain="sensor")
        ),
        vol.Optional(CONF_CAR_SOC_SENSOR): EntitySelector(
            EntitySelectorConfig(domain="sensor", device_class=SensorDeviceClass.BATTERY)
        ),
        vol.Optional(CONF_CAR_CAPACITY): NumberSelector(
            NumberSelectorConfig(
                min=5, max=200, step=0.5, unit_of_measurement="kWh", mode=NumberSelectorMode.BOX
            )
        ),
        **{vol.Optional(departure_option(day)): TimeSelector() for day in WEEKDAYS},
    }
)
SMART_KEYS = [str(key) for key in SMART_SCHEMA.schema]


def smart_errors(options: dict[str, Any]) -> dict[str, str]:
    """What is wrong with the smart page: the car's charge level needs the battery's size."""
    if options.get(CONF_CAR_SOC_SENSOR) and not options.get(CONF_CAR_CAPACITY):
        return {CONF_CAR_CAPACITY: "capacity_required"}
    if options.get(CONF_CAR_CAPACITY) and not options.get(CONF_CAR_SOC_SENSOR):
        return {CONF_CAR_SOC_SENSOR: "car_soc_sensor_required"}
    return {}


class LektricoOptionsFlow(OptionsFlow):
    """Polling, detailed diagnostics, and solar-surplus charging."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Which page."""
        return self.async_show_menu(
            step_id="init",
            menu_options=["polling", "control", "diagnostics", "solar", "smart", "fuse", "history"],
        )

    async def async_step_polling(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """How often the live data is read."""
        return self._one_option_page(
            "polling", POLLING_SCHEMA, CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL, user_input
        )

    async def async_step_control(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Which current setting the Charging current number and solar charging write."""
        return self._one_option_page(
            "control", CONTROL_SCHEMA, CONF_CONTROL_LEVER, DEFAULT_CONTROL_LEVER.value, user_input
        )

    async def async_step_diagnostics(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Whether the entities only diagnosis needs exist (the reload adds or drops them)."""
        return self._one_option_page(
            "diagnostics", DIAGNOSTICS_SCHEMA, CONF_DETAILED_DIAGNOSTICS, False, user_input
        )

    def _one_option_page(
        self,
        step_id: str,
        schema: vol.Schema,
        key: str,
        default: bool | int | str,
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """A page with one option: saved beside the others, or shown with its current value."""
        if user_input is not None:
            # Number selectors give floats; the option keeps the default's type.
            value = type(default)(user_input[key])
            return self.async_create_entry(data={**self.config_entry.options, key: value})
        current = {key: self.config_entry.options.get(key, default)}
        return self.async_show_form(
            step_id=step_id, data_schema=self.add_suggested_values_to_schema(schema, current)
        )

    async def async_step_solar(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Which sensors tell the surplus, and how the controller behaves."""
        runtime = getattr(self.config_entry, "runtime_data", None)
        phases = runtime.identity.phases if runtime else 3
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            errors, placeholders = solar_errors(user_input, phases)
            if not errors:
                kept = {k: v for k, v in self.config_entry.options.items() if k not in SOLAR_KEYS}
                return self.async_create_entry(data={**kept, **user_input})
        shown = {**SOLAR_DEFAULTS, **self.config_entry.options, **(user_input or {})}
        return self.async_show_form(
            step_id="solar",
            data_schema=self.add_suggested_values_to_schema(SOLAR_SCHEMA, shown),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_fuse(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The grid meter's sensors and the fuse the charger must never trip."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = fuse_errors(self.hass.states, user_input)
            if not errors:
                kept = {k: v for k, v in self.config_entry.options.items() if k not in FUSE_KEYS}
                chosen = user_input if user_input.get(CONF_FUSE_SENSORS) else {}
                return self.async_create_entry(data={**kept, **chosen})
        shown = {**FUSE_DEFAULTS, **self.config_entry.options, **(user_input or {})}
        return self.async_show_form(
            step_id="fuse",
            data_schema=self.add_suggested_values_to_schema(FUSE_SCHEMA, shown),
            errors=errors,
        )

    async def async_step_smart(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The price sensor to plan with, the car, and a departure per weekday."""
        if not self.config_entry.options.get(CONF_GRID_SENSOR):
            return self.async_abort(reason="solar_required")
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = smart_errors(user_input)
            if not errors:
                kept = {k: v for k, v in self.config_entry.options.items() if k not in SMART_KEYS}
                return self.async_create_entry(data={**kept, **user_input})
        shown = {**self.config_entry.options, **(user_input or {})}
        return self.async_show_form(
            step_id="smart",
            data_schema=self.add_suggested_values_to_schema(SMART_SCHEMA, shown),
            errors=errors,
        )

    async def async_step_history(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """What a kWh costs when no price sensor says: the sessions' cost."""
        if user_input is not None:
            kept = {k: v for k, v in self.config_entry.options.items() if k != CONF_FIXED_PRICE}
            return self.async_create_entry(data={**kept, **user_input})
        return self.async_show_form(
            step_id="history",
            data_schema=self.add_suggested_values_to_schema(
                HISTORY_SCHEMA, dict(self.config_entry.options)
            ),
        )
