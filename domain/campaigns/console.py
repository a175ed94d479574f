"""The admin console: numbers at a glance, finding an athlete, banning and unbanning."""

from __future__ import annotations

from domain.campaigns.admin import AdminService
from domain.campaigns.models import Role
from domain.campaigns.stats import PAGE, WEEKS, AdminStats, Found, UserCard
from domain.clock import Clock
from domain.errors import InvalidValueError, NotFoundError
from domain.partners.models import ReportView
from domain.ports import UnitOfWork

MAX_REASON = 200
REPORTS_SHOWN = 10


class ConsoleService:
    def __init__(self, uow: UnitOfWork, clock: Clock, admins: AdminService) -> None:
        self._uow = uow
        self._clock = clock
        self._admins = admins

    async def stats(self, actor_id: int) -> AdminStats:
        """The numbers at a glance (active: a workout or a check-in in the window)."""
        await self._admins.require(actor_id, Role.MODERATOR)
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.admins.stats(self._clock(), WEEKS)

    async def partner_reports(self, actor_id: int) -> list[ReportView]:
        """The newest partner-search reports, for moderators to look into."""
        await self._admins.require(actor_id, Role.MODERATOR)
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.partners.recent_reports(REPORTS_SHOWN)

    async def find(self, actor_id: int, query: str, page: int = 0) -> Found:
        """By Telegram id, @username or a part of the first name; PAGE a page."""
        await self._admins.require(actor_id, Role.MODERATOR)
        query = " ".join(query.split())[:64]
        if not query:
            raise InvalidValueError("user_search", "empty")
        async with self._uow:
            await self._uow.read_only()
            users, total = await self._uow.admins.find_users(query, page * PAGE, PAGE)
        return Found(query, tuple(users), total, page)

    async def card(self, actor_id: int, user_id: int) -> UserCard:
        """What a moderator needs to know about one athlete."""
        await self._admins.require(actor_id, Role.MODERATOR)
        async with self._uow:
            card = await self._uow.admins.card(user_id)
        if card is None:
            raise NotFoundError(what="user")
        return card

    async def ban(self, actor_id: int, user_id: int, reason: str) -> UserCard:
        """Ban with a reason, audited; an admin or a moderator cannot be banned."""
        await self._admins.require(actor_id, Role.MODERATOR)
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidValueError("ban_reason", "empty")
        if len(reason) > MAX_REASON:
            raise InvalidValueError("ban_reason", "too_long", limit=MAX_REASON)
        if await self._admins.role(user_id) is not None:
            raise InvalidValueError("ban", "staff")
        async with self._uow:
            if await self._uow.users.get(user_id) is None:
                raise NotFoundError(what="user")
            await self._uow.admins.ban(user_id, self._clock(), reason, actor_id)
            await self._admins.audit(actor_id, "ban", f"user:{user_id}")
            await self._uow.commit()
        return await self.card(actor_id, user_id)

    async def unban(self, actor_id: int, user_id: int) -> UserCard:
        """Lift a ban, audited."""
        await self._admins.require(actor_id, Role.MODERATOR)
        async with self._uow:
            await self._uow.admins.unban(user_id)
            await self._admins.audit(actor_id, "unban", f"user:{user_id}")
            await self._uow.commit()
        return await self.card(actor_id, user_id)
