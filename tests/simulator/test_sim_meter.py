"""Lektrico energy meters: one served on its own, and one paired with a charger."""

import pytest

from lektrico_sim import (
    METER_METHODS,
    METHODS,
    ChargerSimulator,
    EnergyMeterSimulator,
    LimitReason,
    ManualClock,
    RpcError,
)

from .conftest import Serve
from .http_helpers import SimHttp

CHARGER_ONLY_METHODS = sorted(set(METHODS) - set(METER_METHODS))


class TestMeterOnTheNetwork:
    @pytest.fixture
    async def meter_http(self, serve: Serve, clock: ManualClock) -> SimHttp:
        """An energy meter simulator served over HTTP."""
        return await serve(EnergyMeterSimulator(clock=clock))

    async def test_device_id_tells_a_meter(self, meter_http: SimHttp) -> None:
        """A meter's device id starts with m2w_ and carries its serial."""
        assert (await meter_http.get("Device_id.Get")).json == {"device_id": "m2w_700001"}
        assert EnergyMeterSimulator(serial=700123).device_id == "m2w_700123"

    async def test_app_config_has_load_balancing_mode(self, meter_http: SimHttp) -> None:
        """A meter's app config has load_balancing_mode and none of a charger's keys."""
        config = await meter_http.result("app_config.get")

        assert config["load_balancing_mode"] == 0
        assert len(config) > 1
        assert "headless" not in config  # a charger's key

    @pytest.mark.parametrize("mode", [0, 1, 2, 3])
    async def test_load_balancing_mode_can_be_set(self, meter_http: SimHttp, mode: int) -> None:
        """Each load-balancing mode can be written and read back."""
        params = {"config_key": "load_balancing_mode", "config_value": mode}
        assert (await meter_http.rpc("app_config.set", params)).json["result"] is True

        assert (await meter_http.result("app_config.get"))["load_balancing_mode"] == mode

    @pytest.mark.parametrize(
        ("key", "value", "code"),
        [("load_balancing_mode", 4, -4), ("load_balancing_mode", "green", -5), ("headless", 1, -6)],
    )
    async def test_bad_config_is_refused(
        self, meter_http: SimHttp, key: str, value: object, code: int
    ) -> None:
        """Bad values and unknown keys are refused with the document's error codes."""
        answer = await meter_http.rpc("app_config.set", {"config_key": key, "config_value": value})

        assert answer.json["error"]["code"] == code

    async def test_sw_version(self, meter_http: SimHttp) -> None:
        """A meter reports its version, contained in its firmware id."""
        version = await meter_http.result("sw_version.get")

        assert set(version) == {"fw_version", "fw_id"}
        assert version["fw_version"] in version["fw_id"]

    @pytest.mark.parametrize("method", CHARGER_ONLY_METHODS)
    async def test_charger_methods_are_unknown(self, meter_http: SimHttp, method: str) -> None:
        """A meter answers 404 to every charger-only method."""
        assert (await meter_http.post(method, {})).status == 404

    async def test_charger_info_as_rpc_error(self, serve: Serve) -> None:
        """Asked to, a meter answers unknown methods with an RPC error instead of 404."""
        http = await serve(EnergyMeterSimulator(), unknown_method="rpc_error")

        bare = await http.get("charger_info.get")
        enveloped = await http.rpc("Charger_info.Get", rpc_id=2, src="ha")

        assert (bare.status, bare.json["error"]["code"]) == (200, -1)
        assert enveloped.json["src"] == "m2w_700001"
        assert enveloped.json["error"]["code"] == -1

    async def test_control_surface(self, meter_http: SimHttp) -> None:
        """The meter's control API shows its state and refuses charger-only controls."""
        state = (await meter_http.control("GET", "state")).json
        assert state["device_id"] == "m2w_700001"
        assert state["app_config"]["load_balancing_mode"] == 0

        # charger-only controls are refused, not crashed on
        assert (await meter_http.control("POST", "ev", {"plugged": True})).status == 400
        assert (await meter_http.control("POST", "advance", {"seconds": 1})).status == 400
        assert (await meter_http.control("GET", "stats")).json["total"] == 0


class TestMeterDrivingTheEmCurrent:
    """The field capture: a 1P7K on firmware 1.47 at dynamic 16 A, held at 6 A by a meter."""

    @pytest.fixture
    def driven(self, clock: ManualClock) -> ChargerSimulator:
        """A single-phase 1.47 unit charging with a meter holding its EM current at 6 A."""
        charger = ChargerSimulator(
            model="1p7k", clock=clock, firmware="1.47", app_config={"install_current": 32}
        )
        charger.set_ev(max_current=32, phases=1)
        charger.set_dynamic_current(16)
        charger.plug_in()
        charger.attach_energy_meter(6)
        return charger

    @pytest.fixture
    async def driven_http(self, serve: Serve, driven: ChargerSimulator) -> SimHttp:
        """That unit served over HTTP."""
        return await serve(driven)

    async def test_pairing_shows_in_app_config(self, driven_http: SimHttp) -> None:
        """A paired meter turns energy management on and shows its id in the app config."""
        config = await driven_http.result("app_config.get")

        assert config["energy_management_enabled"] is True
        assert config["em_id"] == "m2w_700001"

    async def test_charger_info_shows_the_meter_limiting(self, driven_http: SimHttp) -> None:
        """charger_info shows the meter's EM current as the limit on the current drawn."""
        info = await driven_http.result("charger_info.get")

        assert info["em_current"] == 6
        assert info["current_limit_reason"] == LimitReason.EM  # 6: the energy management device
        assert info["pwm_current"] == 6
        assert info["dynamic_current"] == 16
        assert info["currents"] == [6.0, 0, 0]
        assert info["extended_charger_state"] == "C"

    async def test_system_currents_and_em_status(
        self, driven_http: SimHttp, driven: ChargerSimulator
    ) -> None:
        """A meter that keeps talking keeps the EM device online with its current."""
        driven.advance(3600)  # the meter keeps talking: never offline

        assert (await driven_http.result("system_currents.get"))["em_current"] == 6
        assert await driven_http.result("em_status.get") == {"em_offline": False}
        assert await driven_http.result("em_current.get") == {"EM_current": 6}

    async def test_a_client_write_is_accepted_then_overridden(
        self, driven_http: SimHttp, driven: ChargerSimulator
    ) -> None:
        """A client's EM current is accepted, then replaced at the meter's next period."""
        assert await driven_http.result("em_current.set", {"EM_current": 20}) is True
        assert await driven_http.result("em_current.get") == {"EM_current": 20}
        assert driven.state.pwm_current == 16  # now the dynamic current binds

        driven.advance(5)  # one meter period

        assert await driven_http.result("em_current.get") == {"EM_current": 6}
        info = await driven_http.result("charger_info.get")
        assert (info["em_current"], info["pwm_current"], info["current_limit_reason"]) == (6, 6, 6)

    def test_the_meter_period_is_configurable(self, clock: ManualClock) -> None:
        """The meter's period is a setting: its current returns after that many seconds."""
        charger = ChargerSimulator(clock=clock)
        charger.attach_energy_meter(10, period=30)
        charger.set_em_current(25)

        charger.advance(29)
        assert charger.state.em_current == 25
        charger.advance(1)
        assert charger.state.em_current == 10

    async def test_meter_current_changes_at_once(
        self, driven_http: SimHttp, driven: ChargerSimulator
    ) -> None:
        """A new meter current applies at once, and 0 pauses charging."""
        driven.set_meter_current(12)
        assert (await driven_http.result("charger_info.get"))["pwm_current"] == 12

        driven.set_meter_current(0)
        info = await driven_http.result("charger_info.get")
        assert (info["extended_charger_state"], info["charger_is_paused"]) == ("B_PAUSE", True)
        assert driven.state.meter_current == 0

    async def test_detaching_unpairs(self, driven_http: SimHttp, driven: ChargerSimulator) -> None:
        """Detaching the meter unpairs it, and a client's EM current then stays."""
        driven.detach_energy_meter()

        config = await driven_http.result("app_config.get")
        assert (config["energy_management_enabled"], config["em_id"]) == (False, "")
        assert driven.state.meter_current is None
        await driven_http.result("em_current.set", {"EM_current": 20})
        driven.advance(60)
        assert await driven_http.result("em_current.get") == {"EM_current": 20}
        assert (await driven_http.result("charger_info.get"))["pwm_current"] == 16

    def test_meter_current_is_validated(self, driven: ChargerSimulator) -> None:
        """A meter current out of range is refused and changes nothing."""
        with pytest.raises(RpcError):
            driven.set_meter_current(5)
        with pytest.raises(RpcError):
            driven.attach_energy_meter(40)
        assert driven.state.em_current == 6

    def test_without_a_meter_there_is_nothing_to_set(self, clock: ManualClock) -> None:
        """Setting a meter current without a meter is a programming error."""
        with pytest.raises(RuntimeError, match="no energy meter"):
            ChargerSimulator(clock=clock).set_meter_current(10)

    async def test_control_surface(self, serve: Serve, clock: ManualClock) -> None:
        """The control API attaches a meter, changes its current and detaches it."""
        charger = ChargerSimulator(clock=clock)
        http = await serve(charger)

        state = (await http.control("POST", "meter", {"current": 8})).json
        assert (state["meter_current"], state["em_current"]) == (8, 8)
        state = (await http.control("POST", "meter", {"current": 10})).json
        assert state["meter_current"] == 10
        state = (await http.control("POST", "meter", {"attached": False})).json
        assert state["meter_current"] is None
        assert state["app_config"]["energy_management_enabled"] is False
