"""What devices need from storage."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.devices.models import (
    Device,
    DeviceKind,
    LiveSession,
    PairingCode,
    StoredBatch,
)


class DeviceRepository(Protocol):
    async def add_code(
        self, user_id: int, code_hash: str, at: datetime, expires: datetime
    ) -> None:
        """A new open code; the athlete's other open codes become replaced."""
        ...

    async def codes_since(self, user_id: int, since: datetime) -> int: ...

    async def prune_codes(self, user_id: int, before: datetime) -> None: ...

    async def code_by_hash(self, code_hash: str) -> PairingCode | None: ...

    async def use_code(self, code_id: int) -> bool:
        """Mark an open code used; False when another request used it first."""
        ...

    async def add_device(
        self,
        user_id: int,
        name: str | None,
        kind: DeviceKind,
        token_hash: str,
        at: datetime,
    ) -> Device: ...

    async def by_token(self, token_hash: str) -> Device | None: ...

    async def touch(self, device_id: int, at: datetime) -> None: ...

    async def active(self, user_id: int) -> list[Device]:
        """The athlete's devices not revoked, in the order they were paired."""
        ...

    async def get(self, user_id: int, device_id: int) -> Device | None: ...

    async def revoke(self, user_id: int, device_id: int, at: datetime) -> bool: ...

    async def add_session(self, session: LiveSession, at: datetime) -> bool:
        """Insert unless the athlete has one with its client id; True when inserted."""
        ...

    async def session_by_client_id(self, user_id: int, client_id: str) -> LiveSession | None: ...

    async def session(
        self, user_id: int, session_id: int, lock: bool = False
    ) -> LiveSession | None:
        """The athlete's own session; `lock`: held (FOR UPDATE) until the transaction ends,
        so a batch and the finish of one session never interleave."""
        ...

    async def add_batch(self, session_id: int, batch: StoredBatch) -> bool:
        """Insert unless the session has a batch with its seq; True when inserted."""
        ...

    async def batch_digest(self, session_id: int, seq: int) -> str | None: ...

    async def batches(self, session_id: int) -> list[StoredBatch]:
        """The session's batches by seq."""
        ...

    async def finish(self, session_id: int, ended_at: datetime, workout_id: int) -> None: ...

    async def touch_session(self, session_id: int, at: datetime) -> None:
        """A new batch arrived at `at`: the session is not silent."""
        ...

    async def silent_sessions(self, before: datetime, limit: int) -> list[tuple[int, int]]:
        """(athlete, session) of open sessions whose last batch (or start) is before `before`."""
        ...

    async def drop_session(self, session_id: int) -> bool:
        """Delete an open session (and its batches); False when it is no longer open."""
        ...

    async def all_devices(self, user_id: int) -> list[Device]:
        """Every device the athlete paired, revoked ones too, for their export."""
        ...

    async def sessions_of(self, user_id: int) -> list[LiveSession]:
        """Every live session of the athlete, for their export."""
        ...
