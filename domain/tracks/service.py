"""Live location workouts: start, extend, choose the sport, finish or discard (ADR 0033)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from domain.activities.errors import FileRefusedError
from domain.activities.service import ImportService
from domain.clock import Clock
from domain.errors import InvalidValueError, NotFoundError
from domain.ports import UnitOfWork
from domain.tracks.filtering import Verdict, step
from domain.tracks.models import TRACKED, Fix, LiveTrack, TrackState
from domain.tracks.outcomes import Closed, Dropped, DropReason, Extended, Saved
from domain.tracks.route import moved, recorded
from domain.users.models import User
from domain.workouts.models import Activity

# Telegram sends an edit every few seconds; the status is edited at most this often.
STATUS_EVERY = timedelta(seconds=5)
# A track nobody closed is closed this long after its share ended (or went silent).
IDLE_CLOSE = timedelta(minutes=30)
MAX_SILENCE = timedelta(hours=2)
MAX_LIVE = timedelta(hours=24)
OPEN = (TrackState.ACTIVE, TrackState.ENDED)
DEVICE = "Telegram"
STALE_BATCH = 50


def stale_at(live_until: datetime, last_fix_at: datetime) -> datetime:
    """When the scheduler may close a track that heard nothing since `last_fix_at`."""
    return min(max(live_until, last_fix_at) + IDLE_CLOSE, last_fix_at + MAX_SILENCE)


class LiveTrackService:
    def __init__(self, uow: UnitOfWork, clock: Clock, imports: ImportService) -> None:
        self._uow = uow
        self._clock = clock
        self._imports = imports

    async def start(
        self,
        user: User,
        chat_id: int,
        message_id: int,
        fix: Fix,
        live_period_s: int,
        activity: Activity | None = None,
    ) -> LiveTrack:
        """Begin a track at a shared live location; the same message again is the same track."""
        async with self._uow:
            found = await self._uow.live_tracks.by_message(user.id, chat_id, message_id)
            if found is not None:
                return found
            live_until = fix.at + min(timedelta(seconds=live_period_s), MAX_LIVE)
            track = LiveTrack(
                id=0,
                user_id=user.id,
                chat_id=chat_id,
                message_id=message_id,
                activity=activity if activity in TRACKED else None,
                state=TrackState.ACTIVE,
                started_at=fix.at,
                live_until=live_until,
                last_fix_at=fix.at,
                last_kept=fix,
                stale_at=stale_at(live_until, fix.at),
            )
            stored = await self._uow.live_tracks.add(track)
            await self._uow.commit()
        return stored

    async def get(self, user_id: int, track_id: int) -> LiveTrack:
        """One of the athlete's own tracks; anybody else's is not found."""
        async with self._uow:
            return await self._own(user_id, track_id)

    async def show_status(self, user_id: int, track_id: int, message_id: int) -> None:
        """Remember the one message that keeps the track's numbers current."""
        async with self._uow:
            track = await self._own(user_id, track_id)
            await self._uow.live_tracks.save(replace(track, status_message_id=message_id))
            await self._uow.commit()

    async def extend(
        self, user: User, chat_id: int, message_id: int, fix: Fix, live: bool
    ) -> Extended | None:
        """A new position of a shared live location extends the track when the filters keep
        it; the share stopping (or its period running out) closes the track."""
        async with self._uow:
            track = await self._uow.live_tracks.by_message(user.id, chat_id, message_id)
            if track is None:
                return None
            if track.state is not TrackState.ACTIVE:
                return Extended(track, show=False)
            judged = step(track.last_kept, track.last_fix_at, fix, track.activity)
            ending = not live or fix.at >= track.live_until
            if judged.verdict is Verdict.REPLAYED and not ending:
                return Extended(track, show=False)
            track = self._heard(track, fix, judged.kept, judged.distance_m, judged.moving_s)
            if judged.kept:
                await self._uow.live_tracks.append(track.id, fix)
            due = track.status_at is None or fix.at - track.status_at >= STATUS_EVERY
            show = ending or (judged.kept and due)
            if show:
                track = replace(track, status_at=fix.at)
            await self._uow.live_tracks.save(track)
            closed = await self._ended(user, track) if ending else None
            if ending and closed is None:
                track = replace(track, state=TrackState.ENDED)
            await self._uow.commit()
        return Extended(track, show, closed)

    def _heard(
        self, track: LiveTrack, fix: Fix, kept: bool, metres: float, moving: float
    ) -> LiveTrack:
        last_fix_at = max(track.last_fix_at, fix.at)
        track = replace(
            track, last_fix_at=last_fix_at, stale_at=stale_at(track.live_until, last_fix_at)
        )
        if not kept:
            return track
        return replace(
            track,
            last_kept=fix,
            distance_m=track.distance_m + metres,
            moving_s=track.moving_s + moving,
            points=track.points + 1,
        )

    async def _ended(self, user: User, track: LiveTrack) -> Closed | None:
        """Without a sport the track waits for the athlete's choice; otherwise it closes."""
        if track.activity is None:
            await self._uow.live_tracks.move(track.id, (TrackState.ACTIVE,), TrackState.ENDED)
            return None
        return await self._close(user, track)

    async def choose(self, user: User, track_id: int, activity: Activity) -> LiveTrack | Closed:
        """Set the track's sport; a share that already ended is then saved at once."""
        if activity not in TRACKED:
            raise InvalidValueError("activity", "not_tracked")
        async with self._uow:
            track = await self._own(user.id, track_id)
            if not track.state.open:
                return track
            track = replace(track, activity=activity)
            await self._uow.live_tracks.save(track)
            result: LiveTrack | Closed = track
            if track.state is TrackState.ENDED:
                result = await self._close(user, track) or track
            await self._uow.commit()
        return result

    async def finish(self, user: User, track_id: int) -> Closed | None:
        """Save the track as a workout now (nothing when it never moved); None when it was
        already closed."""
        return await self._closing(user, track_id, discard=False)

    async def discard(self, user: User, track_id: int) -> Closed | None:
        """Throw the track away; None when it was already closed."""
        return await self._closing(user, track_id, discard=True)

    async def _closing(self, user: User, track_id: int, *, discard: bool) -> Closed | None:
        async with self._uow:
            track = await self._own(user.id, track_id)
            closed = await self._close(user, track, discard=discard)
            await self._uow.commit()
        return closed

    async def due_stale(self) -> list[tuple[int, int]]:
        """(athlete, track) of the open tracks whose share ended and went quiet."""
        async with self._uow:
            return await self._uow.live_tracks.stale(self._clock(), STALE_BATCH)

    async def close_stale(self, user_id: int, track_id: int) -> tuple[User, Closed] | None:
        """For the scheduler: close a track that is still stale when claimed; saved when it
        moved and has a sport, discarded otherwise. Twice closes it once."""
        async with self._uow:
            user = await self._uow.users.get(user_id)
            track = await self._uow.live_tracks.get(user_id, track_id)
            if user is None or track is None or track.stale_at > self._clock():
                return None
            closed = await self._close(user, track)
            await self._uow.commit()
        return (user, closed) if closed is not None else None

    async def _close(
        self, user: User, track: LiveTrack, *, discard: bool = False
    ) -> Closed | None:
        """Claim the track by its state change, in the transaction that stores the workout."""
        reason = _drop_reason(track, discard)
        target = TrackState.DISCARDED if reason else TrackState.FINISHED
        if not await self._uow.live_tracks.move(track.id, OPEN, target):
            return None
        tracks = self._uow.live_tracks
        closed: Closed
        if reason is None and track.activity is not None:
            activity = recorded(track, track.activity, await tracks.fixes(track.id))
            try:
                key = f"telegram-live:{track.chat_id}:{track.message_id}"
                imported = await self._imports.store_recorded(user, key, activity, DEVICE)
            except FileRefusedError:
                await tracks.move(track.id, (target,), TrackState.DISCARDED)
                closed = Dropped(
                    replace(track, state=TrackState.DISCARDED), DropReason.IMPLAUSIBLE
                )
            else:
                workout_id = imported.logged.workout.id
                track = replace(track, state=target, workout_id=workout_id)
                await tracks.save(track)
                closed = Saved(track, imported)
        else:
            closed = Dropped(replace(track, state=target), reason or DropReason.NOT_MOVED)
        await tracks.forget_fixes(track.id)
        return closed

    async def _own(self, user_id: int, track_id: int) -> LiveTrack:
        track = await self._uow.live_tracks.get(user_id, track_id)
        if track is None:
            raise NotFoundError(what="track")
        return track


def _drop_reason(track: LiveTrack, discard: bool) -> DropReason | None:
    if discard:
        return DropReason.DISCARDED
    if track.activity is None:
        return DropReason.NO_SPORT
    return None if moved(track) else DropReason.NOT_MOVED
