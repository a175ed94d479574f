"""Exponential backoff with a cap, shared by sensor reconnects and network retries."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    initial_s: float = 1.0
    factor: float = 2.0
    cap_s: float = 30.0
    jitter: float = 0.1  # a fraction of each delay, so many companions do not retry in step

    def delay(self, attempt: int) -> float:
        """The wait before retry number `attempt` (0 = the first retry), never above the cap."""
        base = min(self.cap_s, self.initial_s * self.factor ** min(attempt, 64))
        spread = base * self.jitter
        return max(0.0, base - spread + 2 * spread * random.random())  # noqa: S311 - not crypto
