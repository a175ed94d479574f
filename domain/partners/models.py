"""Training partners: who can be found, who is a match, and the intros between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.users.models import CoarseLocation, Level, Sport, User, Weekday


class IntroState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    SILENCED = "silenced"  # to someone who blocked the sender: never delivered, never said


class ReportReason(StrEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    FAKE = "fake"
    OTHER = "other"


class HiOutcome(StrEnum):
    SENT = "sent"
    PENDING = "pending"  # an intro between the two already waits for an answer
    CONNECTED = "connected"  # they accepted each other before
    LIMIT = "limit"
    GONE = "gone"  # no longer discoverable (or never was)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A discoverable athlete as matching sees them: their profile, read fresh."""

    user_id: int
    first_name: str
    city: str | None
    location: CoarseLocation | None
    sports: frozenset[Sport]
    level: Level | None
    days: frozenset[Weekday]
    birth_year: int | None
    vdot: float | None
    cell: int | None = None  # as stored: where search looks for them
    active_at: datetime | None = None  # their last search or run


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Candidate
    score: int  # 0–100, see domain.partners.matching.score
    distance_km: float | None
    shared_sports: frozenset[Sport]
    shared_days: frozenset[Weekday]


@dataclass(frozen=True, slots=True)
class MatchPage:
    matches: tuple[Match, ...]
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class Intro:
    id: int
    sender_id: int
    recipient_id: int
    state: IntroState
    created_at: datetime
    decided_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Hi:
    """What saying hi did; `deliver` is the intro to show the recipient, if any."""

    outcome: HiOutcome
    deliver: Intro | None = None
    recipient: User | None = None
    sender: Candidate | None = None


@dataclass(frozen=True, slots=True)
class Connection:
    """An accepted intro: each side now gets the other's contact."""

    intro: Intro
    sender: User
    recipient: User


@dataclass(frozen=True, slots=True)
class ReportView:
    """A partner report as moderators see it."""

    reporter_id: int
    reporter_name: str
    reported_id: int
    reported_name: str
    reason: ReportReason
    at: datetime


@dataclass(frozen=True, slots=True)
class PartnerRecord:
    """What partner search stores about one athlete, for their data export."""

    discoverable_since: datetime | None
    intros: tuple[Intro, ...]  # sent and received
    blocked: tuple[int, ...]
    reports: tuple[tuple[int, ReportReason, datetime], ...]  # (reported id, reason, when)
