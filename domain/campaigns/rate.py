"""A token bucket shared by every send of the process: the global broadcast rate."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]
_EPSILON = 1e-6


class TokenBucket:
    """`rate` sends per second on average, at most `burst` at once; `hold` stops all sends
    for a while (Telegram's retry_after)."""

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = max(1.0, burst if burst is not None else min(rate, 10.0))
        self._monotonic = monotonic
        self._sleep = sleep
        self._tokens = self.burst
        self._stamp = monotonic()
        self._held_until = 0.0
        self._lock = asyncio.Lock()

    def hold(self, seconds: float) -> None:
        """No token before `seconds` from now; the bucket starts empty after the wait."""
        until = self._monotonic() + seconds
        if until > self._held_until:
            self._held_until = until
            self._tokens = 0.0

    async def acquire(self) -> None:
        """Wait for one token; callers are served in order."""
        async with self._lock:
            while True:
                now = self._monotonic()
                if now < self._held_until:
                    await self._sleep(self._held_until - now)
                    self._stamp = max(self._stamp, self._held_until)
                    continue
                self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
                if self._tokens >= 1.0 - _EPSILON:  # float sums of fractions fall just short
                    self._tokens = max(0.0, self._tokens - 1.0)
                    return
                await self._sleep((1.0 - self._tokens) / self.rate)
