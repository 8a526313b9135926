"""A refused value reaches the user fully translated: one message per reason, no English inside.

The client says why it refused (a reason and language-neutral placeholders); helpers turns that
into exceptions.invalid_value_<reason>. The solar page does the same with options.error.<reason>.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import translation
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.lektrico_local.api import (
    LektricoClient,
    LektricoValidationError,
    ScheduleInterval,
)
from custom_components.lektrico_local.api.exceptions import (
    VALIDATION_PLACEHOLDERS,
    ValidationReason,
)
from custom_components.lektrico_local.const import DOMAIN
from custom_components.lektrico_local.helpers import VALIDATION_KEYS, translate_error
from custom_components.lektrico_local.solar.settings import (
    SOLAR_SETTINGS_PLACEHOLDERS,
    SolarSettingsReason,
)
from lektrico_sim import SimulatorServer

from .ui import refusal_from_the_ui

ROOT = Path(__file__).parents[2] / "custom_components" / "lektrico_local"
LANGUAGES = ["en", "nl", "de", "fr", "ro"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PREFIX = "lektrico_3p22k_500006"

Call = Callable[[LektricoClient], Awaitable[Any]]
R = ValidationReason


@pytest.fixture
def firmware() -> str:
    """Refusals happen before anything is sent, whatever the firmware: one is enough."""
    return "document"


def _strings(language: str) -> dict[str, Any]:
    name = "strings.json" if language == "en" else f"translations/{language}.json"
    strings: dict[str, Any] = json.loads((ROOT / name).read_text("utf-8"))
    return strings


def _key(reason: ValidationReason) -> str:
    return VALIDATION_KEYS.get(reason, "invalid_value")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_has_its_message(language: str) -> None:
    """One exceptions key per reason, taking {field} and exactly the reason's placeholders."""
    exceptions = _strings(language)["exceptions"]
    assert set(VALIDATION_KEYS) == set(ValidationReason) - {ValidationReason.INVALID}
    for reason in ValidationReason:
        message = exceptions[_key(reason)]["message"]
        assert set(PLACEHOLDER.findall(message)) == {"field"} | VALIDATION_PLACEHOLDERS[reason]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_solar_reason_has_its_form_error(language: str) -> None:
    """options.error.<reason>, using only placeholders the reason gives (the field beside the
    message shows the refused value, so a message may leave {value} out)."""
    errors = _strings(language)["options"]["error"]
    for reason in SolarSettingsReason:
        assert set(PLACEHOLDER.findall(errors[reason.value])) <= SOLAR_SETTINGS_PLACEHOLDERS[reason]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_refusal_takes_a_sentence(language: str) -> None:
    """{error} was where English got spliced in: no refusal message takes it any more."""
    strings = _strings(language)
    refusals = [
        message["message"]
        for key, message in strings["exceptions"].items()
        if key.startswith("invalid_value") or key in {"invalid_day", "invalid_time"}
    ] + list(strings["options"]["error"].values())
    assert not [text for text in refusals if "{error}" in text]


def _schedule(*intervals: tuple[float, ...]) -> Call:
    return lambda client: client.set_charging_schedule(
        [ScheduleInterval(*interval) for interval in intervals]  # type: ignore[arg-type]
    )


# One refusal per reason, as the client gives it: reason -> (call, field, placeholders).
REFUSALS: dict[ValidationReason, tuple[Call, str, dict[str, str]]] = {
    R.NOT_WHOLE_NUMBER: (
        lambda c: c.set_em_current("abc"),  # type: ignore[arg-type]
        "EM_current", {"value": '"abc"'},
    ),
    R.NOT_A_NUMBER: (
        lambda c: c.set_app_config("latitude", "north"), "latitude", {"value": '"north"'}
    ),
    R.NOT_BOOLEAN: (
        lambda c: c.set_app_config("charger_locked", "yes"), "charger_locked", {"value": '"yes"'}
    ),
    R.NOT_TEXT: (lambda c: c.set_app_config("charger_alias", 7), "charger_alias", {"value": "7"}),
    R.TOO_LONG: (
        lambda c: c.start_charging(tag="t" * 40), "tag", {"length": "40", "maximum": "36"}
    ),
    R.OUT_OF_RANGE: (
        lambda c: c.set_app_config("led_max_brightness", 150),
        "led_max_brightness", {"value": "150", "minimum": "0", "maximum": "100"},
    ),
    R.BELOW_MINIMUM_CURRENT: (
        lambda c: c.set_dynamic_current(4), "dynamic_current", {"value": "4", "minimum": "6"}
    ),
    R.NOT_A_CHOICE: (
        lambda c: c.set_relay_mode(2), "relay_mode", {"value": "2", "choices": "1, 3"}
    ),
    R.UNKNOWN_KEY: (
        lambda c: c.set_app_config("max_power", 11), "config_key", {"value": '"max_power"'}
    ),
    R.EMPTY: (lambda c: c.start_charging(tag=""), "tag", {}),
    R.BAD_FORMAT: (
        lambda c: c.set_app_config("led_template", "red"),
        "led_template", {"value": '"red"', "count": "12"},
    ),
    R.ENDS_BEFORE_START: (
        _schedule((5, 18, 0, 5, 7, 30, 16)),
        "charging_schedule[0]",
        {"start_day": "5", "start_time": "18:00", "end_day": "5", "end_time": "07:30"},
    ),
    R.OVERLAP: (
        _schedule((6, 8, 0, 6, 12, 0, 10), (6, 9, 0, 6, 10, 0, 0)),
        "charging_schedule[1]", {"other": "charging_schedule[0]"},
    ),
    R.PASSWORD_LENGTH: (
        lambda c: c.set_ap_password("secret"),
        "password", {"length": "6", "minimum": "8", "maximum": "63"},
    ),
}  # fmt: skip


def test_every_reason_is_refused_below() -> None:
    """Every validation reason (but the generic one) has a refusal case in this module."""
    assert set(REFUSALS) == set(ValidationReason) - {ValidationReason.INVALID}


async def _render(
    hass: HomeAssistant, language: str, key: str, placeholders: dict[str, str]
) -> str:
    """The message as the frontend shows it in that language: translation + placeholders."""
    strings = await translation.async_get_translations(hass, language, "exceptions", [DOMAIN])
    return strings[f"component.{DOMAIN}.exceptions.{key}.message"].format(**placeholders)


@pytest.mark.parametrize("reason", REFUSALS, ids=[reason.value for reason in REFUSALS])
async def test_every_refusal_arrives_translated(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    reason: ValidationReason,
) -> None:
    """Each refusal arrives translated, its placeholders filled in every language."""
    call, field, placeholders = REFUSALS[reason]
    sim_server.reset_counts()
    with pytest.raises(LektricoValidationError) as refused:
        await call(init_integration.runtime_data.client)
    assert sim_server.total_requests == 0
    err = translate_error(refused.value)
    assert isinstance(err, ServiceValidationError)
    assert err.translation_domain == DOMAIN
    assert err.translation_key == f"invalid_value_{reason.value}"
    assert err.translation_placeholders == {"field": field, **placeholders}
    assert "{" not in str(err)
    for language in LANGUAGES:
        text = await _render(hass, language, err.translation_key, err.translation_placeholders)
        assert "{" not in text, language
        assert all(value in text for value in err.translation_placeholders.values()), language


async def test_a_refusal_without_a_reason_names_the_field_only(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A free-text refusal (written before reasons existed) shows no English inside."""
    err = translate_error(LektricoValidationError("current", "expected whole amps, got 6.5"))
    assert isinstance(err, ServiceValidationError)
    assert (err.translation_key, err.translation_placeholders) == (
        "invalid_value",
        {"field": "current"},
    )
    assert str(err) == "Invalid value for current"


async def test_only_the_reasons_placeholders_are_passed(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A placeholder the reason does not take is dropped; one it lacks shows as '?'."""
    refused = LektricoValidationError(
        "gmt_offset", R.OUT_OF_RANGE, {"value": "13", "minimum": "-12", "unit": "h"}
    )
    err = translate_error(refused)
    assert err.translation_placeholders == {
        "field": "gmt_offset",
        "value": "13",
        "minimum": "-12",
        "maximum": "?",
    }
    assert str(err) == "gmt_offset: 13 is outside -12 to ?"


@pytest.mark.usefixtures("all_entities_enabled")
async def test_entity_action_refusal_over_the_websocket_api(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    sim_server: SimulatorServer,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Set as the UI sets it: the reply carries the key, the placeholders and a readable
    message; the frontend's Dutch reads in full too; nothing reached the charger."""
    sim_server.reset_counts()
    error = await refusal_from_the_ui(
        hass,
        hass_ws_client,
        "number",
        "set_value",
        {"entity_id": f"number.{PREFIX}_charging_current", "value": 5},
    )
    assert error["code"] == "service_validation_error"
    assert error["translation_domain"] == DOMAIN
    assert error["translation_key"] == "invalid_value_below_minimum_current"
    placeholders = {"field": "dynamic_current", "value": "5", "minimum": "6"}
    assert error["translation_placeholders"] == placeholders
    assert error["message"] == (
        "Validation error: dynamic_current: 5 A is below the 6 A minimum; use 0 to pause"
    )
    assert await _render(hass, "nl", error["translation_key"], placeholders) == (
        "dynamic_current: 5 A ligt onder het minimum van 6 A; gebruik 0 om te pauzeren."
    )
    assert sim_server.total_requests == 0
