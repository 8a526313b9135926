"""What the page should say for a simulator value: the integration's own English translations."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from custom_components.lektrico_local.api.const import ChargerState, LimitReason
from demo.settings import REPO_ROOT

TRANSLATIONS = REPO_ROOT / "custom_components" / "lektrico_local" / "translations" / "en.json"


@cache
def _sensor_states(translation_key: str) -> dict[str, str]:
    translations: dict[str, Any] = json.loads(TRANSLATIONS.read_text())
    states: dict[str, str] = translations["entity"]["sensor"][translation_key]["state"]
    return states


def state_label(extended_charger_state: str) -> str:
    """'C' -> 'Charging', as the State sensor shows it."""
    return _sensor_states("state")[ChargerState(extended_charger_state).name.lower()]


def limit_reason_label(current_limit_reason: int) -> str:
    """6 -> 'Energy management', as the Limit reason sensor shows it."""
    return _sensor_states("limit_reason")[LimitReason(current_limit_reason).name.lower()]
