"""The issue's "done when": a companion session recorded against the fake BLE client reaches
the journal of the REAL server app (the bot's web app with the device API, its database and
the in-process Telegram) across a network drop and a killed companion, with no sample lost
or doubled."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.charts import MatplotlibCharts
from bot.device_api import device_api_services
from bot.device_cards import TelegramDeviceCards
from bot.i18n import I18n
from bot.sandbox.session import InProcessSession
from bot.sandbox.telegram import FakeTelegram
from bot.web import build_web_app
from db.uow import SqlUnitOfWork
from device_sync.api import build_api
from device_sync.ble.gatt import CYCLING_POWER_MEASUREMENT, HEART_RATE_MEASUREMENT, full_uuid
from device_sync.companion.api import ServerApi
from device_sync.companion.backoff import Backoff
from device_sync.companion.files import upload_file
from device_sync.companion.recorder import Policy, Recorder, new_session
from device_sync.companion.store import Store
from device_sync.companion.sync import Syncer
from domain.activities.codec import decode
from domain.devices.samples import decode_batch
from tests.bot.conftest import ANNA, NOW, Harness, make_dispatcher
from tests.support.device_api_contract import Switchable
from tests.unit.device_sync.companion.fakes import (
    FakeDevice,
    FakeRadio,
    FakeTime,
    heart_rate_vectors,
    power_vectors,
)
from tests.web.devices_support import CODE, MovableClock, telegram

__all__ = ["telegram"]

STRAP, METER = "C0:FF:EE:00:00:01", "C0:FF:EE:00:00:02"
RUN = Path(__file__).parents[1] / "data" / "activities" / "fit" / "activity-small-fenix2-run.fit"
POLICY = Policy(
    sensor_backoff=Backoff(initial_s=1, factor=2, cap_s=4, jitter=0),
    network_backoff=Backoff(initial_s=1, factor=2, cap_s=8, jitter=0),
    push_every_s=5,
    flush_attempts=3,
)


@dataclass
class RealServer:
    server: Switchable
    chat: Harness

    async def token(self) -> str:
        """Pair as the athlete would: /devices in the bot, then the code in the companion."""
        await self.chat.send("/devices")
        shown = await self.chat.press("➕")
        code = CODE.search(shown.text or "")
        assert code is not None, shown.text
        async with ServerApi(self.server.url) as api:
            return (await api.pair(code.group(), "Anna's laptop")).token


@pytest.fixture
async def real(
    telegram: FakeTelegram, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[RealServer]:
    clock = MovableClock(NOW)
    bot = Bot(
        "42:TEST-in-process-token",
        session=InProcessSession(telegram),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    dispatcher = make_dispatcher(session_factory, clock=clock)
    cards = TelegramDeviceCards(bot, I18n(), MatplotlibCharts())
    device_api = build_api(device_api_services(session_factory, clock, cards))
    server = Switchable(build_web_app(dispatcher, bot, None, device_api))
    await server.start()
    yield RealServer(server, Harness(telegram, dispatcher, bot, session_factory))
    await server.close()
    await bot.session.close()


def sensors() -> FakeRadio:
    return FakeRadio(
        FakeDevice(STRAP, {full_uuid(HEART_RATE_MEASUREMENT): heart_rate_vectors()}),
        FakeDevice(METER, {full_uuid(CYCLING_POWER_MEASUREMENT): power_vectors()}),
    )


async def test_a_recorded_session_reaches_the_journal_once_across_a_drop_and_a_kill(
    real: RealServer,
    telegram: FakeTelegram,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    token = await real.token()
    store = Store(tmp_path / "queue.sqlite3")
    killed, first_run = asyncio.Event(), sensors()

    async def drop_then_kill(fake: FakeTime, tick: int, _: asyncio.Event) -> None:
        if tick == 12:
            await real.server.down()
        if tick == 40:
            await real.server.up()
        if tick == 60:
            first_run.devices[STRAP].drop()
        if tick == 90:
            killed.set()

    fake = FakeTime(first_run, drop_then_kill, start=NOW - timedelta(hours=1))
    async with ServerApi(real.server.url, token) as api:
        recorder = Recorder(
            store, Syncer(store, api, fake.clock), first_run.client, fake.clock,
            policy=POLICY, wait=fake.wait, sleep=fake.sleep,
        )  # fmt: skip
        session = new_session(store, "ride", fake.clock)
        task = asyncio.create_task(recorder.record(session, [STRAP, METER], asyncio.Event()))
        await killed.wait()
        task.cancel()  # killed: no flush, no finish
        with pytest.raises(asyncio.CancelledError):
            await task
    client_id = session.client_session_id
    store.mark_batch(client_id, 0, "queued")  # killed after the server stored it, before the ack
    store.close()

    store = Store(tmp_path / "queue.sqlite3")
    restarted_at = fake.now + timedelta(seconds=20)
    resumed = FakeTime(
        sensors(), lambda f, tick, stop: stop.set() if tick == 40 else None, restarted_at
    )
    async with ServerApi(real.server.url, token) as api:
        syncer = Syncer(store, api, resumed.clock)
        recorder = Recorder(
            store, syncer, resumed.radio.client, resumed.clock,
            policy=POLICY, wait=resumed.wait, sleep=resumed.sleep,
        )  # fmt: skip
        pushed = await recorder.record(store.session(client_id), [STRAP, METER], asyncio.Event())

    local = store.all_samples(client_id)
    assert pushed.workout_id is not None
    assert store.counts() == (0, 0, 0)
    server_session = store.session(client_id).server_session_id
    assert server_session is not None
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        batches = await uow.devices.batches(server_session)
        workout = await uow.workouts.get(ANNA, pushed.workout_id)
        imported = await uow.imports.get(ANNA, pushed.workout_id)
    received = [point.t for batch in batches for point in decode_batch(batch)]
    assert sorted(received) == [sample["t"] for sample in local], "each sample exactly once"
    assert len(received) == len(set(received))
    assert workout is not None
    assert workout.started_at == session.started_at
    assert imported is not None
    samples = decode(imported[1])
    assert list(samples.offsets) == [int(sample["t"]) for sample in local]
    assert [int(v) if v is not None else None for v in samples.hr] == [
        sample.get("hr") for sample in local
    ]
    assert "Recorded live" in (telegram.messages(ANNA)[-2].text or "")


async def test_an_uploaded_file_is_imported_then_recognised(
    real: RealServer, tmp_path: Path
) -> None:
    token = await real.token()
    store = Store(tmp_path / "queue.sqlite3")
    async with ServerApi(real.server.url, token) as api:
        first = await upload_file(api, store, RUN, lambda: NOW)
        again = await upload_file(api, store, RUN, lambda: NOW)
        junk = tmp_path / "junk.fit"
        junk.write_bytes(b"\x0e\x10" + b"\x00" * 40)
        refused = await upload_file(api, store, junk, lambda: NOW)
    assert first.status == "imported"
    assert again.status == "duplicate"
    assert again.workout_ids == first.workout_ids
    assert refused.status == "refused"
    assert refused.detail
