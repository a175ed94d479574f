"""Referrals: an invite link per athlete; both sides rewarded on the invitee's first workout."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence

from domain.clock import Clock
from domain.growth.models import REFERRAL_REWARDS, Invite
from domain.growth.rewards import Rewards
from domain.ports import UnitOfWork
from domain.users.start_links import StartLink, StartLinkKind
from domain.workouts.events import Announcement, WorkoutChange, WorkoutEvent

_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def random_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


class ReferralService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, code: Callable[[], str] = random_code
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._code = code

    async def invite(self, user_id: int) -> Invite:
        """The athlete's invite code (made on first ask) and who joined by it."""
        async with self._uow:
            code = await self._uow.growth.invite_code(user_id)
            while code is None:
                candidate = self._code()
                if await self._uow.growth.set_invite_code(user_id, candidate):
                    code = candidate
                    await self._uow.commit()
            joined, rewarded = await self._uow.growth.joined_by(user_id)
        return Invite(code, tuple(joined), rewarded)

    async def attach(self, invitee_id: int, link: StartLink) -> bool:
        """Record who invited the athlete: only when this link was their first (the first
        touch wins), they logged nothing yet, it is not their own, and they were never
        referred before (an erased and re-created account included)."""
        if link.kind is not StartLinkKind.REFERRAL:
            return False
        async with self._uow:
            invitee = await self._uow.users.get(invitee_id)
            referrer = await self._uow.growth.inviter(link.code)
            if invitee is None or referrer is None or referrer == invitee_id:
                return False
            if invitee.start_link != link.as_payload():
                return False
            if await self._uow.workouts.count(invitee_id, None):
                return False
            added = await self._uow.growth.add_referral(invitee_id, referrer, self._clock())
            await self._uow.commit()
        return added


class ReferralRewards:
    """A WorkoutListener: the invitee's first added workout rewards both sides, once."""

    def __init__(self, uow: UnitOfWork, clock: Clock, rewards: Rewards) -> None:
        self._uow = uow
        self._clock = clock
        self._rewards = rewards

    async def workout_changed(self, event: WorkoutEvent) -> Sequence[Announcement]:
        """Inside the caller's unit of work: the conditional update makes it exactly once."""
        if event.change is not WorkoutChange.ADDED:
            return ()
        invitee = event.user.id
        referrer = await self._uow.growth.reward_referral(invitee, self._clock())
        if referrer is None:
            return ()
        for reward in REFERRAL_REWARDS:
            await self._rewards.give(invitee, reward, f"referral:{referrer}")
            if await self._uow.users.get(referrer) is not None:
                await self._rewards.give(referrer, reward, f"referral:{invitee}")
        return (Announcement("growth.referral_rewarded"),)
