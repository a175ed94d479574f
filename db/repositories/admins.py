"""Roles given in the database, bans and the audit log of admin actions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories import admin_stats
from db.repositories.users import user_of
from db.tables import AdminRow, AuditLogRow, UserBanRow, UserRow, WorkoutRow
from db.upsert import upsert
from domain.campaigns.models import AuditEntry, Ban, Role
from domain.campaigns.stats import AdminStats, UserCard
from domain.users.models import User


class SqlAdminRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def role(self, user_id: int) -> Role | None:
        role = await self._session.scalar(select(AdminRow.role).where(AdminRow.user_id == user_id))
        return None if role is None else Role(role)

    async def grant(self, user_id: int, role: Role, at: datetime) -> None:
        values = {"user_id": user_id, "role": role.value, "granted_at": at}
        await upsert(self._session, AdminRow.__table__, values, ["user_id"])  # type: ignore[arg-type]

    async def revoke(self, user_id: int) -> None:
        await self._session.execute(delete(AdminRow).where(AdminRow.user_id == user_id))

    async def ban(
        self, user_id: int, at: datetime, reason: str | None = None, by: int | None = None
    ) -> None:
        values = {"user_id": user_id, "banned_at": at, "reason": reason, "banned_by": by}
        await upsert(self._session, UserBanRow.__table__, values, ["user_id"])  # type: ignore[arg-type]

    async def ban_of(self, user_id: int) -> Ban | None:
        row = await self._session.get(UserBanRow, user_id, populate_existing=True)
        return None if row is None else Ban(row.user_id, row.banned_at, row.reason, row.banned_by)

    async def unban(self, user_id: int) -> None:
        await self._session.execute(delete(UserBanRow).where(UserBanRow.user_id == user_id))

    async def audit(self, entry: AuditEntry) -> None:
        self._session.add(
            AuditLogRow(
                actor_id=entry.actor_id, action=entry.action, target=entry.target, at=entry.at
            )
        )
        await self._session.flush()

    async def audit_log(self, limit: int) -> list[AuditEntry]:
        query = select(AuditLogRow).order_by(AuditLogRow.id.desc()).limit(limit)
        return [
            AuditEntry(row.actor_id, row.action, row.target, row.at)
            for row in await self._session.scalars(query)
        ]

    async def stats(self, now: datetime, weeks: int) -> AdminStats:
        return await admin_stats.stats(self._session, now, weeks)

    async def find_users(self, query: str, offset: int, limit: int) -> tuple[list[User], int]:
        return await admin_stats.find_users(self._session, query, offset, limit)

    async def card(self, user_id: int) -> UserCard | None:
        row = await self._session.get(UserRow, user_id, populate_existing=True)
        if row is None:
            return None
        workouts = select(func.count(), func.max(WorkoutRow.started_at)).where(
            WorkoutRow.user_id == user_id
        )
        count, last = (await self._session.execute(workouts)).one()
        return UserCard(
            user_of(row),
            int(count or 0),
            last,
            await self.ban_of(user_id),
            await self.role(user_id),
        )
