"""Values outside the document's ranges are refused before anything is sent, saying why."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from custom_components.lektrico_local.api import (
    LektricoClient,
    LektricoValidationError,
    ScheduleInterval,
)
from custom_components.lektrico_local.api.const import INT_MAX
from custom_components.lektrico_local.api.exceptions import (
    VALIDATION_PLACEHOLDERS,
    ValidationReason,
)
from custom_components.lektrico_local.api.validation import shown
from lektrico_sim import SimulatorServer

Call = Callable[[LektricoClient], Awaitable[Any]]


def _schedule(*intervals: tuple[int, ...]) -> Call:
    return lambda client: client.set_charging_schedule([ScheduleInterval(*i) for i in intervals])


R = ValidationReason


def _range(value: str, minimum: str, maximum: str) -> dict[str, str]:
    return {"value": value, "minimum": minimum, "maximum": maximum}


# name -> (call, field, reason, placeholders): what the refusal says, in no language.
INVALID_CALLS: dict[str, tuple[Call, str, ValidationReason, dict[str, str]]] = {
    "em current 1": (
        lambda c: c.set_em_current(1),
        "EM_current", R.BELOW_MINIMUM_CURRENT, {"value": "1", "minimum": "6"},
    ),
    "em current 5": (
        lambda c: c.set_em_current(5),
        "EM_current", R.BELOW_MINIMUM_CURRENT, {"value": "5", "minimum": "6"},
    ),
    "em current 33": (
        lambda c: c.set_em_current(33), "EM_current", R.OUT_OF_RANGE, _range("33", "0", "32")
    ),
    "em current -1": (
        lambda c: c.set_em_current(-1), "EM_current", R.OUT_OF_RANGE, _range("-1", "0", "32")
    ),
    "em current 6.5": (
        lambda c: c.set_em_current(6.5),  # type: ignore[arg-type]
        "EM_current", R.NOT_WHOLE_NUMBER, {"value": "6.5"},
    ),
    "em current text": (
        lambda c: c.set_em_current("abc"),  # type: ignore[arg-type]
        "EM_current", R.NOT_WHOLE_NUMBER, {"value": '"abc"'},
    ),
    "em current bool": (
        lambda c: c.set_em_current(True), "EM_current", R.NOT_WHOLE_NUMBER, {"value": "true"}
    ),
    "em current nan": (
        lambda c: c.set_em_current(float("nan")),  # type: ignore[arg-type]
        "EM_current", R.NOT_WHOLE_NUMBER, {"value": "nan"},
    ),
    "dynamic current 3": (
        lambda c: c.set_dynamic_current(3),
        "dynamic_current", R.BELOW_MINIMUM_CURRENT, {"value": "3", "minimum": "6"},
    ),
    "relay mode 2": (
        lambda c: c.set_dynamic_current(6, relay_mode=2),
        "relay_mode", R.NOT_A_CHOICE, {"value": "2", "choices": "1, 3"},
    ),
    "relay mode 0 (only reported)": (
        lambda c: c.set_dynamic_current(6, relay_mode=0),
        "relay_mode", R.NOT_A_CHOICE, {"value": "0", "choices": "1, 3"},
    ),
    "relay mode text": (
        lambda c: c.set_relay_mode("three"),  # type: ignore[arg-type]
        "relay_mode", R.NOT_WHOLE_NUMBER, {"value": '"three"'},
    ),
    "schedule day 0": (
        _schedule((0, 1, 0, 1, 2, 0, 16)),
        "charging_schedule[0].start_day", R.OUT_OF_RANGE, _range("0", "1", "7"),
    ),
    "schedule day 8": (
        _schedule((1, 1, 0, 8, 2, 0, 16)),
        "charging_schedule[0].end_day", R.OUT_OF_RANGE, _range("8", "1", "7"),
    ),
    "schedule hour 24": (
        _schedule((1, 24, 0, 2, 2, 0, 16)),
        "charging_schedule[0].start_hour", R.OUT_OF_RANGE, _range("24", "0", "23"),
    ),
    "schedule minute 60": (
        _schedule((1, 1, 60, 1, 2, 0, 16)),
        "charging_schedule[0].start_minute", R.OUT_OF_RANGE, _range("60", "0", "59"),
    ),
    "schedule current 5": (
        _schedule((1, 1, 0, 1, 2, 0, 5)),
        "charging_schedule[0].current", R.BELOW_MINIMUM_CURRENT, {"value": "5", "minimum": "6"},
    ),
    "schedule current 33": (
        _schedule((1, 1, 0, 1, 2, 0, 33)),
        "charging_schedule[0].current", R.OUT_OF_RANGE, _range("33", "0", "32"),
    ),
    "schedule end before start": (
        _schedule((2, 1, 0, 1, 2, 0, 16)),
        "charging_schedule[0]", R.ENDS_BEFORE_START,
        {"start_day": "2", "start_time": "01:00", "end_day": "1", "end_time": "02:00"},
    ),
    "schedule empty interval": (
        _schedule((1, 1, 0, 1, 1, 0, 16)),
        "charging_schedule[0]", R.ENDS_BEFORE_START,
        {"start_day": "1", "start_time": "01:00", "end_day": "1", "end_time": "01:00"},
    ),
    "schedule times as floats": (
        _schedule((3, 5.0, 30.0, 3, 4.0, 0.0, 16)),
        "charging_schedule[0]", R.ENDS_BEFORE_START,
        {"start_day": "3", "start_time": "05:30", "end_day": "3", "end_time": "04:00"},
    ),
    "schedule overlap": (
        _schedule((1, 1, 0, 1, 3, 0, 16), (1, 2, 0, 1, 4, 0, 16)),
        "charging_schedule[1]", R.OVERLAP, {"other": "charging_schedule[0]"},
    ),
    "schedule overlap, later interval first": (
        _schedule((1, 2, 0, 1, 4, 0, 16), (7, 1, 0, 7, 2, 0, 0), (1, 1, 0, 1, 3, 0, 16)),
        "charging_schedule[0]", R.OVERLAP, {"other": "charging_schedule[2]"},
    ),
    "ap password 1 char": (
        lambda c: c.set_ap_password("x"),
        "password", R.PASSWORD_LENGTH, {"length": "1", "minimum": "8", "maximum": "63"},
    ),
    "ap password 7 chars": (
        lambda c: c.set_ap_password("x" * 7),
        "password", R.PASSWORD_LENGTH, {"length": "7", "minimum": "8", "maximum": "63"},
    ),
    "ap password 64 chars": (
        lambda c: c.set_ap_password("x" * 64),
        "password", R.PASSWORD_LENGTH, {"length": "64", "minimum": "8", "maximum": "63"},
    ),
    "ap password not text": (
        lambda c: c.set_ap_password(12345678),  # type: ignore[arg-type]
        "password", R.NOT_TEXT, {"value": "12345678"},
    ),
    "tag empty": (lambda c: c.start_charging(tag=" "), "tag", R.EMPTY, {}),
    "tag too long": (
        lambda c: c.start_charging(tag="x" * 37),
        "tag", R.TOO_LONG, {"length": "37", "maximum": "36"},
    ),
    "led brightness -1": (
        lambda c: c.set_app_config("led_max_brightness", -1),
        "led_max_brightness", R.OUT_OF_RANGE, _range("-1", "0", "100"),
    ),
    "led brightness 101": (
        lambda c: c.set_app_config("led_max_brightness", 101),
        "led_max_brightness", R.OUT_OF_RANGE, _range("101", "0", "100"),
    ),
    "install current 5": (
        lambda c: c.set_app_config("install_current", 5),
        "install_current", R.OUT_OF_RANGE, _range("5", "6", "32"),
    ),
    "user current 33": (
        lambda c: c.set_app_config("user_current", 33),
        "user_current", R.OUT_OF_RANGE, _range("33", "6", "32"),
    ),
    "gmt offset 13": (
        lambda c: c.set_app_config("gmt_offset", 13),
        "gmt_offset", R.OUT_OF_RANGE, _range("13", "-12", "12"),
    ),
    "connected phase 0": (
        lambda c: c.set_app_config("connected_phase", 0),
        "connected_phase", R.OUT_OF_RANGE, _range("0", "1", "3"),
    ),
    "dimming delay negative": (
        lambda c: c.set_app_config("led_dimming_delay", -1),
        "led_dimming_delay", R.OUT_OF_RANGE, _range("-1", "0", str(INT_MAX)),
    ),
    "latitude 91": (
        lambda c: c.set_app_config("latitude", 91.0),
        "latitude", R.OUT_OF_RANGE, _range("91", "-90", "90"),
    ),
    "latitude 90.5": (
        lambda c: c.set_app_config("latitude", 90.5),
        "latitude", R.OUT_OF_RANGE, _range("90.5", "-90", "90"),
    ),
    "longitude nan": (
        lambda c: c.set_app_config("longitude", float("nan")),
        "longitude", R.NOT_A_NUMBER, {"value": "nan"},
    ),
    "longitude text": (
        lambda c: c.set_app_config("longitude", "21.2"),
        "longitude", R.NOT_A_NUMBER, {"value": '"21.2"'},
    ),
    "headless not bool": (
        lambda c: c.set_app_config("headless", 1), "headless", R.NOT_BOOLEAN, {"value": "1"}
    ),
    "headless none": (
        lambda c: c.set_app_config("headless", None), "headless", R.NOT_BOOLEAN, {"value": "null"}
    ),
    "alias not text": (
        lambda c: c.set_app_config("charger_alias", 5), "charger_alias", R.NOT_TEXT, {"value": "5"}
    ),
    "alias too long": (
        lambda c: c.set_app_config("charger_alias", "a" * 256),
        "charger_alias", R.TOO_LONG, {"length": "256", "maximum": "255"},
    ),
    "led template short": (
        lambda c: c.set_app_config("led_template", "1,2,3"),
        "led_template", R.BAD_FORMAT, {"value": '"1,2,3"', "count": "12"},
    ),
    "led template 256": (
        lambda c: c.set_app_config("led_template", ",".join(["256"] * 12)),
        "led_template", R.OUT_OF_RANGE, _range("256", "0", "255"),
    ),
    "load balancing 4": (
        lambda c: c.set_app_config("load_balancing_mode", 4),
        "load_balancing_mode", R.OUT_OF_RANGE, _range("4", "0", "3"),
    ),
    "unknown key": (
        lambda c: c.set_app_config("max_power", 10),
        "config_key", R.UNKNOWN_KEY, {"value": '"max_power"'},
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("call", "field", "reason", "placeholders"),
    INVALID_CALLS.values(),
    ids=INVALID_CALLS.keys(),
)
async def test_invalid_value_is_refused_locally(
    client: LektricoClient,
    sim_server: SimulatorServer,
    call: Call,
    field: str,
    reason: ValidationReason,
    placeholders: dict[str, str],
) -> None:
    """An invalid value raises a validation error with field, reason and placeholders, unsent."""
    with pytest.raises(LektricoValidationError) as err:
        await call(client)
    assert (err.value.field, err.value.reason, err.value.placeholders) == (
        field,
        reason,
        placeholders,
    )
    assert set(placeholders) == VALIDATION_PLACEHOLDERS[reason]
    # str() stays an English sentence naming the field, every placeholder filled in.
    message = str(err.value)
    assert message.startswith(f"{field}: ")
    assert "{" not in message
    assert all(value in message for value in placeholders.values())
    assert sim_server.total_requests == 0


def test_every_reason_is_exercised() -> None:
    """Each reason a check can give appears above (INVALID is only for free-text callers)."""
    exercised = {reason for _, _, reason, _ in INVALID_CALLS.values()}
    assert exercised == set(ValidationReason) - {ValidationReason.INVALID}


def test_english_sentences() -> None:
    """What a user of the library outside Home Assistant reads."""
    sentences = {
        "EM_current: 5 A is below the 6 A minimum; use 0 to pause": LektricoValidationError(
            "EM_current", R.BELOW_MINIMUM_CURRENT, {"value": "5", "minimum": "6"}
        ),
        "gmt_offset: 13 is outside -12..12": LektricoValidationError(
            "gmt_offset", R.OUT_OF_RANGE, _range("13", "-12", "12")
        ),
        "charging_schedule[1]: overlaps charging_schedule[0]": LektricoValidationError(
            "charging_schedule[1]", R.OVERLAP, {"other": "charging_schedule[0]"}
        ),
        "tag: must not be empty": LektricoValidationError("tag", R.EMPTY),
    }
    for sentence, err in sentences.items():
        assert str(err) == sentence


def test_a_reason_given_as_text_is_the_reason() -> None:
    """A reason passed as its text becomes the ValidationReason with its message."""
    err = LektricoValidationError("tag", "empty")
    assert err.reason is ValidationReason.EMPTY
    assert str(err) == "tag: must not be empty"


def test_a_free_text_message_is_kept_without_a_reason() -> None:
    """A caller written before reasons existed still gets its sentence, and no placeholders."""
    err = LektricoValidationError("current", "expected whole amps, got 6.5")
    assert err.reason is ValidationReason.INVALID
    assert err.placeholders == {}
    assert str(err) == "current: expected whole amps, got 6.5"
    assert isinstance(err, ValueError)


def test_a_missing_placeholder_does_not_break_the_error() -> None:
    """A placeholder missing from the values is left as written instead of raising."""
    err = LektricoValidationError("EM_current", R.OUT_OF_RANGE, {"value": "40"})
    assert str(err) == "EM_current: 40 is outside {minimum}..{maximum}"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (16, "16"),
        (16.0, "16"),
        (6.5, "6.5"),
        (float("inf"), "inf"),
        (True, "true"),
        (None, "null"),
        ("", '""'),
        ("abc", '"abc"'),
        ("x" * 70, '"' + "x" * 39 + '…"'),
        ([1, 2], "[1, 2]"),
        (list(range(30)), repr(list(range(30)))[:39] + "…"),
    ],
)
def test_values_are_shown_the_same_in_every_language(value: object, text: str) -> None:
    """shown() writes a refused value the same way whatever the language, long ones cut."""
    assert shown(value) == text


VALID_EDGES: dict[str, Call] = {
    "em current 0": lambda c: c.set_em_current(0),
    "em current 6": lambda c: c.set_em_current(6),
    "em current 32": lambda c: c.set_em_current(32),
    "em current 16.0": lambda c: c.set_em_current(16.0),  # type: ignore[arg-type]
    "ap password 8": lambda c: c.set_ap_password("x" * 8),
    "ap password 63": lambda c: c.set_ap_password("x" * 63),
    "schedule week": _schedule(
        (1, 0, 0, 7, 23, 59, 32),
    ),
    "schedule touching": _schedule((1, 1, 0, 1, 2, 0, 0), (1, 2, 0, 1, 3, 0, 6)),
    "gmt offset -12": lambda c: c.set_app_config("gmt_offset", -12),
    "led brightness 10": lambda c: c.set_app_config("led_max_brightness", 10),
    "led brightness 0 (real units)": lambda c: c.set_app_config("led_max_brightness", 0),
    "relay mode 1": lambda c: c.set_dynamic_current(16, relay_mode=1),
    "relay mode 3": lambda c: c.set_dynamic_current(16, relay_mode=3),
}


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            call,
            id=name,
            # Firmware 1.23 has no EM_current.Set at all.
            marks=[pytest.mark.firmware_needs("em_current.set")] if name.startswith("em ") else [],
        )
        for name, call in VALID_EDGES.items()
    ],
)
async def test_edge_values_are_sent(
    client: LektricoClient, sim_server: SimulatorServer, call: Call
) -> None:
    """The values at the edges of each valid range are sent in a single request."""
    await call(client)
    assert sim_server.total_requests == 1
