"""Decoded notifications of several sensors merged into one sample a second.

Each channel (hr, power, cadence, speed, distance) keeps the latest reading of every
source; a sample takes the dedicated sensor's reading over a fitness machine's, and drops
readings older than `stale_after_s` (a sensor that went quiet is not repeated for minutes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from device_sync.ble import (
    CadenceSpeedTracker,
    CscMeasurement,
    CyclingPowerMeasurement,
    HeartRateMeasurement,
    IndoorBikeData,
    Measurement,
    RscMeasurement,
    TreadmillData,
)
from domain.devices.limits import (
    CADENCE_PER_MIN,
    DISTANCE_M,
    HR_BPM,
    MAX_RR_PER_SAMPLE,
    POWER_W,
    RR_MS,
    top_sample_speed,
)
from domain.workouts.models import Activity

# The server refuses a whole batch for one reading beyond these, so a sensor's glitch is
# dropped here, by the server's own bounds (domain/devices/limits.py).
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "hr": HR_BPM,
    "power": POWER_W,
    "cadence": CADENCE_PER_MIN,
    "distance": DISTANCE_M,
}
DEDICATED = 0
MACHINE = 1
STALE_AFTER_S = 3.0
MS_PER_S = 1000
RR_TICKS_PER_S = 1024


@dataclass(frozen=True, slots=True)
class _Reading:
    value: float
    at_s: float
    rank: int


class SampleMerger:
    def __init__(self, sport: str, stale_after_s: float = STALE_AFTER_S) -> None:
        self._bounds = {**PLAUSIBLE, "speed": (0.0, top_sample_speed(Activity(sport)))}
        self._stale_after_s = stale_after_s
        self._channels: dict[str, dict[str, _Reading]] = {}
        self._trackers: dict[str, CadenceSpeedTracker] = {}
        self._distance_origin = 0.0
        self._distance_last: tuple[float, float] | None = None  # (total, at_s) of the source
        self._distance_source: str | None = None
        self._rr_ms: list[int] = []

    def feed(self, source: str, measurement: Measurement, at_s: float) -> None:
        """Take one decoded notification of `source` received `at_s` seconds into the session."""
        if isinstance(measurement, HeartRateMeasurement):
            self._heart_rate(source, measurement, at_s)
        elif isinstance(measurement, CscMeasurement | CyclingPowerMeasurement):
            self._cycling(source, measurement, at_s)
        elif isinstance(measurement, RscMeasurement):
            self._put("speed", source, measurement.speed_m_s, at_s, DEDICATED)
            self._put("cadence", source, measurement.cadence_per_min, at_s, DEDICATED)
            self._distance(source, measurement.total_distance_m, at_s)
        else:
            self._machine(source, measurement, at_s)

    def _heart_rate(self, source: str, measurement: HeartRateMeasurement, at_s: float) -> None:
        # a strap that reports lost skin contact sends a number that is not a heart rate
        if measurement.sensor_contact_detected is not False:
            self._put("hr", source, measurement.heart_rate_bpm, at_s, DEDICATED)
        for rr in measurement.rr_intervals_1024:
            ms = round(rr * MS_PER_S / RR_TICKS_PER_S)
            if RR_MS[0] <= ms <= RR_MS[1]:
                self._rr_ms.append(ms)

    def _cycling(
        self, source: str, measurement: CscMeasurement | CyclingPowerMeasurement, at_s: float
    ) -> None:
        rank = DEDICATED
        if isinstance(measurement, CyclingPowerMeasurement):
            self._put("power", source, max(0, measurement.instantaneous_power_w), at_s, DEDICATED)
            rank = MACHINE  # a cadence sensor beside the power meter knows the cadence better
        tracker = self._trackers.setdefault(source, CadenceSpeedTracker())
        rates = tracker.update(measurement)
        if rates is not None:
            self._put("speed", source, rates.speed_m_s, at_s, rank)
            self._put("cadence", source, rates.cadence_rpm, at_s, rank)
        if measurement.cumulative_wheel_revolutions is not None:
            self._distance(source, tracker.distance_m, at_s)

    def _machine(self, source: str, data: IndoorBikeData | TreadmillData, at_s: float) -> None:
        self._put("hr", source, data.heart_rate_bpm, at_s, MACHINE)
        self._put("speed", source, data.speed_m_s, at_s, MACHINE)
        if isinstance(data, IndoorBikeData):
            self._put("power", source, data.power_w, at_s, MACHINE)
            self._put("cadence", source, data.cadence_rpm, at_s, MACHINE)
        else:
            self._put("power", source, data.power_output_w, at_s, MACHINE)
        self._distance(source, data.total_distance_m, at_s)

    def _distance(self, source: str, total_m: float | None, at_s: float) -> None:
        if total_m is None:
            return
        # distance is the first source's only: switching sources would make it jump
        if self._distance_source is None:
            self._distance_source, self._distance_origin = source, total_m
        if source != self._distance_source:
            return
        if self._distance_last is not None:
            last, last_at = self._distance_last
            reach = self._bounds["speed"][1] * max(1.0, at_s - last_at)
            if not 0 <= total_m - last <= reach:
                # a reset or a garbled counter: carry on from the distance reached so far
                self._distance_origin += total_m - last
        self._distance_last = (total_m, at_s)
        self._put("distance", source, total_m - self._distance_origin, at_s, DEDICATED)

    def _put(self, channel: str, source: str, value: float | None, at_s: float, rank: int) -> None:
        low, high = self._bounds[channel]
        if value is not None and low <= value <= high:
            self._channels.setdefault(channel, {})[source] = _Reading(value, at_s, rank)

    def _value(self, channel: str, t: float) -> float | None:
        fresh = [
            reading
            for reading in self._channels.get(channel, {}).values()
            if t - reading.at_s <= self._stale_after_s
        ]
        if not fresh:
            return None
        return min(fresh, key=lambda reading: (reading.rank, -reading.at_s)).value

    def sample(self, t: float) -> dict[str, Any] | None:
        """The sample at `t` seconds from what arrived so far; None when nothing is fresh."""
        sample: dict[str, Any] = {}
        for channel in ("hr", "power", "cadence"):
            value = self._value(channel, t)
            if value is not None:
                sample[channel] = round(value)
        speed, distance = self._value("speed", t), self._value("distance", t)
        if speed is not None:
            sample["speed"] = round(speed, 3)
        if distance is not None:
            sample["distance"] = round(distance, 2)
        if self._rr_ms:
            # more than 16 beats in a second cannot be; keep the newest
            sample["rr"], self._rr_ms = self._rr_ms[-MAX_RR_PER_SAMPLE:], []
        return {"t": float(t), **sample} if sample else None
