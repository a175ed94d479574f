"""What admins and campaigns need from storage and from the messenger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from domain.campaigns.audience import Audience
from domain.campaigns.models import (
    AuditEntry,
    Ban,
    Campaign,
    Claimed,
    Counts,
    Outcome,
    Progress,
    Promotion,
    Role,
    SendResult,
)
from domain.campaigns.stats import AdminStats, UserCard
from domain.users.models import Language, User


class AdminRepository(Protocol):
    async def role(self, user_id: int) -> Role | None: ...

    async def grant(self, user_id: int, role: Role, at: datetime) -> None: ...

    async def revoke(self, user_id: int) -> None: ...

    async def ban(
        self, user_id: int, at: datetime, reason: str | None = None, by: int | None = None
    ) -> None: ...

    async def ban_of(self, user_id: int) -> Ban | None: ...

    async def unban(self, user_id: int) -> None: ...

    async def audit(self, entry: AuditEntry) -> None: ...

    async def audit_log(self, limit: int) -> list[AuditEntry]:
        """The newest entries first."""
        ...

    async def stats(self, now: datetime, weeks: int) -> AdminStats:
        """The console's numbers at `now`, with `weeks` weekly counts, the oldest first.
        `devices` counts athletes whose workouts came from a paired device (the lead wires
        it to the devices table once there is one)."""
        ...

    async def find_users(self, query: str, offset: int, limit: int) -> tuple[list[User], int]:
        """By id (digits), @username (exact, any case) or a part of the first name."""
        ...

    async def card(self, user_id: int) -> UserCard | None: ...


class CampaignRepository(Protocol):
    async def add(self, campaign: Campaign) -> Campaign:
        """Store a new campaign; the returned one carries its id."""
        ...

    async def get(self, campaign_id: int) -> Campaign | None: ...

    async def save(self, campaign: Campaign) -> None: ...

    async def in_state(self, states: Sequence[str]) -> list[Campaign]: ...

    async def audience_count(self, audience: Audience, now: datetime) -> int:
        """Athletes opted in to promotions, not banned, not blocking the bot, in `audience`
        (its activity windows end at `now`)."""
        ...

    async def audience_after(
        self, user_id: int, limit: int, audience: Audience, now: datetime
    ) -> list[int]:
        """The next `limit` audience ids above `user_id`, in order."""
        ...

    async def start_due(self, now: datetime) -> list[int]:
        """Scheduled campaigns due by `now` become `sending`, each by one caller only (a
        conditional update); the ids this call started."""
        ...

    async def deliveries_of(self, user_id: int) -> list[dict[str, Any]]:
        """The athlete's deliveries (campaign, state, when), for their data export."""
        ...

    async def add_deliveries(
        self, campaign_id: int, user_ids: Sequence[int], at: datetime
    ) -> None:
        """One pending delivery per user; an existing (campaign, user) row is kept as is."""
        ...

    async def claim(self, owner: str, now: datetime, limit: int) -> list[Claimed]:
        """Due pending deliveries of sending campaigns become `claimed` by `owner` (SKIP
        LOCKED on PostgreSQL), the oldest first."""
        ...

    async def begin(self, owner: str, delivery_ids: Sequence[int], now: datetime) -> set[int]:
        """`claimed` by `owner` -> `sending`, committed before any call; the ids that moved."""
        ...

    async def record(self, outcomes: Sequence[Outcome], now: datetime) -> None: ...

    async def release(self, owner: str, campaign_ids: Sequence[int] | None = None) -> int:
        """Rows `owner` claimed but never began go back to pending."""
        ...

    async def recover(self, before: datetime) -> tuple[int, int]:
        """Claims older than `before` -> pending (never sent); `sending` ones -> unknown."""
        ...

    async def counts(self, campaign_id: int) -> Counts: ...

    async def open_count(self, campaign_id: int) -> int: ...


class PromotionSender(Protocol):
    """Sends a promotion with its unsubscribe button to an athlete's private chat."""

    async def send(self, user_id: int, language: Language, promotion: Promotion) -> SendResult: ...


class CampaignReporter(Protocol):
    """Shows the author one progress message, edited as sending goes on."""

    async def report(self, progress: Progress, final: bool) -> int | None:
        """The id of the message shown (a new one when the campaign has none yet)."""
        ...
