"""Giving a reward inside the caller's unit of work: a feature flag, a badge or XP."""

from __future__ import annotations

import logging

from domain.clock import Clock
from domain.growth.models import Reward, RewardKind, extended
from domain.growth.ports import XpLedger
from domain.ports import UnitOfWork

logger = logging.getLogger(__name__)


class Rewards:
    def __init__(self, uow: UnitOfWork, clock: Clock, xp: XpLedger | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._xp = xp

    @property
    def gives_xp(self) -> bool:
        return self._xp is not None

    def offered(self, reward: Reward) -> bool:
        """XP rewards exist only once an XP ledger is wired."""
        return reward.kind is not RewardKind.XP or self._xp is not None

    async def give(self, user_id: int, reward: Reward, source: str) -> None:
        """A feature runs `days` longer (from its current expiry when still valid); a badge is
        kept once; XP goes to the ledger, and is skipped while none is wired."""
        now = self._clock()
        growth = self._uow.growth
        if reward.kind is RewardKind.FEATURE:
            held, current = await growth.feature_expiry(user_id, reward.name)
            if held and current is None:
                return  # already for good
            expiry = extended(current if held else None, now, reward.days)
            await growth.grant_feature(user_id, reward.name, expiry, now, source)
        elif reward.kind is RewardKind.BADGE:
            await growth.award_badge(user_id, reward.name, now, source)
        elif self._xp is not None:
            await self._xp.award(user_id, reward.amount, source)
        else:
            logger.info("no XP ledger wired: %s XP for user %s skipped", reward.amount, user_id)
