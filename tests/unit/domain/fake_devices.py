"""The in-memory DeviceRepository, as the SQL one states its rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from domain.devices.models import (
    CodeState,
    Device,
    DeviceKind,
    LiveSession,
    PairingCode,
    SessionState,
    StoredBatch,
)


class FakeDeviceRepository:
    def __init__(self) -> None:
        self.codes: dict[int, PairingCode] = {}
        self.devices: dict[int, Device] = {}
        self.tokens: dict[str, int] = {}
        self.sessions: dict[int, LiveSession] = {}
        self.batch_rows: dict[tuple[int, int], StoredBatch] = {}
        self.touches = 0

    async def add_code(
        self, user_id: int, code_hash: str, at: datetime, expires: datetime
    ) -> None:
        for code in list(self.codes.values()):
            if code.user_id == user_id and code.state is CodeState.OPEN:
                self.codes[code.id] = replace(code, state=CodeState.REPLACED)
        key = max(self.codes, default=0) + 1
        self.codes[key] = PairingCode(key, user_id, code_hash, at, expires)

    async def codes_since(self, user_id: int, since: datetime) -> int:
        return sum(1 for c in self.codes.values() if c.user_id == user_id and c.created_at > since)

    async def prune_codes(self, user_id: int, before: datetime) -> None:
        for code in list(self.codes.values()):
            if code.user_id == user_id and code.created_at < before:
                del self.codes[code.id]

    async def code_by_hash(self, code_hash: str) -> PairingCode | None:
        return next((c for c in self.codes.values() if c.code_hash == code_hash), None)

    async def use_code(self, code_id: int) -> bool:
        code = self.codes[code_id]
        if code.state is not CodeState.OPEN:
            return False
        self.codes[code_id] = replace(code, state=CodeState.USED)
        return True

    async def add_device(
        self, user_id: int, name: str | None, kind: DeviceKind, token_hash: str, at: datetime
    ) -> Device:
        device = Device(len(self.devices) + 1, user_id, name, kind, at)
        self.devices[device.id] = device
        self.tokens[token_hash] = device.id
        return device

    async def by_token(self, token_hash: str) -> Device | None:
        key = self.tokens.get(token_hash)
        return self.devices[key] if key is not None else None

    async def touch(self, device_id: int, at: datetime) -> None:
        self.devices[device_id] = replace(self.devices[device_id], last_sync_at=at)
        self.touches += 1

    async def active(self, user_id: int) -> list[Device]:
        return [d for d in self.devices.values() if d.user_id == user_id and d.revoked_at is None]

    async def get(self, user_id: int, device_id: int) -> Device | None:
        device = self.devices.get(device_id)
        return device if device is not None and device.user_id == user_id else None

    async def revoke(self, user_id: int, device_id: int, at: datetime) -> bool:
        device = await self.get(user_id, device_id)
        if device is None or device.revoked_at is not None:
            return False
        self.devices[device_id] = replace(device, revoked_at=at)
        return True

    async def add_session(self, session: LiveSession, at: datetime) -> bool:
        if await self.session_by_client_id(session.user_id, session.client_session_id):
            return False
        stored = replace(session, id=len(self.sessions) + 1, created_at=at)
        self.sessions[stored.id] = stored
        return True

    async def session_by_client_id(self, user_id: int, client_id: str) -> LiveSession | None:
        mine = (s for s in self.sessions.values() if s.user_id == user_id)
        return next((s for s in mine if s.client_session_id == client_id), None)

    async def session(
        self, user_id: int, session_id: int, lock: bool = False
    ) -> LiveSession | None:
        session = self.sessions.get(session_id)
        return session if session is not None and session.user_id == user_id else None

    async def add_batch(self, session_id: int, batch: StoredBatch) -> bool:
        if (session_id, batch.seq) in self.batch_rows:
            return False
        self.batch_rows[(session_id, batch.seq)] = batch
        return True

    async def batch_digest(self, session_id: int, seq: int) -> str | None:
        batch = self.batch_rows.get((session_id, seq))
        return batch.digest if batch is not None else None

    async def batches(self, session_id: int) -> list[StoredBatch]:
        return [b for (key, _), b in sorted(self.batch_rows.items()) if key == session_id]

    async def finish(self, session_id: int, ended_at: datetime, workout_id: int) -> None:
        session = self.sessions[session_id]
        self.sessions[session_id] = replace(
            session, state=SessionState.FINISHED, ended_at=ended_at, workout_id=workout_id
        )

    async def touch_session(self, session_id: int, at: datetime) -> None:
        self.sessions[session_id] = replace(self.sessions[session_id], last_batch_at=at)

    async def silent_sessions(self, before: datetime, limit: int) -> list[tuple[int, int]]:
        silent = [
            (s.user_id, s.id)
            for s in self.sessions.values()
            if s.state is SessionState.OPEN
            and (s.last_batch_at or s.created_at or before) < before
        ]
        return sorted(silent, key=lambda pair: pair[1])[:limit]

    async def drop_session(self, session_id: int) -> bool:
        session = self.sessions.get(session_id)
        if session is None or session.state is not SessionState.OPEN:
            return False
        del self.sessions[session_id]
        for key in [key for key in self.batch_rows if key[0] == session_id]:
            del self.batch_rows[key]
        return True

    async def all_devices(self, user_id: int) -> list[Device]:
        return [d for d in self.devices.values() if d.user_id == user_id]

    async def sessions_of(self, user_id: int) -> list[LiveSession]:
        return [s for s in self.sessions.values() if s.user_id == user_id]
