"""Sends what the local queue holds: opens the server's session (idempotent by the client's
session id), sends the sealed batches in order, and finishes sessions that have ended."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from device_sync.companion.api import RefusedError, ServerApi, UnreachableError
from device_sync.companion.backoff import Backoff
from device_sync.companion.store import LocalSession, Store
from domain.clock import Clock

log = logging.getLogger(__name__)

UNAUTHORIZED = 401
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Pushed:
    client_session_id: str
    workout_id: int | None  # None while the session is still being recorded
    refused: str | None = None


class Syncer:
    def __init__(self, store: Store, api: ServerApi, clock: Clock) -> None:
        self._store = store
        self._api = api
        self._clock = clock
        self.retries = 0

    async def push(self, client_session_id: str) -> Pushed:
        """Send everything sealed of one session, then finish it if it has ended.

        Raises UnreachableError (retry later, nothing is lost) and RefusedError 401 (pair again);
        any other refusal is recorded on the batch or the session so it is not retried.
        """
        session = self._store.session(client_session_id)
        if session.finished:
            return Pushed(client_session_id, session.workout_id)
        try:
            server_id = session.server_session_id or await self._open(session)
            await self._send_batches(client_session_id, server_id)
            self._store.set_meta("last_sync_at", self._clock().isoformat())
            if session.ended_at is None:
                return Pushed(client_session_id, None)
            workout_id = await self._api.finish(server_id, session.ended_at)
        except RefusedError as error:
            if error.status == UNAUTHORIZED:
                raise
            self._store.set_refused(client_session_id, str(error))
            return Pushed(client_session_id, None, error.message or error.code)
        self._store.set_finished(client_session_id, workout_id)
        return Pushed(client_session_id, workout_id)

    async def _open(self, session: LocalSession) -> int:
        server_id = await self._api.start_session(
            session.client_session_id, session.sport, session.started_at
        )
        self._store.set_server_session(session.client_session_id, server_id)
        return server_id

    async def _send_batches(self, client_session_id: str, server_id: int) -> None:
        for batch in self._store.queued_batches(client_session_id):
            try:
                status = await self._api.push_samples(server_id, batch.seq, batch.samples)
            except RefusedError as error:
                if error.status == UNAUTHORIZED:
                    raise
                log.warning("batch %s refused: %s", batch.seq, error)
                self._store.mark_batch(client_session_id, batch.seq, "rejected", str(error))
                continue
            self._store.mark_batch(client_session_id, batch.seq, "sent", status)

    async def push_retrying(
        self,
        client_session_id: str,
        backoff: Backoff,
        sleep: Sleep = asyncio.sleep,
        attempts: int | None = None,
    ) -> Pushed:
        """Seal what was written and push it, retrying an unreachable server with backoff;
        after `attempts` failed tries (None: never give up) UnreachableError is raised."""
        attempt = 0
        while True:
            self._store.seal_all(client_session_id)
            try:
                return await self.push(client_session_id)
            except UnreachableError:
                self.retries += 1
                attempt += 1
                if attempts is not None and attempt >= attempts:
                    raise
                await sleep(backoff.delay(attempt - 1))

    async def flush(self, exclude: str | None = None) -> list[Pushed]:
        """Send every pending session; one interrupted by a killed companion is ended at its
        last sample and finished. Raises UnreachableError at the first unreachable call."""
        results = []
        for session in self._store.pending_sessions():
            if session.client_session_id == exclude:
                continue
            if session.ended_at is None:
                last = self._store.last_t(session.client_session_id) or 0.0
                ended_at = session.started_at + timedelta(seconds=last)
                self._store.end_session(session.client_session_id, ended_at)
            self._store.seal_all(session.client_session_id)
            results.append(await self.push(session.client_session_id))
        return results
