"""CSC Measurement (0x2A5B, CSCS 1.0 §3.2) and Cycling Power Measurement (0x2A63, CPS 1.1
§3.2): cumulative revolution counters with their last event times."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from device_sync.ble.gatt import Payload, PayloadReader, bit

CSC_WHEEL_TICKS_PER_SECOND = 1024
CP_WHEEL_TICKS_PER_SECOND = 2048
CRANK_TICKS_PER_SECOND = 1024
TORQUE_PER_NM = 32
BALANCE_PER_PERCENT = 2

BalanceReference = Literal["unknown", "left"]
TorqueSource = Literal["wheel", "crank"]


@dataclass(frozen=True, slots=True)
class CscMeasurement:
    flags: int
    cumulative_wheel_revolutions: int | None
    last_wheel_event_time_1024: int | None
    cumulative_crank_revolutions: int | None
    last_crank_event_time_1024: int | None


def decode_csc_measurement(data: Payload) -> CscMeasurement:
    """Decode one notification: flags (uint8), wheel (uint32 + uint16), crank (uint16 + uint16)."""
    reader = PayloadReader(data, "CSC measurement")
    flags = reader.flags(1)
    wheel = wheel_time = crank = crank_time = None
    if bit(flags, 0):
        wheel = reader.uint(4, "cumulative wheel revolutions")
        wheel_time = reader.uint(2, "last wheel event time")
    if bit(flags, 1):
        crank = reader.uint(2, "cumulative crank revolutions")
        crank_time = reader.uint(2, "last crank event time")
    return CscMeasurement(flags, wheel, wheel_time, crank, crank_time)


@dataclass(frozen=True, slots=True)
class CyclingPowerMeasurement:
    flags: int
    instantaneous_power_w: int
    pedal_power_balance_percent: float | None
    pedal_power_balance_reference: BalanceReference | None
    accumulated_torque_nm: float | None
    accumulated_torque_source: TorqueSource | None
    cumulative_wheel_revolutions: int | None
    last_wheel_event_time_2048: int | None
    cumulative_crank_revolutions: int | None
    last_crank_event_time_1024: int | None
    max_force_n: int | None
    min_force_n: int | None
    max_torque_nm: float | None
    min_torque_nm: float | None
    max_angle_deg: int | None
    min_angle_deg: int | None
    top_dead_spot_angle_deg: int | None
    bottom_dead_spot_angle_deg: int | None
    accumulated_energy_kj: int | None
    offset_compensation_indicator: bool

    @property
    def accumulated_energy_j(self) -> int | None:
        """Accumulated energy in joules."""
        return None if self.accumulated_energy_kj is None else self.accumulated_energy_kj * 1000


def _extremes(
    reader: PayloadReader, present: bool, field: str
) -> tuple[int, int] | tuple[None, None]:
    if not present:
        return None, None
    return reader.sint(2, f"maximum {field}"), reader.sint(2, f"minimum {field}")


def _optional(reader: PayloadReader, present: bool, size: int, field: str) -> int | None:
    return reader.uint(size, field) if present else None


def _torque(raw: int | None) -> float | None:
    return None if raw is None else raw / TORQUE_PER_NM


def decode_cycling_power_measurement(data: Payload) -> CyclingPowerMeasurement:
    """Decode one notification: flags (uint16), power (sint16 W), then each flagged field."""
    reader = PayloadReader(data, "cycling power measurement")
    flags = reader.flags(2)
    power = reader.sint(2, "instantaneous power")
    balance = _optional(reader, bit(flags, 0), 1, "pedal power balance")
    torque = _optional(reader, bit(flags, 2), 2, "accumulated torque")
    wheel = _optional(reader, bit(flags, 4), 4, "cumulative wheel revolutions")
    wheel_time = _optional(reader, bit(flags, 4), 2, "last wheel event time")
    crank = _optional(reader, bit(flags, 5), 2, "cumulative crank revolutions")
    crank_time = _optional(reader, bit(flags, 5), 2, "last crank event time")
    max_force, min_force = _extremes(reader, bit(flags, 6), "force magnitude")
    max_torque, min_torque = _extremes(reader, bit(flags, 7), "torque magnitude")
    angles = _optional(reader, bit(flags, 8), 3, "extreme angles")
    top = _optional(reader, bit(flags, 9), 2, "top dead spot angle")
    bottom = _optional(reader, bit(flags, 10), 2, "bottom dead spot angle")
    energy = _optional(reader, bit(flags, 11), 2, "accumulated energy")
    return CyclingPowerMeasurement(
        flags=flags,
        instantaneous_power_w=power,
        pedal_power_balance_percent=None if balance is None else balance / BALANCE_PER_PERCENT,
        pedal_power_balance_reference=(
            None if balance is None else ("left" if bit(flags, 1) else "unknown")
        ),
        accumulated_torque_nm=_torque(torque),
        accumulated_torque_source=None if torque is None else _torque_source(flags),
        cumulative_wheel_revolutions=wheel,
        last_wheel_event_time_2048=wheel_time,
        cumulative_crank_revolutions=crank,
        last_crank_event_time_1024=crank_time,
        max_force_n=max_force,
        min_force_n=min_force,
        max_torque_nm=_torque(max_torque),
        min_torque_nm=_torque(min_torque),
        # two uint12 packed in 3 bytes: the maximum angle in the low 12 bits
        max_angle_deg=None if angles is None else angles & 0xFFF,
        min_angle_deg=None if angles is None else angles >> 12,
        top_dead_spot_angle_deg=top,
        bottom_dead_spot_angle_deg=bottom,
        accumulated_energy_kj=energy,
        offset_compensation_indicator=bit(flags, 12),
    )


def _torque_source(flags: int) -> TorqueSource:
    return "crank" if bit(flags, 3) else "wheel"
