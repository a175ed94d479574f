"""Notifications of several sensors become one sample a second."""

from __future__ import annotations

from device_sync.ble import (
    decode_csc_measurement,
    decode_cycling_power_measurement,
    decode_heart_rate_measurement,
    decode_indoor_bike_data,
    decode_rsc_measurement,
)
from device_sync.companion.merge import SampleMerger


def test_heart_rate_and_rr_from_a_strap() -> None:
    merger = SampleMerger("run")
    merger.feed("strap", decode_heart_rate_measurement(bytes.fromhex("16485401ec02")), 0.2)
    assert merger.sample(1) == {"t": 1.0, "hr": 72, "rr": [332, 730]}
    assert merger.sample(2) == {"t": 2.0, "hr": 72}, "RR-intervals are sent once"


def test_a_quiet_sensor_is_not_repeated_for_long() -> None:
    merger = SampleMerger("run")
    merger.feed("strap", decode_heart_rate_measurement(bytes.fromhex("0055")), 0.0)
    assert merger.sample(3) == {"t": 3.0, "hr": 85}
    assert merger.sample(4) is None


def test_lost_skin_contact_and_glitches_are_dropped() -> None:
    merger = SampleMerger("ride")
    merger.feed("strap", decode_heart_rate_measurement(bytes.fromhex("04ff")), 0.0)
    merger.feed("meter", decode_cycling_power_measurement(bytes.fromhex("0000ff7f")), 0.0)
    assert merger.sample(0) is None


def test_the_power_meter_wins_over_the_trainer_and_the_strap_over_its_hr() -> None:
    merger = SampleMerger("ride")
    trainer = decode_indoor_bike_data(bytes.fromhex("740af00aaa003930001400be008e0807"))
    merger.feed("trainer", trainer, 0.0)
    assert merger.sample(0) == {
        "t": 0.0, "hr": 142, "power": 190, "cadence": 85, "speed": 7.778, "distance": 0.0,
    }  # fmt: skip
    merger.feed("meter", decode_cycling_power_measurement(bytes.fromhex("0008b4000002")), 0.5)
    merger.feed("strap", decode_heart_rate_measurement(bytes.fromhex("0055")), 0.5)
    sample = merger.sample(1)
    assert sample is not None
    assert (sample["power"], sample["hr"]) == (180, 85)


def test_speed_and_cadence_from_wrapping_csc_counters() -> None:
    merger = SampleMerger("ride")
    first = decode_csc_measurement(bytes.fromhex("031e00000000040b000004"))
    merger.feed("csc", first, 0.0)
    assert merger.sample(0) == {"t": 0.0, "distance": 0.0}
    second = bytes.fromhex("03" + (32).to_bytes(4, "little").hex() + "0008" + "0d00" + "0008")
    merger.feed("csc", decode_csc_measurement(second), 1.0)
    sample = merger.sample(1)
    assert sample is not None
    assert sample["speed"] == round(2 * 2.105, 3)
    assert sample["cadence"] == 120
    assert sample["distance"] == round(2 * 2.105, 2)


def test_a_footpod_distance_counts_from_the_start() -> None:
    merger = SampleMerger("run")
    merger.feed("pod", decode_rsc_measurement(bytes.fromhex("028002b410270000")), 0.0)
    merger.feed("pod", decode_rsc_measurement(bytes.fromhex("028002b474270000")), 1.0)
    assert merger.sample(1) == {"t": 1.0, "speed": 2.5, "cadence": 180, "distance": 10.0}


def test_a_speed_beyond_the_sport_is_dropped() -> None:
    pod = decode_rsc_measurement(bytes.fromhex("06ffffffffffffff"))
    merger = SampleMerger("run")
    merger.feed("pod", pod, 0.0)
    assert merger.sample(0) == {"t": 0.0, "distance": 0.0}, "255 m/s and 255 steps/min dropped"


def test_a_distance_counter_that_jumps_or_resets_carries_on_from_the_distance_so_far() -> None:
    merger = SampleMerger("run")
    for at_s, total_dm in ((0.0, 10_000), (1.0, 10_040), (2.0, 900_000_000), (3.0, 0), (4.0, 30)):
        pod = bytes.fromhex("028002b4") + total_dm.to_bytes(4, "little")
        merger.feed("pod", decode_rsc_measurement(pod), at_s)
        sample = merger.sample(at_s)
        assert sample is not None
        last = sample["distance"]
    assert last == 7.0, "4 m, then nothing for the jump and the reset, then 3 m"
