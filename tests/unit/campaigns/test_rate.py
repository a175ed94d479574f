"""The token bucket: the configured rate on average, a burst at most, a hold for 429s."""

from __future__ import annotations

import pytest

from domain.campaigns.rate import TokenBucket
from tests.unit.campaigns.fakes import FakeTime


async def test_sends_at_the_rate_after_the_burst() -> None:
    time = FakeTime()
    bucket = TokenBucket(25, burst=5, monotonic=time.monotonic, sleep=time.sleep)
    start = time.now
    for _ in range(105):
        await bucket.acquire()
    # 5 at once, then 100 more at 25/s: 4 seconds.
    assert time.now - start == pytest.approx(4.0)


async def test_a_burst_goes_out_at_once() -> None:
    time = FakeTime()
    bucket = TokenBucket(1000, burst=10, monotonic=time.monotonic, sleep=time.sleep)
    for _ in range(10):
        await bucket.acquire()
    assert time.slept == []


async def test_hold_stops_every_send_then_resumes_at_the_rate() -> None:
    time = FakeTime()
    bucket = TokenBucket(10, burst=1, monotonic=time.monotonic, sleep=time.sleep)
    await bucket.acquire()
    start = time.now
    bucket.hold(3.0)
    await bucket.acquire()
    assert time.now - start >= 3.0
    before = time.now
    await bucket.acquire()
    assert time.now - before == pytest.approx(0.1)


async def test_idle_time_does_not_bank_more_than_the_burst() -> None:
    time = FakeTime()
    bucket = TokenBucket(10, burst=2, monotonic=time.monotonic, sleep=time.sleep)
    time.now += 3600
    for _ in range(2):
        await bucket.acquire()
    assert time.slept == []
    await bucket.acquire()
    assert time.slept == [pytest.approx(0.1)]


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        TokenBucket(0)
