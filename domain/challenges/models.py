"""A challenge, its rules, its participants' standings and what it posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.workouts.models import Activity

TITLE_MAX = 64
TEAMS_MIN, TEAMS_MAX = 2, 4
TEAM_NAME_MAX = 24
BOARD_SIZE = 10
MEDALS = ("🥇", "🥈", "🥉")


class Metric(StrEnum):
    """What a workout adds to a total (SI: metres, seconds, metres, workouts, points)."""

    DISTANCE = "distance"
    DURATION = "duration"
    ELEVATION = "elevation"
    WORKOUTS = "workouts"
    XP = "xp"


class Goal(StrEnum):
    TARGET = "target"  # reach N
    MOST = "most"  # most wins


class Mode(StrEnum):
    INDIVIDUAL = "individual"
    TEAMS = "teams"


class Entries(StrEnum):
    DEVICE_ONLY = "device"  # imported files and devices only
    ANY = "any"  # manual logs too


class Scope(StrEnum):
    GROUP = "group"  # in a group chat, organized by one of its admins
    PERSONAL = "personal"  # me against a goal, in the private chat
    GLOBAL = "global"  # for everyone, created by a bot admin


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    CUSTOM = "custom"


class ChallengeState(StrEnum):
    """open -> finished; the end job freezes the results and posts them once."""

    OPEN = "open"
    FINISHED = "finished"


class PostKind(StrEnum):
    START = "start"
    REMINDER = "reminder"
    END = "end"


class PostState(StrEnum):
    """claimed -> sending -> sent | failed; a `sending` a crash left behind is `unknown`."""

    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Rules:
    """What counts: `sports` empty means every sport; the period is [starts_at, ends_at)."""

    metric: Metric
    starts_at: datetime
    ends_at: datetime
    sports: frozenset[Activity] = frozenset()
    goal: Goal = Goal.MOST
    target: float | None = None  # SI, for Goal.TARGET
    mode: Mode = Mode.INDIVIDUAL
    teams: tuple[str, ...] = ()
    entries: Entries = Entries.ANY


@dataclass(frozen=True, slots=True)
class Challenge:
    id: int
    code: str
    scope: Scope
    chat_id: int  # where it is posted: the group, or the organizer's private chat
    organizer_id: int
    title: str
    rules: Rules
    created_at: datetime
    state: ChallengeState = ChallengeState.OPEN
    message_id: int | None = None  # the pinned leaderboard message
    language: str = "en"
    timezone: str = "UTC"

    @property
    def first_day(self) -> date:
        """The first local day of the period, in the organizer's timezone."""
        return self.rules.starts_at.astimezone(ZoneInfo(self.timezone)).date()

    @property
    def last_day(self) -> date:
        """The last local day of the period (its end is the next day's midnight)."""
        return (
            (self.rules.ends_at - timedelta(microseconds=1))
            .astimezone(ZoneInfo(self.timezone))
            .date()
        )


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one workout added to one participant's total (kept when voided, at zero)."""

    challenge_id: int
    workout_id: int
    user_id: int
    value: float
    started_at: datetime
    voided: bool = False


@dataclass(frozen=True, slots=True)
class Standing:
    user_id: int
    first_name: str
    total: float
    rank: int
    team: int | None = None


@dataclass(frozen=True, slots=True)
class TeamTotal:
    index: int
    name: str
    total: float
    members: int


@dataclass(frozen=True, slots=True)
class Entry:
    """A counted workout, as the organizer's entry list shows it."""

    workout_id: int
    user_id: int
    first_name: str
    activity: Activity
    value: float
    started_at: datetime
    voided: bool


@dataclass(frozen=True, slots=True)
class Board:
    """The top of the leaderboard and, when asked by a participant, their own place."""

    challenge: Challenge
    top: tuple[Standing, ...]
    participants: int
    me: Standing | None = None
    teams: tuple[TeamTotal, ...] = ()
    now: datetime | None = None

    @property
    def me_outside_top(self) -> bool:
        return self.me is not None and all(s.user_id != self.me.user_id for s in self.top)


@dataclass(frozen=True, slots=True)
class Joined:
    challenge: Challenge
    standing: Standing
    newly: bool
    team: str | None = None


@dataclass(frozen=True, slots=True)
class Due:
    """A post the scheduler claimed: which challenge, what to post."""

    challenge_id: int
    kind: PostKind


@dataclass(frozen=True, slots=True)
class Setup:
    """The organizer's answers, collected by the setup buttons."""

    title: str
    metric: Metric
    period: PeriodKind
    sports: frozenset[Activity] = frozenset()
    goal: Goal = Goal.MOST
    target: float | None = None
    mode: Mode = Mode.INDIVIDUAL
    teams: tuple[str, ...] = ()
    entries: Entries = Entries.ANY
    custom: tuple[datetime, datetime] | None = None  # UTC bounds of a typed period
