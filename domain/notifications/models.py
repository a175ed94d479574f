"""What a scheduled notification is, what it says, and how its delivery went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from domain.wellness.models import CheckInOverview

if TYPE_CHECKING:  # the coaching service imports the ports, which import these models
    from domain.coaching.service import CoachReport, StatsReport

MAX_ATTEMPTS = 3


class NoticeKind(StrEnum):
    REMINDER = "reminder"
    DIGEST = "digest"
    CHECKIN = "checkin"


class NoticeState(StrEnum):
    """claimed -> sent | blocked | failed; only a failed one may be claimed again."""

    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"


class DeliveryOutcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Claim:
    """One notification this process may send: at most one per athlete, kind and local day."""

    user_id: int
    kind: NoticeKind
    local_date: date


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    local_date: date
    state: NoticeState
    at: datetime
    attempts: int


@dataclass(frozen=True, slots=True)
class ReminderContent:
    """Today's advice, for the reminder at the athlete's chosen time."""

    report: CoachReport


@dataclass(frozen=True, slots=True)
class DigestContent:
    """The week in numbers with the fitness trend; the plan lines show only when there are any."""

    report: StatsReport
    plan_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckInPromptContent:
    """The morning prompt: the day's check-in card, answered with one tap per question."""

    overview: CheckInOverview
