"""Smart charging: a pure planner that puts the car's energy into the cheapest slots to departure.

"30 kWh more by 07:00, in the cheapest slots, the sun first." No Home Assistant imports and no
clock of its own: the integration passes the time, the prices it parsed from a price sensor
(`prices`), a solar forecast and the plan it is executing; it gets a Plan back and asks
setpoint_at() each cycle. `python -m planner_sim` replays a year of prices and commutes through it.
"""

from .plan import Plan, PlannedSlot, PlanStatus, Setpoint, SlotReason, setpoint_at
from .planner import plan_charging
from .prices import (
    ParsedPrices,
    Skipped,
    parse_energyzero,
    parse_entsoe,
    parse_nord_pool,
    parse_octopus_agile,
    parse_price_attributes,
    parse_tibber,
)
from .schedule import Departure, DepartureRule, WeeklySchedule, next_departure, wall_clock
from .session import SessionCap, energy_to_soc, session_cap
from .settings import (
    HIGHEST_CHARGING_CURRENT,
    LOWEST_CHARGING_CURRENT,
    PlannerSettings,
    PlannerSettingsError,
    PowerLevel,
)
from .slots import ChargeRequest, PriceSlot, SolarSlot

__all__ = [
    "HIGHEST_CHARGING_CURRENT",
    "LOWEST_CHARGING_CURRENT",
    "ChargeRequest",
    "Departure",
    "DepartureRule",
    "ParsedPrices",
    "Plan",
    "PlanStatus",
    "PlannedSlot",
    "PlannerSettings",
    "PlannerSettingsError",
    "PowerLevel",
    "PriceSlot",
    "SessionCap",
    "Setpoint",
    "Skipped",
    "SlotReason",
    "SolarSlot",
    "WeeklySchedule",
    "energy_to_soc",
    "next_departure",
    "parse_energyzero",
    "parse_entsoe",
    "parse_nord_pool",
    "parse_octopus_agile",
    "parse_price_attributes",
    "parse_tibber",
    "plan_charging",
    "session_cap",
    "setpoint_at",
    "wall_clock",
]
