"""Roles given in the database, bans and the audit log of admin actions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.tables import AdminRow, AuditLogRow, UserBanRow
from db.upsert import insert_or_ignore, upsert
from domain.campaigns.models import AuditEntry, Role


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

    async def ban(self, user_id: int, at: datetime) -> None:
        values = {"user_id": user_id, "banned_at": at}
        await insert_or_ignore(self._session, UserBanRow.__table__, values, ["user_id"])  # type: ignore[arg-type]

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
