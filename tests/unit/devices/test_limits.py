"""The companion drops exactly what the server would refuse: one set of limits, both sides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from device_sync.ble import decode_cycling_power_measurement, decode_heart_rate_measurement
from device_sync.companion import merge
from device_sync.companion.merge import SampleMerger
from domain.devices import limits
from domain.devices.models import LiveSample, LiveSession
from domain.devices.samples import check_samples
from domain.errors import InvalidValueError
from domain.workouts.models import Activity

RIDE = LiveSession(1, 1, 1, "c", Activity.RIDE, datetime(2026, 11, 24, tzinfo=UTC))


def server_takes(sample: LiveSample) -> bool:
    try:
        check_samples([sample], RIDE)
    except InvalidValueError:
        return False
    return True


@pytest.mark.parametrize(("watts", "kept"), [(3000, True), (3001, False)])
def test_power_at_the_limit_is_sent_and_beyond_it_neither_side_takes_it(
    watts: int, kept: bool
) -> None:
    merger = SampleMerger("ride")
    packet = bytes.fromhex("0000") + watts.to_bytes(2, "little")
    merger.feed("meter", decode_cycling_power_measurement(packet), 0.0)
    sample = merger.sample(0)
    assert (sample is not None) is kept
    assert server_takes(LiveSample(t=0.0, power=watts)) is kept


@pytest.mark.parametrize(("bpm", "kept"), [(250, True), (251, False)])
def test_heart_rate_at_the_limit_is_sent_and_beyond_it_neither_side_takes_it(
    bpm: int, kept: bool
) -> None:
    merger = SampleMerger("ride")
    merger.feed("strap", decode_heart_rate_measurement(bytes([0, bpm])), 0.0)
    assert (merger.sample(0) is not None) is kept
    assert server_takes(LiveSample(t=0.0, hr=bpm)) is kept


def test_the_companion_reads_its_bounds_from_the_shared_module() -> None:
    for name, bounds in merge.PLAUSIBLE.items():
        assert bounds == limits.SAMPLE_RANGES[name], name
    for sport in Activity:
        assert SampleMerger(sport.value)._bounds["speed"][1] == limits.top_sample_speed(sport)
