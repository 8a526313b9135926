"""Config flow: manual host, zeroconf discovery, reconfigure, and the options."""

from __future__ import annotations

from typing import Any

import voluptuous as vol
from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_HOST
from homeassistant.core import callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
)
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo

from .api import DeviceIdentity, LektricoClient, LektricoConnectionError, LektricoError
from .const import (
    CONF_SCAN_INTERVAL,
    DEFAULT_SCAN_INTERVAL,
    DOMAIN,
    LOGGER,
    MAX_SCAN_INTERVAL,
    MIN_SCAN_INTERVAL,
)

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

    def __init__(self) -> None:
        self._host = ""
        self._identity: DeviceIdentity | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> LektricoOptionsFlow:
        """The options: how often to poll."""
        return LektricoOptionsFlow()

    async def _identify(self, host: str) -> tuple[DeviceIdentity | None, str | None]:
        """Ask the charger who it is: (identity, None) or (None, error key)."""
        client = LektricoClient(host, session=async_get_clientsession(self.hass))
        try:
            return await client.identify(), None
        except LektricoConnectionError:
            return None, "cannot_connect"
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


class LektricoOptionsFlow(OptionsFlow):
    """How often the live data is read."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """The only page."""
        if user_input is not None:
            return self.async_create_entry(
                data={
                    **self.config_entry.options,
                    CONF_SCAN_INTERVAL: int(user_input[CONF_SCAN_INTERVAL]),
                }
            )
        schema = vol.Schema(
            {
                vol.Required(CONF_SCAN_INTERVAL): NumberSelector(
                    NumberSelectorConfig(
                        min=MIN_SCAN_INTERVAL,
                        max=MAX_SCAN_INTERVAL,
                        step=1,
                        unit_of_measurement="s",
                        mode=NumberSelectorMode.BOX,
                    )
                )
            }
        )
        current = {
            CONF_SCAN_INTERVAL: self.config_entry.options.get(
                CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL
            )
        }
        return self.async_show_form(
            step_id="init", data_schema=self.add_suggested_values_to_schema(schema, current)
        )
