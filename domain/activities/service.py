"""Importing activity files: dedup, check, weigh and store every session in one go."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from domain.activities import codec
from domain.activities.analysis import hr_zone_seconds, samples_csv
from domain.activities.models import (
    FileWarning,
    ImportMeta,
    ParsedActivity,
    ParsedFile,
    Samples,
)
from domain.activities.ports import ActivityParser
from domain.activities.summary import power_1hz
from domain.activities.validation import check_activity, check_file, check_size
from domain.clock import Clock
from domain.errors import NotFoundError
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.workouts.models import Activity, Workout, WorkoutDraft, WorkoutSource
from domain.workouts.records import Record, segment_candidates
from domain.workouts.service import Logged, WorkoutService

# The same activity from another file (or typed before): a start this close, same sport.
SAME_START = timedelta(minutes=2)
NEARBY_LIMIT = 10


@dataclass(frozen=True, slots=True)
class ImportedWorkout:
    logged: Logged
    meta: ImportMeta
    samples: Samples
    held: tuple[Record, ...]
    zone_seconds: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Imported:
    """The stored workouts (several for a multisport file) and whether the file was damaged."""

    workouts: tuple[ImportedWorkout, ...]
    warning: FileWarning | None


@dataclass(frozen=True, slots=True)
class AlreadyImported:
    workout: Workout


class ImportService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, parser: ActivityParser, workouts: WorkoutService
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._parser = parser
        self._workouts = workouts

    async def import_file(
        self, user: User, file_name: str, content: bytes
    ) -> Imported | AlreadyImported:
        """Store one workout per activity of the file, unless these bytes or an activity at
        the same start (±2 min, same sport, overlapping) are already in the journal; a bad
        file stores nothing."""
        check_size(len(content))
        digest = hashlib.sha256(content).hexdigest()
        known = await self._known(user.id, digest)
        if known is not None:
            return AlreadyImported(known)
        parsed = await asyncio.to_thread(self._parser.parse, file_name, content)
        return await self._import_new(user, digest, parsed)

    async def import_parsed(
        self, user: User, digest: str, parsed: ParsedFile
    ) -> Imported | AlreadyImported:
        """Store activities read from an export (not a file of their own), keyed by a digest
        of what identifies them; the same dedup and checks as a file."""
        known = await self._known(user.id, digest)
        if known is not None:
            return AlreadyImported(known)
        return await self._import_new(user, digest, parsed)

    async def _known(self, user_id: int, digest: str) -> Workout | None:
        async with self._uow:
            known = await self._uow.imports.workout_by_hash(user_id, digest)
            return await self._uow.workouts.get(user_id, known) if known else None

    async def _import_new(
        self, user: User, digest: str, parsed: ParsedFile
    ) -> Imported | AlreadyImported:
        check_file(parsed, self._clock())
        async with self._uow:
            outcome = await self.store_parsed(user, digest, parsed)
            if isinstance(outcome, Imported):
                await self._uow.commit()
        return outcome

    async def store_parsed(
        self, user: User, digest: str, parsed: ParsedFile
    ) -> Imported | AlreadyImported:
        """Inside the caller's unit of work (it commits): store checked activities unless one
        overlaps a workout at the same start; `digest` names their source for dedup."""
        for activity in parsed.activities:
            same = await self._overlapping(user.id, activity)
            if same is not None:
                return AlreadyImported(same)
        stored = await self._store_all(user, digest, parsed)
        return Imported(stored, parsed.warning)

    async def _overlapping(self, user_id: int, activity: ParsedActivity) -> Workout | None:
        start = activity.started_at
        end = start + timedelta(seconds=activity.duration_s)
        nearby = await self._uow.workouts.page(
            user_id, activity.activity, 0, NEARBY_LIMIT, start - SAME_START, start + SAME_START
        )
        for workout in nearby:
            other_end = workout.started_at + timedelta(seconds=workout.duration_s or 0)
            if workout.started_at <= end and start <= other_end:
                return workout
        return None

    async def store_recorded(
        self, user: User, key: str, activity: ParsedActivity, device: str
    ) -> ImportedWorkout:
        """Inside the caller's unit of work (it commits): store an activity recorded some
        other way than a file (a live location) as a file's is stored; `key` names it once,
        the database refuses a second store of the same key."""
        check_activity(activity, self._clock())
        digest = hashlib.sha256(key.encode()).hexdigest()
        parsed = ParsedFile((activity,), device=device)
        stored = await self._store_all(user, digest, parsed, WorkoutSource.DEVICE)
        return stored[0]

    async def _store_all(
        self,
        user: User,
        digest: str,
        parsed: ParsedFile,
        source: WorkoutSource = WorkoutSource.FILE,
    ) -> tuple[ImportedWorkout, ...]:
        """A multisport file's workouts are linked by the id of the first one."""
        stored: list[ImportedWorkout] = []
        linked = len(parsed.activities) > 1
        for part, activity in enumerate(parsed.activities):
            first = stored[0].logged.workout.id if stored else None
            meta_of = partial(_meta, digest, part, activity, parsed, linked, first)
            blob = await asyncio.to_thread(codec.encode, activity.samples)
            kept: list[ImportMeta] = []
            details = self._extras(user.id, blob, meta_of, kept)
            logged = await self._logged(user, activity, source, details)
            held = await self._workouts.held(user.id, logged.workout.id)
            zones = hr_zone_seconds(user, activity.samples, activity.started_at)
            stored.append(ImportedWorkout(logged, kept[0], activity.samples, held, zones))
        return tuple(stored)

    def _extras(
        self,
        user_id: int,
        blob: bytes,
        meta_of: Callable[[int], ImportMeta],
        kept: list[ImportMeta],
    ) -> Callable[[Workout], Awaitable[None]]:
        """The file's extras and samples, stored as soon as the workout has its id: before
        the listeners run, so achievements and challenges see its climb."""

        async def store(workout: Workout) -> None:
            meta = meta_of(workout.id)
            await self._uow.imports.add(user_id, meta, blob)
            kept.append(meta)

        return store

    async def _logged(
        self,
        user: User,
        activity: ParsedActivity,
        source: WorkoutSource,
        details: Callable[[Workout], Awaitable[None]],
    ) -> Logged:
        """A ride is weighed by its 1 Hz power when it has some (the FTP is a cycling
        threshold, not a running one); records are also taken from inside the workout."""
        samples = activity.samples
        power = power_1hz(samples) if activity.activity is Activity.RIDE else []
        draft = WorkoutDraft(
            activity=activity.activity,
            duration_s=max(1, round(activity.duration_s)),
            distance_m=activity.distance_m or None,
            avg_hr=activity.avg_hr,
            started_at=activity.started_at,
        )
        extra = segment_candidates(activity.activity, samples.present("distance"), power)
        return await self._workouts.store_weighed(user, draft, source, power, extra, details)

    async def samples_csv(self, user_id: int, workout_id: int) -> bytes:
        """The samples of one of the athlete's own imported workouts as CSV (SI, UTC)."""
        async with self._uow:
            found = await self._uow.imports.get(user_id, workout_id)
            workout = await self._uow.workouts.get(user_id, workout_id)
        if found is None or workout is None:
            raise NotFoundError(what="workout")
        return samples_csv(codec.decode(found[1]), workout.started_at)


def _meta(
    digest: str,
    part: int,
    activity: ParsedActivity,
    parsed: ParsedFile,
    linked: bool,
    first: int | None,
    workout_id: int,
) -> ImportMeta:
    """`first`: the multisport file's first workout (None while this is the first)."""
    return ImportMeta(
        workout_id=workout_id,
        sha256=digest,
        part=part,
        sport=activity.sport[:32],
        device=parsed.device,
        moving_s=activity.moving_s,
        elevation_gain_m=activity.elevation_gain_m,
        max_hr=activity.max_hr,
        avg_power=activity.avg_power,
        normalized_power=activity.normalized_power,
        avg_cadence=activity.avg_cadence,
        calories=activity.calories,
        laps=activity.laps,
        group_id=(first if first is not None else workout_id) if linked else None,
        warning=parsed.warning,
    )
