"""Solar and grid parts, and costs, computed by hand.

The rig's grid meter reads the house (negative: exporting) plus the charger's draw. With 3 kW
exported before the car, charging at 7.2 kW imports 4.2 kW: 3 kW of the 7.2 are solar, 5/12.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from custom_components.lektrico_local.history import ChargerSample, HistorySettings

from .rig import SOLAR, STEP, Rig

MIN = 60


def one_session(rig: Rig, minutes: float, power_w: float = 7200) -> Rig:
    rig.arrive(power_w)
    rig.run(minutes * MIN)
    rig.leave()
    return rig


def test_solar_share_while_exporting() -> None:
    """1 h at 7.2 kW while the house exported 3 kW: 7200 Wh, of which exactly 3000 Wh solar."""
    [record] = one_session(Rig(SOLAR, house_w=-3000), 60).recorder.sessions

    assert record.energy_wh == pytest.approx(7200)
    assert record.solar_energy_wh == pytest.approx(3000)
    assert record.grid_energy_wh == pytest.approx(4200)


def test_solar_then_import() -> None:
    """30 min exporting 3 kW, then 30 min importing 1 kW: only the first half has solar,
    1500 Wh; a house that imports leaves the car nothing."""
    rig = Rig(SOLAR, house_w=-3000)
    rig.arrive()
    rig.run(30 * MIN)
    rig.house_w = 1000
    rig.run(30 * MIN)
    rig.leave()

    [record] = rig.recorder.sessions
    assert record.solar_energy_wh == pytest.approx(1500)
    assert record.grid_energy_wh == pytest.approx(5700)


def test_more_surplus_than_the_car_takes_is_all_solar() -> None:
    """Exporting 10 kW before the car, 7.2 kW drawn: the meter still exports, all 7.2 are solar."""
    [record] = one_session(Rig(SOLAR, house_w=-10000), 30).recorder.sessions

    assert record.solar_energy_wh == pytest.approx(3600)
    assert record.grid_energy_wh == pytest.approx(0)


def test_a_stale_grid_reading_counts_as_grid() -> None:
    """One grid reading, then none for 10 min: it is used for its 5 min (grid_max_age), and the
    rest counts as grid: 600 Wh x 5/12 = 250 Wh solar."""
    rig = Rig(SOLAR, house_w=-3000)
    rig.arrive()
    rig.run(STEP)  # this step's grid reading is the last
    rig.house_w = None
    rig.run(10 * MIN - STEP)
    rig.leave()

    [record] = rig.recorder.sessions
    assert record.energy_wh == pytest.approx(1200)
    assert record.solar_energy_wh == pytest.approx(250)


def test_an_unavailable_grid_meter_counts_as_grid() -> None:
    """The meter says unavailable (None): from then on, all grid."""
    rig = Rig(SOLAR, house_w=-3000)
    rig.arrive()
    rig.run(5 * MIN)
    rig.recorder.add_grid_power(rig.now, None)
    rig.recorder.add_grid_power(rig.now - timedelta(seconds=1), -3000)  # late: ignored
    rig.house_w = None
    rig.run(5 * MIN)
    rig.leave()

    [record] = rig.recorder.sessions
    assert record.solar_energy_wh == pytest.approx(600 * 5 / 12)


def test_without_a_grid_sensor_solar_is_unknown() -> None:
    """No grid sensor configured: solar None (unknown, not 0), all the energy grid."""
    [record] = one_session(Rig(house_w=-3000), 30).recorder.sessions

    assert record.solar_energy_wh is None
    assert record.grid_energy_wh == pytest.approx(3600)


def test_cost_with_a_changing_price() -> None:
    """1 h at 0.30 then 1 h at 0.10 per kWh, 7.2 kW throughout: 7.2 x 0.30 + 7.2 x 0.10 = 2.88;
    with 3 kW exported all along, the grid part (7/12) costs 7/12 of that."""
    rig = Rig(HistorySettings(grid_sensor=True, price_sensor=True), house_w=-3000)
    rig.set_price(0.30)
    rig.arrive()
    rig.run(60 * MIN)
    rig.set_price(0.10)
    rig.set_price(None)  # unavailable: 0.10 holds
    rig.run(60 * MIN)
    rig.leave()

    [record] = rig.recorder.sessions
    assert record.cost == pytest.approx(2.88)
    assert record.grid_cost == pytest.approx(2.88 * 4200 / 7200)


def test_a_price_change_between_two_samples() -> None:
    """The price changes 5 s into a 10 s interval: each half of its 20 Wh at its own price."""
    rig = Rig(HistorySettings(price_sensor=True))
    rig.set_price(0.30)
    rig.arrive()
    rig.run(STEP)  # one 20 Wh interval at 0.30, seen at the next sample
    recorder, at = rig.recorder, rig.now
    recorder.set_price(at + timedelta(seconds=5), 0.10)
    recorder.add_sample(ChargerSample(at + timedelta(seconds=10), 101, True, True, 40.0, 7200.0))

    current = recorder.current
    assert current is not None
    assert current.cost == pytest.approx(0.020 * 0.30 + 0.010 * 0.30 + 0.010 * 0.10)


def test_fixed_price_and_price_sensor_fallback() -> None:
    """A fixed price prices everything; with a price sensor it holds until the sensor's first
    value (and set_price is ignored without a price sensor)."""
    fixed = Rig(HistorySettings(fixed_price=0.25))
    fixed.set_price(9.99)
    [record] = one_session(fixed, 30).recorder.sessions
    assert record.cost == pytest.approx(3.6 * 0.25)

    sensor = Rig(HistorySettings(price_sensor=True, fixed_price=0.25))
    sensor.arrive()
    sensor.run(30 * MIN)
    sensor.set_price(0.40)
    sensor.run(30 * MIN)
    sensor.leave()
    [record] = sensor.recorder.sessions
    assert record.cost == pytest.approx(3.6 * 0.25 + 3.6 * 0.40)


def test_no_price_means_no_cost() -> None:
    """No price at all: cost and grid cost None, not 0."""
    [record] = one_session(Rig(), 30).recorder.sessions

    assert (record.cost, record.grid_cost) == (None, None)


def test_energy_without_power_is_grid_at_the_price_of_the_moment() -> None:
    """The counter grows while the charger reports no power: nothing to weigh the sun with, so
    all grid, at the price in force."""
    rig = Rig(HistorySettings(grid_sensor=True, fixed_price=0.5), house_w=-3000)
    rig.arrive(None)
    rig.run(STEP)
    recorder, at = rig.recorder, rig.now
    recorder.add_sample(ChargerSample(at, 101, True, True, 100.0, None))

    current = recorder.current
    assert current is not None
    assert (current.energy_wh, current.solar_energy_wh) == (100, 0)
    assert current.cost == pytest.approx(0.05)


def test_a_counter_that_goes_back_counts_on_from_its_new_value() -> None:
    """The same session's counter drops (reset under us), seen or during an outage: nothing is
    taken off, and its growth from the new value counts."""
    rig = Rig()
    rig.arrive()
    rig.run(MIN)  # 100 Wh seen
    rig.charger.energy_wh = 0.0
    rig.run(MIN)
    rig.charger.energy_wh = 0.0
    rig.pause()
    rig.run(5 * MIN, watching=False)  # back to 0 during an outage, below the 100 Wh last seen
    rig.charge(7200)
    rig.run(MIN)
    current = rig.recorder.current
    assert current is not None
    assert current.energy_wh == pytest.approx(100 + 100 + 100)
