"""Who may administer the bot: ADMIN_IDS from the settings plus roles in the database."""

from __future__ import annotations

from collections.abc import Collection

from domain.campaigns.models import AuditEntry, Role
from domain.clock import Clock
from domain.errors import NotFoundError
from domain.ports import UnitOfWork


class AdminService:
    def __init__(self, uow: UnitOfWork, clock: Clock, admin_ids: Collection[int]) -> None:
        self._uow = uow
        self._clock = clock
        self._admin_ids = frozenset(admin_ids)

    async def role(self, user_id: int) -> Role | None:
        """ADMIN_IDS are admins; anyone else has the role the database gives them, if any."""
        if user_id in self._admin_ids:
            return Role.ADMIN
        async with self._uow:
            return await self._uow.admins.role(user_id)

    async def require(self, user_id: int, role: Role = Role.ADMIN) -> None:
        """Refuse as "not found" (nothing reveals the admin console) unless `user_id` holds
        `role` (an admin holds every role)."""
        held = await self.role(user_id)
        if held is None or (held is not role and held is not Role.ADMIN):
            raise NotFoundError(what="command")

    async def grant(self, actor_id: int, user_id: int, role: Role) -> None:
        """An admin gives someone a role; written to the audit log."""
        await self.require(actor_id)
        async with self._uow:
            await self._uow.admins.grant(user_id, role, self._clock())
            await self.audit(actor_id, f"grant.{role}", f"user:{user_id}")
            await self._uow.commit()

    async def is_banned(self, user_id: int) -> bool:
        """Asked on every update: a banned athlete gets a short notice and nothing else."""
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.admins.ban_of(user_id) is not None

    async def ban(self, actor_id: int, user_id: int, reason: str | None = None) -> None:
        """A banned athlete gets no promotions and no answers; written to the audit log."""
        await self.require(actor_id, Role.MODERATOR)
        async with self._uow:
            await self._uow.admins.ban(user_id, self._clock(), reason, actor_id)
            await self.audit(actor_id, "ban", f"user:{user_id}")
            await self._uow.commit()

    async def unban(self, actor_id: int, user_id: int) -> None:
        """Lift a ban; written to the audit log."""
        await self.require(actor_id, Role.MODERATOR)
        async with self._uow:
            await self._uow.admins.unban(user_id)
            await self.audit(actor_id, "unban", f"user:{user_id}")
            await self._uow.commit()

    async def audit(self, actor_id: int, action: str, target: str) -> None:
        """Add an entry inside the caller's open unit of work (committed with the action)."""
        await self._uow.admins.audit(AuditEntry(actor_id, action, target, self._clock()))

    async def audit_log(self, limit: int = 50) -> list[AuditEntry]:
        async with self._uow:
            return await self._uow.admins.audit_log(limit)
