"""Every notification in tests/data/ble/vectors.json (see SOURCES.md there): valid ones decode
to exactly the listed fields, malformed ones raise GattDecodeError, and the ten pairs give the
speed, cadence, power and distance their sources derive."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import pytest

from device_sync.ble import (
    CadenceSpeedTracker,
    CyclingPowerMeasurement,
    GattDecodeError,
    IndoorBikeData,
    decoder_for,
    power_from_accumulated_torque,
)

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[3] / "data" / "ble" / "vectors.json").read_text(encoding="utf-8")
)
FIXED_LAYOUTS = {
    "csc_measurement",
    "cycling_power_measurement",
    "rsc_measurement",
    "indoor_bike_data",
    "treadmill_data",
}


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['name']}-{entry['hex']}"


def _decode(entry: dict[str, Any], key: str = "hex") -> Any:
    decoder = decoder_for(entry["characteristic_uuid"])
    assert decoder is not None
    return decoder(bytes.fromhex(entry[key]))


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def test_the_fixture_holds_the_92_notifications_sources_md_lists() -> None:
    counts: dict[str, int] = {}
    for entry in VECTORS:
        counts[entry["name"]] = counts.get(entry["name"], 0) + 1
    assert len(VECTORS) == 92
    assert sum(not entry["valid"] for entry in VECTORS) == 5
    assert counts == {
        "heart_rate_measurement": 22,
        "csc_measurement": 13,
        "cycling_power_measurement": 17,
        "rsc_measurement": 12,
        "indoor_bike_data": 16,
        "treadmill_data": 12,
    }


@pytest.mark.parametrize("entry", [e for e in VECTORS if e["valid"]], ids=_id)
def test_a_valid_notification_decodes_to_exactly_the_expected_fields(
    entry: dict[str, Any],
) -> None:
    measurement = _decode(entry)
    expected = dict(entry["decoded"])
    actual = {key: _plain(getattr(measurement, key)) for key in expected}
    assert actual == expected
    for key, value in expected.items():
        assert type(actual[key]) is type(value), key  # 90.0 rpm stays a float, 215 W an int
    assert {field.name for field in dataclasses.fields(measurement)} <= set(expected)


@pytest.mark.parametrize("entry", [e for e in VECTORS if not e["valid"]], ids=_id)
def test_a_malformed_notification_raises_a_decode_error(entry: dict[str, Any]) -> None:
    with pytest.raises(GattDecodeError):
        _decode(entry)


@pytest.mark.parametrize(
    "entry", [e for e in VECTORS if e["valid"] and e["name"] in FIXED_LAYOUTS], ids=_id
)
def test_a_fixed_layout_cut_by_one_byte_is_malformed(entry: dict[str, Any]) -> None:
    decoder = decoder_for(entry["characteristic_uuid"])
    assert decoder is not None
    with pytest.raises(GattDecodeError):
        decoder(bytes.fromhex(entry["hex"])[:-1])


PAIRS = [e for e in VECTORS if "previous_hex" in e]


def test_nine_entries_come_with_the_notification_before_them() -> None:
    # SOURCES.md says 10; the file holds 9 (six CSC, two power, one trainer): all are tested
    assert len(PAIRS) == 9


@pytest.mark.parametrize("entry", [e for e in PAIRS if e["name"] != "indoor_bike_data"], ids=_id)
def test_speed_and_cadence_from_a_pair_match_the_source(entry: dict[str, Any]) -> None:
    """CSCS 1.0 §3.2 / CPS 1.1 §3.2: rate = Δrevolutions / Δevent time, both modulo 2^16
    (2^32 for wheel revolutions); an unchanged event time is no new revolution."""
    derived = entry["derived_from_previous"]
    circumference = derived.get("wheel_circumference_m", 2.105)
    tracker = CadenceSpeedTracker(wheel_circumference_m=circumference)
    assert tracker.update(_decode(entry, "previous_hex")) is None  # the first sample gives nothing
    result = tracker.update(_decode(entry))
    if derived.get("revolutions") == 0:
        assert result is None  # no rate is known yet, and none is invented
        return
    assert result is not None
    if "crank_cadence_rpm" in derived:
        assert result.cadence_rpm == pytest.approx(derived["crank_cadence_rpm"], abs=5e-3)
    if "speed_m_s" in derived:
        assert result.speed_m_s == pytest.approx(derived["speed_m_s"])
    if "distance_m" in derived:
        assert tracker.distance_m == pytest.approx(derived["distance_m"])
    if "gear_ratio" in derived:
        assert result.speed_m_s is not None
        assert result.cadence_rpm is not None
        wheel_per_crank = result.speed_m_s / circumference / (result.cadence_rpm / 60)
        assert wheel_per_crank == pytest.approx(derived["gear_ratio"])


def test_power_from_accumulated_torque_matches_the_srm_reading() -> None:
    """CPS 1.1 §3.2.1.4: P = 2π·Δ(accumulated torque)/Δt; the SRM PM9 reported 33 W."""
    (entry,) = [e for e in PAIRS if "power_from_torque_w" in e["derived_from_previous"]]
    previous, current = _decode(entry, "previous_hex"), _decode(entry)
    assert isinstance(previous, CyclingPowerMeasurement)
    assert isinstance(current, CyclingPowerMeasurement)
    derived = entry["derived_from_previous"]
    power = power_from_accumulated_torque(previous, current)
    # the source truncates 33.055 W to two decimals
    assert power == pytest.approx(derived["power_from_torque_w"], abs=0.01)
    assert power is not None
    assert math.isclose(power, current.instantaneous_power_w, abs_tol=0.5)


def test_the_trainer_pair_covers_its_distance_delta() -> None:
    (entry,) = [e for e in PAIRS if e["name"] == "indoor_bike_data"]
    previous, current = _decode(entry, "previous_hex"), _decode(entry)
    assert isinstance(previous, IndoorBikeData)
    assert isinstance(current, IndoorBikeData)
    assert previous.total_distance_m is not None
    assert current.total_distance_m is not None
    delta = current.total_distance_m - previous.total_distance_m
    assert delta == entry["derived_from_previous"]["distance_delta_m"]
