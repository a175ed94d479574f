"""A fake clock for the token bucket, and fake ports of the delivery engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.campaigns.models import Progress, Promotion, SendResult, SendStatus
from domain.users.models import Language


@dataclass
class FakeTime:
    """Monotonic seconds that move only when somebody sleeps."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@dataclass
class FakeSender:
    """Answers from a script per user (default: sent); records every call."""

    script: dict[int, list[SendResult]] = field(default_factory=dict)
    calls: list[int] = field(default_factory=list)
    promotions: list[Promotion] = field(default_factory=list)

    async def send(self, user_id: int, language: Language, promotion: Promotion) -> SendResult:
        self.calls.append(user_id)
        self.promotions.append(promotion)
        answers = self.script.get(user_id)
        if answers:
            return answers.pop(0)
        return SendResult(SendStatus.SENT)


@dataclass
class FakeReporter:
    reports: list[tuple[Progress, bool]] = field(default_factory=list)

    async def report(self, progress: Progress, final: bool) -> int | None:
        self.reports.append((progress, final))
        return progress.campaign.report_message_id or 900
