"""One test per edge of the layouts: Heart Rate Service 1.0 §3.1, CSCS 1.0 §3.2, CPS 1.1 §3.2,
RSCS 1.0 §3.2 and FTMS 1.0 §4.8-4.9 (byte strings built with the test-side encoders)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from device_sync.ble import (
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
    encode_cycling_power,
    encode_ftms,
    encode_heart_rate,
)

ALL_DECODERS = (
    decode_heart_rate_measurement,
    decode_csc_measurement,
    decode_cycling_power_measurement,
    decode_rsc_measurement,
    decode_indoor_bike_data,
    decode_treadmill_data,
)


@pytest.mark.parametrize("decoder", ALL_DECODERS)
def test_an_empty_value_is_malformed(decoder: Callable[[bytes], object]) -> None:
    with pytest.raises(GattDecodeError, match="flags"):
        decoder(b"")


def test_a_uint16_heart_rate_reads_two_bytes() -> None:
    measurement = decode_heart_rate_measurement(encode_heart_rate(301, wide=True))
    assert (measurement.heart_rate_bpm, measurement.hr_format) == (301, "uint16")


def test_a_uint16_heart_rate_cut_to_one_byte_is_malformed() -> None:
    with pytest.raises(GattDecodeError, match="heart rate needs 2"):
        decode_heart_rate_measurement(bytes([0x01, 0x48]))


def test_energy_expended_comes_before_the_rr_intervals() -> None:
    measurement = decode_heart_rate_measurement(
        encode_heart_rate(150, energy_kj=0x0102, rr_1024=(0x0304,))
    )
    assert measurement.energy_expended_kj == 0x0102
    assert measurement.energy_expended_j == 0x0102 * 1000
    assert measurement.rr_intervals_1024 == (0x0304,)


def test_multiple_rr_intervals_are_kept_oldest_first_in_seconds() -> None:
    measurement = decode_heart_rate_measurement(encode_heart_rate(60, rr_1024=(1024, 512, 768)))
    assert measurement.rr_intervals_s == (1.0, 0.5, 0.75)


def test_the_contact_detected_bit_alone_means_contact_is_not_supported() -> None:
    """HRS 1.0: status 0b01 (bit 1 without bit 2) is "not supported", like 0b00."""
    measurement = decode_heart_rate_measurement(bytes([0b10, 70]))
    assert measurement.sensor_contact_supported is False
    assert measurement.sensor_contact_detected is None


def test_an_odd_rr_byte_is_malformed_not_dropped() -> None:
    with pytest.raises(GattDecodeError, match="whole number"):
        decode_heart_rate_measurement(encode_heart_rate(60, rr_1024=(800,)) + b"\x03")


def test_a_csc_value_without_data_flags_carries_nothing() -> None:
    measurement = decode_csc_measurement(b"\x00")
    assert measurement.cumulative_wheel_revolutions is None
    assert measurement.cumulative_crank_revolutions is None


def test_cycling_power_with_every_optional_flag_reads_each_field_in_order() -> None:
    data = encode_cycling_power(
        -12,
        balance_half_percent=101,
        balance_left=True,
        torque_32=3200,
        torque_from_crank=True,
        wheel=(70000, 4096),
        crank=(321, 2048),
        force=(410, -35),
        torque_extremes_32=(960, -64),
        angles=(359, 180),
        top_dead_spot=12,
        bottom_dead_spot=188,
        energy_kj=700,
        offset_compensation=True,
    )
    measurement = decode_cycling_power_measurement(data)
    assert measurement.flags == 0x1FFF
    assert len(data) == 2 + 2 + 1 + 2 + 6 + 4 + 4 + 4 + 3 + 2 + 2 + 2
    assert measurement.instantaneous_power_w == -12
    assert measurement.pedal_power_balance_percent == 50.5
    assert measurement.pedal_power_balance_reference == "left"
    assert (measurement.accumulated_torque_nm, measurement.accumulated_torque_source) == (
        100.0,
        "crank",
    )
    assert (measurement.cumulative_wheel_revolutions, measurement.last_wheel_event_time_2048) == (
        70000,
        4096,
    )
    assert (measurement.cumulative_crank_revolutions, measurement.last_crank_event_time_1024) == (
        321,
        2048,
    )
    assert (measurement.max_force_n, measurement.min_force_n) == (410, -35)
    assert (measurement.max_torque_nm, measurement.min_torque_nm) == (30.0, -2.0)
    assert (measurement.max_angle_deg, measurement.min_angle_deg) == (359, 180)
    assert (measurement.top_dead_spot_angle_deg, measurement.bottom_dead_spot_angle_deg) == (
        12,
        188,
    )
    assert (measurement.accumulated_energy_kj, measurement.accumulated_energy_j) == (700, 700000)
    assert measurement.offset_compensation_indicator is True


def test_a_pedal_balance_without_the_reference_bit_has_an_unknown_reference() -> None:
    measurement = decode_cycling_power_measurement(
        encode_cycling_power(200, balance_half_percent=96)
    )
    assert measurement.pedal_power_balance_percent == 48.0
    assert measurement.pedal_power_balance_reference == "unknown"


def test_rsc_reports_walking_unless_bit_2_is_set() -> None:
    assert decode_rsc_measurement(bytes([0x00, 0x00, 0x01, 90])).status == "walking"
    running = decode_rsc_measurement(bytes([0x04, 0x00, 0x03, 170]))
    assert (running.status, running.speed_m_s, running.cadence_per_min) == ("running", 3.0, 170)


def test_ftms_speed_is_present_when_more_data_is_clear() -> None:
    measurement = decode_indoor_bike_data(encode_ftms(BIKE_FIELDS, {"speed": 3600}))
    assert measurement.flags & 1 == 0
    assert measurement.more_data is False
    assert measurement.speed_kmh == 36.0
    assert measurement.speed_m_s == pytest.approx(10.0)


def test_ftms_more_data_means_no_speed_in_this_part_of_the_record() -> None:
    """FTMS 1.0 §4.9.1.1: a record split over notifications sets More Data in all but the last;
    Instantaneous Speed travels only in the last one, so the first part reads from offset 2."""
    first = decode_indoor_bike_data(encode_ftms(BIKE_FIELDS, {"cadence": 180, "power": 250}))
    last = decode_indoor_bike_data(encode_ftms(BIKE_FIELDS, {"speed": 3000, "hr": 150}))
    assert first.more_data is True
    assert (first.speed_kmh, first.cadence_rpm, first.power_w) == (None, 90.0, 250)
    assert last.more_data is False
    assert (last.speed_kmh, last.heart_rate_bpm, last.cadence_rpm) == (30.0, 150, None)


def test_treadmill_more_data_reads_the_next_field_at_offset_2() -> None:
    measurement = decode_treadmill_data(encode_ftms(TREADMILL_FIELDS, {"hr": 140}))
    assert (measurement.more_data, measurement.speed_kmh, measurement.heart_rate_bpm) == (
        True,
        None,
        140,
    )


def test_resistance_level_is_the_ftms_1_0_sint16() -> None:
    measurement = decode_indoor_bike_data(
        encode_ftms(BIKE_FIELDS, {"speed": 0, "resistance": -5, "power": 100})
    )
    assert (measurement.resistance_level, measurement.power_w) == (-5, 100)


def test_energy_not_available_sentinels_stay_raw_and_have_no_si_value() -> None:
    measurement = decode_treadmill_data(
        encode_ftms(
            TREADMILL_FIELDS,
            {"speed": 500, "energy": 0xFFFF, "energy_hour": 0xFFFF, "energy_minute": 0xFF},
        )
    )
    assert measurement.total_energy_kcal == 0xFFFF
    assert measurement.total_energy_j is None
    assert measurement.energy_rate_w is None
    bike = decode_indoor_bike_data(
        encode_ftms(BIKE_FIELDS, {"energy": 100, "energy_hour": 360, "energy_minute": 6})
    )
    assert bike.total_energy_j == 418400
    assert bike.energy_rate_w == pytest.approx(418.4)


def test_treadmill_reserved_flag_bits_are_reported_and_the_known_fields_still_read() -> None:
    measurement = decode_treadmill_data(encode_ftms(TREADMILL_FIELDS, {"speed": 1000}, 0x8000))
    assert (measurement.reserved_flag_bits, measurement.speed_kmh) == (0x8000, 10.0)


def test_bytes_after_the_flagged_fields_are_ignored() -> None:
    """Fields a later spec version appends follow the known ones; nothing is invented from them."""
    measurement = decode_csc_measurement(bytes.fromhex("025901d007") + b"\x00\x01")
    assert (measurement.cumulative_crank_revolutions, measurement.last_crank_event_time_1024) == (
        345,
        2000,
    )


def test_a_bytearray_as_bleak_delivers_it_decodes_like_bytes() -> None:
    value = bytearray.fromhex("16485401ec02")
    assert decode_heart_rate_measurement(value) == decode_heart_rate_measurement(bytes(value))
