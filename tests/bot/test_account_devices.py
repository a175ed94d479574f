"""/export lists the athlete's devices and live sessions (never a token's hash);
/delete_me erases them with the athlete."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from db.tables import DeviceRow, LiveBatchRow, LiveSessionRow
from db.uow import SqlUnitOfWork
from domain.devices.models import DeviceKind, LiveSession, StoredBatch
from domain.workouts.models import Activity
from tests.bot.conftest import NOW, Harness

TOKEN_HASH = "f" * 64


async def with_devices(chat: Harness) -> None:
    await chat.send("/start")
    async with SqlUnitOfWork(chat.sessions, lambda: NOW) as uow:
        laptop = await uow.devices.add_device(
            chat.user_id, "laptop", DeviceKind.COMPANION, TOKEN_HASH, NOW
        )
        await uow.devices.add_device(chat.user_id, None, DeviceKind.PHONE, "e" * 64, NOW)
        await uow.devices.touch(laptop.id, NOW)
        await uow.devices.revoke(chat.user_id, laptop.id, NOW)
        draft = LiveSession(0, chat.user_id, laptop.id, "c-1", Activity.RIDE, NOW)
        await uow.devices.add_session(draft, NOW)
        stored = await uow.devices.session_by_client_id(chat.user_id, "c-1")
        assert stored is not None
        await uow.devices.add_batch(stored.id, StoredBatch(0, "d" * 64, b"x"))
        await uow.commit()


async def test_export_lists_devices_and_live_sessions_without_token_hashes(chat: Harness) -> None:
    await with_devices(chat)
    document = await chat.send("/export")
    body = (document.document_bytes or b"").decode()
    data = json.loads(body)
    devices = [(d["name"], d["kind"], d["revoked_at"] is not None) for d in data["devices"]]
    assert devices == [("laptop", "companion", True), (None, "phone", False)]
    assert data["devices"][0]["last_sync_at"] == data["devices"][0]["paired_at"]
    assert [
        (s["client_session_id"], s["activity"], s["state"]) for s in data["live_sessions"]
    ] == [("c-1", "ride", "open")]
    assert TOKEN_HASH not in body and "token" not in body


async def test_delete_me_erases_devices_sessions_and_batches(chat: Harness) -> None:
    await with_devices(chat)
    await chat.send("/delete_me")
    await chat.press("Yes, erase")
    async with chat.sessions() as session:
        for table in (DeviceRow, LiveSessionRow, LiveBatchRow):
            assert await session.scalar(select(func.count()).select_from(table)) == 0
