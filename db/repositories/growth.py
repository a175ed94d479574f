"""Promo codes and redemptions, unlocked features and badges, invite codes and referrals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, distinct, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import (
    InviteCodeRow,
    PromoCodeRow,
    PromoRedemptionRow,
    ReferralRow,
    UserBadgeRow,
    UserFeatureRow,
    UserRow,
)
from db.upsert import insert_or_ignore, upsert
from domain.clock import EPOCH
from domain.growth.models import Perk, PromoCode, PromoKind, PromoStats, RewardKind

P = PromoCodeRow


def _table(row: type[Any]) -> Table:
    return row.__table__  # type: ignore[no-any-return]


class SqlGrowthRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_codes(self, codes: Sequence[PromoCode]) -> bool:
        names = [code.code for code in codes]
        batches = sorted({code.batch for code in codes})
        taken = select(func.count()).where(or_(P.code.in_(names), P.batch.in_(batches)))
        if await self._session.scalar(taken):
            return False
        self._session.add_all(
            P(code=c.code, batch=c.batch, kind=c.kind.value, reward=c.reward,
              expires_at=c.expires_at, max_uses=c.max_uses, uses=0, campaign_id=c.campaign_id,
              created_by=c.created_by, created_at=c.created_at)
            for c in codes
        )  # fmt: skip
        await self._session.flush()
        return True

    async def code(self, code: str) -> PromoCode | None:
        row = await self._session.scalar(
            select(P).where(P.code == code).execution_options(populate_existing=True)
        )
        return None if row is None else _to_code(row)

    async def use(self, code_id: int) -> bool:
        room = or_(P.max_uses.is_(None), P.uses < P.max_uses)
        result = await self._session.execute(
            update(P).where(P.id == code_id, room).values(uses=P.uses + 1)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def add_redemption(self, code: PromoCode, user_id: int, at: datetime) -> bool:
        values = {"code_id": code.id, "batch": code.batch, "user_id": user_id, "redeemed_at": at}
        table = _table(PromoRedemptionRow)
        return await insert_or_ignore(self._session, table, values, ["batch", "user_id"])

    async def has_redeemed(self, batch: str, user_id: int) -> bool:
        query = select(PromoRedemptionRow.id).where(
            PromoRedemptionRow.batch == batch, PromoRedemptionRow.user_id == user_id
        )
        return await self._session.scalar(query) is not None

    async def promo_stats(self) -> list[PromoStats]:
        redeemed = (
            select(func.count(PromoRedemptionRow.id))
            .where(PromoRedemptionRow.batch == P.batch)
            .scalar_subquery()
        )
        query = (
            select(P.batch, P.kind, P.reward, func.count(P.id), redeemed, func.max(P.max_uses),
                   func.max(P.expires_at), func.max(P.campaign_id), func.max(P.id))
            .group_by(P.batch, P.kind, P.reward)
            .order_by(func.max(P.id).desc())
        )  # fmt: skip
        return [
            PromoStats(
                row[0], PromoKind(row[1]), row[2], int(row[3]), int(row[4] or 0), row[5],
                _aware(row[6]), row[7],
            )
            for row in await self._session.execute(query)
        ]  # fmt: skip

    async def grant_feature(
        self, user_id: int, feature: str, expires_at: datetime | None, at: datetime, source: str
    ) -> None:
        values = {"user_id": user_id, "feature": feature, "expires_at": expires_at,
                  "granted_at": at, "source": source}  # fmt: skip
        await upsert(self._session, _table(UserFeatureRow), values, ["user_id", "feature"])

    async def feature_expiry(self, user_id: int, feature: str) -> tuple[bool, datetime | None]:
        row = await self._session.get(UserFeatureRow, (user_id, feature), populate_existing=True)
        return (False, None) if row is None else (True, row.expires_at)

    async def award_badge(self, user_id: int, badge: str, at: datetime, source: str) -> None:
        values = {"user_id": user_id, "badge": badge, "awarded_at": at, "source": source}
        await insert_or_ignore(self._session, _table(UserBadgeRow), values, ["user_id", "badge"])

    async def perks(self, user_id: int, now: datetime) -> list[Perk]:
        features = await self._session.scalars(
            select(UserFeatureRow)
            .where(
                UserFeatureRow.user_id == user_id,
                or_(UserFeatureRow.expires_at.is_(None), UserFeatureRow.expires_at > now),
            )
            .order_by(UserFeatureRow.feature)
        )
        perks = [Perk(RewardKind.FEATURE, row.feature, row.expires_at) for row in features]
        badges = await self._session.scalars(
            select(UserBadgeRow.badge).where(UserBadgeRow.user_id == user_id).order_by("badge")
        )
        return perks + [Perk(RewardKind.BADGE, badge) for badge in badges]

    async def invite_code(self, user_id: int) -> str | None:
        return await self._session.scalar(
            select(InviteCodeRow.code).where(InviteCodeRow.user_id == user_id)
        )

    async def set_invite_code(self, user_id: int, code: str) -> bool:
        if await self.inviter(code) is not None:
            return False
        values = {"user_id": user_id, "code": code}
        return await insert_or_ignore(self._session, _table(InviteCodeRow), values, ["user_id"])

    async def inviter(self, code: str) -> int | None:
        return await self._session.scalar(
            select(InviteCodeRow.user_id).where(InviteCodeRow.code == code)
        )

    async def add_referral(self, invitee_id: int, referrer_id: int, at: datetime) -> bool:
        values = {"invitee_id": invitee_id, "referrer_id": referrer_id, "joined_at": at}
        return await insert_or_ignore(self._session, _table(ReferralRow), values, ["invitee_id"])

    async def reward_referral(self, invitee_id: int, at: datetime) -> int | None:
        result = await self._session.execute(
            update(ReferralRow)
            .where(ReferralRow.invitee_id == invitee_id, ReferralRow.rewarded_at.is_(None))
            .values(rewarded_at=at)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await self._session.scalar(
            select(ReferralRow.referrer_id).where(ReferralRow.invitee_id == invitee_id)
        )

    async def joined_by(self, referrer_id: int) -> tuple[list[str], int]:
        query = (
            select(UserRow.first_name)
            .join(ReferralRow, ReferralRow.invitee_id == UserRow.id)
            .where(ReferralRow.referrer_id == referrer_id)
            .order_by(ReferralRow.joined_at, UserRow.id)
        )
        names = list(await self._session.scalars(query))
        rewarded = await self._session.scalar(
            select(func.count(distinct(ReferralRow.invitee_id))).where(
                ReferralRow.referrer_id == referrer_id, ReferralRow.rewarded_at.is_not(None)
            )
        )
        return names, int(rewarded or 0)

    async def export(self, user_id: int) -> dict[str, Any]:
        redemptions = await self._session.execute(
            select(P.code, PromoRedemptionRow.redeemed_at)
            .join(P, P.id == PromoRedemptionRow.code_id)
            .where(PromoRedemptionRow.user_id == user_id)
            .order_by(PromoRedemptionRow.id)
        )
        referral = await self._session.get(ReferralRow, user_id)
        perks = await self.perks(user_id, EPOCH)
        return {
            "promo_redemptions": [{"code": code, "at": at} for code, at in redemptions],
            "rewards": [
                {"kind": p.kind.value, "name": p.name, "expires_at": p.expires_at} for p in perks
            ],
            "referred": None
            if referral is None
            else {"joined_at": referral.joined_at, "rewarded_at": referral.rewarded_at},
        }


def _aware(value: datetime | None) -> datetime | None:
    """An aggregate's datetime (max() loses the column type on SQLite) as aware UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _to_code(row: PromoCodeRow) -> PromoCode:
    return PromoCode(
        id=row.id,
        code=row.code,
        batch=row.batch,
        kind=PromoKind(row.kind),
        reward=row.reward,
        created_by=row.created_by,
        created_at=row.created_at,
        expires_at=row.expires_at,
        max_uses=row.max_uses,
        uses=row.uses,
        campaign_id=row.campaign_id,
    )
