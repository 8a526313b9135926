"""Charger states and sessions, driven through the Python API and the device commands."""

import pytest

from lektrico_sim import ERROR_FLAG_NAMES, ChargerSimulator, ManualClock

from .http_helpers import SimHttp


@pytest.fixture
def single_phase(clock: ManualClock) -> ChargerSimulator:
    """A simulated single-phase charger on the manual clock."""
    return ChargerSimulator(model="1p7k", serial=500007, clock=clock)


def configure(charger: ChargerSimulator, **values: object) -> None:
    for key, value in values.items():
        charger.set_app_config(key, value)


def test_fresh_charger_is_idle(charger: ChargerSimulator) -> None:
    """A fresh charger is idle: state A, no current, no session, no errors."""
    state = charger.state

    assert (state.charger_state, state.extended_charger_state) == ("A", "A")
    assert state.currents == (0.0, 0.0, 0.0)
    assert state.instant_power == 0
    assert state.session_id == 0
    assert state.has_active_errors is False


def test_headless_plug_in_charges_at_once(charger: ChargerSimulator) -> None:
    """Without authorization, plugging in starts a session that charges at once."""
    charger.plug_in()
    state = charger.state

    assert (state.charger_state, state.extended_charger_state) == ("C", "C")
    assert state.authorized
    assert state.session_id == 1
    # default install_current 6 A limits a 16 A EV on all three phases
    assert state.currents == (6.0, 6.0, 6.0)
    assert state.instant_power == pytest.approx(sum(6 * v for v in state.voltages), abs=0.1)


async def test_authorization_needed_when_not_headless(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """With authorization required the EV waits until a start (with its tag); stop waits again."""
    configure(charger, headless=False)
    charger.plug_in()
    assert charger.state.extended_charger_state == "B_AUTH"
    assert charger.state.charger_state == "B"

    assert (await http.result("charge.start", {"tag": "rfid-42"})) is True
    assert charger.state.extended_charger_state == "C"
    assert charger.state.last_tag == "rfid-42"

    assert (await http.result("charge.stop")) is True
    assert charger.state.extended_charger_state == "B_AUTH"


def test_stop_on_headless_unit_waits_in_b_until_start(charger: ChargerSimulator) -> None:
    """A stopped session waits in B without charging until started again."""
    charger.plug_in()
    charger.stop_charging()
    charger.advance(60)

    assert charger.state.extended_charger_state == "B"
    assert charger.state.instant_power == 0
    assert charger.state.charging_time == 0

    charger.start_charging()
    assert charger.state.extended_charger_state == "C"


async def test_pause_and_resume(http: SimHttp, charger: ChargerSimulator) -> None:
    """Pause stops the power and marks the unit paused; resume charges again."""
    charger.plug_in()
    await http.result("charge.pause")
    info = await http.result("charger_info.get")

    assert info["extended_charger_state"] == "B_PAUSE"
    assert info["charger_is_paused"] is True
    assert info["instant_power"] == 0

    await http.result("charge.resume")
    info = await http.result("charger_info.get")
    assert info["extended_charger_state"] == "C"
    assert info["charger_is_paused"] is False


def test_locked_charger_never_charges(charger: ChargerSimulator) -> None:
    """A locked charger does not charge a plugged EV until it is unlocked."""
    configure(charger, charger_locked=True)
    assert charger.state.extended_charger_state == "LOCKED"
    assert charger.state.charger_state == "A"

    charger.plug_in()
    charger.advance(600)
    assert charger.state.extended_charger_state == "LOCKED"
    assert charger.state.charger_state == "B"
    assert charger.state.session_energy == 0

    configure(charger, charger_locked=False)
    assert charger.state.extended_charger_state == "C"


def test_full_ev_stops_drawing_but_stays_authorized(charger: ChargerSimulator) -> None:
    """A full EV stops drawing power but stays authorized, and resumes when it wants more."""
    charger.plug_in()
    charger.advance(60)
    charger.set_ev_full(True)
    energy = charger.state.session_energy
    charger.advance(600)

    assert charger.state.extended_charger_state == "B"
    assert charger.state.authorized
    assert charger.state.session_energy == energy

    charger.set_ev_full(False)
    assert charger.state.extended_charger_state == "C"


def test_ev_is_full_once_it_has_the_energy_it_wanted(charger: ChargerSimulator) -> None:
    """An EV that wants a given energy is full once it has it."""
    configure(charger, install_current=16)
    charger.set_ev(max_current=16, phases=3, energy_wanted_wh=1000)
    charger.plug_in()
    # 16 A x 3 x ~230 V = ~11 kW: 1 kWh after ~5.5 minutes
    charger.advance(300)
    assert charger.state.extended_charger_state == "C"
    charger.advance(60)

    assert charger.state.extended_charger_state == "B"
    assert charger.state.ev_full
    assert charger.state.session_energy == pytest.approx(1000)


def test_ev_draws_its_own_maximum_on_its_phases(charger: ChargerSimulator) -> None:
    """An EV draws its own maximum on its own phases, below what is offered."""
    configure(charger, install_current=32)
    charger.set_ev(max_current=10, phases=1)
    charger.plug_in()

    assert charger.state.currents == (10.0, 0.0, 0.0)
    assert charger.state.pwm_current == 32


def test_relay_mode_forces_single_phase(charger: ChargerSimulator) -> None:
    """Relay mode 1 moves a three-phase EV onto L1."""
    charger.plug_in()
    charger.set_dynamic_current(16, relay_mode=1)

    assert charger.state.currents == (6.0, 0.0, 0.0)
    assert charger.state.relay_mode == 1


def test_ev_needing_ventilation_charges_in_d(charger: ChargerSimulator) -> None:
    """An EV asking for ventilation charges in state D."""
    charger.set_ev(needs_ventilation=True)
    charger.plug_in()

    assert (charger.state.charger_state, charger.state.extended_charger_state) == ("D", "D")
    assert charger.state.instant_power > 0


def test_single_phase_model_reports_three_entries(single_phase: ChargerSimulator) -> None:
    """The single-phase unit still reports three currents and voltages, two at zero."""
    single_phase.set_app_config("install_current", 32)
    single_phase.plug_in()
    state = single_phase.state

    assert state.device_id == "1p7k_500007"
    assert state.currents == (16.0, 0.0, 0.0)
    assert state.voltages[0] == pytest.approx(230, abs=6)
    assert state.voltages[1:] == (0.0, 0.0)


def test_voltages_are_plausible_and_vary(charger: ChargerSimulator) -> None:
    """Voltages stay near 230 V and change over time."""
    first = charger.state.voltages
    charger.advance(900)
    later = charger.state.voltages

    assert all(225 < volts < 235 for volts in first + later)
    assert first != later


def test_charging_accumulates_energy_time_and_temperature(charger: ChargerSimulator) -> None:
    """An hour of charging adds its energy, time and heat; the counter is cut to whole kWh."""
    configure(charger, install_current=32, user_current=32)
    charger.set_ev(max_current=32)
    charger.plug_in()
    cold = charger.state.temperature
    charger.advance(3600)
    state = charger.state

    assert state.charging_time == 3600
    # ~22 kW for an hour
    assert state.session_energy == pytest.approx(22_000, rel=0.03)
    assert state.total_charged_energy == pytest.approx(state.session_energy / 1000, abs=0.01)
    assert state.energy_index == pytest.approx(state.session_energy, abs=0.1)
    assert state.counters["total_charged_time"] == 60
    # The counter is whole kWh (document section 4), cut, not rounded.
    assert state.counters["total_charged_energy"] == int(state.session_energy // 1000)
    assert state.counters["total_charged_energy"] in (21, 22)
    assert state.temperature > cold + 10


def test_temperature_relaxes_toward_ambient_when_idle(charger: ChargerSimulator) -> None:
    """An idle unit cools down toward the ambient temperature."""
    charger.set_app_config("install_current", 32)
    charger.plug_in()
    charger.advance(3600)
    hot = charger.state.temperature
    charger.unplug()
    charger.advance(3600)

    assert charger.state.temperature < hot - 10


def test_unplug_ends_the_session_and_counts_it(charger: ChargerSimulator) -> None:
    """Unplugging counts the session; its figures stay readable until the next plug-in."""
    charger.plug_in()
    charger.advance(600)
    session_energy = charger.state.session_energy
    charger.unplug()
    state = charger.state

    assert state.extended_charger_state == "A"
    assert state.counters["total_charged_sessions"] == 1
    assert state.counters["last_session_energy"] == round(session_energy)
    assert state.session_energy == session_energy  # readable until the next plug-in

    charger.plug_in()
    assert charger.state.session_id == 2
    assert charger.state.session_energy == 0
    assert charger.state.charging_time == 0


def test_counters_survive_sessions(charger: ChargerSimulator) -> None:
    """The lifetime counters add up over several sessions."""
    for _ in range(3):
        charger.plug_in()
        charger.advance(1200)
        charger.unplug()

    counters = charger.state.counters
    assert counters["total_charged_sessions"] == 3
    assert counters["total_charged_time"] == 60
    assert charger.state.total_charged_energy == pytest.approx(3 * 1.38, rel=0.05)


@pytest.mark.parametrize(
    ("flag", "letter"), [("state_e_activated", "E"), ("rcd_error", "F"), ("overtemp", "F")]
)
def test_active_error_puts_charger_in_error_state(
    charger: ChargerSimulator, flag: str, letter: str
) -> None:
    """An active error stops charging in E or F; cleared, charging goes on."""
    charger.plug_in()
    charger.raise_error(flag)
    state = charger.state

    assert (state.charger_state, state.extended_charger_state) == (letter, letter)
    assert state.has_active_errors
    assert state.instant_power == 0

    charger.clear_error(flag)
    assert charger.state.extended_charger_state == "C"


async def test_logged_errors_outlive_active_ones_until_reset(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """Logged errors stay after the active ones clear, until a reset."""
    charger.raise_error("rcd_error")
    charger.raise_error("overvoltage_error")
    active = await http.result("active_errors.get")
    assert list(active) == list(ERROR_FLAG_NAMES)
    assert [name for name, on in active.items() if on] == ["rcd_error", "overvoltage_error"]

    charger.clear_all_errors()
    assert not any((await http.result("active_errors.get")).values())
    assert (await http.result("logged_errors.get"))["rcd_error"] is True
    assert (await http.result("charger_info.get"))["has_active_errors"] is False

    await http.result("logged_errors.reset")
    assert not any((await http.result("logged_errors.get")).values())


def test_reset_keeps_errors_that_are_still_active_logged(charger: ChargerSimulator) -> None:
    """Resetting logged errors keeps those still active."""
    charger.raise_error("meter_fault")
    charger.reset_logged_errors()

    assert charger.state.logged_errors == ["meter_fault"]


def test_unknown_error_flag_is_refused(charger: ChargerSimulator) -> None:
    """An unknown error flag is refused."""
    with pytest.raises(ValueError, match="unknown error flag"):
        charger.raise_error("gremlins")


async def test_charger_info_has_every_documented_key(http: SimHttp) -> None:
    """The document's profile answers charger_info with exactly the documented keys."""
    # The default firmware profile is the document's: exactly section 5.5.
    info = await http.result("charger_info.get")

    assert set(info) == {
        "charger_state", "session_energy", "charging_time", "session_id", "instant_power",
        "current", "currents", "current_limit_reason", "voltage", "voltages", "temperature",
        "energy_index", "total_charged_energy", "headless", "led_max_brightness",
        "install_current", "dynamic_current", "fw_version", "extended_charger_state",
        "has_active_errors", "charger_is_paused", "heap_free", "pwm_current",
    }  # fmt: skip
    assert isinstance(info["total_charged_energy"], float)
    assert len(info["currents"]) == len(info["voltages"]) == 3


async def test_identity_and_network_methods(http: SimHttp) -> None:
    """The identity and Wi-Fi methods answer with plausible values."""
    identity = await http.result("charger_config.get")
    assert identity == {"serial_number": 500006, "board_revision": "B"}
    device = await http.result("device_info.get")
    assert device["device_id"] == "3p22k_500006"
    assert device["fw_version"] == "1.51"
    wifi = await http.result("wifi_status.get")
    assert wifi["connected"] is True
    assert -70 < wifi["rssi"] < -50
    assert set(wifi) == {"connected", "sta_ip", "sta_name", "rssi", "bssid"}
