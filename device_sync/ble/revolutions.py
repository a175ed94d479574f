"""Speed, cadence and power from two notifications: cumulative counters and event times that
wrap around (CSCS 1.0 §3.2, CPS 1.1 §3.2; the client computes the rates, the sensor does not)."""

from __future__ import annotations

import math
from typing import NamedTuple

from device_sync.ble.cycling import (
    CP_WHEEL_TICKS_PER_SECOND,
    CRANK_TICKS_PER_SECOND,
    CSC_WHEEL_TICKS_PER_SECOND,
    TORQUE_PER_NM,
    CscMeasurement,
    CyclingPowerMeasurement,
)

DEFAULT_WHEEL_CIRCUMFERENCE_M = 2.105  # 700x25C, the usual road wheel
DEFAULT_STALE_AFTER = 3  # notifications without a new event (~3 s at the usual 1 Hz) mean stopped
EVENT_TIME_MODULUS = 1 << 16
WHEEL_REVOLUTIONS_MODULUS = 1 << 32
CRANK_REVOLUTIONS_MODULUS = 1 << 16
TORQUE_MODULUS = 1 << 16

Measurement = CscMeasurement | CyclingPowerMeasurement


class RevolutionCounter:
    """Revolutions per second from a wrapping cumulative counter and its wrapping event time."""

    def __init__(self, modulus: int, ticks_per_second: int, stale_after: int) -> None:
        self.modulus = modulus
        self.ticks_per_second = ticks_per_second
        self._stale_after = stale_after
        self._last: tuple[int, int] | None = None
        self._rate: float | None = None
        self._idle = 0
        self.revolutions = 0

    def update(self, revolutions: int, event_time: int) -> float | None:
        """The rate since the last event: None until two events follow each other without a
        stop, 0 once `stale_after` notifications bring no new event."""
        if self._last is None:
            self._last = (revolutions, event_time)
            return None
        delta = (revolutions - self._last[0]) % self.modulus
        ticks = (event_time - self._last[1]) % EVENT_TIME_MODULUS
        if delta >= self.modulus // 2:
            # the counter went back: the sensor was reset or the wheel rolled backwards
            self._last, self._rate, self._idle = (revolutions, event_time), None, 0
            return None
        if delta == 0 or ticks == 0:
            self._idle += 1
            return 0.0 if self._idle >= self._stale_after else self._rate
        stopped = self._idle >= self._stale_after
        self._last, self._idle = (revolutions, event_time), 0
        self.revolutions += delta
        # the first event after a stop spans the pause (perhaps past an event-time wrap)
        self._rate = None if stopped else delta * self.ticks_per_second / ticks
        return self._rate


class SpeedCadence(NamedTuple):
    speed_m_s: float | None
    cadence_rpm: float | None


def _wheel(measurement: Measurement) -> tuple[int, int, int] | None:
    if isinstance(measurement, CscMeasurement):
        revs, time = (
            measurement.cumulative_wheel_revolutions,
            measurement.last_wheel_event_time_1024,
        )
        ticks = CSC_WHEEL_TICKS_PER_SECOND
    else:
        revs, time = (
            measurement.cumulative_wheel_revolutions,
            measurement.last_wheel_event_time_2048,
        )
        ticks = CP_WHEEL_TICKS_PER_SECOND
    return None if revs is None or time is None else (revs, time, ticks)


class CadenceSpeedTracker:
    """Speed and cadence from successive CSC or Cycling Power measurements of one sensor."""

    def __init__(
        self,
        wheel_circumference_m: float = DEFAULT_WHEEL_CIRCUMFERENCE_M,
        stale_after: int = DEFAULT_STALE_AFTER,
    ) -> None:
        if wheel_circumference_m <= 0 or stale_after < 1:
            raise ValueError("the wheel circumference and stale_after must be positive")
        self.wheel_circumference_m = wheel_circumference_m
        self._stale_after = stale_after
        self._wheel: RevolutionCounter | None = None
        self._crank = RevolutionCounter(
            CRANK_REVOLUTIONS_MODULUS, CRANK_TICKS_PER_SECOND, stale_after
        )
        self._wheel_revolutions_before = 0

    @property
    def distance_m(self) -> float:
        """Distance ridden since the first measurement, from whole wheel revolutions."""
        counted = self._wheel.revolutions if self._wheel else 0
        return (self._wheel_revolutions_before + counted) * self.wheel_circumference_m

    def update(self, measurement: Measurement) -> SpeedCadence | None:
        """Speed (m/s) and cadence (rpm) after this measurement; None while neither is known."""
        speed = cadence = None
        wheel = _wheel(measurement)
        if wheel is not None:
            revs, time, ticks = wheel
            rate = self._wheel_counter(ticks).update(revs, time)
            speed = None if rate is None else rate * self.wheel_circumference_m
        crank = measurement.cumulative_crank_revolutions
        crank_time = measurement.last_crank_event_time_1024
        if crank is not None and crank_time is not None:
            rate = self._crank.update(crank, crank_time)
            cadence = None if rate is None else rate * 60
        return None if speed is None and cadence is None else SpeedCadence(speed, cadence)

    def _wheel_counter(self, ticks_per_second: int) -> RevolutionCounter:
        if self._wheel is None or self._wheel.ticks_per_second != ticks_per_second:
            if self._wheel is not None:
                self._wheel_revolutions_before += self._wheel.revolutions
            self._wheel = RevolutionCounter(
                WHEEL_REVOLUTIONS_MODULUS, ticks_per_second, self._stale_after
            )
        return self._wheel


def power_from_accumulated_torque(
    previous: CyclingPowerMeasurement, current: CyclingPowerMeasurement
) -> float | None:
    """Mean power between two measurements, 2π·Δ(accumulated torque)/Δt, over the events of
    the torque's own source (crank or wheel); None when that data or any time is missing."""
    if previous.accumulated_torque_nm is None or current.accumulated_torque_nm is None:
        return None
    if previous.accumulated_torque_source != current.accumulated_torque_source:
        return None
    if current.accumulated_torque_source == "crank":
        before, after = previous.last_crank_event_time_1024, current.last_crank_event_time_1024
        ticks_per_second = CRANK_TICKS_PER_SECOND
    else:
        before, after = previous.last_wheel_event_time_2048, current.last_wheel_event_time_2048
        ticks_per_second = CP_WHEEL_TICKS_PER_SECOND
    if before is None or after is None or (after - before) % EVENT_TIME_MODULUS == 0:
        return None
    seconds = (after - before) % EVENT_TIME_MODULUS / ticks_per_second
    raw = round(current.accumulated_torque_nm * TORQUE_PER_NM)
    raw_before = round(previous.accumulated_torque_nm * TORQUE_PER_NM)
    torque_nm = (raw - raw_before) % TORQUE_MODULUS / TORQUE_PER_NM
    return 2 * math.pi * torque_nm / seconds
