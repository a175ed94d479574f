"""Logging workouts and reading the journal."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.clock import EPOCH, Clock
from domain.coaching.load import LoadInputs, workout_load
from domain.coaching.performance import BEST_EFFORT_DAYS, best_vdot, threshold_speed
from domain.coaching.thresholds import ThresholdHistory, Thresholds
from domain.errors import InvalidValueError, NotFoundError
from domain.ports import UnitOfWork
from domain.skills.catalog import Milestone
from domain.skills.progress import reached_by
from domain.users.models import User
from domain.workouts.entries import WorkoutDetail, WorkoutEdit, edited_draft, hr_zone
from domain.workouts.events import (
    Announcement,
    WorkoutChange,
    WorkoutEvent,
    WorkoutListener,
    announce,
)
from domain.workouts.journal import by_day, period_span
from domain.workouts.models import (
    Activity,
    JournalPage,
    JournalPeriod,
    Workout,
    WorkoutDraft,
    WorkoutSource,
)
from domain.workouts.moments import When, logged_start, moved_start
from domain.workouts.parsing import parse_log
from domain.workouts.records import Record, RecordKind, best_of, candidates
from domain.workouts.validation import NOTE_MAX_LENGTH, check_draft, check_start

JOURNAL_PAGE_SIZE = 5
DEFAULT_MAX_HR_AGE = 35


@dataclass(frozen=True, slots=True)
class Logged:
    """The stored workout, the personal records it improved and the milestones it reached."""

    workout: Workout
    records: tuple[Record, ...] = ()
    zone: int | None = None
    milestones: tuple[Milestone, ...] = ()
    unread: tuple[str, ...] = ()  # numbers in the typed line that were not understood
    announcements: tuple[Announcement, ...] = ()  # from the workout listeners


@dataclass(frozen=True, slots=True)
class Guidance:
    """The text was not a whole workout: ask for the rest, starting from what was read."""

    draft: WorkoutDraft | None


class WorkoutService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, listeners: Sequence[WorkoutListener] = ()
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._listeners = tuple(listeners)

    async def log_text(self, user: User, text: str) -> Logged | Guidance:
        """Store a workout typed in one line, its day read in the athlete's zone; or ask more."""
        parsed = parse_log(text)
        started_at = self._logged_start(user, parsed.when)
        if not parsed.is_complete:
            if parsed.activity is None:
                return Guidance(None)
            partial = WorkoutDraft(
                parsed.activity,
                parsed.duration_s,
                parsed.distance_m,
                parsed.avg_hr,
                parsed.rpe,
                started_at=started_at,
            )
            return Guidance(partial)
        assert parsed.activity is not None
        draft = WorkoutDraft(
            activity=parsed.activity,
            duration_s=parsed.duration_s,
            distance_m=parsed.distance_m,
            avg_hr=parsed.avg_hr,
            rpe=parsed.rpe,
            sets=tuple(parsed.sets),
            started_at=started_at,
        )
        logged = await self.log(user, draft, WorkoutSource.TEXT)
        return replace(logged, unread=parsed.unread)

    def _logged_start(self, user: User, when: When | None) -> datetime | None:
        now = self._clock()
        started = logged_start(when, now, ZoneInfo(user.timezone))
        if started is not None:
            check_start(started, now)
        return started

    async def log(self, user: User, draft: WorkoutDraft, source: WorkoutSource) -> Logged:
        """Validate, weigh (load) and store one workout (ended now unless its start is given);
        note the records it beat."""
        check_draft(draft)
        now = self._clock()
        if draft.started_at is not None:
            check_start(draft.started_at, now)
        started = draft.started_at or now - timedelta(seconds=draft.duration_s or 0)
        async with self._uow:
            logged = await self.store_weighed(user, replace(draft, started_at=started), source)
            await self._uow.commit()
            return logged

    async def store_weighed(
        self,
        user: User,
        draft: WorkoutDraft,
        source: WorkoutSource,
        power: Sequence[float] = (),
        extra: Sequence[Record] = (),
        details: Callable[[Workout], Awaitable[None]] | None = None,
    ) -> Logged:
        """Inside the caller's unit of work (it commits): weigh a checked workout with its
        1 Hz power if any, store it and take its records, `extra` ones found in its samples
        included; `details` stores what belongs to it (a file's climb) before the listeners
        hear of it, so they read it."""
        now = self._clock()
        started = draft.started_at or now
        workout = await self._weighed(user, draft, started, source, power=power)
        stored = await self._uow.workouts.add(workout)
        if details is not None:
            await details(stored)
        improved = await self._take_records(user.id, stored, now, extra)
        # Only strength milestones read sets; other sports need no more than summaries.
        journal = self._uow.workouts
        read = journal.since if stored.activity is Activity.STRENGTH else journal.summaries_since
        earlier = await read(user.id, EPOCH, stored.activity)
        milestones = reached_by(stored, earlier, user.profile.weight_kg, user.timezone)
        said = await announce(self._listeners, WorkoutEvent(user, WorkoutChange.ADDED, stored))
        return Logged(stored, improved, hr_zone(user, stored), milestones, announcements=said)

    async def _weighed(
        self,
        user: User,
        draft: WorkoutDraft,
        started: datetime,
        source: WorkoutSource,
        exclude: int | None = None,
        power: Sequence[float] = (),
    ) -> Workout:
        """Weighed with the thresholds valid at its start. A run that nothing else can weigh
        (no heart rate, no effort, no threshold pace) is weighed by pace against the
        threshold estimated from the best run of the 90 days before it, this one included,
        so that "run 10k 52:30" counts in fitness like any other workout (ADR 0015)."""
        at = ThresholdHistory(await self._uow.thresholds.all(user.id), user.profile).at(started)
        workout = _weigh(user, draft, started, source, at, power)
        if workout.load is not None or draft.activity is not Activity.RUN:
            return workout
        window = started - timedelta(days=BEST_EFFORT_DAYS)
        runs = await self._uow.workouts.summaries_since(user.id, window, Activity.RUN)
        efforts = [
            (w.distance_m, w.duration_s)
            for w in runs
            if w.id != exclude and w.started_at <= started
        ]
        best = best_vdot([*efforts, (draft.distance_m, draft.duration_s)])
        if best is None or at.threshold_speed is not None:
            return workout
        estimated = replace(at, threshold_speed=threshold_speed(best))
        return _weigh(user, draft, started, source, estimated, power)

    async def _take_records(
        self, user_id: int, stored: Workout, now: datetime, extra: Sequence[Record] = ()
    ) -> tuple[Record, ...]:
        """Store the records the workout beats; the improved ones (not firsts) are announced."""
        held = {record.key: record for record, _ in await self._uow.records.all(user_id)}
        improved = []
        for record in best_of([*candidates(stored), *extra]):
            previous = held.get(record.key)
            if record.beats(previous):
                await self._uow.records.put(user_id, record, stored.id, now)
                if previous is not None:
                    improved.append(record)
        return tuple(improved)

    async def records(self, user_id: int) -> list[Record]:
        """The athlete's personal records."""
        async with self._uow:
            return [record for record, _ in await self._uow.records.all(user_id)]

    def check(self, draft: WorkoutDraft) -> None:
        """Validate the answers given so far in a guided log, before asking the next one."""
        check_draft(draft, complete=False)

    async def get(self, user_id: int, workout_id: int) -> Workout:
        """One of the athlete's own workouts; anybody else's is not found."""
        async with self._uow:
            workout = await self._uow.workouts.get(user_id, workout_id)
        if workout is None:
            raise NotFoundError(what="workout")
        return workout

    async def detail(self, user: User, workout_id: int) -> WorkoutDetail:
        """One of the athlete's own workouts with its heart-rate zone and the records it holds."""
        async with self._uow:
            workout = await self._uow.workouts.get(user.id, workout_id)
            if workout is None:
                raise NotFoundError(what="workout")
            records = await self._held(user.id, workout_id)
        return WorkoutDetail(workout, hr_zone(user, workout), records)

    async def held(self, user_id: int, workout_id: int) -> tuple[Record, ...]:
        """Inside the caller's unit of work: the records the workout holds."""
        return await self._held(user_id, workout_id)

    async def _held(self, user_id: int, workout_id: int) -> tuple[Record, ...]:
        held = await self._uow.records.all(user_id)
        return tuple(record for record, holder in held if holder == workout_id)

    async def edit(self, user: User, workout_id: int, change: WorkoutEdit) -> WorkoutDetail:
        """Change one field as a log would be checked, weigh the load again and give each
        record the workout holding it now, all in one transaction."""
        now = self._clock()
        async with self._uow:
            current = await self._uow.workouts.get(user.id, workout_id)
            if current is None:
                raise NotFoundError(what="workout")
            started = current.started_at
            if change.when is not None:
                started = moved_start(change.when, started, now, ZoneInfo(user.timezone))
                check_start(started, now)
            draft = edited_draft(current, change, started)
            check_draft(draft)
            weighed = await self._weighed(user, draft, started, current.source, current.id)
            workout = replace(weighed, id=current.id)
            await self._uow.workouts.update(workout)
            held = await self._uow.records.held_by(user.id, workout_id)
            await self._uow.records.remove(user.id, held)
            await self._recompute(user.id, {*held, *(r.key for r in candidates(workout))})
            records = await self._held(user.id, workout_id)
            event = WorkoutEvent(user, WorkoutChange.EDITED, workout, previous=current)
            said = await announce(self._listeners, event)
            await self._uow.commit()
        return WorkoutDetail(workout, hr_zone(user, workout), records, announcements=said)

    async def set_note(self, user_id: int, workout_id: int, text: str | None) -> Workout:
        note = " ".join(text.split()) if text else None
        if note is not None and len(note) > NOTE_MAX_LENGTH:
            raise InvalidValueError("note", "too_long", limit=NOTE_MAX_LENGTH)
        async with self._uow:
            if not await self._uow.workouts.save_note(user_id, workout_id, note or None):
                raise NotFoundError(what="workout")
            await self._uow.commit()
        return await self.get(user_id, workout_id)

    async def delete(self, user: User, workout_id: int) -> None:
        """Remove one of the athlete's own workouts; the records it held pass to the next best,
        and the listeners take back what it earned."""
        user_id = user.id
        async with self._uow:
            workout = await self._uow.workouts.get(user_id, workout_id)
            held = await self._uow.records.held_by(user_id, workout_id)
            if workout is None or not await self._uow.workouts.delete(user_id, workout_id):
                raise NotFoundError(what="workout")
            await self._uow.records.remove(user_id, held)
            if held:
                await self._recompute(user_id, set(held))
            await announce(self._listeners, WorkoutEvent(user, WorkoutChange.DELETED, workout))
            await self._uow.commit()

    async def _recompute(self, user_id: int, keys: set[tuple[RecordKind, str]]) -> None:
        best: dict[tuple[RecordKind, str], tuple[Record, Workout]] = {}
        for workout in await self._uow.workouts.since(user_id, EPOCH):
            for record in candidates(workout):
                current = best.get(record.key)
                if record.key in keys and record.beats(current[0] if current else None):
                    best[record.key] = (record, workout)
        for record, workout in best.values():
            await self._uow.records.put(user_id, record, workout.id, workout.started_at)

    async def journal(
        self,
        user: User,
        page: int,
        activity: Activity | None,
        period: JournalPeriod = JournalPeriod.ALL,
    ) -> JournalPage:
        """A page of the journal, newest first, by the athlete's local days; the period is this
        week, month or year on their calendar; a page past the end shows the last one."""
        zone = ZoneInfo(user.timezone)
        today = self._clock().astimezone(zone).date()
        span = period_span(period, today, zone)
        async with self._uow:
            await self._uow.read_only()
            total = await self._uow.workouts.count(user.id, activity, span.start, span.end)
            pages = max(1, math.ceil(total / JOURNAL_PAGE_SIZE))
            page = min(max(page, 0), pages - 1)
            items = await self._uow.workouts.page(
                user.id,
                activity,
                page * JOURNAL_PAGE_SIZE,
                JOURNAL_PAGE_SIZE,
                span.start,
                span.end,
            )
        days = by_day(items, zone)
        return JournalPage(tuple(items), page, pages, activity, period, days, today)


def _weigh(
    user: User,
    draft: WorkoutDraft,
    started: datetime,
    source: WorkoutSource,
    at: Thresholds,
    power: Sequence[float] = (),
) -> Workout:
    """Weigh with the thresholds valid at the start (the FTP for 1 Hz power); the threshold
    pace is a running pace."""
    profile = user.profile
    age = started.year - profile.birth_year if profile.birth_year else DEFAULT_MAX_HR_AGE
    speed = None
    if draft.activity is Activity.RUN and draft.distance_m and draft.duration_s:
        speed = draft.distance_m / draft.duration_s
    inputs = LoadInputs(
        duration_s=float(draft.duration_s or 0),
        avg_hr=draft.avg_hr,
        resting_hr=at.resting_hr,
        max_hr=at.max_hr,
        age=age,
        rpe=draft.rpe,
        lthr=at.lthr,
        ftp=at.ftp,
        power=power,
        speed_mps=speed,
        threshold_speed_mps=at.threshold_speed,
    )
    result = workout_load(inputs) if draft.duration_s else None
    workout = Workout(
        id=0,
        user_id=user.id,
        activity=draft.activity,
        started_at=started,
        source=source,
        duration_s=draft.duration_s,
        distance_m=draft.distance_m,
        avg_hr=draft.avg_hr,
        rpe=draft.rpe,
        note=draft.note,
        sets=draft.sets,
    )
    if result is None:
        return workout
    return replace(
        workout,
        load=result.value,
        load_method=result.method.value,
        hr_load=result.hr_load,
        rpe_load=result.rpe_load,
    )
