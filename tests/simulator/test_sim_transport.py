"""The three request forms, error envelopes, 404s and request counting, over real HTTP."""

import pytest

from lektrico_sim import (
    METHODS,
    ChargerSimulator,
    EnergyMeterSimulator,
    Fault,
    ManualClock,
    SimulatorServer,
)

from .conftest import Serve
from .http_helpers import SimHttp

# Parameters that make every method succeed on a fresh charger.
VALID_PARAMS: dict[str, dict[str, object]] = {
    "charge.start": {"tag": "card-1"},
    "app_config.set": {"config_key": "led_max_brightness", "config_value": 30},
    "ap_password.set": {"password": "secret-password"},
    "charging_schedule.set": {"charging_schedule": []},
    "em_current.set": {"EM_current": 16},
    "dynamic_current.set": {"dynamic_current": 20},
}

# A key each read method's result must have (writes answer `true`).
READ_RESULT_KEY = {
    "app_config.get": "headless",
    "charger_info.get": "extended_charger_state",
    "sw_version.get": "fw_id",
    "logged_errors.get": "rcd_error",
    "active_errors.get": "overvoltage_error",
    "wifi_status.get": "rssi",
    "system_currents.get": "em_current",
    "counters_config.get": "reset_counter",
    "device_info.get": "device_id",
    "charging_schedule.get": "charging_schedule",
    "em_current.get": "EM_current",
    "em_status.get": "em_offline",
    "device_id.get": "device_id",
    "charger_config.get": "serial_number",
    "dynamic_current.get": "relay_mode",
}


def test_method_table_covers_document_and_field_notes() -> None:
    """The method table has the document's 25 methods and the 4 seen on real units."""
    # 25 methods of the document + 4 seen on real units
    assert len(METHODS) == 29
    assert set(READ_RESULT_KEY) <= set(METHODS)


@pytest.mark.parametrize("method", sorted(METHODS))
async def test_every_method_answers(http: SimHttp, method: str) -> None:
    """Every known method answers 200 with JSON: its result key, or true for writes."""
    answer = await http.post(method, VALID_PARAMS.get(method))

    assert answer.status == 200, answer.body
    assert answer.content_type == "application/json"
    if method in READ_RESULT_KEY:
        assert READ_RESULT_KEY[method] in answer.json
    else:
        assert answer.json is True


async def test_get_form_returns_bare_result(http: SimHttp) -> None:
    """GET /rpc/<method> answers the bare result."""
    answer = await http.get("device_id.get")

    assert answer.status == 200
    assert answer.content_type == "application/json"
    assert answer.json == {"device_id": "3p22k_500006"}


async def test_get_form_takes_query_parameters_as_strings(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """GET takes its parameters from the query string, where every value is text."""
    answer = await http.get("app_config.set", config_key="headless", config_value="false")

    assert answer.json is True
    assert charger.state.app_config["headless"] is False


async def test_post_form_with_params_body(http: SimHttp, charger: ChargerSimulator) -> None:
    """POST /rpc/<method> takes its parameters from the JSON body."""
    answer = await http.post("EM_current.Set", {"EM_current": 0})

    assert answer.status == 200
    assert answer.json is True
    assert charger.state.em_current == 0


async def test_post_form_with_empty_body_means_no_params(
    http: SimHttp, charger: ChargerSimulator
) -> None:
    """A POST with an empty body is a call without parameters."""
    charger.plug_in()
    answer = await http.post("charge.pause", raw=b"")

    assert answer.json is True
    assert charger.state.extended_charger_state == "B_PAUSE"


async def test_envelope_form_wraps_result(http: SimHttp) -> None:
    """A JSON-RPC envelope is answered with id, src, dst and the result."""
    answer = await http.rpc("Device_id.Get", rpc_id=7, src="ha")

    assert answer.status == 200
    assert answer.json == {
        "id": 7,
        "src": "3p22k_500006",
        "dst": "ha",
        "result": {"device_id": "3p22k_500006"},
    }


async def test_envelope_form_passes_params(http: SimHttp, charger: ChargerSimulator) -> None:
    """Parameters in an envelope reach the method."""
    params = {"config_key": "charger_alias", "config_value": "Garage"}
    answer = await http.rpc("App_config.Set", params, rpc_id=3)

    assert answer.json["result"] is True
    assert charger.state.app_config["charger_alias"] == "Garage"


@pytest.mark.parametrize("name", ["charger_info.get", "Charger_Info.Get", "CHARGER_INFO.GET"])
async def test_method_names_ignore_case(http: SimHttp, server: SimulatorServer, name: str) -> None:
    """Method names match whatever their case, and count under one name."""
    assert (await http.get(name)).status == 200
    assert (await http.rpc(name)).json["result"]["charger_state"] == "A"

    assert server.request_counts == {"charger_info.get": 2}


async def test_bare_form_error_is_http_400_with_envelope(http: SimHttp) -> None:
    """A refused bare call answers 400 with an error envelope without id."""
    answer = await http.post("em_current.set", {"EM_current": 3})

    assert answer.status == 400
    assert answer.content_type == "application/json"
    assert answer.json["id"] is None
    assert answer.json["error"]["code"] == -4
    assert answer.json["error"]["message"]


async def test_envelope_form_error_is_http_200(http: SimHttp) -> None:
    """A refused envelope call answers 200 with the error and its id."""
    answer = await http.rpc("em_current.set", {"EM_current": "abc"}, rpc_id=9)

    assert answer.status == 200
    assert answer.json["id"] == 9
    assert answer.json["error"]["code"] == -5


async def test_unknown_method_is_404_in_every_form(http: SimHttp) -> None:
    """An unknown method answers 404 'Method not found' in every form."""
    answers = [
        await http.get("teleport.now"),
        await http.post("teleport.now", {}),
        await http.rpc("teleport.now", rpc_id=5),
    ]

    assert [answer.status for answer in answers] == [404, 404, 404]
    assert [answer.json["id"] for answer in answers] == [None, None, 5]
    assert all(answer.json["error"]["code"] == -32601 for answer in answers)
    assert all(answer.json["error"]["message"] == "Method not found" for answer in answers)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"charge.start"', b'{"id": 4}'])
async def test_envelope_that_cannot_be_read_is_400_format_error(http: SimHttp, body: bytes) -> None:
    """An envelope that is not a readable request object is a -2 format error."""
    answer = await http.request("POST", "/rpc", data=body)

    assert answer.status == 400
    assert answer.content_type == "application/json"
    assert answer.json["error"]["code"] == -2


async def test_envelope_with_params_not_an_object_is_format_error(http: SimHttp) -> None:
    """Envelope params that are not an object are a -2 format error."""
    answer = await http.rpc("em_current.set", [16], rpc_id=2)

    assert answer.status == 200
    assert answer.json == {
        "id": 2,
        "src": "3p22k_500006",
        "dst": "tests",
        "error": {"code": -2, "message": answer.json["error"]["message"]},
    }


async def test_post_body_that_is_not_json_is_format_error(http: SimHttp) -> None:
    """A POST body that is not JSON is a -2 format error."""
    answer = await http.post("em_current.set", raw=b"EM_current=16")

    assert answer.status == 400
    assert answer.json["error"]["code"] == -2


async def test_parameter_names_ignore_case(http: SimHttp, charger: ChargerSimulator) -> None:
    """Parameter names match whatever their case."""
    assert (await http.post("em_current.set", {"em_current": 12})).json is True
    assert charger.state.em_current == 12


async def test_requests_are_counted_per_normalized_method(
    http: SimHttp, server: SimulatorServer
) -> None:
    """Every device request is counted under its lower-case method, failures included."""
    await http.get("Charger_info.Get")
    await http.post("charger_info.get")
    await http.rpc("CHARGER_INFO.GET")
    await http.post("em_current.set", {"EM_current": 99})  # fails with -4: still counted
    await http.get("no_such.method")  # 404: still counted
    await http.request("POST", "/rpc", data=b"garbage")

    assert server.request_counts == {
        "charger_info.get": 3,
        "em_current.set": 1,
        "no_such.method": 1,
        "<invalid>": 1,
    }
    assert server.total_requests == 6

    server.reset_counts()
    assert server.total_requests == 0
    assert not server.request_counts


async def test_control_routes_are_not_counted(http: SimHttp, server: SimulatorServer) -> None:
    """Control API requests are not counted as device requests."""
    await http.control("GET", "state")
    await http.control("POST", "ev", {"plugged": True})

    assert server.total_requests == 0


@pytest.mark.parametrize(
    ("device", "device_id"),
    [
        (ChargerSimulator(model="1p7k", serial=500000), "1p7k_500000"),
        (ChargerSimulator(model="3p22k", serial=500123, firmware="1.47"), "3p22k_500123"),
        (EnergyMeterSimulator(serial=700042), "m2w_700042"),
    ],
)
async def test_envelopes_name_the_unit_and_the_caller(
    serve: Serve, device: ChargerSimulator | EnergyMeterSimulator, device_id: str
) -> None:
    """Envelope answers name the unit as src and the caller as dst, errors too."""
    http = await serve(device)

    answer = await http.rpc("device_id.get", rpc_id=57130362, src="evcc-1")
    assert answer.json == {
        "id": 57130362,
        "src": device_id,
        "dst": "evcc-1",
        "result": {"device_id": device_id},
    }

    refused = await http.rpc("app_config.set", {"config_key": "nope", "config_value": 1}, src="x")
    assert (refused.json["src"], refused.json["dst"], refused.json["error"]["code"]) == (
        device_id,
        "x",
        -6,
    )


async def test_envelope_without_src_gets_no_dst(http: SimHttp) -> None:
    """An envelope without src gets an answer without dst."""
    answer = await http.request("POST", "/rpc", json={"id": 1, "method": "device_id.get"})

    assert answer.json["src"] == "3p22k_500006"
    assert "dst" not in answer.json


class TestUnknownMethodAsRpcError:
    """unknown_method="rpc_error": HTTP 200 with a JSON-RPC error object (code -1)."""

    @pytest.fixture
    async def rpc_error_http(self, serve: Serve, clock: ManualClock) -> SimHttp:
        """A charger that answers unknown methods with an RPC error and lacks EM_status."""
        charger = ChargerSimulator(clock=clock)
        return await serve(charger, unknown_method="rpc_error", missing_methods={"EM_status.Get"})

    async def test_every_form(self, rpc_error_http: SimHttp) -> None:
        """In every form an unknown method gets a 200 with RPC error -1 naming it."""
        get = await rpc_error_http.get("teleport.now")
        post = await rpc_error_http.post("teleport.now", {})
        enveloped = await rpc_error_http.rpc("teleport.now", rpc_id=5, src="ha")

        assert [answer.status for answer in (get, post, enveloped)] == [200, 200, 200]
        assert get.content_type == "application/json"
        assert get.json == post.json == {"error": get.json["error"]}
        assert get.json["error"]["code"] == -1
        assert "teleport.now" in get.json["error"]["message"]
        assert enveloped.json == {
            "id": 5,
            "src": "3p22k_500006",
            "dst": "ha",
            "error": get.json["error"],
        }

    async def test_missing_methods_option(self, rpc_error_http: SimHttp) -> None:
        """A method left out with missing_methods gets the RPC error too."""
        answer = await rpc_error_http.get("em_status.get")

        assert answer.status == 200
        assert answer.json["error"]["code"] == -1

    async def test_missing_method_fault(self, serve: Serve, clock: ManualClock) -> None:
        """A missing_method fault gets the RPC error; other methods still work."""
        server_http = await serve(ChargerSimulator(clock=clock), unknown_method="rpc_error")
        await server_http.control(
            "POST", "fault", {"kind": "missing_method", "methods": ["wifi_status.get"]}
        )

        answer = await server_http.rpc("wifi_status.get", rpc_id=8)

        assert answer.status == 200
        assert answer.json["error"]["code"] == -1
        assert (await server_http.get("app_config.get")).status == 200

    async def test_firmware_profile_lacking_a_method(
        self, serve: Serve, clock: ManualClock
    ) -> None:
        """A method the firmware profile lacks gets the RPC error."""
        old = ChargerSimulator(clock=clock, firmware="1.23")
        http = await serve(old, unknown_method="rpc_error")

        answer = await http.get("device_info.get")

        assert answer.status == 200
        assert answer.json["error"]["code"] == -1

    async def test_known_methods_and_other_errors_are_unchanged(
        self, rpc_error_http: SimHttp
    ) -> None:
        """Known methods and other errors answer as in the 404 mode."""
        assert (await rpc_error_http.get("device_id.get")).json == {"device_id": "3p22k_500006"}
        refused = await rpc_error_http.post("em_current.set", {"EM_current": 3})
        assert (refused.status, refused.json["error"]["code"]) == (400, -4)


def test_unknown_method_mode_is_checked(charger: ChargerSimulator) -> None:
    """The unknown-method mode must be http404 or rpc_error, and can be changed."""
    with pytest.raises(ValueError, match="unknown_method"):
        SimulatorServer(charger, unknown_method="teapot")  # type: ignore[arg-type]

    server = SimulatorServer(charger)
    assert server.unknown_method == "http404"
    server.unknown_method = "rpc_error"
    assert server.unknown_method == "rpc_error"


async def test_fault_missing_method_defaults_to_404(http: SimHttp, server: SimulatorServer) -> None:
    """A missing_method fault answers 404 by default."""
    server.faults.add(Fault(kind="missing_method", methods=["wifi_status.get"]))

    assert (await http.get("wifi_status.get")).status == 404


class TestQuotedQueryValues:
    """Early clients wrote through GET with the values in double quotes."""

    async def test_quoted_app_config_value_is_read_as_json(
        self, http: SimHttp, charger: ChargerSimulator
    ) -> None:
        """Quoted query values, as some clients send them, are read as JSON."""
        answer = await http.request(
            "GET", '/rpc/app_config.set?config_key="headless"&config_value="false"'
        )

        assert answer.json is True
        assert charger.state.app_config["headless"] is False

    async def test_quoted_dynamic_current(self, http: SimHttp, charger: ChargerSimulator) -> None:
        """A quoted number in the query is read as the number."""
        answer = await http.request("GET", '/rpc/dynamic_current.set?dynamic_current="16"')

        assert answer.json is True
        assert charger.state.dynamic_current == 16

    async def test_url_encoded_quotes_work_too(
        self, http: SimHttp, charger: ChargerSimulator
    ) -> None:
        """URL-encoded quotes are read the same way."""
        await http.get("app_config.set", config_key='"led_max_brightness"', config_value='"40"')

        assert charger.state.app_config["led_max_brightness"] == 40

    async def test_quoted_text_that_is_not_json_stays_text(
        self, http: SimHttp, charger: ChargerSimulator
    ) -> None:
        """Quoted text that is not a JSON value stays the text inside the quotes."""
        await http.get("app_config.set", config_key='"charger_alias"', config_value='"Garage"')

        assert charger.state.app_config["charger_alias"] == "Garage"

    async def test_plain_values_stay_strings(
        self, http: SimHttp, charger: ChargerSimulator
    ) -> None:
        """Unquoted query values are plain text, which the methods accept for numbers."""
        await http.get("dynamic_current.set", dynamic_current="12", relay_mode="1")

        assert (charger.state.dynamic_current, charger.state.relay_mode) == (12, 1)
