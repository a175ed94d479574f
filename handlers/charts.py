"""What handlers need to draw a chart; bot.charts implements it."""

from __future__ import annotations

from typing import Protocol

from domain.coaching.service import StatsReport
from handlers.texts import Texts


class Charts(Protocol):
    def training(self, report: StatsReport, t: Texts) -> bytes:
        """A PNG: weekly training time as bars, fitness, fatigue and form as lines."""
        ...
