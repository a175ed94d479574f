"""What the admin console shows: the numbers, the weekly series, an athlete's card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.campaigns.models import Ban, Role
from domain.users.models import User

PAGE = 8
WEEKS = 8


@dataclass(frozen=True, slots=True)
class WeekCount:
    """New athletes and active athletes in the week starting on `week` (a Monday, UTC)."""

    week: date
    new: int
    active: int


@dataclass(frozen=True, slots=True)
class SourceCount:
    """Athletes who came by one deep link (`src_…`, `ref_…`, …) and how many logged since."""

    link: str
    users: int
    with_workouts: int


@dataclass(frozen=True, slots=True)
class AdminStats:
    users: int
    active_7d: int
    active_30d: int
    new_7d: int
    workouts_logged: int
    workouts_imported: int
    devices: int
    blocked: int
    banned: int
    redemptions: int
    referrals_rewarded: int
    weeks: tuple[WeekCount, ...] = ()
    sources: tuple[SourceCount, ...] = ()


@dataclass(frozen=True, slots=True)
class UserCard:
    user: User
    workouts: int
    last_workout_at: datetime | None
    ban: Ban | None
    role: Role | None


@dataclass(frozen=True, slots=True)
class Found:
    """One page of athletes matching a search."""

    query: str
    users: tuple[User, ...]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE))
