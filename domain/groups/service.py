"""Groups: created by an organizer, found by athletes, joined openly or by approval."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace

from domain.clock import Clock
from domain.errors import NotFoundError
from domain.groups.errors import (
    ChatTakenError,
    GroupFullError,
    LastOrganizerError,
    NotMemberError,
    NotOrganizerError,
)
from domain.groups.models import (
    Group,
    GroupDraft,
    JoinPolicy,
    MemberRole,
    Membership,
    MemberState,
)
from domain.groups.parsing import parse_plan
from domain.groups.search import CANDIDATES, SearchFilters, SearchPage, rank, search_text
from domain.ports import UnitOfWork
from domain.users.models import Sport, User


@dataclass(frozen=True, slots=True)
class GroupCard:
    group: Group
    membership: Membership | None


@dataclass(frozen=True, slots=True)
class Joined:
    """The athlete's membership after asking; `organizers` are to be told of a request."""

    group: Group
    membership: Membership
    organizers: tuple[User, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    group: Group
    applicant: User
    approved: bool


def new_code() -> str:
    """Eight URL-safe characters: an invite that cannot be guessed from another."""
    return secrets.token_urlsafe(6)


class GroupService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def create(self, user: User, draft: GroupDraft) -> Group:
        """Store the group with its creator as its organizer; a chat can be home to one."""
        now = self._clock()
        async with self._uow:
            if draft.chat_id is not None and await self._uow.groups.by_chat(draft.chat_id):
                raise ChatTakenError()
            group = await self._uow.groups.add(draft, new_code(), user.id, now)
            organizer = Membership(
                group.id, user.id, MemberRole.ORGANIZER, MemberState.ACTIVE, now
            )
            await self._uow.groups.put_membership(organizer)
            group = await self._require(group.id)
            await self._uow.commit()
            return group

    async def setup_options(self, user_id: int, chat_id: int) -> tuple[Group | None, list[Group]]:
        """The group at home in this chat, if any, and the athlete's organized groups that
        have no chat yet."""
        async with self._uow:
            home = await self._uow.groups.by_chat(chat_id)
            mine = await self._uow.groups.of_user(user_id)
        return home, [g for g, m in mine if m.is_organizer and g.chat_id is None]

    async def link_chat(self, user_id: int, group_id: int, chat_id: int) -> Group:
        """Make the chat the group's home: the organizer's (rights from the database) and
        a chat no other group has."""
        async with self._uow:
            group = await self._organized(user_id, group_id)
            other = await self._uow.groups.by_chat(chat_id)
            if other is not None and other.id != group.id:
                raise ChatTakenError()
            group = replace(group, chat_id=chat_id)
            await self._uow.groups.save(group)
            await self._uow.commit()
            return group

    async def search(self, user: User, filters: SearchFilters, page: int) -> SearchPage:
        """Candidates from the indexes, ranked by the documented score (domain/groups/search)."""
        filters = replace(filters, text=search_text(filters.text))
        async with self._uow:
            await self._uow.read_only()
            candidates = await self._uow.groups.search(filters, CANDIDATES)
        return rank(candidates, filters, user.profile.days, page)

    async def card(self, user_id: int, group_id: int) -> GroupCard:
        """The group and the athlete's place in it."""
        async with self._uow:
            group = await self._require(group_id)
            return GroupCard(group, await self._uow.groups.membership(group_id, user_id))

    async def by_code(self, user_id: int, code: str) -> GroupCard:
        """The group an invite link names."""
        async with self._uow:
            group = await self._uow.groups.by_code(code)
            if group is None:
                raise NotFoundError(what="group")
            return GroupCard(group, await self._uow.groups.membership(group.id, user_id))

    async def join(self, user: User, group_id: int) -> Joined:
        """Open groups take the athlete at once, others record a request; never past the
        capacity. Asking again changes nothing."""
        now = self._clock()
        async with self._uow:
            group = await self._require(group_id)
            current = await self._uow.groups.membership(group_id, user.id)
            if current is not None:
                return Joined(group, current)
            if group.is_full:
                raise GroupFullError(capacity=group.capacity)
            state = MemberState.ACTIVE if group.policy is JoinPolicy.OPEN else MemberState.PENDING
            membership = Membership(group_id, user.id, MemberRole.MEMBER, state, now)
            await self._uow.groups.put_membership(membership)
            organizers: list[User] = []
            if state is MemberState.PENDING:
                for member in await self._uow.groups.members(group_id):
                    organizer = await self._uow.users.get(member.user_id)
                    if member.is_organizer and organizer is not None:
                        organizers.append(organizer)
            group = await self._require(group_id)
            await self._uow.commit()
            return Joined(group, membership, tuple(organizers))

    async def decide(
        self, organizer_id: int, group_id: int, applicant_id: int, approve: bool
    ) -> Decision:
        """An organizer approves (room permitting) or declines a pending request."""
        async with self._uow:
            group = await self._organized(organizer_id, group_id)
            request = await self._uow.groups.membership(group_id, applicant_id)
            applicant = await self._uow.users.get(applicant_id)
            if request is None or request.state is not MemberState.PENDING or applicant is None:
                raise NotFoundError(what="request")
            if approve:
                if group.is_full:
                    raise GroupFullError(capacity=group.capacity)
                await self._uow.groups.put_membership(replace(request, state=MemberState.ACTIVE))
            else:
                await self._uow.groups.remove_membership(group_id, applicant_id)
            group = await self._require(group_id)
            await self._uow.commit()
            return Decision(group, applicant, approve)

    async def leave(self, user_id: int, group_id: int) -> Group:
        """Leave (or withdraw a request); the last organizer stays until another is named."""
        async with self._uow:
            membership = await self._member(user_id, group_id, active=False)
            if membership.is_organizer:
                members = await self._uow.groups.members(group_id)
                if sum(m.is_organizer for m in members) <= 1:
                    raise LastOrganizerError()
            await self._uow.groups.remove_membership(group_id, user_id)
            group = await self._require(group_id)
            await self._uow.commit()
            return group

    async def toggle_share(self, user_id: int, group_id: int) -> GroupCard:
        """Show, or stop showing, the athlete's milestones on the group's page."""
        async with self._uow:
            membership = await self._member(user_id, group_id)
            changed = replace(membership, share_progress=not membership.share_progress)
            await self._uow.groups.put_membership(changed)
            group = await self._require(group_id)
            await self._uow.commit()
            return GroupCard(group, changed)

    async def set_plan(self, user_id: int, group_id: int, text: str | None) -> Group:
        """The organizer's suggested weekly plan, shown on the group's page; None clears."""
        plan = None if text is None else parse_plan(text)
        async with self._uow:
            group = replace(await self._organized(user_id, group_id), plan=plan)
            await self._uow.groups.save(group)
            await self._uow.commit()
            return group

    async def mine(self, user_id: int) -> list[tuple[Group, Membership]]:
        """The athlete's groups and requests."""
        async with self._uow:
            return await self._uow.groups.of_user(user_id)

    async def _require(self, group_id: int) -> Group:
        group = await self._uow.groups.get(group_id)
        if group is None:
            raise NotFoundError(what="group")
        return group

    async def _member(self, user_id: int, group_id: int, active: bool = True) -> Membership:
        membership = await self._uow.groups.membership(group_id, user_id)
        if membership is None or (active and not membership.is_active):
            raise NotMemberError()
        return membership

    async def _organized(self, user_id: int, group_id: int) -> Group:
        group = await self._require(group_id)
        membership = await self._uow.groups.membership(group_id, user_id)
        if membership is None or not membership.is_organizer:
            raise NotOrganizerError()
        return group


def default_filters(user: User) -> SearchFilters:
    """The athlete's first sport, 25 km around their area, no other filter."""
    sports = user.profile.sports_in_order
    location = user.profile.location
    return SearchFilters(
        sport=sports[0] if sports else Sport.RUNNING,
        origin=location,
        radius_km=25 if location is not None else None,
    )
