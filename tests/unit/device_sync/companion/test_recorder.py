"""A session recorded against the replaying fake BLE client and pushed to the contract app
across a network drop, a lost answer, a dropped sensor and a killed companion: every sample
reaches the server exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from device_sync.ble.gatt import CYCLING_POWER_MEASUREMENT, HEART_RATE_MEASUREMENT, full_uuid
from device_sync.companion.api import ServerApi, UnreachableError
from device_sync.companion.backoff import Backoff
from device_sync.companion.recorder import Policy, Recorder, new_session
from device_sync.companion.store import Store
from device_sync.companion.sync import Syncer
from tests.support.device_api_contract import ContractState, Switchable, build_contract_app
from tests.unit.device_sync.companion.fakes import (
    FakeDevice,
    FakeRadio,
    FakeTime,
    heart_rate_vectors,
    power_vectors,
)

HR = full_uuid(HEART_RATE_MEASUREMENT)
POWER = full_uuid(CYCLING_POWER_MEASUREMENT)
STRAP, METER = "C0:FF:EE:00:00:01", "C0:FF:EE:00:00:02"
POLICY = Policy(
    sensor_backoff=Backoff(initial_s=1, factor=2, cap_s=4, jitter=0),
    network_backoff=Backoff(initial_s=1, factor=2, cap_s=8, jitter=0),
    push_every_s=5,
    flush_attempts=3,
)


@pytest.fixture
async def server() -> AsyncIterator[tuple[Switchable, ContractState]]:
    state = ContractState()
    state.tokens["device-token"] = 1
    switchable = Switchable(build_contract_app(state))
    await switchable.start()
    yield switchable, state
    await switchable.close()


def radio() -> FakeRadio:
    return FakeRadio(
        FakeDevice(STRAP, {HR: heart_rate_vectors()}),
        FakeDevice(METER, {POWER: power_vectors()}),
    )


async def record(
    store: Store, url: str, fake: FakeTime, session_id: str | None = None
) -> tuple[Recorder, str, int | None]:
    async with ServerApi(url, "device-token") as api:
        syncer = Syncer(store, api, fake.clock)
        recorder = Recorder(
            store, syncer, fake.radio.client, fake.clock,
            policy=POLICY, wait=fake.wait, sleep=fake.sleep,
        )  # fmt: skip
        session = (
            store.session(session_id) if session_id else new_session(store, "ride", fake.clock)
        )
        pushed = await recorder.record(session, [STRAP, METER], asyncio.Event())
    return recorder, session.client_session_id, pushed.workout_id


async def test_a_session_reaches_the_server_exactly_once_across_a_network_drop(
    server: tuple[Switchable, ContractState], tmp_path: Path
) -> None:
    switchable, state = server
    devices = radio()

    async def script(fake: FakeTime, tick: int, stop: asyncio.Event) -> None:
        if tick == 12:
            await switchable.down()
        if tick == 15:
            state.lose_answers = 1  # stored by the server, answer lost: resent, deduplicated
        if tick == 20:
            devices.devices[STRAP].drop()
        if tick == 26:
            devices.devices[STRAP].back()
        if tick == 40:
            assert store.counts()[0] > 0, "batches wait in the queue while the server is down"
            await switchable.up()
        if tick == 61:
            stop.set()

    store = Store(tmp_path / "queue.sqlite3")
    fake = FakeTime(devices, script)
    async with ServerApi(switchable.url, "device-token") as api:
        syncer = Syncer(store, api, fake.clock)
        recorder = Recorder(
            store, syncer, devices.client, fake.clock,
            policy=POLICY, wait=fake.wait, sleep=fake.sleep,
        )  # fmt: skip
        session = new_session(store, "ride", fake.clock)
        stop = asyncio.Event()
        fake.script = lambda f, t, _: script(f, t, stop)
        pushed = await recorder.record(session, [STRAP, METER], stop)

    local = store.all_samples(session.client_session_id)
    (remote,) = state.sessions.values()
    assert pushed.workout_id == remote.workout_id is not None
    assert state.samples(remote.session_id) == local
    assert [sample["t"] for sample in local] == [float(t) for t in range(60)]
    assert state.duplicates >= 1
    assert syncer.retries >= 1
    strap_gap = [sample for sample in local if 23 <= sample["t"] <= 25]
    assert all("hr" not in sample and "power" in sample for sample in strap_gap)
    assert "hr" in local[-1]
    assert devices.devices[STRAP].connects == 2
    assert store.counts() == (0, 0, 0)


async def test_samples_carry_the_decoded_values_of_the_replayed_notifications(
    server: tuple[Switchable, ContractState], tmp_path: Path
) -> None:
    switchable, _ = server
    store = Store(tmp_path / "queue.sqlite3")
    fake = FakeTime(radio(), lambda f, tick, stop: stop.set() if tick == 11 else None)
    _, session_id, workout_id = await record(store, switchable.url, fake)

    strap = fake.radio.devices[STRAP]
    sent_hr = [vector["decoded"]["heart_rate_bpm"] for _, vector in strap.sent]
    samples = store.all_samples(session_id)
    assert workout_id is not None
    assert [sample["hr"] for sample in samples] == sent_hr[: len(samples)]
    sent = strap.sent[: len(samples)]
    rr_ms = [
        round(rr * 1000 / 1024)
        for _, vector in sent
        for rr in vector["decoded"]["rr_intervals_1024"]
    ]
    assert 32 in rr_ms, "the replay holds a 32 ms artefact"
    recorded = [rr for sample in samples for rr in sample.get("rr", [])]
    assert recorded == [rr for rr in rr_ms if 200 <= rr <= 3000]
    meter = fake.radio.devices[METER]
    powers = [vector["decoded"]["instantaneous_power_w"] for _, vector in meter.sent]
    assert [sample["power"] for sample in samples] == powers[: len(samples)]


async def test_a_killed_companion_resumes_the_session_without_a_duplicate(
    server: tuple[Switchable, ContractState], tmp_path: Path
) -> None:
    switchable, state = server
    path = tmp_path / "queue.sqlite3"
    store = Store(path)
    far_enough = asyncio.Event()
    killed = FakeTime(radio(), lambda f, tick, stop: far_enough.set() if tick == 23 else None)

    async def until_killed() -> None:
        await record(store, switchable.url, killed)

    task = asyncio.create_task(until_killed())
    await far_enough.wait()
    task.cancel()  # SIGKILL: no flush, no finish, the process is gone
    with pytest.raises(asyncio.CancelledError):
        await task
    store.close()

    store = Store(path)
    interrupted = store.interrupted_session()
    assert interrupted is not None
    before = store.all_samples(interrupted.client_session_id)
    assert before, "the samples of the killed run were written before they were sent"
    resumed = FakeTime(radio(), lambda f, tick, stop: stop.set() if tick == 8 else None)
    resumed.now = killed.now + timedelta(seconds=30)  # restarted half a minute later
    _, session_id, workout_id = await record(
        store, switchable.url, resumed, interrupted.client_session_id
    )

    local = store.all_samples(session_id)
    (remote,) = state.sessions.values()
    assert workout_id == remote.workout_id is not None
    assert state.samples(remote.session_id) == local
    assert local[: len(before)] == before
    ts = [sample["t"] for sample in local]
    assert ts == sorted(set(ts))
    assert ts[len(before)] >= before[-1]["t"] + 30


async def test_an_unreachable_server_keeps_the_finished_session_queued(tmp_path: Path) -> None:
    store = Store(tmp_path / "queue.sqlite3")
    fake = FakeTime(radio(), lambda f, tick, stop: stop.set() if tick == 6 else None)
    with pytest.raises(UnreachableError):
        await record(store, "http://127.0.0.1:9", fake)
    (session,) = store.pending_sessions()
    assert session.ended_at is not None
    assert store.counts()[0] >= 1
    assert len(store.all_samples(session.client_session_id)) == 5
