"""In-memory repositories and unit of work for fast service tests (cosmicpython style)."""

from __future__ import annotations

from datetime import datetime
from types import TracebackType
from typing import Self

from domain.users.models import User


class FakeUserRepository:
    def __init__(self) -> None:
        self.committed: dict[int, User] = {}
        self.pending: dict[int, User | None] = {}

    async def get(self, user_id: int) -> User | None:
        if user_id in self.pending:
            return self.pending[user_id]
        return self.committed.get(user_id)

    async def add(self, user: User) -> None:
        self.pending[user.id] = user

    async def save(self, user: User) -> None:
        self.pending[user.id] = user

    async def delete(self, user_id: int) -> bool:
        existed = await self.get(user_id) is not None
        self.pending[user_id] = None
        return existed


class FakeUpdateLog:
    def __init__(self) -> None:
        self.ids: dict[int, datetime] = {}

    async def seen(self, update_id: int) -> bool:
        return update_id in self.ids

    async def prune(self, before: datetime) -> int:
        old = [key for key, at in self.ids.items() if at < before]
        for key in old:
            del self.ids[key]
        return len(old)


class FakeUnitOfWork:
    def __init__(self) -> None:
        self._users = FakeUserRepository()
        self._updates = FakeUpdateLog()
        self.commits = 0

    @property
    def users(self) -> FakeUserRepository:
        return self._users

    @property
    def updates(self) -> FakeUpdateLog:
        return self._updates

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._users.pending.clear()

    async def commit(self) -> None:
        for user_id, user in self._users.pending.items():
            if user is None:
                self._users.committed.pop(user_id, None)
            else:
                self._users.committed[user_id] = user
        self._users.pending.clear()
        self.commits += 1


class FakeTimezones:
    def __init__(self, zone: str | None = "Europe/Moscow") -> None:
        self.zone = zone

    def timezone_at(self, latitude: float, longitude: float) -> str | None:
        return self.zone
