"""RSC Measurement (0x2A53), Running Speed and Cadence Service 1.0 §3.2: flags (uint8), speed
(uint16, 1/256 m/s), cadence (uint8, 1/min), stride length (uint16, 1/100 m) and total distance
(uint32, 1/10 m)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from device_sync.ble.gatt import Payload, PayloadReader, bit

SPEED_PER_M_S = 256
STRIDE_PER_M = 100
DISTANCE_PER_M = 10

RunningStatus = Literal["walking", "running"]


@dataclass(frozen=True, slots=True)
class RscMeasurement:
    flags: int
    speed_m_s: float
    cadence_per_min: int
    stride_length_m: float | None
    total_distance_m: float | None
    status: RunningStatus


def decode_rsc_measurement(data: Payload) -> RscMeasurement:
    """Decode one notification; flag bit 2 clear means walking even when nothing else is set."""
    reader = PayloadReader(data, "RSC measurement")
    flags = reader.flags(1)
    speed = reader.uint(2, "instantaneous speed")
    cadence = reader.uint(1, "instantaneous cadence")
    stride = reader.uint(2, "instantaneous stride length") if bit(flags, 0) else None
    distance = reader.uint(4, "total distance") if bit(flags, 1) else None
    return RscMeasurement(
        flags=flags,
        speed_m_s=speed / SPEED_PER_M_S,
        cadence_per_min=cadence,
        stride_length_m=None if stride is None else stride / STRIDE_PER_M,
        total_distance_m=None if distance is None else distance / DISTANCE_PER_M,
        status="running" if bit(flags, 2) else "walking",
    )
