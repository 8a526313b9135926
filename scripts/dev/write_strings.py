"""Writes strings.json and translations/en.json from one source.

Run after changing a user-visible text: `.venv/ha-2026.2.3/bin/python scripts/dev/write_strings.py`.
The tests check that every translation key used in code exists here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "custom_components" / "lektrico_local"
sys.path.insert(0, str(REPO))

from custom_components.lektrico_local.api.const import ERROR_FLAG_LABELS  # noqa: E402

# The client's table is the one source of the flags and their labels.
ERROR_FLAGS = ERROR_FLAG_LABELS
SYSTEM_CURRENTS = {
    "cable_current": "Cable current limit",
    "install_current": "Installation current limit",
    "dynamic_current": "Dynamic current limit",
    "user_current": "User current limit",
    "charging_current": "Charging current limit",
    "system_max_current": "System maximum current",
    "schedule_current": "Schedule current limit",
    "ocpp_current": "OCPP current limit",
    "em_current": "Energy management current limit",
}
STATES = {
    "disconnected": "Disconnected",
    "connected": "Connected",
    "awaiting_authorization": "Awaiting authorization",
    "paused": "Paused",
    "paused_by_schedule": "Paused by schedule",
    "charging": "Charging",
    "charging_with_ventilation": "Charging with ventilation",
    "error": "Error",
    "fault": "Fault",
    "updating_firmware": "Updating firmware",
    "locked": "Locked",
}
LIMIT_REASONS = {
    "hardware": "Hardware",
    "installation_current": "Installation current",
    "user_current": "User current",
    "dynamic_current": "Dynamic current",
    "schedule": "Schedule",
    "em_offline": "Energy management offline",
    "energy_management": "Energy management",
    "ocpp": "OCPP",
    "overtemperature": "Overtemperature",
    "switching_phases": "Switching phases",
    "user_power_limit": "User power limit",
    "single_phase_disabled": "Single-phase charging disabled",
}
SESSION_EVENTS = {
    "session_started": "Session started",
    "authorization_required": "Authorization required",
    "authorized": "Authorized",
    "charging_started": "Charging started",
    "paused_by_ev": "Paused by the vehicle",
    "paused_by_charger": "Paused by the charger",
    "resumed": "Resumed",
    "charging_finished": "Charging finished",
    "session_finished": "Session finished",
    "error": "Error",
}

SOLAR_STATES = {
    "off": "Off",
    "fast": "Fast",
    "no_vehicle": "No vehicle",
    "waiting_for_surplus": "Waiting for surplus",
    "starting": "Starting",
    "charging_on_surplus": "Charging on surplus",
    "holding_minimum": "Holding the minimum",
    "stopping": "Stopping",
    "sensor_stale": "Grid sensor stale",
    "switching_phases": "Switching phases",
    "charger_unreachable": "Charger unreachable",
    "charging_on_plan": "Charging by plan",
    "session_limit_reached": "Session limit reached",
}
CHARGE_MODES = {
    "off": "Off",
    "fast": "Fast",
    "solar": "Solar",
    "min_solar": "Min + Solar",
    "smart": "Smart",
    "smart_price_cap": "Smart + price cap",
}
PLAN_STATES = {
    "not_smart": "Not in a smart mode",
    "no_vehicle": "No vehicle",
    "no_departure": "No departure set",
    "failed": "Cannot plan",
    "nothing_needed": "Nothing needed",
    "planned": "Planned",
    "estimated": "Planned on estimated prices",
    "short": "Target out of reach",
    "no_prices": "No prices: charging at once",
}
DAY_NAMES = {
    "monday": "Monday",
    "tuesday": "Tuesday",
    "wednesday": "Wednesday",
    "thursday": "Thursday",
    "friday": "Friday",
    "saturday": "Saturday",
    "sunday": "Sunday",
}
LEVER_HELP = (
    "Dynamic current: what every Lektrico app and public client uses. The charger keeps it "
    "while Home Assistant is down, so a paused charger (0 A) stays paused until Home Assistant "
    "is back. EM current: the charger obeys it only with energy management on, which the "
    "integration turns on; while Home Assistant is down it falls back after about a minute to "
    "the charger's own EM-offline current. With a Lektrico energy meter installed, the meter "
    "drives the EM current: the integration then uses the dynamic current instead."
)

# A value the client refused: exceptions.invalid_value_<reason> (helpers.VALIDATION_KEYS),
# with {field} and the reason's placeholders; invalid_value is for a refusal without a reason.
INVALID_VALUE = {
    "invalid_value": "Invalid value for {field}.",
    "invalid_value_not_whole_number": "{field}: {value} is not a whole number.",
    "invalid_value_not_a_number": "{field}: {value} is not a number.",
    "invalid_value_not_boolean": "{field}: {value} is not true or false.",
    "invalid_value_not_text": "{field}: {value} is not text.",
    "invalid_value_too_long": "{field}: {length} characters; at most {maximum} are allowed.",
    "invalid_value_out_of_range": "{field}: {value} is outside {minimum} to {maximum}.",
    "invalid_value_below_minimum_current": "{field}: {value} A is below the {minimum} A minimum; use 0 to pause.",
    "invalid_value_not_a_choice": "{field}: {value} is not one of {choices}.",
    "invalid_value_unknown_key": "{field}: {value} is not a setting of the charger.",
    "invalid_value_empty": "{field} must not be empty.",
    "invalid_value_bad_format": "{field}: {value} is not {count} comma-separated numbers.",
    "invalid_value_ends_before_start": "{field}: the interval ends on day {end_day} at {end_time}, before it starts on day {start_day} at {start_time} (day 1 is Monday).",
    "invalid_value_overlap": "{field} overlaps {other}; the intervals of a schedule must not overlap.",
    "invalid_value_password_length": "{field}: {length} characters; use {minimum} to {maximum} characters, or leave it empty to remove the password.",
}
# A solar setting the control law refused: options.error.<SolarSettingsReason>, shown on the
# field (config_flow.solar_errors) with the reason's placeholders; invalid_solar_settings is
# for an option that is not even a number.
SOLAR_SETTINGS_ERRORS = {
    "invalid_solar_settings": "These settings do not fit together.",
    "not_a_number": "Enter a number.",
    "not_whole_number": "Enter a whole number.",
    "out_of_range": "Enter a value from {minimum} to {maximum}.",
    "max_below_min": "The maximum current ({value} A) must not be below the minimum current ({minimum} A).",
    "not_a_choice": "Pick one of {choices}.",
    "not_boolean": "Must be on or off.",
    "stale_order": "When the grid sensor goes silent, no step may come before the one it follows: stale after {sensor_timeout} s, down to the minimum after {stale_minimum_after} s, paused after {stale_pause_after} s.",
    "needs_three_phases": "Switching phases needs the charger on 3 phases: set Phases to Auto or 3 phases.",
}

SESSION_FILTER = {
    "from": {"name": "From", "description": "Only sessions that ended at or after this time."},
    "to": {"name": "To", "description": "Only sessions that ended before this time."},
    "tag": {"name": "Tag", "description": "Only sessions started with this tag."},
}
DEVICE_FIELD = {"device_id": {"name": "Charger", "description": "The Lektrico charger to act on."}}
INTERVALS_HELP = (
    "List of intervals, each with start_day and end_day (monday..sunday or 1..7), "
    "start_time and end_time (HH:MM, charger's local time) and current (0 pauses, 6-32 A)."
)


def strings() -> dict:
    phases = {
        f"{kind}_l{n}": {"name": f"{label} L{n}"}
        for kind, label in (("current", "Current"), ("voltage", "Voltage"))
        for n in (1, 2, 3)
    }
    return {
        "config": {
            "flow_title": "{name}",
            "step": {
                "user": {
                    "description": "Enter the address of your Lektrico charger. It must be on the same network as Home Assistant.",
                    "data": {"host": "Host"},
                    "data_description": {
                        "host": "IP address or host name of the charger, for example 192.168.1.20."
                    },
                },
                "zeroconf_confirm": {
                    "title": "Lektrico charger found",
                    "description": "Add {name} ({model}, serial {serial}) at {host} to Home Assistant?",
                },
                "reconfigure": {
                    "description": "Enter the charger's new address.",
                    "data": {"host": "Host"},
                    "data_description": {"host": "IP address or host name of the charger."},
                },
            },
            "error": {
                "cannot_connect": "Nothing answered at that address. Check the address and that the charger is on the network.",
                "not_a_charger": "Something answered, but it is not a Lektrico charger speaking the local API.",
                "unknown": "Unexpected error; see the log for details.",
            },
            "abort": {
                "already_configured": "This charger is already set up.",
                "already_in_progress": "This charger is already being set up.",
                "cannot_connect": "The discovered charger did not answer.",
                "not_a_charger": "The discovered device is not a Lektrico charger.",
                "energy_meter": "This is a Lektrico energy meter, not a charger. Add the charger it balances instead.",
                "different_charger": "A different charger answers at that address.",
                "reconfigure_successful": "The charger's address was updated.",
                "unknown": "Unexpected error; see the log for details.",
            },
        },
        "options": {
            "abort": {
                "solar_required": "Smart charging builds on solar charging: set up Solar-surplus charging (the grid power sensor) first."
            },
            "step": {
                "init": {
                    "title": "Options",
                    "menu_options": {
                        "polling": "Polling",
                        "control": "Current control",
                        "diagnostics": "Detailed diagnostics",
                        "solar": "Solar-surplus charging",
                        "smart": "Smart charging",
                        "fuse": "Main fuse",
                        "history": "Session history",
                    },
                },
                "diagnostics": {
                    "title": "Detailed diagnostics",
                    "description": "Entities for finding out what is wrong and fixing it: one problem sensor per error flag of the charger, every current limit, the voltage per phase, the temperature, firmware version, Wi-Fi, the lifetime counters (charging time, sessions, reboots), and the Restart, Check for firmware update and Reset logged errors buttons. Everyday use needs none of them: Errors (with the active errors as an attribute), State and Limit reason say what matters.",
                    "data": {"detailed_diagnostics": "Detailed diagnostics"},
                    "data_description": {
                        "detailed_diagnostics": "Turn on to add these entities to the charger; turn off to remove them again."
                    },
                },
                "control": {
                    "title": "Current control",
                    "description": "Which of the charger's settings the Charging current number and solar charging write.",
                    "data": {"control_lever": "Control through"},
                    "data_description": {"control_lever": LEVER_HELP},
                },
                "history": {
                    "title": "Session history",
                    "description": "Every charging session is stored with its energy, solar part and cost. The cost uses the price sensor of Smart charging when there is one; otherwise the fixed price below.",
                    "data": {"fixed_price": "Fixed price per kWh"},
                    "data_description": {
                        "fixed_price": "In your currency per kWh; empty: sessions without a price sensor have no cost."
                    },
                },
                "smart": {
                    "title": "Smart charging",
                    "description": "Pick a price sensor to add the Smart and Smart + price cap charge modes: the car charges from the sun whenever there is surplus, and from the grid in the cheapest hours that still reach the target by the departure. Set the departure of each weekday here (leave a day empty for none); the Ready by, Target energy and Target state of charge entities change them day by day.",
                    "data": {
                        "price_sensor": "Price sensor",
                        "solar_forecast_sensor": "Solar forecast sensor",
                        "car_soc_sensor": "Car state of charge",
                        "car_battery_capacity": "Car battery capacity",
                        **{
                            f"departure_{day}": f"Departure {name}"
                            for day, name in DAY_NAMES.items()
                        },
                    },
                    "data_description": {
                        "price_sensor": "A sensor with today's and tomorrow's prices in its attributes (Nord Pool, ENTSO-e, EnergyZero, Frank Energie, Tibber, Octopus Agile), or a plain current-price sensor (the price cap only).",
                        "solar_forecast_sensor": "Optional: Solcast (detailedForecast) or a sensor with watts per hour, so that the grid is not bought for energy the sun will deliver before the departure.",
                        "car_soc_sensor": "Optional: the car's battery level in %, from the car's own integration. With it, the target is a state of charge.",
                        "car_battery_capacity": "Usable capacity of the car's battery, in kWh; needed with the state of charge.",
                        **{
                            f"departure_{day}": f"When the car leaves on {name}; empty: no departure."
                            for day, name in DAY_NAMES.items()
                        },
                    },
                },
                "fuse": {
                    "title": "Main fuse",
                    "description": "Pick the grid meter's sensors to keep the charger from ever tripping your main fuse: the charging current is lowered at once when the house draws more, in every charge mode and when set by hand, and raised again once there is room for a while. Leave the sensors empty to turn this off.",
                    "data": {
                        "fuse_sensors": "Grid meter sensors",
                        "fuse_rating": "Main fuse rating",
                        "fuse_margin": "Safety margin",
                        "fuse_fallback_current": "Current while the meter is silent",
                        "fuse_hold_time": "Wait before raising the current",
                    },
                    "data_description": {
                        "fuse_sensors": "The current (A) or power (W) of each phase of the grid connection, in the order L1, L2, L3; or one sensor for a single-phase house. Positive when importing.",
                        "fuse_rating": "The rating of the main fuse per phase, in A.",
                        "fuse_margin": "Kept free below the rating, in A, for meter error and loads that start between two readings.",
                        "fuse_fallback_current": "The most the charger may draw while the meter sends nothing: 0 (pause) or 6 to 32 A.",
                        "fuse_hold_time": "More current must be available this long before the charging current goes up again, so that it does not go up and down.",
                    },
                },
                "polling": {
                    "title": "Polling",
                    "data": {"scan_interval": "Live data interval"},
                    "data_description": {
                        "scan_interval": "How often state, power and energy are read, in seconds (5-120). Settings and counters are read every 5 minutes and right after every change."
                    },
                },
                "solar": {
                    "title": "Solar-surplus charging",
                    "description": "Pick the sensor that measures your grid connection to turn on the Charge mode select. In Solar and Min + Solar the integration then sets the charging current from the surplus, through the setting picked under Current control (the dynamic current unless you changed it). Leave the grid sensor empty to turn the feature off.",
                    "data": {
                        "grid_power_sensor": "Grid power sensor",
                        "grid_power_inverted": "Grid sensor is positive when exporting",
                        "grid_export_sensor": "Separate export sensor",
                        "battery_power_sensor": "Home battery power sensor",
                        "battery_power_inverted": "Battery sensor is positive when discharging",
                        "battery_soc_sensor": "Home battery state of charge",
                        "battery_priority_soc": "Battery priority up to",
                        "min_current": "Minimum current",
                        "max_current": "Maximum current",
                        "phases": "Phases",
                        "residual_power": "Residual power margin",
                        "enable_delay": "Start delay",
                        "disable_delay": "Stop delay",
                        "min_on_time": "Minimum charging time",
                        "min_off_time": "Minimum pause",
                        "cycle": "Control cycle",
                        "phase_switching": "Switch between 1 and 3 phases",
                    },
                    "data_description": {
                        "grid_power_sensor": "Power at the grid connection, positive when importing (or tick the next box). With a separate export sensor, this one is the import.",
                        "grid_power_inverted": "Tick if the grid sensor is positive when the house exports.",
                        "battery_power_inverted": "Tick if the battery sensor is positive when the battery discharges.",
                        "battery_soc_sensor": "State of charge of the home battery, in %; needed for the battery priority.",
                        "max_current": "The car never charges above this (32 A at most).",
                        "grid_export_sensor": "Only if your meter has separate import and export sensors (both positive).",
                        "battery_power_sensor": "Positive while the battery charges (or tick the next box). Battery discharge counts as import.",
                        "battery_priority_soc": "Below this state of charge the battery takes the surplus first.",
                        "min_current": "The car never charges below this (6 A at least).",
                        "phases": "Auto: the charger's model (1P7K one phase, 3P22K three).",
                        "residual_power": "Export kept as a margin, in W (negative allows some import).",
                        "enable_delay": "Surplus for the minimum current must last this long before charging starts.",
                        "disable_delay": "In Solar mode, a shortfall must last this long before charging pauses.",
                        "min_on_time": "Once started, charging lasts at least this long.",
                        "min_off_time": "Once paused, charging stays paused at least this long.",
                        "cycle": "How often the current is decided (10-300 s).",
                        "phase_switching": "3P22K only: charge on one phase when the surplus is too small for three.",
                    },
                },
            },
            "error": {
                "fuse_sensor_count": "Pick one sensor per phase (three), or one for a single-phase house.",
                "fuse_sensor_units": "Pick sensors of one kind: all currents (A) or all powers (W).",
                "fuse_rating_required": "Enter the rating of the main fuse.",
                "fuse_fallback_invalid": "The charger takes 0 (pause) or 6 to 32 A.",
                "invalid_fuse_settings": "These settings do not fit together: the rating less the margin must leave at least 6 A.",
                "grid_sensor_required": "Pick the grid power sensor first.",
                "soc_sensor_required": "Battery priority needs the state-of-charge sensor.",
                "phase_switching_unsupported": "Only a three-phase charger can switch phases.",
                "capacity_required": "Enter the car's battery capacity to plan by state of charge.",
                "car_soc_sensor_required": "Pick the car's state-of-charge sensor, or leave the capacity empty.",
                **SOLAR_SETTINGS_ERRORS,
            },
        },
        "selector": {
            "control_lever": {
                "options": {
                    "dynamic_current": "Dynamic current (recommended)",
                    "em_current": "EM current",
                }
            },
            "phases": {
                "options": {"auto": "Auto (from the charger)", "1": "1 phase", "3": "3 phases"}
            },
        },
        "entity": {
            "sensor": {
                "state": {"name": "State", "state": STATES},
                "limit_reason": {"name": "Limit reason", "state": LIMIT_REASONS},
                "session_energy": {"name": "Session energy"},
                "charging_time": {"name": "Charging time"},
                "lifetime_energy": {"name": "Lifetime energy"},
                **phases,
                "offered_current": {"name": "Offered current"},
                "firmware_version": {"name": "Firmware version"},
                **{f"limit_{key}": {"name": name} for key, name in SYSTEM_CURRENTS.items()},
                "total_charging_time": {"name": "Total charging time"},
                "total_sessions": {"name": "Total sessions"},
                "last_session_energy": {"name": "Last session energy"},
                "reboots": {"name": "Reboots"},
                "wifi_signal": {"name": "Wi-Fi signal"},
                "solar_state": {"name": "Solar charging", "state": SOLAR_STATES},
                "solar_surplus": {"name": "Solar surplus"},
                "solar_target_current": {"name": "Solar target current"},
                "solar_countdown": {"name": "Solar countdown"},
                "fuse_guard": {
                    "name": "Fuse guard",
                    "state": {
                        "inactive": "Inactive",
                        "limiting": "Limiting",
                        "paused": "Paused for the fuse",
                        "meter_stale": "Meter silent",
                    },
                },
                "fuse_headroom": {"name": "Fuse headroom"},
                "last_session": {"name": "Last session"},
                "energy_this_month": {"name": "Energy this month"},
                "cost_this_month": {"name": "Cost this month"},
                "solar_share_this_month": {"name": "Solar share this month"},
                "plan": {
                    "name": "Plan",
                    "state_attributes": {"status": {"name": "Status", "state": PLAN_STATES}},
                },
            },
            "binary_sensor": {
                "vehicle_connected": {"name": "Vehicle connected"},
                "charging": {"name": "Charging"},
                "paused": {"name": "Paused"},
                "has_errors": {
                    "name": "Errors",
                    "state_attributes": {"active_errors": {"name": "Active errors"}},
                },
                **{f"error_{key}": {"name": name} for key, name in ERROR_FLAGS.items()},
                "em_offline": {"name": "Energy management offline"},
                "wifi_connected": {"name": "Wi-Fi connected"},
            },
            "switch": {
                "charging": {"name": "Charging"},
                "force_single_phase": {"name": "Force single phase"},
                "authorization_required": {"name": "Authorization required"},
                "charger_locked": {"name": "Locked"},
                "charging_schedule_enabled": {"name": "Charging schedule"},
                "energy_management_enabled": {"name": "Energy management"},
            },
            "number": {
                "charging_current": {"name": "Charging current"},
                "em_current": {"name": "EM current"},
                "user_current": {"name": "User current"},
                "installation_current": {"name": "Installation current"},
                "led_max_brightness": {"name": "LED brightness"},
                "led_dimming_delay": {"name": "LED dimming delay"},
                "dynamic_current": {"name": "Dynamic current"},
                "stop_after_energy": {"name": "Stop after"},
                "target_energy": {"name": "Target energy"},
                "target_soc": {"name": "Target state of charge"},
                "price_limit": {"name": "Price limit"},
            },
            "time": {"ready_by": {"name": "Ready by"}},
            "select": {
                "charge_mode": {
                    "name": "Charge mode",
                    "state": CHARGE_MODES,
                },
                "load_balancing_mode": {
                    "name": "Load balancing mode",
                    "state": {"off": "Off", "power": "Power", "hybrid": "Hybrid", "green": "Green"},
                },
                "connected_phase": {
                    "name": "Connected phase",
                    "state": {"l1": "L1", "l2": "L2", "l3": "L3"},
                },
            },
            "button": {
                "start_charging": {"name": "Start charging"},
                "stop_charging": {"name": "Stop charging"},
                "pause_charging": {"name": "Pause charging"},
                "resume_charging": {"name": "Resume charging"},
                "override_schedule": {"name": "Charge now"},
                "check_for_update": {"name": "Check for firmware update"},
                "reset_logged_errors": {"name": "Reset logged errors"},
            },
            "event": {
                "session": {
                    "name": "Session",
                    "state_attributes": {"event_type": {"state": SESSION_EVENTS}},
                }
            },
        },
        "device_automation": {"trigger_type": SESSION_EVENTS},
        "issues": {
            "fuse_meter_stale": {
                "title": "{name}: the grid meter is silent",
                "description": "The main-fuse guard has had no reading from the grid meter's sensors for a while, so it cannot tell how much the house draws. Until the meter reports again the charger draws at most {fallback} A (the current set for this under *Configure → Main fuse*). Check that the meter's sensors are available.",
            },
            "energy_meter_owns_em_current": {
                "title": "{name}: a Lektrico energy meter drives the EM current",
                "description": "The options say to control the charger through the EM current, but a Lektrico energy meter paired with the charger already sets it; writing it would fight the meter. The integration controls the charger through the dynamic current instead. To make this permanent, pick *Dynamic current* under *Configure → Current control*.",
            },
            "missing_methods": {
                "title": "{name}: the firmware lacks some features",
                "description": "The charger's firmware does not answer {methods}. The entities that need them are left out; everything else works. A firmware update (button *Check for firmware update*) may add them; reload the integration afterwards.",
            },
        },
        "exceptions": {
            "communication_error": {"message": "The charger did not answer: {error}"},
            "invalid_response": {"message": "The charger answered something unexpected: {error}"},
            "device_error": {"message": "The charger refused the command (code {code}): {error}"},
            "unsupported": {"message": "This charger's firmware does not support {method}."},
            **{key: {"message": message} for key, message in INVALID_VALUE.items()},
            "energy_meter_owns_em_current": {
                "message": "A Lektrico energy meter drives this charger's EM current; use the Charging current (dynamic current) instead."
            },
            "cannot_connect": {"message": "Cannot reach the charger at {host}: {error}"},
            "different_charger": {
                "message": "A different charger (serial {serial}) answers at {host}. Reconfigure the entry with the right address."
            },
            "unknown_device": {"message": "{device_id} is not a Lektrico Local charger."},
            "not_loaded": {"message": "{name} is not loaded; check that the charger is reachable."},
            "invalid_day": {"message": "{value} is not a day; use monday to sunday or 1 to 7."},
            "invalid_time": {"message": "{value} is not a time; use HH:MM."},
            "smart_charging_not_set_up": {
                "message": "Smart charging is not set up for this charger: set up Solar-surplus charging and Smart charging under Configure."
            },
            "path_not_allowed": {
                "message": "{path} is outside the configuration directory and not in allowlist_external_dirs."
            },
            "invalid_target": {"message": "{field}: {value} is outside {min} to {max}."},
            "confirmation_required": {
                "message": "A factory reset erases every setting of the charger; set confirm to true to do it."
            },
        },
        "services": {
            "set_charging_schedule": {
                "name": "Set charging schedule",
                "description": "Replace the charger's weekly charging schedule. Outside the intervals the charger does not charge while the schedule is enabled.",
                "fields": {
                    **DEVICE_FIELD,
                    "intervals": {"name": "Intervals", "description": INTERVALS_HELP},
                    "enabled": {
                        "name": "Enabled",
                        "description": "Also turn the schedule on or off.",
                    },
                },
            },
            "get_charging_schedule": {
                "name": "Get charging schedule",
                "description": "Return the charger's charging schedule, in the shape Set charging schedule takes.",
                "fields": DEVICE_FIELD,
            },
            "start_charging": {
                "name": "Start charging",
                "description": "Authorize and start a charging session, optionally in the name of a tag.",
                "fields": {
                    **DEVICE_FIELD,
                    "tag": {
                        "name": "Tag",
                        "description": "Authorization tag (up to 36 characters).",
                    },
                },
            },
            "set_em_current": {
                "name": "Set EM current",
                "description": "Set the energy management current: 0 pauses, 6 to 32 A charges at most that current. Takes effect while energy management is enabled. Refused while a Lektrico energy meter drives the EM current.",
                "fields": {
                    **DEVICE_FIELD,
                    "current": {"name": "Current", "description": "0, or 6 to 32 A."},
                },
            },
            "reset_logged_errors": {
                "name": "Reset logged errors",
                "description": "Clear the charger's error log.",
                "fields": DEVICE_FIELD,
            },
            "set_ap_password": {
                "name": "Set access point password",
                "description": "Set the password of the charger's own Wi-Fi access point.",
                "fields": {
                    **DEVICE_FIELD,
                    "password": {
                        "name": "Password",
                        "description": "8 to 63 characters, or empty to remove the password.",
                    },
                },
            },
            "factory_reset": {
                "name": "Factory reset",
                "description": "Reset every setting of the charger to its factory default.",
                "fields": {
                    **DEVICE_FIELD,
                    "confirm": {
                        "name": "Confirm",
                        "description": "Must be true: the reset cannot be undone.",
                    },
                },
            },
            "set_plan": {
                "name": "Set plan",
                "description": "Change what smart charging plans for: the departure and target of each weekday, a one-off departure, the targets, the price limit and the session limit. Fields left out stay as they are; an empty value clears one.",
                "fields": {
                    **DEVICE_FIELD,
                    "weekdays": {
                        "name": "Weekdays",
                        "description": "Per weekday (monday..sunday): departure (HH:MM) and optionally target_soc (%) and target_energy (kWh), or null for no departure that day. Days left out stay as they are.",
                    },
                    "ready_by": {
                        "name": "Ready by",
                        "description": "A one-off departure before the week's next one: HH:MM (the next time the clock shows it) or a date and time; null clears it.",
                    },
                    "target_energy": {
                        "name": "Target energy",
                        "description": "kWh to add this session, for a car without a state-of-charge sensor.",
                    },
                    "target_soc": {
                        "name": "Target state of charge",
                        "description": "The car's state of charge to reach by the departure, in %.",
                    },
                    "price_limit": {
                        "name": "Price limit",
                        "description": "In Smart + price cap, every hour cheaper than this charges, in the price sensor's unit.",
                    },
                    "stop_after": {
                        "name": "Stop after",
                        "description": "Pause the session once it has delivered this many kWh, in every charge mode; 0 turns it off.",
                    },
                },
            },
            "get_plan": {
                "name": "Get plan",
                "description": "Return smart charging's plan: the slots with current, power and price, the energy from the sun and the grid, the estimated cost, whether the target is reachable, and the week of departures.",
                "fields": DEVICE_FIELD,
            },
            "get_sessions": {
                "name": "Get sessions",
                "description": "Return the stored charging sessions: start, end, durations, energy, solar and grid energy, peak power, phases, tag, cost, charge modes.",
                "fields": {
                    **DEVICE_FIELD,
                    **SESSION_FILTER,
                },
            },
            "export_sessions": {
                "name": "Export sessions",
                "description": "Write the stored charging sessions as a CSV file (columns in the README), by default www/lektrico_sessions_<serial>.csv in the configuration directory.",
                "fields": {
                    **DEVICE_FIELD,
                    "path": {
                        "name": "Path",
                        "description": "Where to write, relative to the configuration directory (or an allowed external directory).",
                    },
                    **SESSION_FILTER,
                },
            },
            "get_evse": {
                "name": "Get EVSE",
                "description": "Return the charger as an OCPI EVSE object: status, connector, power type, limits, coordinates.",
                "fields": DEVICE_FIELD,
            },
        },
    }


def main() -> None:
    text = json.dumps(strings(), indent=2, ensure_ascii=False) + "\n"
    (ROOT / "strings.json").write_text(text)
    (ROOT / "translations").mkdir(exist_ok=True)
    (ROOT / "translations" / "en.json").write_text(text)


if __name__ == "__main__":
    main()
