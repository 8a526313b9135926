"""Every user-visible key used in code exists in the shipped strings, icons and services files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from custom_components.lektrico_local import (
    binary_sensor,
    button,
    event,
    number,
    select,
    sensor,
    switch,
    time,
)
from custom_components.lektrico_local.services import HANDLERS

ROOT = Path(__file__).parents[2] / "custom_components" / "lektrico_local"
STRINGS = json.loads((ROOT / "strings.json").read_text())
ICONS = json.loads((ROOT / "icons.json").read_text())
SERVICES = yaml.safe_load((ROOT / "services.yaml").read_text())

DESCRIPTIONS = {
    "sensor": [*sensor.SENSORS, sensor.PLAN, sensor.LAST_SESSION, *sensor.MONTH_SENSORS],
    "binary_sensor": binary_sensor.BINARY_SENSORS,
    "switch": switch.SWITCHES,
    "number": [*number.NUMBERS, number.CHARGING_CURRENT, *number.TARGET_NUMBERS],
    "select": [*select.SELECTS, select.CHARGE_MODE],
    "button": button.BUTTONS,
    "event": [event.SESSION_EVENT],
    "time": [time.READY_BY],
}


def test_shipped_translation_is_the_source() -> None:
    """translations/en.json is exactly strings.json."""
    assert json.loads((ROOT / "translations" / "en.json").read_text()) == STRINGS


@pytest.mark.parametrize("platform", DESCRIPTIONS)
def test_every_entity_is_translated(platform: str) -> None:
    """Every entity's translation key has a string, and every icon a known key."""
    keys = {d.translation_key for d in DESCRIPTIONS[platform] if d.translation_key}
    assert keys <= set(STRINGS["entity"].get(platform, {}))
    assert set(ICONS["entity"].get(platform, {})) <= keys


def test_enum_states_are_translated() -> None:
    """Every option of enum sensors, selects and the session event is translated."""
    for description in DESCRIPTIONS["sensor"] + DESCRIPTIONS["select"]:
        if description.options:
            platform = _platform(description)
            translated = STRINGS["entity"][platform][description.translation_key]["state"]
            assert set(description.options) == set(translated)
    event_states = STRINGS["entity"]["event"]["session"]["state_attributes"]["event_type"]["state"]
    assert set(event.SESSION_EVENT.event_types) == set(event_states)


def _platform(description: object) -> str:
    return "select" if description in DESCRIPTIONS["select"] else "sensor"


def test_services_match() -> None:
    """services.yaml, the handlers, the strings and the icons list the same actions and fields."""
    assert set(SERVICES) == set(HANDLERS) == set(STRINGS["services"]) == set(ICONS["services"])
    for name, service in SERVICES.items():
        assert set(service["fields"]) == set(STRINGS["services"][name]["fields"])


def test_exception_keys_exist() -> None:
    """Every translation key the code raises has its message in strings.json."""
    used: set[str] = set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text()
        used |= set(re.findall(r'translation_key="([a-z_]+)"', text))
        used |= set(re.findall(r'_invalid\(\s*"([a-z_]+)"', text))
        used |= set(re.findall(r'return "([a-z_]+)", \{', text))
    assert used, "the patterns above found nothing: they are out of date"
    entity_keys = {key for platform in STRINGS["entity"].values() for key in platform}
    assert used - entity_keys <= set(STRINGS["exceptions"]) | set(STRINGS["issues"]) | set(
        STRINGS["selector"]
    )
    assert {"communication_error", "device_error", "invalid_value", "confirmation_required"} <= used


def test_config_flow_errors_exist() -> None:
    """Every error the config flow can show has its string."""
    flow = (ROOT / "config_flow.py").read_text()
    for error in set(
        re.findall(r'"(cannot_connect|not_a_charger|unknown|different_charger)"', flow)
    ):
        assert error in STRINGS["config"]["error"] or error in STRINGS["config"]["abort"]


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@pytest.mark.parametrize("lang", ["nl", "de", "fr", "ro"])
def test_translation_matches_english(lang: str) -> None:
    """A translation has exactly the English keys, the same placeholders and no empty string."""
    english = _flatten(STRINGS)
    translated = _flatten(json.loads((ROOT / "translations" / f"{lang}.json").read_text("utf-8")))
    assert set(translated) == set(english)
    placeholder = re.compile(r"\{(\w+)\}")
    for path, text in translated.items():
        assert isinstance(text, str), path
        assert text.strip(), path
        assert set(placeholder.findall(text)) == set(placeholder.findall(english[path])), path
