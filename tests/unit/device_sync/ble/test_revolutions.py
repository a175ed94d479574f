"""Speed and cadence from cumulative counters (CSCS 1.0 §3.2, CPS 1.1 §3.2.1.5-6): the client
divides Δrevolutions by Δlast-event-time, both unsigned and rolling over (wheel revolutions
uint32, crank revolutions and event times uint16; event time 1/1024 s, CP wheel 1/2048 s)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from device_sync.ble import (
    CadenceSpeedTracker,
    SpeedCadence,
    decode_csc_measurement,
    decode_cycling_power_measurement,
    power_from_accumulated_torque,
)
from tests.unit.device_sync.ble.encoders import encode_csc, encode_cycling_power


def _wheel(revolutions: int, time: int) -> bytes:
    return encode_csc(wheel=(revolutions % 2**32, time % 2**16))


def _crank(revolutions: int, time: int) -> bytes:
    return encode_csc(crank=(revolutions % 2**16, time % 2**16))


def _feed(tracker: CadenceSpeedTracker, *values: bytes) -> list[SpeedCadence | None]:
    return [tracker.update(decode_csc_measurement(value)) for value in values]


def test_the_first_sample_gives_no_speed_nor_cadence() -> None:
    tracker = CadenceSpeedTracker()
    assert _feed(tracker, encode_csc((100, 1000), (50, 2000))) == [None]
    assert tracker.distance_m == 0


def test_wheel_revolutions_crossing_0xffffffff_give_the_right_speed() -> None:
    tracker = CadenceSpeedTracker(wheel_circumference_m=2.105)
    first, second = _feed(tracker, _wheel(2**32 - 2, 65000), _wheel(2**32 + 2, 65000 + 2048))
    assert first is None
    assert second is not None
    assert second.speed_m_s == pytest.approx(4 * 2.105 / 2.0)
    assert second.cadence_rpm is None
    assert tracker.distance_m == pytest.approx(4 * 2.105)


def test_crank_revolutions_and_event_time_crossing_0xffff_give_the_right_cadence() -> None:
    tracker = CadenceSpeedTracker()
    _, result = _feed(tracker, _crank(0xFFFF, 0xFFF0), _crank(0x10000, 0xFFF0 + 683))
    assert result is not None
    assert result.cadence_rpm == pytest.approx(60 * 1024 / 683)
    assert result.speed_m_s is None


@given(
    start_revolutions=st.integers(0, 2**32 - 1),
    start_time=st.integers(0, 2**16 - 1),
    steps=st.lists(
        st.tuples(st.integers(1, 40), st.integers(256, 8 * 1024)), min_size=1, max_size=8
    ),
)
def test_speed_is_right_across_any_wraparound(
    start_revolutions: int, start_time: int, steps: list[tuple[int, int]]
) -> None:
    tracker = CadenceSpeedTracker(wheel_circumference_m=2.0)
    revolutions, time = start_revolutions, start_time
    tracker.update(decode_csc_measurement(_wheel(revolutions, time)))
    for delta, ticks in steps:
        revolutions, time = revolutions + delta, time + ticks
        result = tracker.update(decode_csc_measurement(_wheel(revolutions, time)))
        assert result is not None
        assert result.speed_m_s == pytest.approx(delta * 2.0 * 1024 / ticks)
    assert tracker.distance_m == pytest.approx(2.0 * sum(delta for delta, _ in steps))


@given(
    start=st.integers(0, 2**16 - 1),
    start_time=st.integers(0, 2**16 - 1),
    delta=st.integers(1, 6),
    ticks=st.integers(200, 4096),
)
def test_cadence_is_right_across_any_wraparound(
    start: int, start_time: int, delta: int, ticks: int
) -> None:
    tracker = CadenceSpeedTracker()
    _, result = _feed(
        tracker, _crank(start, start_time), _crank(start + delta, start_time + ticks)
    )
    assert result is not None
    assert result.cadence_rpm == pytest.approx(delta * 60 * 1024 / ticks)


def test_a_repeated_event_time_keeps_the_cadence_then_drops_it_to_zero() -> None:
    tracker = CadenceSpeedTracker(stale_after=3)
    results = _feed(tracker, _crank(10, 0), _crank(11, 1024), *[_crank(11, 1024)] * 3)
    cadences = [None if r is None else r.cadence_rpm for r in results]
    assert cadences == [None, 60.0, 60.0, 60.0, 0.0]
    # the first revolution after the stop spans the pause: no rate, the next one counts
    restart, result = _feed(tracker, _crank(12, 40000), _crank(13, 41024))
    assert restart is None
    assert result is not None
    assert result.cadence_rpm == 60.0


def test_a_pause_longer_than_an_event_time_wrap_gives_no_false_cadence() -> None:
    """Event times wrap every 64 s: 70 s later they look 6 s apart; the stop was seen first."""
    tracker = CadenceSpeedTracker(stale_after=2)
    _feed(tracker, _crank(1, 0), _crank(2, 1024), _crank(2, 1024), _crank(2, 1024))
    restart, result = _feed(tracker, _crank(3, 1024 + 70 * 1024), _crank(4, 1024 + 71 * 1024))
    assert restart is None
    assert result is not None
    assert result.cadence_rpm == 60.0


def test_a_repeated_event_before_any_rate_invents_nothing() -> None:
    tracker = CadenceSpeedTracker()
    assert _feed(tracker, _crank(500, 1024), _crank(500, 1024)) == [None, None]


def test_revolutions_without_a_new_event_time_never_divide_by_zero() -> None:
    tracker = CadenceSpeedTracker()
    assert _feed(tracker, _crank(5, 1024), _crank(6, 1024)) == [None, None]
    _, result = _feed(tracker, _crank(6, 1024), _crank(7, 3072))
    assert result is not None
    assert result.cadence_rpm == pytest.approx(2 * 60 / 2)  # both revolutions, over 2 s


def test_a_counter_going_back_is_a_reset_not_a_huge_speed() -> None:
    tracker = CadenceSpeedTracker(wheel_circumference_m=2.0)
    results = _feed(tracker, _wheel(12345, 1000), _wheel(3, 200), _wheel(5, 1224))
    assert results[1] is None
    assert results[2] is not None
    assert results[2].speed_m_s == pytest.approx(2 * 2.0)
    assert tracker.distance_m == pytest.approx(4.0)


def test_power_meter_wheel_time_is_in_1_2048_s() -> None:
    tracker = CadenceSpeedTracker(wheel_circumference_m=2.105)
    first = decode_cycling_power_measurement(encode_cycling_power(200, wheel=(2**32 - 1, 0xFF00)))
    second = decode_cycling_power_measurement(
        encode_cycling_power(200, wheel=(2, (0xFF00 + 2048) % 2**16))
    )
    assert tracker.update(first) is None
    result = tracker.update(second)
    assert result is not None
    assert result.speed_m_s == pytest.approx(3 * 2.105)  # 3 revolutions in 1 s


def test_power_from_accumulated_torque_wraps_at_2048_nm() -> None:
    """CPS 1.1: P = 2π·ΔT/Δt with accumulated torque a uint16 in 1/32 N·m (wraps at 2048)."""
    before = decode_cycling_power_measurement(
        encode_cycling_power(0, torque_32=0xFFF0, torque_from_crank=True, crank=(1, 0xFC00))
    )
    after = decode_cycling_power_measurement(
        encode_cycling_power(0, torque_32=0x0010, torque_from_crank=True, crank=(2, 0x0000))
    )
    assert power_from_accumulated_torque(before, after) == pytest.approx(2 * math.pi * 1.0 / 1.0)


def test_power_from_torque_needs_torque_and_a_new_event() -> None:
    plain = decode_cycling_power_measurement(encode_cycling_power(150))
    wheel = decode_cycling_power_measurement(
        encode_cycling_power(150, torque_32=64, wheel=(10, 2048))
    )
    assert power_from_accumulated_torque(plain, plain) is None
    assert power_from_accumulated_torque(wheel, wheel) is None
    later = decode_cycling_power_measurement(
        encode_cycling_power(150, torque_32=64 + 32 * 5, wheel=(12, 4096))
    )
    assert power_from_accumulated_torque(wheel, later) == pytest.approx(2 * math.pi * 5)


def test_a_tracker_rejects_a_circumference_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="circumference"):
        CadenceSpeedTracker(wheel_circumference_m=0)
