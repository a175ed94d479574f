"""Training groups, their members, their events and the answers to those events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain.users.models import CoarseLocation, Language, Level, Sport, Weekday
from domain.workouts.models import Activity

LEVELS: tuple[Level, ...] = tuple(Level)
NAME_MAX_LENGTH = 64
DESCRIPTION_MAX_LENGTH = 500
PLAN_MAX_LENGTH = 1000
MEETING_POINT_MAX_LENGTH = 120
MAX_CAPACITY = 10_000
DEFAULT_EVENT_DURATION = timedelta(hours=1)
REMINDER_LEAD = timedelta(hours=1)


class JoinPolicy(StrEnum):
    OPEN = "open"
    APPROVAL = "approval"


class MemberRole(StrEnum):
    ORGANIZER = "organizer"
    MEMBER = "member"


class MemberState(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"


class RsvpAnswer(StrEnum):
    GOING = "going"
    MAYBE = "maybe"
    NO = "no"


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    """A weekly meeting: a weekday and the minute of the local day it starts."""

    day: Weekday
    minute: int

    @property
    def day_index(self) -> int:
        return list(Weekday).index(self.day)

    def key(self) -> tuple[int, int]:
        return self.day_index, self.minute


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    code: str
    name: str
    description: str
    sports: frozenset[Sport]
    level_min: Level
    level_max: Level
    slots: tuple[Slot, ...]
    location: CoarseLocation | None
    city: str | None
    policy: JoinPolicy
    capacity: int | None
    timezone: str
    created_by: int
    created_at: datetime
    language: Language = Language.EN  # of its posts in the group chat: the creator's
    chat_id: int | None = None
    plan: str | None = None
    member_count: int = 0

    @property
    def days(self) -> frozenset[Weekday]:
        return frozenset(slot.day for slot in self.slots)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.member_count >= self.capacity

    @property
    def sports_in_order(self) -> list[Sport]:
        return [sport for sport in Sport if sport in self.sports]

    def fits_level(self, level: Level | None) -> bool:
        if level is None:
            return True
        return LEVELS.index(self.level_min) <= LEVELS.index(level) <= LEVELS.index(self.level_max)


@dataclass(frozen=True, slots=True)
class GroupDraft:
    """What an organizer told us about a new group, before it is stored."""

    name: str
    description: str = ""
    sports: frozenset[Sport] = frozenset()
    level_min: Level = Level.BEGINNER
    level_max: Level = Level.ADVANCED
    slots: tuple[Slot, ...] = ()
    location: CoarseLocation | None = None
    city: str | None = None
    policy: JoinPolicy = JoinPolicy.OPEN
    capacity: int | None = None
    timezone: str = "UTC"
    language: Language = Language.EN
    chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    group_id: int
    user_id: int
    role: MemberRole
    state: MemberState
    joined_at: datetime
    share_progress: bool = False

    @property
    def is_organizer(self) -> bool:
        return self.role is MemberRole.ORGANIZER and self.state is MemberState.ACTIVE

    @property
    def is_active(self) -> bool:
        return self.state is MemberState.ACTIVE


@dataclass(frozen=True, slots=True)
class MeetingPoint:
    """Where an event starts: a text, and a location only when the organizer shared one;
    `precise` says the organizer chose to publish the exact spot."""

    text: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precise: bool = False


@dataclass(frozen=True, slots=True)
class EventDraft:
    sport: Activity
    starts_at: datetime
    meeting_point: MeetingPoint = field(default_factory=MeetingPoint)
    distance_m: float | None = None
    pace_s_per_km: tuple[int, int] | None = None
    capacity: int | None = None
    recurring: bool = False


@dataclass(frozen=True, slots=True)
class GroupEvent:
    id: int
    group_id: int
    draft: EventDraft
    created_by: int
    created_at: datetime
    chat_message_id: int | None = None
    reminded_at: datetime | None = None
    followed_up_at: datetime | None = None

    @property
    def starts_at(self) -> datetime:
        return self.draft.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.duration

    @property
    def duration(self) -> timedelta:
        """Planned: the distance at the middle of the pace range, else an hour."""
        draft = self.draft
        if draft.distance_m and draft.pace_s_per_km:
            pace = sum(draft.pace_s_per_km) / 2
            return timedelta(seconds=round(draft.distance_m / 1000 * pace))
        return DEFAULT_EVENT_DURATION


@dataclass(frozen=True, slots=True)
class RsvpCounts:
    going: int = 0
    maybe: int = 0
    no: int = 0


@dataclass(frozen=True, slots=True)
class Attendee:
    user_id: int
    first_name: str
    answer: RsvpAnswer
    workout_id: int | None
