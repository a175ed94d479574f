"""Fitness Machine Service 1.0 §4.8 Treadmill Data (0x2ACD) and §4.9 Indoor Bike Data (0x2AD2).

Flags are uint16; each set bit adds its fields in bit order. Bit 0 is inverted ("More Data"):
Instantaneous Speed is present when it is 0, and a 1 says the record continues in the next
notification. Resistance Level is the FTMS 1.0 sint16 (not the later uint8 x 10) and pace the
FTMS 1.0 uint8 in 1/10 km/min, as every trainer captured in tests/data/ble sends them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from device_sync.ble.gatt import Payload, PayloadReader, bit

KCAL_J = 4184
TOTAL_ENERGY_NOT_AVAILABLE = 0xFFFF
ENERGY_PER_HOUR_NOT_AVAILABLE = 0xFFFF
ENERGY_PER_MINUTE_NOT_AVAILABLE = 0xFF
TREADMILL_RESERVED_FLAGS = 0xE000


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    size: int
    signed: bool = False
    per_unit: int | None = None  # raw counts per unit; None keeps the raw integer


_Layout = tuple[tuple[int, tuple[_Field, ...]], ...]

_ENERGY = (
    _Field("total_energy_kcal", 2),
    _Field("energy_per_hour_kcal", 2),
    _Field("energy_per_minute_kcal", 1),
)

INDOOR_BIKE_LAYOUT: _Layout = (
    (0, (_Field("speed_kmh", 2, per_unit=100),)),
    (1, (_Field("average_speed_kmh", 2, per_unit=100),)),
    (2, (_Field("cadence_rpm", 2, per_unit=2),)),
    (3, (_Field("average_cadence_rpm", 2, per_unit=2),)),
    (4, (_Field("total_distance_m", 3),)),
    (5, (_Field("resistance_level", 2, signed=True),)),
    (6, (_Field("power_w", 2, signed=True),)),
    (7, (_Field("average_power_w", 2, signed=True),)),
    (8, _ENERGY),
    (9, (_Field("heart_rate_bpm", 1),)),
    (10, (_Field("metabolic_equivalent", 1, per_unit=10),)),
    (11, (_Field("elapsed_time_s", 2),)),
    (12, (_Field("remaining_time_s", 2),)),
)

TREADMILL_LAYOUT: _Layout = (
    (0, (_Field("speed_kmh", 2, per_unit=100),)),
    (1, (_Field("average_speed_kmh", 2, per_unit=100),)),
    (2, (_Field("total_distance_m", 3),)),
    (
        3,
        (
            _Field("inclination_percent", 2, signed=True, per_unit=10),
            _Field("ramp_angle_deg", 2, signed=True, per_unit=10),
        ),
    ),
    (
        4,
        (
            _Field("positive_elevation_gain_m", 2, per_unit=10),
            _Field("negative_elevation_gain_m", 2, per_unit=10),
        ),
    ),
    (5, (_Field("instantaneous_pace_km_min", 1, per_unit=10),)),
    (6, (_Field("average_pace_km_min", 1, per_unit=10),)),
    (7, _ENERGY),
    (8, (_Field("heart_rate_bpm", 1),)),
    (9, (_Field("metabolic_equivalent", 1, per_unit=10),)),
    (10, (_Field("elapsed_time_s", 2),)),
    (11, (_Field("remaining_time_s", 2),)),
    (12, (_Field("force_on_belt_n", 2, signed=True), _Field("power_output_w", 2, signed=True))),
)


def _read_layout(data: Payload, what: str, layout: _Layout) -> dict[str, Any]:
    reader = PayloadReader(data, what)
    flags = reader.flags(2)
    values: dict[str, Any] = {"flags": flags}
    for number, fields in layout:
        present = not bit(flags, 0) if number == 0 else bit(flags, number)
        for field in fields:
            if not present:
                values[field.name] = None
                continue
            read = reader.sint if field.signed else reader.uint
            raw = read(field.size, field.name)
            values[field.name] = raw if field.per_unit is None else raw / field.per_unit
    return values


def _kmh_to_m_s(kmh: float | None) -> float | None:
    return None if kmh is None else kmh / 3.6


def _energy_j(kcal: int | None) -> int | None:
    if kcal is None or kcal == TOTAL_ENERGY_NOT_AVAILABLE:
        return None
    return kcal * KCAL_J


@dataclass(frozen=True, slots=True)
class _MachineData:
    flags: int
    speed_kmh: float | None
    average_speed_kmh: float | None
    total_distance_m: int | None
    total_energy_kcal: int | None
    energy_per_hour_kcal: int | None
    energy_per_minute_kcal: int | None
    heart_rate_bpm: int | None
    metabolic_equivalent: float | None
    elapsed_time_s: int | None
    remaining_time_s: int | None

    @property
    def more_data(self) -> bool:
        """True when this notification is not the last part of its record (no speed in it)."""
        return bit(self.flags, 0)

    @property
    def speed_m_s(self) -> float | None:
        """Instantaneous speed in m/s."""
        return _kmh_to_m_s(self.speed_kmh)

    @property
    def average_speed_m_s(self) -> float | None:
        """Average speed since the session started in m/s."""
        return _kmh_to_m_s(self.average_speed_kmh)

    @property
    def total_energy_j(self) -> int | None:
        """Energy expended in joules; None when absent or sent as "data not available"."""
        return _energy_j(self.total_energy_kcal)

    @property
    def energy_rate_w(self) -> float | None:
        """Energy per hour as a rate in watts; None when absent or "data not available"."""
        per_hour = self.energy_per_hour_kcal
        if per_hour is None or per_hour == ENERGY_PER_HOUR_NOT_AVAILABLE:
            return None
        return per_hour * KCAL_J / 3600


@dataclass(frozen=True, slots=True)
class IndoorBikeData(_MachineData):
    cadence_rpm: float | None
    average_cadence_rpm: float | None
    resistance_level: int | None
    power_w: int | None
    average_power_w: int | None


@dataclass(frozen=True, slots=True)
class TreadmillData(_MachineData):
    inclination_percent: float | None
    ramp_angle_deg: float | None
    positive_elevation_gain_m: float | None
    negative_elevation_gain_m: float | None
    instantaneous_pace_km_min: float | None
    average_pace_km_min: float | None
    force_on_belt_n: int | None
    power_output_w: int | None
    reserved_flag_bits: int


def decode_indoor_bike_data(data: Payload) -> IndoorBikeData:
    """Decode one Indoor Bike Data notification (one part of a record when More Data is set)."""
    return IndoorBikeData(**_read_layout(data, "indoor bike data", INDOOR_BIKE_LAYOUT))


def decode_treadmill_data(data: Payload) -> TreadmillData:
    """Decode one Treadmill Data notification; reserved flag bits are reported, not trusted."""
    values = _read_layout(data, "treadmill data", TREADMILL_LAYOUT)
    return TreadmillData(**values, reserved_flag_bits=values["flags"] & TREADMILL_RESERVED_FLAGS)
