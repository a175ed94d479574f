"""Heart Rate Measurement (0x2A37), Heart Rate Service 1.0 §3.1 and the GATT Specification
Supplement: flags (uint8), heart rate (uint8 or uint16), energy expended (uint16 kJ),
RR-intervals (uint16, 1/1024 s) to the end of the value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from device_sync.ble.gatt import GattDecodeError, Payload, PayloadReader, bit

RR_TICKS_PER_SECOND = 1024
ENERGY_SATURATED_KJ = 0xFFFF

HrFormat = Literal["uint8", "uint16"]


@dataclass(frozen=True, slots=True)
class HeartRateMeasurement:
    flags: int
    heart_rate_bpm: int
    hr_format: HrFormat
    sensor_contact_supported: bool
    sensor_contact_detected: bool | None
    energy_expended_kj: int | None
    rr_intervals_1024: tuple[int, ...]

    @property
    def rr_intervals_s(self) -> tuple[float, ...]:
        """RR-intervals in seconds, oldest first."""
        return tuple(rr / RR_TICKS_PER_SECOND for rr in self.rr_intervals_1024)

    @property
    def energy_expended_j(self) -> int | None:
        """Energy expended since the last reset in joules (0xFFFF kJ means "at least that")."""
        return None if self.energy_expended_kj is None else self.energy_expended_kj * 1000


def decode_heart_rate_measurement(data: Payload) -> HeartRateMeasurement:
    """Decode one notification; contact status bits 1-2: 0b0x not supported, 0b10 lost, 0b11 on."""
    reader = PayloadReader(data, "heart rate measurement")
    flags = reader.flags(1)
    wide = bit(flags, 0)
    heart_rate = reader.uint(2 if wide else 1, "heart rate")
    supported = bit(flags, 2)
    energy = reader.uint(2, "energy expended") if bit(flags, 3) else None
    rr: tuple[int, ...] = ()
    if bit(flags, 4):
        if reader.remaining == 0:
            raise GattDecodeError(
                "heart rate measurement: RR-interval flag set but no RR-interval bytes follow"
            )
        if reader.remaining % 2:
            raise GattDecodeError(
                f"heart rate measurement: {reader.remaining} byte(s) of RR-intervals "
                "is not a whole number of uint16 values"
            )
        rr = tuple(reader.uint(2, "RR-interval") for _ in range(reader.remaining // 2))
    return HeartRateMeasurement(
        flags=flags,
        heart_rate_bpm=heart_rate,
        hr_format="uint16" if wide else "uint8",
        sensor_contact_supported=supported,
        sensor_contact_detected=bit(flags, 1) if supported else None,
        energy_expended_kj=energy,
        rr_intervals_1024=rr,
    )
