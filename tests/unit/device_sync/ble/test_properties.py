"""Properties of the decoders: arbitrary bytes never raise anything but GattDecodeError, and
whatever the test-side encoder (written from the SIG layouts) sends decodes back to its values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from device_sync.ble import (
    DECODERS,
    GattDecodeError,
    decode_csc_measurement,
    decode_cycling_power_measurement,
    decode_heart_rate_measurement,
    decode_indoor_bike_data,
    decode_rsc_measurement,
    decode_treadmill_data,
)
from tests.unit.device_sync.ble.encoders import (
    BIKE_FIELDS,
    TREADMILL_FIELDS,
    encode_csc,
    encode_cycling_power,
    encode_ftms,
    encode_heart_rate,
    encode_rsc,
)

U8 = st.integers(0, 0xFF)
U16 = st.integers(0, 0xFFFF)
S16 = st.integers(-0x8000, 0x7FFF)
U24 = st.integers(0, 0xFFFFFF)
U32 = st.integers(0, 0xFFFFFFFF)
U12 = st.integers(0, 0xFFF)


def _maybe(strategy: st.SearchStrategy[int]) -> st.SearchStrategy[int | None]:
    return st.none() | strategy


@pytest.mark.parametrize("uuid", sorted(DECODERS))
@given(data=st.binary(max_size=48))
def test_random_bytes_decode_or_raise_only_a_decode_error(uuid: int, data: bytes) -> None:
    try:
        DECODERS[uuid](data)
    except GattDecodeError as error:
        message = str(error)
    else:
        return
    assert message  # a ValueError subclass with a message that names the field


@given(
    bpm=U16,
    wide=st.booleans(),
    contact=st.none() | st.booleans(),
    energy=_maybe(U16),
    rr=st.lists(U16, max_size=9).map(tuple),
)
def test_heart_rate_round_trips(
    bpm: int, wide: bool, contact: bool | None, energy: int | None, rr: tuple[int, ...]
) -> None:
    bpm = bpm if wide else bpm & 0xFF
    data = encode_heart_rate(bpm, wide=wide, contact=contact, energy_kj=energy, rr_1024=rr)
    decoded = decode_heart_rate_measurement(data)
    assert decoded.heart_rate_bpm == bpm
    assert decoded.hr_format == ("uint16" if wide else "uint8")
    assert decoded.sensor_contact_supported is (contact is not None)
    assert decoded.sensor_contact_detected is contact
    assert decoded.energy_expended_kj == energy
    assert decoded.rr_intervals_1024 == rr
    assert decoded.rr_intervals_s == tuple(value / 1024 for value in rr)


@given(wheel=st.none() | st.tuples(U32, U16), crank=st.none() | st.tuples(U16, U16))
def test_csc_round_trips(wheel: tuple[int, int] | None, crank: tuple[int, int] | None) -> None:
    decoded = decode_csc_measurement(encode_csc(wheel, crank))
    assert (decoded.cumulative_wheel_revolutions, decoded.last_wheel_event_time_1024) == (
        wheel or (None, None)
    )
    assert (decoded.cumulative_crank_revolutions, decoded.last_crank_event_time_1024) == (
        crank or (None, None)
    )


@st.composite
def _cycling_power(draw: st.DrawFn) -> dict[str, object]:
    pair = st.tuples(S16, S16)
    return {
        "power_w": draw(S16),
        "balance_half_percent": draw(_maybe(U8)),
        "balance_left": draw(st.booleans()),
        "torque_32": draw(_maybe(U16)),
        "torque_from_crank": draw(st.booleans()),
        "wheel": draw(st.none() | st.tuples(U32, U16)),
        "crank": draw(st.none() | st.tuples(U16, U16)),
        "force": draw(st.none() | pair),
        "torque_extremes_32": draw(st.none() | pair),
        "angles": draw(st.none() | st.tuples(U12, U12)),
        "top_dead_spot": draw(_maybe(U16)),
        "bottom_dead_spot": draw(_maybe(U16)),
        "energy_kj": draw(_maybe(U16)),
        "offset_compensation": draw(st.booleans()),
    }


def _scaled(value: int | None, per_unit: int) -> float | None:
    return None if value is None else value / per_unit


@given(fields=_cycling_power())
def test_cycling_power_round_trips(fields: dict[str, object]) -> None:
    decoded = decode_cycling_power_measurement(encode_cycling_power(**fields))  # type: ignore[arg-type]
    balance, torque = fields["balance_half_percent"], fields["torque_32"]
    assert isinstance(balance, int | None)
    assert isinstance(torque, int | None)
    extremes = fields["torque_extremes_32"] or (None, None)
    assert isinstance(extremes, tuple)
    assert decoded.instantaneous_power_w == fields["power_w"]
    assert decoded.pedal_power_balance_percent == _scaled(balance, 2)
    assert decoded.pedal_power_balance_reference == (
        None if balance is None else ("left" if fields["balance_left"] else "unknown")
    )
    assert decoded.accumulated_torque_nm == _scaled(torque, 32)
    assert decoded.accumulated_torque_source == (
        None if torque is None else ("crank" if fields["torque_from_crank"] else "wheel")
    )
    assert (decoded.cumulative_wheel_revolutions, decoded.last_wheel_event_time_2048) == (
        fields["wheel"] or (None, None)
    )
    assert (decoded.cumulative_crank_revolutions, decoded.last_crank_event_time_1024) == (
        fields["crank"] or (None, None)
    )
    assert (decoded.max_force_n, decoded.min_force_n) == (fields["force"] or (None, None))
    assert (decoded.max_torque_nm, decoded.min_torque_nm) == tuple(
        _scaled(value, 32) for value in extremes
    )
    assert (decoded.max_angle_deg, decoded.min_angle_deg) == (fields["angles"] or (None, None))
    assert decoded.top_dead_spot_angle_deg == fields["top_dead_spot"]
    assert decoded.bottom_dead_spot_angle_deg == fields["bottom_dead_spot"]
    assert decoded.accumulated_energy_kj == fields["energy_kj"]
    assert decoded.offset_compensation_indicator is fields["offset_compensation"]


@given(
    speed=U16,
    cadence=U8,
    stride=_maybe(U16),
    distance=_maybe(U32),
    running=st.booleans(),
)
def test_rsc_round_trips(
    speed: int, cadence: int, stride: int | None, distance: int | None, running: bool
) -> None:
    data = encode_rsc(speed, cadence, stride_cm=stride, distance_dm=distance, running=running)
    decoded = decode_rsc_measurement(data)
    assert decoded.speed_m_s == speed / 256
    assert decoded.cadence_per_min == cadence
    assert decoded.stride_length_m == _scaled(stride, 100)
    assert decoded.total_distance_m == _scaled(distance, 10)
    assert decoded.status == ("running" if running else "walking")


_SIZES = {1: U8, 2: U16, 3: U24}


@st.composite
def _ftms_fields(
    draw: st.DrawFn, table: tuple[tuple[int, tuple[tuple[str, int, bool], ...]], ...]
) -> dict[str, int]:
    raw: dict[str, int] = {}
    for _, fields in table:
        if draw(st.booleans()):
            for name, size, signed in fields:
                raw[name] = draw(S16 if signed else _SIZES[size])
    return raw


# FTMS 1.0 Table 4.9: decoded name, raw name, raw counts per unit (None: the raw integer)
BIKE_NAMES = (
    ("speed_kmh", "speed", 100),
    ("average_speed_kmh", "average_speed", 100),
    ("cadence_rpm", "cadence", 2),
    ("average_cadence_rpm", "average_cadence", 2),
    ("total_distance_m", "distance", None),
    ("resistance_level", "resistance", None),
    ("power_w", "power", None),
    ("average_power_w", "average_power", None),
    ("total_energy_kcal", "energy", None),
    ("energy_per_hour_kcal", "energy_hour", None),
    ("energy_per_minute_kcal", "energy_minute", None),
    ("heart_rate_bpm", "hr", None),
    ("metabolic_equivalent", "met", 10),
    ("elapsed_time_s", "elapsed", None),
    ("remaining_time_s", "remaining", None),
)
# FTMS 1.0 Table 4.10
TREADMILL_NAMES = (
    ("speed_kmh", "speed", 100),
    ("average_speed_kmh", "average_speed", 100),
    ("total_distance_m", "distance", None),
    ("inclination_percent", "incline", 10),
    ("ramp_angle_deg", "ramp", 10),
    ("positive_elevation_gain_m", "gain_up", 10),
    ("negative_elevation_gain_m", "gain_down", 10),
    ("instantaneous_pace_km_min", "pace", 10),
    ("average_pace_km_min", "average_pace", 10),
    ("total_energy_kcal", "energy", None),
    ("energy_per_hour_kcal", "energy_hour", None),
    ("energy_per_minute_kcal", "energy_minute", None),
    ("heart_rate_bpm", "hr", None),
    ("metabolic_equivalent", "met", 10),
    ("elapsed_time_s", "elapsed", None),
    ("remaining_time_s", "remaining", None),
    ("force_on_belt_n", "force", None),
    ("power_output_w", "power", None),
)


def _expected(
    names: tuple[tuple[str, str, int | None], ...], raw: dict[str, int]
) -> dict[str, float | None]:
    return {
        name: (raw.get(key) if per_unit is None else _scaled(raw.get(key), per_unit))
        for name, key, per_unit in names
    }


@given(raw=_ftms_fields(BIKE_FIELDS))
def test_indoor_bike_data_round_trips(raw: dict[str, int]) -> None:
    decoded = decode_indoor_bike_data(encode_ftms(BIKE_FIELDS, raw))
    assert {name: getattr(decoded, name) for name, _, _ in BIKE_NAMES} == _expected(
        BIKE_NAMES, raw
    )
    assert decoded.more_data is ("speed" not in raw)


@given(raw=_ftms_fields(TREADMILL_FIELDS), reserved=st.integers(0, 7))
def test_treadmill_data_round_trips(raw: dict[str, int], reserved: int) -> None:
    decoded = decode_treadmill_data(encode_ftms(TREADMILL_FIELDS, raw, reserved << 13))
    assert {name: getattr(decoded, name) for name, _, _ in TREADMILL_NAMES} == _expected(
        TREADMILL_NAMES, raw
    )
    assert decoded.reserved_flag_bits == reserved << 13
