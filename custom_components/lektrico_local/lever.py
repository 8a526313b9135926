"""The control lever: which of the charger's current settings Home Assistant steers with.

Every public client steers through the dynamic current (0 pauses, 6..32 A charges); the
charger keeps it while Home Assistant is down, so a 0 stays 0. The EM current is the API
document's alternative: the charger obeys it only with energy management on, and falls back
to its EM-offline current when nobody renews it. A Lektrico energy meter drives the EM
current itself; writing it then fights the meter, so while one is paired the EM lever gives
way to the dynamic current and a repair issue says so.

Whatever sets a current, this module is where the limits apply: the main-fuse guard's cap and
the session limit (Stop after), which pauses in every mode until the next session.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError

from .api import LektricoError, RelayMode
from .api.validation import charging_current
from .const import DOMAIN, LOGGER, ControlLever
from .coordinator import LektricoConfigEntry, LektricoRuntimeData, ReadBack
from .fuse import apply_cap
from .helpers import show_repair_issue


def energy_meter_present(runtime: LektricoRuntimeData) -> bool:
    """Whether a Lektrico energy meter is paired: the charger names it in `em_id`."""
    config = runtime.settings.data.app_config if runtime.settings.data else None
    return bool(config and config.em_id and config.em_id.strip())


def active_lever(runtime: LektricoRuntimeData) -> ControlLever:
    """The lever in use: the user's choice, unless an energy meter owns the EM current or
    the firmware has none (1.23 lacks the EM methods; the missing-methods notice says so)."""
    if runtime.chosen_lever is ControlLever.EM_CURRENT and (
        energy_meter_present(runtime) or "system_currents" in runtime.settings.unsupported
    ):
        return ControlLever.DYNAMIC_CURRENT
    return runtime.chosen_lever


def lever_current(runtime: LektricoRuntimeData) -> int | None:
    """What the active lever holds now, in A (0: paused)."""
    info = runtime.live.data.info
    if active_lever(runtime) is ControlLever.DYNAMIC_CURRENT:
        return info.dynamic_current
    currents = runtime.settings.data.system_currents
    return currents.em_current if currents else info.em_current


async def async_set_lever_current(runtime: LektricoRuntimeData, amps: int) -> None:
    """Send what the mode or the user wants (0 pauses) through the active lever.

    The one place every setpoint passes, whatever the mode: the main-fuse guard's cap applies
    here, and the wish is kept so that the current goes back up when the cap rises. The caller
    reads it back.
    """
    # Refused as it is (named as the lever's setting), never capped into a pause.
    wanted = charging_current(_lever_field(runtime), amps)
    await _async_write(runtime, _capped(runtime, wanted))
    runtime.wanted_current = wanted


async def async_apply_caps(runtime: LektricoRuntimeData) -> None:
    """The fuse guard's cap or the session limit changed: send the wish as capped now, if that
    is news."""
    wanted = runtime.wanted_current
    if wanted is None:  # nobody set a current yet: what the charger held is the wish
        wanted = runtime.wanted_current = lever_current(runtime)
    if wanted is None:
        return
    target = _capped(runtime, wanted)
    if target != lever_current(runtime):
        await _async_write(runtime, target)
        await runtime.async_read_back(*lever_read_back(runtime))


def held_wish(runtime: LektricoRuntimeData) -> int | None:
    """What the lever holds, as the modes see it: the wish while the fuse caps it.

    Solar charging compares this with its own setpoint to notice someone else changing the
    current; a cap of the guard is not someone else.
    """
    held = lever_current(runtime)
    wanted = runtime.wanted_current
    if wanted is not None and held is not None and held == _capped(runtime, wanted):
        return wanted
    return held


def fuse_capped(runtime: LektricoRuntimeData, amps: int, field: str) -> int:
    """A current someone sets directly (the raw dynamic or EM current) as the fuse allows it.

    Checked first, under the setting's own name, so that 3 A is refused rather than turned
    into a pause by the cap.
    """
    return _capped(runtime, charging_current(field, amps))


def _lever_field(runtime: LektricoRuntimeData) -> str:
    """The active lever's name in the API, as a refused value names it."""
    return (
        "dynamic_current" if active_lever(runtime) is ControlLever.DYNAMIC_CURRENT else "EM_current"
    )


def _capped(runtime: LektricoRuntimeData, amps: int) -> int:
    """What the main fuse and the session limit (Stop after) leave of a wish."""
    if runtime.session_stopped:
        return 0
    return apply_cap(amps, runtime.fuse.cap) if runtime.fuse else amps


@callback
def async_follow_session_limit(hass: HomeAssistant, runtime: LektricoRuntimeData) -> None:
    """After each poll: pause when the session reaches Stop after, let go with the next one."""
    if _session_limit_changed(runtime):
        hass.async_create_task(_async_apply_caps_logged(runtime))


async def async_targets_changed(runtime: LektricoRuntimeData) -> None:
    """The user changed a target or the limit: pause or let go at once, plan again, show it."""
    if _session_limit_changed(runtime):
        await async_apply_caps(runtime)
        await runtime.async_read_back(*lever_read_back(runtime))
    if runtime.solar:
        await runtime.solar.coordinator.async_refresh()
    elif runtime.history:  # it carries the Stop after number without solar charging
        runtime.history.coordinator.async_update_listeners()


def _session_limit_changed(runtime: LektricoRuntimeData) -> bool:
    live = runtime.live.data
    stopped = bool(runtime.smart and live and runtime.smart.session_cap(live).stop)
    changed = stopped != runtime.session_stopped
    runtime.session_stopped = stopped
    return changed


async def _async_apply_caps_logged(runtime: LektricoRuntimeData) -> None:
    """From a poll, nobody sees an exception: log it; the next change tries again."""
    try:
        await async_apply_caps(runtime)
    except LektricoError as err:
        LOGGER.warning("Could not apply the session limit: %s", err)


async def _async_write(runtime: LektricoRuntimeData, amps: int) -> None:
    if active_lever(runtime) is ControlLever.DYNAMIC_CURRENT:
        await runtime.client.set_dynamic_current(amps)
    else:
        await _own_energy_management(runtime)
        await runtime.client.set_em_current(amps)
    if runtime.fuse:
        runtime.fuse.setpoint_sent(amps)


def lever_read_back(runtime: LektricoRuntimeData) -> tuple[ReadBack, ...]:
    """What a write through the active lever changes."""
    if active_lever(runtime) is ControlLever.DYNAMIC_CURRENT:
        return (ReadBack.LIVE,)  # charger_info carries the dynamic current
    return (ReadBack.SYSTEM_CURRENTS,)


async def async_set_em_current(runtime: LektricoRuntimeData, amps: int) -> None:
    """Write the EM current by hand, unless an energy meter owns it."""
    if energy_meter_present(runtime):
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="energy_meter_owns_em_current"
        )
    await runtime.client.set_em_current(fuse_capped(runtime, amps, "EM_current"))


async def _own_energy_management(runtime: LektricoRuntimeData) -> None:
    """The charger obeys the EM current only with energy management on."""
    config = runtime.settings.data.app_config
    if config is not None and config.energy_management_enabled is False:
        LOGGER.info("Turning on energy management to steer through the EM current")
        await runtime.client.set_app_config("energy_management_enabled", True)
        await runtime.async_read_back(ReadBack.APP_CONFIG)


def relay_mode(runtime: LektricoRuntimeData) -> RelayMode | None:
    """Where the phase relays stand: charger_info on some firmware, dynamic_current.get on all."""
    mode = runtime.live.data.info.relay_mode
    if mode is None and runtime.settings.data.dynamic_current is not None:
        mode = runtime.settings.data.dynamic_current.relay_mode
    try:
        return None if mode is None else RelayMode(mode)
    except ValueError:
        return None


@callback
def async_update_lever_issue(hass: HomeAssistant, entry: LektricoConfigEntry) -> None:
    """A repair issue while the user picked the EM lever and an energy meter owns it."""
    runtime = entry.runtime_data
    owned = runtime.chosen_lever is ControlLever.EM_CURRENT and energy_meter_present(runtime)
    show_repair_issue(
        hass,
        f"energy_meter_owns_em_current_{entry.entry_id}",
        "energy_meter_owns_em_current",
        {"name": entry.title} if owned else None,
    )
