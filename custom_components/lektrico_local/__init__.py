"""The Lektrico Local integration: Lektrico 1P7K / 3P22K chargers over their local API."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from homeassistant.const import CONF_HOST, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError, ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.typing import ConfigType

from .api import LektricoClient, LektricoError
from .binary_sensor import BINARY_SENSORS
from .button import BUTTONS
from .const import (
    CONF_CONTROL_LEVER,
    CONF_DETAILED_DIAGNOSTICS,
    CONF_FUSE_SENSORS,
    CONF_GRID_SENSOR,
    CONF_SCAN_INTERVAL,
    DEFAULT_CONTROL_LEVER,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    LOGGER,
    REQUEST_TIMEOUT,
    SLOW_UPDATE_INTERVAL,
    ControlLever,
)
from .coordinator import (
    LektricoConfigEntry,
    LektricoLiveCoordinator,
    LektricoRuntimeData,
    LektricoSettingsCoordinator,
    LektricoStatisticsCoordinator,
)
from .entity import device_info, entity_unique_id
from .fuse_guarding import FuseGuarding, fuse_settings
from .helpers import show_repair_issue
from .lever import async_follow_session_limit, async_update_lever_issue
from .planner import PlannerSettings
from .sensor import SENSORS
from .services import async_setup_services
from .session_history import SessionHistory
from .smart_charging import SmartCharging
from .solar import SolarSettings
from .solar_charging import SolarCharging, planner_settings, solar_settings

# The keys of the entities that exist only with the Detailed diagnostics option.
DETAIL_KEYS = frozenset(
    description.key
    for descriptions in (SENSORS, BINARY_SENSORS, BUTTONS)
    for description in descriptions
    if description.detail
)

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.TIME,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the integration's actions once, whatever entries exist."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: LektricoConfigEntry) -> bool:
    """Connect to the charger, read everything once, then create its entities."""
    client = LektricoClient(
        entry.data[CONF_HOST],
        session=async_get_clientsession(hass),
        request_timeout=REQUEST_TIMEOUT,
    )
    try:
        identity = await client.identify()
    except LektricoError as err:
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"host": entry.data[CONF_HOST], "error": str(err)},
        ) from err
    if identity.serial_number != entry.unique_id:
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="different_charger",
            translation_placeholders={
                "host": entry.data[CONF_HOST],
                "serial": identity.serial_number,
            },
        )

    scan_interval = timedelta(seconds=entry.options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL))
    live = LektricoLiveCoordinator(hass, entry, client, "live", scan_interval)
    settings = LektricoSettingsCoordinator(hass, entry, client, "settings", SLOW_UPDATE_INTERVAL)
    statistics = LektricoStatisticsCoordinator(
        hass, entry, client, "statistics", SLOW_UPDATE_INTERVAL
    )
    # One after the other: the charger answers one request at a time anyway.
    for coordinator in (live, settings, statistics):
        await coordinator.async_config_entry_first_refresh()

    solar_options = _solar_settings(entry, identity.phases)
    smart = SmartCharging.create(
        hass,
        entry.entry_id,
        entry.options,
        planner_settings(solar_options) if solar_options else PlannerSettings(identity.phases),
    )
    await smart.async_load()
    entry.runtime_data = LektricoRuntimeData(
        client=client,
        identity=identity,
        live=live,
        settings=settings,
        statistics=statistics,
        device=device_info(entry, identity, statistics.data.software),
        solar=_solar_charging(hass, entry, client, solar_options, smart),
        fuse=_fuse_guarding(hass, entry),
        chosen_lever=_chosen_lever(entry),
        smart=smart,
    )
    if entry.runtime_data.fuse:
        entry.runtime_data.fuse.async_start()
    history = SessionHistory(hass, entry)
    await history.async_load()
    history.async_start()
    entry.runtime_data.history = history
    if not entry.options.get(CONF_DETAILED_DIAGNOSTICS):
        _forget_detailed_entities(hass, entry)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    entry.async_on_unload(live.async_add_listener(partial(_follow_firmware, hass, entry)))
    entry.async_on_unload(
        live.async_add_listener(partial(async_follow_session_limit, hass, entry.runtime_data))
    )
    entry.async_on_unload(
        settings.async_add_listener(partial(async_update_lever_issue, hass, entry))
    )
    async_update_lever_issue(hass, entry)
    _report_missing_methods(hass, entry)
    return True


def _chosen_lever(entry: LektricoConfigEntry) -> ControlLever:
    """The lever from the options; a hand-edited, unknown one falls back to the default."""
    try:
        return ControlLever(entry.options.get(CONF_CONTROL_LEVER, DEFAULT_CONTROL_LEVER))
    except ValueError:
        LOGGER.error("%s: unknown control lever in the options, using the default", entry.title)
        return DEFAULT_CONTROL_LEVER


def _detailed_entities(hass: HomeAssistant, entry: LektricoConfigEntry) -> list[er.RegistryEntry]:
    """The registry entries of this charger's detailed-diagnostics entities."""
    # The entry's unique id is the serial number (setup refuses any other charger).
    detailed = {entity_unique_id(str(entry.unique_id), key) for key in DETAIL_KEYS}
    return [
        registered
        for registered in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if registered.unique_id in detailed
    ]


def _forget_detailed_entities(hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
    """With the option off, the detailed entities leave the registry instead of lingering."""
    registry = er.async_get(hass)
    for registered in _detailed_entities(hass, entry):
        registry.async_remove(registered.entity_id)


async def async_migrate_entry(hass: HomeAssistant, entry: LektricoConfigEntry) -> bool:
    """1.1 -> 1.2: whoever had enabled a detailed entity keeps them all (the option is on)."""
    if entry.version > 1:
        return False  # a downgrade: this version cannot read a newer entry
    if entry.minor_version < 2:
        in_use = any(not registered.disabled_by for registered in _detailed_entities(hass, entry))
        hass.config_entries.async_update_entry(
            entry,
            options={CONF_DETAILED_DIAGNOSTICS: in_use, **entry.options},
            minor_version=2,
        )
    return True


def _solar_settings(entry: LektricoConfigEntry, phases: int) -> SolarSettings | None:
    """Solar charging's settings, when the options name a grid power sensor."""
    if not entry.options.get(CONF_GRID_SENSOR):
        return None
    try:
        return solar_settings(entry.options, phases)
    except ValueError as err:  # the options flow checks this; a hand-edited entry may not be
        LOGGER.error("%s: solar charging is off, its options are invalid: %s", entry.title, err)
        return None


def _solar_charging(
    hass: HomeAssistant,
    entry: LektricoConfigEntry,
    client: LektricoClient,
    settings: SolarSettings | None,
    smart: SmartCharging,
) -> SolarCharging | None:
    """The solar controller, which runs smart charging's plan too."""
    if settings is None:
        return None
    solar = SolarCharging(hass, entry, client, settings, smart)
    solar.async_start()
    return solar


def _fuse_guarding(hass: HomeAssistant, entry: LektricoConfigEntry) -> FuseGuarding | None:
    """The main-fuse guard, when the options name the grid meter's sensors."""
    if not entry.options.get(CONF_FUSE_SENSORS):
        return None
    try:
        settings = fuse_settings(entry.options)
    except (ValueError, KeyError) as err:  # the options flow checks this; a hand edit may not
        LOGGER.error(
            "%s: the main-fuse guard is off, its options are invalid: %s", entry.title, err
        )
        return None
    return FuseGuarding(hass, entry, settings)


@callback
def _follow_firmware(hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
    """Keep the device's firmware version current after an update (OTA)."""
    firmware = entry.runtime_data.live.data.info.fw_version
    registry = dr.async_get(hass)
    device = registry.async_get_device(identifiers={(DOMAIN, str(entry.unique_id))})
    if firmware and device and device.sw_version != firmware:
        registry.async_update_device(device.id, sw_version=firmware)


def _report_missing_methods(hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
    """A repair issue naming the API methods this firmware lacks (their entities are left out)."""
    runtime = entry.runtime_data
    missing = sorted(
        runtime.live.unsupported | runtime.settings.unsupported | runtime.statistics.unsupported
    )
    show_repair_issue(
        hass,
        f"missing_methods_{entry.entry_id}",
        "missing_methods",
        {"name": entry.title, "methods": ", ".join(missing)} if missing else None,
    )


async def _async_options_updated(hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
    await hass.config_entries.async_reload(entry.entry_id)


async def async_remove_entry(hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
    """Forget the charger's session history and what the user set for smart charging."""
    await SmartCharging.create(hass, entry.entry_id, {}, PlannerSettings()).store.async_remove()
    await SessionHistory(hass, entry).store.async_remove()


async def async_unload_entry(hass: HomeAssistant, entry: LektricoConfigEntry) -> bool:
    """Remove the entities and store the session history; the coordinators stop with the entry."""
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded and entry.runtime_data.history:
        await entry.runtime_data.history.async_stop()
    return unloaded
