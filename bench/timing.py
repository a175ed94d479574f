"""Latency samples and their percentiles (nearest rank), in milliseconds."""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Case = Callable[[], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Summary:
    count: int
    p50: float
    p95: float
    p99: float
    mean: float
    max: float


def percentile(sorted_ms: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with `fraction` of them at or below."""
    if not sorted_ms:
        return math.nan
    rank = max(1, math.ceil(fraction * len(sorted_ms)))
    return sorted_ms[rank - 1]


def summarize(samples_ms: list[float]) -> Summary:
    ordered = sorted(samples_ms)
    return Summary(
        count=len(ordered),
        p50=percentile(ordered, 0.50),
        p95=percentile(ordered, 0.95),
        p99=percentile(ordered, 0.99),
        mean=sum(ordered) / len(ordered) if ordered else math.nan,
        max=ordered[-1] if ordered else math.nan,
    )


async def timed_ms(call: Case) -> float:
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def alternate(
    call: Case,
    baseline: Case,
    iterations: int,
    warmup: int,
) -> tuple[list[float], list[float]]:
    """Time `call` and `baseline` one after the other, so both see the same machine load."""
    for _ in range(warmup):
        await call()
        await baseline()
    measured: list[float] = []
    base: list[float] = []
    for _ in range(iterations):
        measured.append(await timed_ms(call))
        base.append(await timed_ms(baseline))
    return measured, base
