"""Test-side encoders written from the Bluetooth SIG layouts (HRS 1.0, CSCS 1.0, CPS 1.1,
RSCS 1.0, FTMS 1.0), independent of the decoders: raw field values in, notification bytes out."""

from __future__ import annotations

from collections.abc import Mapping


def u(value: int, size: int) -> bytes:
    return value.to_bytes(size, "little")


def s(value: int, size: int) -> bytes:
    return value.to_bytes(size, "little", signed=True)


def encode_heart_rate(
    bpm: int,
    *,
    wide: bool = False,
    contact: bool | None = None,
    energy_kj: int | None = None,
    rr_1024: tuple[int, ...] = (),
) -> bytes:
    """HRS 1.0: bit 0 uint16 HR, bits 1-2 contact status, bit 3 energy, bit 4 RR-intervals."""
    flags = (1 if wide else 0) | (0 if contact is None else (0b100 | (0b10 if contact else 0)))
    body = u(bpm, 2 if wide else 1)
    if energy_kj is not None:
        flags |= 0b1000
        body += u(energy_kj, 2)
    if rr_1024:
        flags |= 0b1_0000
        body += b"".join(u(rr, 2) for rr in rr_1024)
    return u(flags, 1) + body


def encode_csc(
    wheel: tuple[int, int] | None = None, crank: tuple[int, int] | None = None
) -> bytes:
    """CSCS 1.0: bit 0 wheel (uint32 revolutions, uint16 1/1024 s), bit 1 crank (uint16 x2)."""
    flags, body = 0, b""
    if wheel is not None:
        flags |= 1
        body += u(wheel[0], 4) + u(wheel[1], 2)
    if crank is not None:
        flags |= 2
        body += u(crank[0], 2) + u(crank[1], 2)
    return u(flags, 1) + body


Pair = tuple[int, int]


def encode_cycling_power(
    power_w: int,
    *,
    balance_half_percent: int | None = None,
    balance_left: bool = False,
    torque_32: int | None = None,
    torque_from_crank: bool = False,
    wheel: Pair | None = None,
    crank: Pair | None = None,
    force: Pair | None = None,
    torque_extremes_32: Pair | None = None,
    angles: Pair | None = None,
    top_dead_spot: int | None = None,
    bottom_dead_spot: int | None = None,
    energy_kj: int | None = None,
    offset_compensation: bool = False,
) -> bytes:
    """CPS 1.1 Cycling Power Measurement: flags uint16, power sint16, then bits 0-11 in order."""
    flags = (balance_left << 1) | (torque_from_crank << 3) | (offset_compensation << 12)
    parts: list[tuple[int, bytes | None]] = [
        (0, None if balance_half_percent is None else u(balance_half_percent, 1)),
        (2, None if torque_32 is None else u(torque_32, 2)),
        (4, None if wheel is None else u(wheel[0], 4) + u(wheel[1], 2)),
        (5, None if crank is None else u(crank[0], 2) + u(crank[1], 2)),
        (6, None if force is None else s(force[0], 2) + s(force[1], 2)),
        (
            7,
            None
            if torque_extremes_32 is None
            else s(torque_extremes_32[0], 2) + s(torque_extremes_32[1], 2),
        ),
        (8, None if angles is None else u(angles[0] | angles[1] << 12, 3)),
        (9, None if top_dead_spot is None else u(top_dead_spot, 2)),
        (10, None if bottom_dead_spot is None else u(bottom_dead_spot, 2)),
        (11, None if energy_kj is None else u(energy_kj, 2)),
    ]
    body = b""
    for bit, chunk in parts:
        if chunk is not None:
            flags |= 1 << bit
            body += chunk
    return u(flags, 2) + s(power_w, 2) + body


def encode_rsc(
    speed_256: int,
    cadence: int,
    *,
    stride_cm: int | None = None,
    distance_dm: int | None = None,
    running: bool = False,
) -> bytes:
    """RSCS 1.0: bit 0 stride (uint16 1/100 m), bit 1 distance (uint32 1/10 m), bit 2 running."""
    flags = 0b100 if running else 0
    body = u(speed_256, 2) + u(cadence, 1)
    if stride_cm is not None:
        flags |= 1
        body += u(stride_cm, 2)
    if distance_dm is not None:
        flags |= 2
        body += u(distance_dm, 4)
    return u(flags, 1) + body


# FTMS 1.0 Tables 4.9 and 4.10: (flag bit, ((raw field, size in bytes, signed), ...))
BIKE_FIELDS: tuple[tuple[int, tuple[tuple[str, int, bool], ...]], ...] = (
    (0, (("speed", 2, False),)),
    (1, (("average_speed", 2, False),)),
    (2, (("cadence", 2, False),)),
    (3, (("average_cadence", 2, False),)),
    (4, (("distance", 3, False),)),
    (5, (("resistance", 2, True),)),
    (6, (("power", 2, True),)),
    (7, (("average_power", 2, True),)),
    (8, (("energy", 2, False), ("energy_hour", 2, False), ("energy_minute", 1, False))),
    (9, (("hr", 1, False),)),
    (10, (("met", 1, False),)),
    (11, (("elapsed", 2, False),)),
    (12, (("remaining", 2, False),)),
)

TREADMILL_FIELDS: tuple[tuple[int, tuple[tuple[str, int, bool], ...]], ...] = (
    (0, (("speed", 2, False),)),
    (1, (("average_speed", 2, False),)),
    (2, (("distance", 3, False),)),
    (3, (("incline", 2, True), ("ramp", 2, True))),
    (4, (("gain_up", 2, False), ("gain_down", 2, False))),
    (5, (("pace", 1, False),)),
    (6, (("average_pace", 1, False),)),
    (7, (("energy", 2, False), ("energy_hour", 2, False), ("energy_minute", 1, False))),
    (8, (("hr", 1, False),)),
    (9, (("met", 1, False),)),
    (10, (("elapsed", 2, False),)),
    (11, (("remaining", 2, False),)),
    (12, (("force", 2, True), ("power", 2, True))),
)


def encode_ftms(
    table: tuple[tuple[int, tuple[tuple[str, int, bool], ...]], ...],
    raw: Mapping[str, int],
    reserved_flags: int = 0,
) -> bytes:
    """A group is sent when its first field is given; bit 0 is "More Data", set without speed."""
    flags, body = reserved_flags, b""
    for bit, fields in table:
        if fields[0][0] not in raw:
            if bit == 0:
                flags |= 1
            continue
        if bit:
            flags |= 1 << bit
        for name, size, signed in fields:
            body += s(raw[name], size) if signed else u(raw[name], size)
    return u(flags, 2) + body
