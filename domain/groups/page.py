"""A group's page: this week's volume, the sharing members' milestones, the group plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from domain.clock import EPOCH, Clock
from domain.errors import NotFoundError
from domain.groups.models import Group, GroupEvent, Membership
from domain.groups.ports import Volume
from domain.ports import UnitOfWork
from domain.skills.catalog import PROFILE_SPORTS
from domain.skills.progress import SportProgress, sport_progress

SHARED_SHOWN = 10
UPCOMING_SHOWN = 3
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class MemberProgress:
    first_name: str
    progress: SportProgress


@dataclass(frozen=True, slots=True)
class GroupPage:
    group: Group
    membership: Membership | None
    volume: Volume
    progress: tuple[MemberProgress, ...]
    upcoming: tuple[GroupEvent, ...]


class GroupPageService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def page(self, user_id: int, group_id: int) -> GroupPage:
        """Volume of the last 7 days, and milestones only of members who chose to share."""
        now = self._clock()
        async with self._uow:
            await self._uow.read_only()
            group = await self._uow.groups.get(group_id)
            if group is None:
                raise NotFoundError(what="group")
            membership = await self._uow.groups.membership(group_id, user_id)
            volume = await self._uow.groups.volume(group_id, now - WEEK)
            members = await self._uow.groups.members(group_id)
            sharing = [m for m in members if m.share_progress][:SHARED_SHOWN]
            progress = [await self._progress(group, m.user_id) for m in sharing]
            upcoming = await self._uow.groups.upcoming(group_id, now, UPCOMING_SHOWN)
        shown = tuple(p for p in progress if p is not None)
        return GroupPage(group, membership, volume, shown, tuple(upcoming))

    async def _progress(self, group: Group, user_id: int) -> MemberProgress | None:
        """The member's standing in the group's first sport that has milestones."""
        user = await self._uow.users.get(user_id)
        activities = [a for s in group.sports_in_order for a in PROFILE_SPORTS.get(s, ())]
        if user is None or not activities:
            return None
        sport = activities[0]
        workouts = await self._uow.workouts.since(user_id, EPOCH, sport)
        zone = ZoneInfo(user.timezone)
        return MemberProgress(
            user.first_name, sport_progress(workouts, sport, user.profile.weight_kg, zone)
        )
