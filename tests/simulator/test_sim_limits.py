"""Offered current, current_limit_reason, the schedule and energy management."""

from datetime import UTC, datetime

import pytest

from lektrico_sim import ChargerSimulator, LimitReason, ManualClock

from .http_helpers import SimHttp


@pytest.fixture
def charging(charger: ChargerSimulator) -> ChargerSimulator:
    """Plugged in, nothing limiting below 32 A, an EV that takes 32 A."""
    charger.set_app_config("install_current", 32)
    charger.set_ev(max_current=32)
    charger.plug_in()
    return charger


def offered(charger: ChargerSimulator) -> tuple[int, int, str]:
    state = charger.state
    return state.pwm_current, state.current_limit_reason, state.extended_charger_state


def window(day: int, start_h: int, end_h: int, current: int) -> dict[str, int]:
    return {
        "start_d": day, "start_h": start_h, "start_m": 0,
        "end_d": day, "end_h": end_h, "end_m": 0, "current": current,
    }  # fmt: skip


def test_unlimited_charger_is_limited_by_user_current(charging: ChargerSimulator) -> None:
    """With every limit at 32 A, the charger names the user current as the limit."""
    # install, user and hardware are all 32 A: the user limit is the one named
    assert offered(charging) == (32, LimitReason.USER, "C")
    assert charging.state.currents == (32.0, 32.0, 32.0)


def test_factory_default_install_current_limits(charger: ChargerSimulator) -> None:
    """A factory-fresh unit offers only its 6 A install current."""
    charger.plug_in()
    assert offered(charger) == (6, LimitReason.INSTALL, "C")


def test_install_current_limit(charging: ChargerSimulator) -> None:
    """A lower install current limits charging and is named as the reason."""
    charging.set_app_config("install_current", 20)
    assert offered(charging) == (20, LimitReason.INSTALL, "C")


def test_user_current_limit(charging: ChargerSimulator) -> None:
    """A lower user current limits charging and the currents drawn."""
    charging.set_app_config("user_current", 10)
    assert offered(charging) == (10, LimitReason.USER, "C")
    assert charging.state.currents == (10.0, 10.0, 10.0)


def test_ev_maximum_is_not_a_charger_limit(charging: ChargerSimulator) -> None:
    """An EV drawing less than offered does not change the offer or its reason."""
    charging.set_ev(max_current=13)
    assert offered(charging) == (32, LimitReason.USER, "C")
    assert charging.state.currents == (13.0, 13.0, 13.0)


async def test_dynamic_current_limits_and_zero_pauses(
    http: SimHttp, charging: ChargerSimulator
) -> None:
    """The dynamic current limits charging, reads back with the relay mode, and 0 pauses."""
    await http.result("dynamic_current.set", {"dynamic_current": 12})
    assert offered(charging) == (12, LimitReason.DYNAMIC, "C")
    assert await http.result("dynamic_current.get") == {"dynamic_current": 12, "relay_mode": 3}

    await http.result("dynamic_current.set", {"dynamic_current": 0})
    assert offered(charging) == (0, LimitReason.DYNAMIC, "B_PAUSE")
    assert charging.state.charger_is_paused
    assert charging.state.instant_power == 0


def test_lowest_limit_wins(charging: ChargerSimulator) -> None:
    """Of several limits, the lowest is offered and named."""
    charging.set_app_config("user_current", 16)
    charging.set_dynamic_current(10)
    charging.set_app_config("install_current", 25)

    assert offered(charging) == (10, LimitReason.DYNAMIC, "C")


async def test_system_currents_report_every_limit(
    http: SimHttp, charging: ChargerSimulator
) -> None:
    """system_currents.get reports every limit, with the resulting charging current."""
    charging.set_app_config("user_current", 16)
    charging.set_em_current(10)
    currents = await http.result("system_currents.get")

    assert currents == {
        "cable_current": 32,
        "install_current": 32,
        "dynamic_current": 32,
        "user_current": 16,
        "charging_current": 16,
        "system_max_current": 32,
        "schedule_current": 32,
        "ocpp_current": 32,
        "em_current": 10,
    }


def test_overtemperature_derates(charging: ChargerSimulator) -> None:
    """A unit that runs hot derates to 10 A and names overtemperature."""
    charging.set_ambient_temperature(70)
    charging.advance(3600)

    assert charging.state.temperature > 65
    assert offered(charging) == (10, LimitReason.OVERTEMPERATURE, "C")


class TestSchedule:
    """The clock starts Monday 2026-06-01 10:00 UTC."""

    @pytest.fixture
    def scheduled(self, charging: ChargerSimulator) -> ChargerSimulator:
        """A charging unit with a schedule: 11-13 h at 10 A, 13-14 h at 0 A, Mondays."""
        charging.set_schedule([window(1, 11, 13, 10), window(1, 13, 14, 0)])
        charging.set_app_config("charging_schedule_enabled", True)
        return charging

    def test_outside_every_interval_pauses_by_schedule(self, scheduled: ChargerSimulator) -> None:
        """Outside every interval the schedule pauses (not the user's pause)."""
        assert offered(scheduled) == (0, LimitReason.SCHEDULE, "B_SCHEDULER")
        assert scheduled.state.charger_is_paused is False
        assert scheduled.state.schedule_current == 0

    def test_interval_current_applies_from_its_start(self, scheduled: ChargerSimulator) -> None:
        """An interval's current applies from the second it starts."""
        scheduled.advance(3599)
        assert scheduled.state.extended_charger_state == "B_SCHEDULER"
        scheduled.advance(1)
        assert offered(scheduled) == (10, LimitReason.SCHEDULE, "C")

    def test_zero_current_interval_and_end_of_schedule(self, scheduled: ChargerSimulator) -> None:
        """A 0 A interval pauses, and so does the time after the last interval."""
        scheduled.advance(3 * 3600)  # 13:00: the 0 A interval
        assert offered(scheduled) == (0, LimitReason.SCHEDULE, "B_SCHEDULER")
        scheduled.advance(3600)
        assert scheduled.state.extended_charger_state == "B_SCHEDULER"

    def test_energy_only_flows_inside_the_interval(self, scheduled: ChargerSimulator) -> None:
        """Energy and charging time count only inside the charging interval."""
        scheduled.advance(5 * 3600)
        # two hours at 10 A x 3 phases x ~229 V
        assert scheduled.state.session_energy == pytest.approx(2 * 6870, rel=0.02)
        assert scheduled.state.charging_time == 7200

    def test_gmt_offset_shifts_local_time(self, scheduled: ChargerSimulator) -> None:
        """The GMT offset moves local time, and with it the schedule, across days."""
        scheduled.set_app_config("gmt_offset", 2)  # local 12:00
        assert offered(scheduled) == (10, LimitReason.SCHEDULE, "C")
        scheduled.set_app_config("gmt_offset", -12)  # local Sunday 22:00
        assert scheduled.state.extended_charger_state == "B_SCHEDULER"

    def test_week_wraps_by_local_day(self, clock: ManualClock) -> None:
        """Sunday night UTC can be Monday local time: the schedule follows the local day."""
        clock.set(datetime(2026, 6, 7, 23, 30, tzinfo=UTC))  # Sunday
        charger = ChargerSimulator(clock=clock, app_config={"install_current": 32})
        charger.set_schedule([window(1, 0, 2, 16)])
        charger.set_app_config("charging_schedule_enabled", True)
        charger.plug_in()
        assert charger.state.extended_charger_state == "B_SCHEDULER"
        charger.set_app_config("gmt_offset", 1)  # Monday 00:30 local
        assert offered(charger) == (16, LimitReason.SCHEDULE, "C")

    async def test_override_lasts_until_unplug(
        self, http: SimHttp, scheduled: ChargerSimulator
    ) -> None:
        """A schedule override charges at full current until the EV is unplugged."""
        assert (await http.result("charging_schedule.override")) is True
        assert offered(scheduled) == (32, LimitReason.USER, "C")
        assert scheduled.state.schedule_override

        scheduled.unplug()
        scheduled.plug_in()
        assert scheduled.state.extended_charger_state == "B_SCHEDULER"
        assert not scheduled.state.schedule_override

    def test_disabled_schedule_does_not_limit(self, scheduled: ChargerSimulator) -> None:
        """A disabled schedule does not limit charging."""
        scheduled.set_app_config("charging_schedule_enabled", False)
        assert offered(scheduled) == (32, LimitReason.USER, "C")


class TestEnergyManagement:
    @pytest.fixture
    def managed(self, charging: ChargerSimulator) -> ChargerSimulator:
        """A charging unit with energy management turned on."""
        charging.set_app_config("energy_management_enabled", True)
        return charging

    def test_em_current_limits(self, managed: ChargerSimulator) -> None:
        """An EM current limits charging and marks the EM device online."""
        managed.set_em_current(14)
        assert offered(managed) == (14, LimitReason.EM, "C")
        assert managed.state.em_offline is False

    def test_em_current_zero_pauses(self, managed: ChargerSimulator) -> None:
        """An EM current of 0 pauses charging."""
        managed.set_em_current(0)
        assert offered(managed) == (0, LimitReason.EM, "B_PAUSE")
        assert managed.state.charger_is_paused

    async def test_em_goes_offline_after_the_timeout(
        self, http: SimHttp, managed: ChargerSimulator
    ) -> None:
        """Without a new EM current for 60 s the fallback applies, until one arrives."""
        await http.result("em_current.set", {"EM_current": 20})
        managed.advance(59)
        assert await http.result("em_status.get") == {"em_offline": False}
        assert offered(managed) == (20, LimitReason.EM, "C")

        managed.advance(1)
        assert await http.result("em_status.get") == {"em_offline": True}
        # the fallback current applies until the EM device speaks again
        assert offered(managed) == (6, LimitReason.EM_OFFLINE, "C")
        assert await http.result("em_current.get") == {"EM_current": 20}

        await http.result("em_current.set", {"EM_current": 18})
        assert offered(managed) == (18, LimitReason.EM, "C")

    def test_without_any_em_device_the_fallback_applies(self, managed: ChargerSimulator) -> None:
        """With no EM device ever heard from, the fallback current applies."""
        assert managed.state.em_offline
        assert offered(managed) == (6, LimitReason.EM_OFFLINE, "C")

    def test_timeout_and_fallback_are_configurable(self, clock: ManualClock) -> None:
        """The EM timeout and fallback current are constructor settings."""
        charger = ChargerSimulator(
            clock=clock,
            em_timeout=10,
            em_fallback_current=0,
            app_config={"install_current": 32, "energy_management_enabled": True},
        )
        charger.plug_in()
        charger.set_em_current(16)
        charger.advance(10)
        assert offered(charger) == (0, LimitReason.EM_OFFLINE, "B_PAUSE")

    def test_em_current_is_stored_but_not_obeyed_while_disabled(
        self, charging: ChargerSimulator
    ) -> None:
        """An EM current set while management is off is kept and obeyed once on."""
        charging.set_em_current(8)
        assert offered(charging) == (32, LimitReason.USER, "C")
        assert charging.state.em_current == 8

        charging.set_app_config("energy_management_enabled", True)
        assert offered(charging) == (8, LimitReason.EM, "C")
