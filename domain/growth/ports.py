"""What growth needs from storage, and the XP port the XP system implements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from domain.growth.models import Perk, PromoCode, PromoStats


class XpLedger(Protocol):
    """Gives experience points; implemented by the XP feature, wired in bot/dispatcher.py."""

    async def award(self, user_id: int, amount: int, reason: str) -> None: ...


class GrowthRepository(Protocol):
    async def add_codes(self, codes: Sequence[PromoCode]) -> bool:
        """Store new codes; False (and nothing stored) when one of them already exists."""
        ...

    async def code(self, code: str) -> PromoCode | None: ...

    async def use(self, code_id: int) -> bool:
        """One more use of the code, unless that passes its limit (a conditional update)."""
        ...

    async def add_redemption(self, code: PromoCode, user_id: int, at: datetime) -> bool:
        """False when the athlete already redeemed a code of this batch (the unique key)."""
        ...

    async def has_redeemed(self, batch: str, user_id: int) -> bool: ...

    async def promo_stats(self) -> list[PromoStats]:
        """Each batch, the newest first."""
        ...

    async def grant_feature(
        self, user_id: int, feature: str, expires_at: datetime | None, at: datetime, source: str
    ) -> None:
        """Set the feature's expiry (insert or replace)."""
        ...

    async def feature_expiry(self, user_id: int, feature: str) -> tuple[bool, datetime | None]:
        """(held at all, its expiry)."""
        ...

    async def award_badge(self, user_id: int, badge: str, at: datetime, source: str) -> None:
        """Kept once: a second award of the same badge changes nothing."""
        ...

    async def perks(self, user_id: int, now: datetime) -> list[Perk]:
        """Features not expired at `now`, and badges."""
        ...

    async def invite_code(self, user_id: int) -> str | None: ...

    async def set_invite_code(self, user_id: int, code: str) -> bool:
        """False when the code is taken (try another)."""
        ...

    async def inviter(self, code: str) -> int | None: ...

    async def add_referral(self, invitee_id: int, referrer_id: int, at: datetime) -> bool:
        """False when the invitee was ever referred before (even as an account since erased)."""
        ...

    async def reward_referral(self, invitee_id: int, at: datetime) -> int | None:
        """Mark the invitee's referral rewarded, once; the referrer's id when this call did."""
        ...

    async def joined_by(self, referrer_id: int) -> tuple[list[str], int]:
        """First names of the athletes who joined by this referrer, and how many earned the
        reward."""
        ...

    async def export(self, user_id: int) -> dict[str, Any]:
        """The athlete's redemptions, features, badges and referral, for their export."""
        ...
