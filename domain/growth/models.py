"""Promo codes, what they give, and who invited whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class RewardKind(StrEnum):
    FEATURE = "feature"  # a feature flag on the athlete, for some days or for good
    BADGE = "badge"
    XP = "xp"  # granted through the XpLedger port (the XP system plugs in there)


class Feature(StrEnum):
    PRO = "pro"
    EXTENDED_STATS = "extended_stats"


@dataclass(frozen=True, slots=True)
class Reward:
    kind: RewardKind
    name: str  # the feature, the badge; for XP a label
    days: int | None = None  # a feature's duration; None: for good
    amount: int = 0  # XP


# The rewards an admin can attach to a code (by key: the key is what a code row stores).
REWARDS: dict[str, Reward] = {
    "pro_30": Reward(RewardKind.FEATURE, Feature.PRO, 30),
    "pro_90": Reward(RewardKind.FEATURE, Feature.PRO, 90),
    "stats_30": Reward(RewardKind.FEATURE, Feature.EXTENDED_STATS, 30),
    "badge_early_bird": Reward(RewardKind.BADGE, "early_bird"),
    "xp_100": Reward(RewardKind.XP, "promo", amount=100),
}
# Both sides of a referral, once the invitee logs a first workout.
REFERRAL_REWARDS: tuple[Reward, ...] = (
    Reward(RewardKind.FEATURE, Feature.PRO, 30),
    Reward(RewardKind.BADGE, "team_builder"),
    Reward(RewardKind.XP, "referral", amount=50),
)


class PromoKind(StrEnum):
    SHARED = "shared"  # one code, many athletes (up to its limit)
    UNIQUE = "unique"  # a batch of single-use codes, one per athlete


@dataclass(frozen=True, slots=True)
class PromoCode:
    id: int
    code: str
    batch: str
    kind: PromoKind
    reward: str
    created_by: int
    created_at: datetime
    expires_at: datetime | None = None
    max_uses: int | None = None
    uses: int = 0
    campaign_id: int | None = None

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def used_up(self) -> bool:
        return self.max_uses is not None and self.uses >= self.max_uses


@dataclass(frozen=True, slots=True)
class PromoStats:
    """One offer (a batch): its codes, how many were redeemed, by how many athletes."""

    batch: str
    kind: PromoKind
    reward: str
    codes: int
    redeemed: int
    max_uses: int | None
    expires_at: datetime | None
    campaign_id: int | None


@dataclass(frozen=True, slots=True)
class Perk:
    """A reward the athlete holds now."""

    kind: RewardKind
    name: str
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Redeemed:
    code: str
    reward: str  # the key in REWARDS
    perks: tuple[Perk, ...]


@dataclass(frozen=True, slots=True)
class Invite:
    """An athlete's invite link code and the first names of those who joined by it."""

    code: str
    joined: tuple[str, ...]
    rewarded: int


def extended(current: datetime | None, now: datetime, days: int | None) -> datetime | None:
    """A feature's new expiry: `days` more from the later of now and its current expiry;
    None (for good) stays for good."""
    if days is None:
        return None
    start = now if current is None or current < now else current
    return start + timedelta(days=days)
