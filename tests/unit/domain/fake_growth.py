"""In-memory growth repository: codes, redemptions, features, badges, referrals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from domain.growth.models import Perk, PromoCode, PromoStats, RewardKind


class FakeGrowthRepository:
    def __init__(self) -> None:
        self.codes: dict[str, PromoCode] = {}
        self.redemptions: dict[tuple[str, int], tuple[str, datetime]] = {}
        self.features: dict[tuple[int, str], datetime | None] = {}
        self.badges: dict[tuple[int, str], datetime] = {}
        self.invites: dict[int, str] = {}
        self.referrals: dict[int, dict[str, Any]] = {}
        self.first_names: dict[int, str] = {}

    async def add_codes(self, codes: Sequence[PromoCode]) -> bool:
        batches = {code.batch for code in self.codes.values()}
        if any(c.code in self.codes or c.batch in batches for c in codes):
            return False
        for code in codes:
            self.codes[code.code] = replace(code, id=len(self.codes) + 1)
        return True

    async def code(self, code: str) -> PromoCode | None:
        return self.codes.get(code)

    async def use(self, code_id: int) -> bool:
        for key, code in self.codes.items():
            if code.id == code_id and not code.used_up():
                self.codes[key] = replace(code, uses=code.uses + 1)
                return True
        return False

    async def add_redemption(self, code: PromoCode, user_id: int, at: datetime) -> bool:
        if (code.batch, user_id) in self.redemptions:
            return False
        self.redemptions[(code.batch, user_id)] = (code.code, at)
        return True

    async def has_redeemed(self, batch: str, user_id: int) -> bool:
        return (batch, user_id) in self.redemptions

    async def promo_stats(self) -> list[PromoStats]:
        batches: dict[str, list[PromoCode]] = {}
        for code in self.codes.values():
            batches.setdefault(code.batch, []).append(code)
        return [
            PromoStats(batch, codes[0].kind, codes[0].reward, len(codes),
                       sum(1 for key in self.redemptions if key[0] == batch),
                       codes[0].max_uses, codes[0].expires_at, codes[0].campaign_id)
            for batch, codes in reversed(batches.items())
        ]  # fmt: skip

    async def grant_feature(
        self, user_id: int, feature: str, expires_at: datetime | None, at: datetime, source: str
    ) -> None:
        self.features[(user_id, feature)] = expires_at

    async def feature_expiry(self, user_id: int, feature: str) -> tuple[bool, datetime | None]:
        key = (user_id, feature)
        return (key in self.features, self.features.get(key))

    async def award_badge(self, user_id: int, badge: str, at: datetime, source: str) -> None:
        self.badges.setdefault((user_id, badge), at)

    async def perks(self, user_id: int, now: datetime) -> list[Perk]:
        features = [
            Perk(RewardKind.FEATURE, name, until)
            for (owner, name), until in sorted(self.features.items())
            if owner == user_id and (until is None or until > now)
        ]
        badges = [
            Perk(RewardKind.BADGE, name) for owner, name in sorted(self.badges) if owner == user_id
        ]
        return features + badges

    async def invite_code(self, user_id: int) -> str | None:
        return self.invites.get(user_id)

    async def set_invite_code(self, user_id: int, code: str) -> bool:
        if code in self.invites.values() or user_id in self.invites:
            return False
        self.invites[user_id] = code
        return True

    async def inviter(self, code: str) -> int | None:
        return next((owner for owner, mine in self.invites.items() if mine == code), None)

    async def add_referral(self, invitee_id: int, referrer_id: int, at: datetime) -> bool:
        if invitee_id in self.referrals:
            return False
        self.referrals[invitee_id] = {"referrer": referrer_id, "joined": at, "rewarded": None}
        return True

    async def reward_referral(self, invitee_id: int, at: datetime) -> int | None:
        referral = self.referrals.get(invitee_id)
        if referral is None or referral["rewarded"] is not None:
            return None
        referral["rewarded"] = at
        return int(referral["referrer"])

    async def joined_by(self, referrer_id: int) -> tuple[list[str], int]:
        mine = [(i, r) for i, r in self.referrals.items() if r["referrer"] == referrer_id]
        names = [self.first_names.get(invitee, str(invitee)) for invitee, _ in mine]
        return names, sum(1 for _, r in mine if r["rewarded"] is not None)

    async def export(self, user_id: int) -> dict[str, Any]:
        return {
            "promo_redemptions": [
                {"code": code, "at": at}
                for (_, owner), (code, at) in self.redemptions.items()
                if owner == user_id
            ]
        }
