"""A live session: sensors in, one sample a second written to the local queue, batches pushed
to the server in the background; a dropped sensor or network never stops the recording."""

from __future__ import annotations

import asyncio
import contextlib
import math
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from device_sync.ble import Measurement
from device_sync.companion.api import RefusedError, UnreachableError
from device_sync.companion.backoff import Backoff
from device_sync.companion.merge import SampleMerger
from device_sync.companion.radio import ClientFactory
from device_sync.companion.sensors import LinkState, SensorLink, Sleep
from device_sync.companion.store import LocalSession, Store
from device_sync.companion.sync import Pushed, Syncer
from domain.clock import Clock

PUSH_EVERY_S = 5
FLUSH_ATTEMPTS = 6  # about a minute of retries with the default network backoff
SENSOR_BACKOFF = Backoff(initial_s=1.0, cap_s=30.0)
NETWORK_BACKOFF = Backoff(initial_s=1.0, cap_s=60.0)

# waits `seconds` unless `stop` is set first; the tests' version advances a fake clock
Waiter = Callable[[float, asyncio.Event], Awaitable[None]]


async def wait_or_stop(seconds: float, stop: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=max(0.0, seconds))


@dataclass(frozen=True, slots=True)
class Live:
    elapsed_s: int
    sample: dict[str, Any] | None
    sensors_connected: int
    sensors: int
    queued_batches: int


@dataclass(frozen=True, slots=True)
class Policy:
    sensor_backoff: Backoff = SENSOR_BACKOFF
    network_backoff: Backoff = NETWORK_BACKOFF
    push_every_s: int = PUSH_EVERY_S
    flush_attempts: int = FLUSH_ATTEMPTS


def new_session(store: Store, sport: str, clock: Clock) -> LocalSession:
    """A new recording, stored before any sensor or server is asked anything."""
    client_session_id = str(uuid.uuid4())
    store.start_session(client_session_id, sport, clock().replace(microsecond=0))
    return store.session(client_session_id)


class Recorder:
    def __init__(
        self,
        store: Store,
        syncer: Syncer,
        radio: ClientFactory,
        clock: Clock,
        *,
        policy: Policy | None = None,
        wait: Waiter = wait_or_stop,
        sleep: Sleep = asyncio.sleep,
        show: Callable[[Live], None] = lambda _: None,
    ) -> None:
        self._store = store
        self._syncer = syncer
        self._radio = radio
        self._clock = clock
        self._policy = policy or Policy()
        self._wait = wait
        self._sleep = sleep
        self._show = show
        self._merger = SampleMerger("other")
        self._session: LocalSession | None = None
        self.links: list[SensorLink] = []

    def _elapsed(self) -> float:
        assert self._session is not None
        return (self._clock() - self._session.started_at).total_seconds()

    def _received(self, address: str, measurement: Measurement) -> None:
        self._merger.feed(address, measurement, self._elapsed())

    async def record(
        self, session: LocalSession, addresses: list[str], stop: asyncio.Event
    ) -> Pushed:
        """Record until `stop` is set, then end the session and try to send all of it.

        Raises UnreachableError when the server is still down after the flush attempts (the
        session then waits in the queue for `coachbot-sync sync`), RefusedError 401 when unpaired.
        """
        self._session = session
        self._merger = SampleMerger(session.sport)
        backoff = self._policy.sensor_backoff
        self.links = [
            SensorLink(address, self._radio, self._received, backoff, self._sleep)
            for address in addresses
        ]
        tasks = [asyncio.create_task(link.run()) for link in self.links]
        wake = asyncio.Event()
        pusher = asyncio.create_task(self._push_loop(session.client_session_id, wake))
        try:
            await self._tick_loop(session.client_session_id, wake, stop)
        finally:
            for task in [*tasks, pusher]:
                task.cancel()
            await asyncio.gather(*tasks, pusher, return_exceptions=True)
            for link in self.links:
                await link.close()
        self._store.end_session(session.client_session_id, self._clock().replace(microsecond=0))
        return await self._syncer.push_retrying(
            session.client_session_id,
            self._policy.network_backoff,
            self._sleep,
            attempts=self._policy.flush_attempts,
        )

    async def _tick_loop(self, client_id: str, wake: asyncio.Event, stop: asyncio.Event) -> None:
        last = self._store.last_t(client_id)
        next_t = math.floor(last) + 1 if last is not None else max(0, math.ceil(self._elapsed()))
        while not stop.is_set():
            await self._wait(next_t - self._elapsed(), stop)
            if stop.is_set():
                break
            t = math.floor(self._elapsed())
            if t < next_t:
                continue
            sample = self._merger.sample(t)
            if sample is not None:
                self._store.add_sample(client_id, sample)
            self._show(self._live(t, sample))
            if t % self._policy.push_every_s == 0:
                wake.set()
            next_t = t + 1

    def _live(self, t: int, sample: dict[str, Any] | None) -> Live:
        connected = sum(link.state is LinkState.CONNECTED for link in self.links)
        queued, unsealed, _ = self._store.counts()
        return Live(t, sample, connected, len(self.links), queued + bool(unsealed))

    async def _push_loop(self, client_id: str, wake: asyncio.Event) -> None:
        backoff = self._policy.network_backoff
        while True:
            await wake.wait()
            wake.clear()
            with contextlib.suppress(RefusedError, UnreachableError):
                # retries while the network is down; a 401 waits for the final flush to report
                await self._syncer.push_retrying(client_id, backoff, self._sleep)
