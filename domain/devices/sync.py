"""What a paired device sends: activity files, and live sessions in batches (ADR 0027)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import ParsedFile, Samples
from domain.activities.service import AlreadyImported, Imported, ImportService
from domain.activities.validation import check_activity
from domain.clock import Clock
from domain.devices.cards import DeviceCards
from domain.devices.errors import ConflictError
from domain.devices.models import (
    BatchStatus,
    DeviceAuth,
    LiveSample,
    LiveSession,
    SessionState,
    Started,
    Uploaded,
    UploadStatus,
)
from domain.devices.samples import (
    check_ended,
    check_samples,
    encode_batch,
    live_activity,
    merged,
)
from domain.errors import InvalidValueError, NotFoundError
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.models import Activity

CLOCK_SKEW = timedelta(minutes=1)
MAX_SEQ = 10_000_000
# A session with no batch for this long was abandoned (a companion killed for good): the
# scheduler finishes it into the journal, or drops it when it holds no sample.
SILENCE = timedelta(hours=12)
SILENT_BATCH = 100


class SilentOutcome(StrEnum):
    FINISHED = "finished"
    DROPPED = "dropped"


class SyncService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, imports: ImportService, cards: DeviceCards
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._imports = imports
        self._cards = cards

    async def upload(self, auth: DeviceAuth, file_name: str, content: bytes) -> Uploaded:
        """Import a file as if sent in the chat (same dedup); the card goes to Telegram."""
        outcome = await self._imports.import_file(auth.user, file_name, content)
        if isinstance(outcome, AlreadyImported):
            return Uploaded(UploadStatus.DUPLICATE, (outcome.workout.id,))
        await self._cards.imported(auth.user, outcome, None)
        ids = tuple(item.logged.workout.id for item in outcome.workouts)
        return Uploaded(UploadStatus.IMPORTED, ids)

    async def start(
        self, auth: DeviceAuth, client_id: str, activity: Activity, started_at: datetime
    ) -> Started:
        """A session per client id: the same id again is the same session."""
        now = self._clock()
        if started_at > now + CLOCK_SKEW:
            raise InvalidValueError("started_at", "future")
        user_id = auth.user.id
        draft = LiveSession(0, user_id, auth.device.id, client_id, activity, started_at)
        async with self._uow:
            created = await self._uow.devices.add_session(draft, now)
            stored = await self._uow.devices.session_by_client_id(user_id, client_id)
            assert stored is not None
            if stored.activity is not activity or stored.started_at != started_at:
                raise ConflictError("session_differs")
            if created:
                await self._uow.commit()
        return Started(stored.id, created)

    async def add_batch(
        self, auth: DeviceAuth, session_id: int, seq: int, samples: Sequence[LiveSample]
    ) -> BatchStatus:
        """Store a batch once per seq: the same one again changes nothing, a different one
        under a stored seq is a conflict; a finished session takes no new batch."""
        if not 0 <= seq <= MAX_SEQ:
            raise InvalidValueError("seq", "out_of_range", low=0, high=MAX_SEQ)
        async with self._uow:
            session = await self._uow.devices.session(auth.user.id, session_id, lock=True)
            if session is None:
                raise NotFoundError(what="session")
            check_samples(samples, session)
            batch = encode_batch(seq, samples)
            known = await self._uow.devices.batch_digest(session.id, seq)
            if known is not None:
                return _resent(known, batch.digest)
            if session.state is SessionState.FINISHED:
                raise ConflictError("session_finished")
            if not await self._uow.devices.add_batch(session.id, batch):
                known = await self._uow.devices.batch_digest(session.id, seq)
                return _resent(known, batch.digest)
            await self._uow.devices.touch_session(session.id, self._clock())
            await self._uow.commit()
        return BatchStatus.STORED

    async def finish(self, auth: DeviceAuth, session_id: int, ended_at: datetime | None) -> int:
        """Turn the session's samples into one workout, once: a second finish gives the
        same workout; an activity already in the journal at that time is not doubled."""
        now = self._clock()
        user = auth.user
        async with self._uow:
            session = await self._uow.devices.session(user.id, session_id, lock=True)
            if session is None:
                raise NotFoundError(what="session")
            if session.workout_id is not None:
                return session.workout_id
            check_ended(session, ended_at, now)
            samples = merged(await self._uow.devices.batches(session.id))
            if not samples.offsets:
                raise FileRefusedError(Refusal.EMPTY)
            label = auth.device.name or auth.device.kind.value
            workout_id, outcome = await self._store(user, label, session, samples, ended_at)
            await self._uow.commit()
        if isinstance(outcome, Imported):
            await self._cards.imported(user, outcome, session.activity)
        return workout_id

    async def silent(self) -> list[tuple[int, int]]:
        """(athlete, session) of the open sessions with no batch for `SILENCE`."""
        async with self._uow:
            return await self._uow.devices.silent_sessions(self._clock() - SILENCE, SILENT_BATCH)

    async def close_silent(self, user_id: int, session_id: int) -> SilentOutcome | None:
        """For the scheduler: finish a session still silent when locked, as the finish
        endpoint would (the athlete gets its card once), or drop it when it has no sample;
        None when it was closed meanwhile or came back to life."""
        async with self._uow:
            session = await self._uow.devices.session(user_id, session_id, lock=True)
            user = await self._uow.users.get(user_id)
            if session is None or user is None or session.state is not SessionState.OPEN:
                return None
            heard = session.last_batch_at or session.created_at or session.started_at
            if heard > self._clock() - SILENCE:
                return None
            samples = merged(await self._uow.devices.batches(session.id))
            if not samples.offsets:
                await self._uow.devices.drop_session(session.id)
                await self._uow.commit()
                return SilentOutcome.DROPPED
            device = await self._uow.devices.get(user_id, session.device_id)
            label = (device.name or device.kind.value) if device else "device"
            try:
                _, outcome = await self._store(user, label, session, samples, None)
            except FileRefusedError:
                await self._uow.devices.drop_session(session.id)
                await self._uow.commit()
                return SilentOutcome.DROPPED
            await self._uow.commit()
        if isinstance(outcome, Imported):
            await self._cards.imported(user, outcome, session.activity)
        return SilentOutcome.FINISHED

    async def _store(
        self,
        user: User,
        device: str,
        session: LiveSession,
        samples: Samples,
        ended_at: datetime | None,
    ) -> tuple[int, Imported | AlreadyImported]:
        """Inside the unit of work: the session's workout stored and the session finished."""
        parsed = live_activity(session, samples, ended_at)
        check_activity(parsed, self._clock() + CLOCK_SKEW)
        source = ParsedFile((parsed,), device=device)
        outcome = await self._imports.store_parsed(user, _digest(session), source)
        workout_id = _workout_id(outcome)
        end = ended_at or session.started_at + timedelta(seconds=parsed.duration_s)
        await self._uow.devices.finish(session.id, end, workout_id)
        return workout_id, outcome


def _resent(known: str | None, digest: str) -> BatchStatus:
    if known != digest:
        raise ConflictError("seq_conflict")
    return BatchStatus.DUPLICATE


def _digest(session: LiveSession) -> str:
    """The workout's source id for dedup: never the hash of a file's bytes."""
    return hashlib.sha256(f"live-session:{session.id}".encode()).hexdigest()


def _workout_id(outcome: Imported | AlreadyImported) -> int:
    if isinstance(outcome, AlreadyImported):
        return outcome.workout.id
    return outcome.workouts[0].logged.workout.id
