"""Phase relays: relay_mode through dynamic_current.get/.set, over real HTTP."""

import pytest

from lektrico_sim import FIRMWARE_PROFILES, ChargerSimulator, ManualClock

from .conftest import Serve
from .http_helpers import SimHttp


def unit(clock: ManualClock, model: str, firmware: str = "document") -> ChargerSimulator:
    """Installed for 32 A, a 16 A three-phase EV waiting to be plugged in."""
    return ChargerSimulator(
        model=model, clock=clock, firmware=firmware, app_config={"install_current": 32}
    )


async def error_code(http: SimHttp, params: dict[str, int]) -> int | None:
    answer = await http.rpc("dynamic_current.set", params)
    return answer.json["error"]["code"] if "error" in answer.json else None


@pytest.mark.parametrize("firmware", FIRMWARE_PROFILES)
@pytest.mark.parametrize(("model", "relay_mode"), [("3p22k", 3), ("1p7k", 0)])
async def test_relay_mode_reported_by_default(
    serve: Serve, clock: ManualClock, firmware: str, model: str, relay_mode: int
) -> None:
    """Every profile reports relay mode 3 on three-phase units and 0 on single-phase ones."""
    http = await serve(unit(clock, model, firmware))

    assert await http.result("dynamic_current.get") == {
        "dynamic_current": 32,
        "relay_mode": relay_mode,
    }


@pytest.mark.parametrize("firmware", FIRMWARE_PROFILES)
async def test_forcing_one_phase_makes_a_three_phase_ev_draw_on_one(
    serve: Serve, clock: ManualClock, firmware: str
) -> None:
    """Relay mode 1 makes a three-phase EV draw on L1 only; mode 3 gives it back."""
    charger = unit(clock, "3p22k", firmware)
    charger.plug_in()
    http = await serve(charger)
    assert charger.state.currents == (16.0, 16.0, 16.0)

    assert await http.result("dynamic_current.set", {"dynamic_current": 16, "relay_mode": 1})
    assert await http.result("dynamic_current.get") == {"dynamic_current": 16, "relay_mode": 1}
    assert charger.state.currents == (16.0, 0.0, 0.0)

    assert await http.result("dynamic_current.set", {"dynamic_current": 16, "relay_mode": 3})
    assert await http.result("dynamic_current.get") == {"dynamic_current": 16, "relay_mode": 3}
    assert charger.state.currents == (16.0, 16.0, 16.0)


@pytest.mark.parametrize(
    ("model", "relay_mode"),
    [("3p22k", 0), ("3p22k", 2), ("3p22k", 4), ("3p22k", -1), ("1p7k", 1), ("1p7k", 3)],
)
async def test_relay_modes_the_unit_lacks_are_refused(
    serve: Serve, clock: ManualClock, model: str, relay_mode: int
) -> None:
    """Relay modes a unit cannot use are refused with -4 and change nothing."""
    charger = unit(clock, model)
    http = await serve(charger)
    before = await http.result("dynamic_current.get")

    # -4: the document's "key value range error"
    assert await error_code(http, {"dynamic_current": 10, "relay_mode": relay_mode}) == -4
    assert await http.result("dynamic_current.get") == before  # nothing changed


async def test_single_phase_unit_accepts_only_0(serve: Serve, clock: ManualClock) -> None:
    """A single-phase unit accepts relay mode 0."""
    http = await serve(unit(clock, "1p7k"))

    assert await error_code(http, {"dynamic_current": 10, "relay_mode": 0}) is None
    assert await http.result("dynamic_current.get") == {"dynamic_current": 10, "relay_mode": 0}


async def test_switching_phases_keeps_a_paused_unit_paused(
    serve: Serve, clock: ManualClock
) -> None:
    """Changing the relay mode of a paused unit leaves it paused."""
    charger = unit(clock, "3p22k")
    charger.plug_in()
    http = await serve(charger)
    await http.result("dynamic_current.set", {"dynamic_current": 0})
    assert charger.state.extended_charger_state == "B_PAUSE"

    await http.result("dynamic_current.set", {"dynamic_current": 0, "relay_mode": 1})

    assert await http.result("dynamic_current.get") == {"dynamic_current": 0, "relay_mode": 1}
    assert charger.state.extended_charger_state == "B_PAUSE"
    assert charger.state.instant_power == 0


async def test_factory_reset_returns_to_three_phases(serve: Serve, clock: ManualClock) -> None:
    """A factory reset puts a three-phase unit back on three phases at 32 A."""
    http = await serve(unit(clock, "3p22k"))
    await http.result("dynamic_current.set", {"dynamic_current": 20, "relay_mode": 1})

    await http.result("factory.reset")

    assert await http.result("dynamic_current.get") == {"dynamic_current": 32, "relay_mode": 3}
