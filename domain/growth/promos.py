"""Promo codes: admins create shared or unique codes; an athlete redeems an offer once."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import timedelta

from domain.campaigns.admin import AdminService
from domain.clock import Clock
from domain.errors import InvalidValueError, NotFoundError
from domain.growth.models import REWARDS, Perk, PromoCode, PromoKind, PromoStats, Redeemed
from domain.growth.rewards import Rewards
from domain.ports import UnitOfWork

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,31}$")
MAX_BATCH = 1000
MAX_DAYS = 365
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or retyped


def random_suffix() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


def normalized_code(text: str) -> str:
    """Codes are matched without regard to case: stored and looked up in upper case."""
    code = text.strip().upper()
    if not _CODE.match(code):
        raise InvalidValueError("promo_code", "format")
    return code


class PromoService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        admins: AdminService,
        rewards: Rewards,
        suffix: Callable[[], str] = random_suffix,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._admins = admins
        self._rewards = rewards
        self._suffix = suffix

    def reward_keys(self) -> list[str]:
        """The rewards a code may give here (XP only once the XP ledger is wired)."""
        return [key for key, reward in REWARDS.items() if self._rewards.offered(reward)]

    async def create(
        self,
        actor_id: int,
        name: str,
        kind: PromoKind,
        reward: str,
        count: int = 1,
        max_uses: int | None = None,
        days: int | None = None,
        campaign_id: int | None = None,
    ) -> list[PromoCode]:
        """A shared code (`max_uses` athletes at most) or `count` single-use codes named
        NAME-XXXXXX; valid `days` from now; audited."""
        await self._admins.require(actor_id)
        batch = normalized_code(name)
        if reward not in self.reward_keys():
            raise InvalidValueError("promo_reward", "unknown")
        if kind is PromoKind.UNIQUE and not 1 <= count <= MAX_BATCH:
            raise InvalidValueError("promo_limits", "count", limit=MAX_BATCH)
        if (max_uses is not None and max_uses < 1) or (
            days is not None and not 1 <= days <= MAX_DAYS
        ):
            raise InvalidValueError("promo_limits", "range", days=MAX_DAYS)
        now = self._clock()
        expires = now + timedelta(days=days) if days else None
        names = [batch] if kind is PromoKind.SHARED else self._names(batch, count)
        uses = max_uses if kind is PromoKind.SHARED else 1
        codes = [
            PromoCode(0, code, batch, kind, reward, actor_id, now, expires, uses, 0, campaign_id)
            for code in names
        ]
        async with self._uow:
            if not await self._uow.growth.add_codes(codes):
                raise InvalidValueError("promo_code", "taken")
            await self._admins.audit(actor_id, "promo.create", f"promo:{batch}")
            await self._uow.commit()
        return codes

    def _names(self, batch: str, count: int) -> list[str]:
        names: set[str] = set()
        while len(names) < count:
            names.add(f"{batch[:24]}-{self._suffix()}")
        return sorted(names)

    async def redeem(self, user_id: int, text: str) -> Redeemed:
        """Once per athlete and offer, before it expires and while uses are left; the
        reward lands in the same transaction as the redemption."""
        try:
            code_text = normalized_code(text)
        except InvalidValueError as error:
            raise NotFoundError(what="promo") from error
        now = self._clock()
        async with self._uow:
            code = await self._uow.growth.code(code_text)
            if code is None:
                raise NotFoundError(what="promo")
            if code.expired(now):
                raise InvalidValueError("promo", "expired")
            if await self._uow.growth.has_redeemed(code.batch, user_id):
                raise InvalidValueError("promo", "already")
            if not await self._uow.growth.use(code.id):
                raise InvalidValueError("promo", "used_up")
            if not await self._uow.growth.add_redemption(code, user_id, now):
                raise InvalidValueError("promo", "already")  # a double tap, by a hair
            reward = REWARDS[code.reward]
            await self._rewards.give(user_id, reward, f"promo:{code.batch}")
            perks = await self._uow.growth.perks(user_id, now)
            await self._uow.commit()
        return Redeemed(code.code, code.reward, tuple(perks))

    async def perks(self, user_id: int) -> list[Perk]:
        """The rewards the athlete holds now."""
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.growth.perks(user_id, self._clock())

    async def stats(self, actor_id: int) -> list[PromoStats]:
        """Each offer with its redemptions (and the campaign it belongs to)."""
        await self._admins.require(actor_id)
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.growth.promo_stats()
