"""What a logged workout may claim: values a human can reach."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.errors import InvalidValueError
from domain.workouts.models import Activity, WorkoutDraft

MAX_DURATION_S = 24 * 3600
MAX_DISTANCE_M = 1_000_000.0
NOTE_MAX_LENGTH = 500
MAX_AGE_DAYS = 365
# Average speeds above these are beyond world-class for the whole workout (m/s):
# 100 m sprint ~10.4, marathon ~5.9, 1500 m swim ~1.7, hour-record ride ~15.
TOP_SPEED = {
    Activity.RUN: 7.0,
    Activity.WALK: 4.0,
    Activity.HIKE: 4.0,
    Activity.SWIM: 2.5,
    Activity.RIDE: 25.0,
    Activity.ROW: 7.0,
    Activity.SKI: 30.0,
}


def check_draft(draft: WorkoutDraft, complete: bool = True) -> None:
    """Refuse absurd values; the error names the field and why."""
    if draft.duration_s is not None and not 60 <= draft.duration_s <= MAX_DURATION_S:
        raise InvalidValueError("duration", "out_of_range")
    if draft.distance_m is not None and not 1 <= draft.distance_m <= MAX_DISTANCE_M:
        raise InvalidValueError("distance", "out_of_range")
    if draft.avg_hr is not None and not 30 <= draft.avg_hr <= 230:
        raise InvalidValueError("heart_rate", "out_of_range")
    if draft.rpe is not None and not 1 <= draft.rpe <= 10:
        raise InvalidValueError("rpe", "out_of_range")
    if draft.note is not None and len(draft.note) > NOTE_MAX_LENGTH:
        raise InvalidValueError("note", "too_long", limit=NOTE_MAX_LENGTH)
    for item in draft.sets:
        if not (1 <= item.sets <= 50 and 1 <= item.reps <= 1000):
            raise InvalidValueError("sets", "out_of_range")
        if item.weight_kg is not None and not 0 < item.weight_kg <= 600:
            raise InvalidValueError("sets", "weight_out_of_range")
    _check_speed(draft)
    if complete and not (draft.duration_s or draft.sets):
        raise InvalidValueError("workout", "nothing_measured")


def _check_speed(draft: WorkoutDraft) -> None:
    top = TOP_SPEED.get(draft.activity)
    if top is None or not draft.distance_m or not draft.duration_s:
        return
    if draft.distance_m / draft.duration_s > top:
        raise InvalidValueError("pace", "implausible")


def check_start(started_at: datetime, now: datetime) -> None:
    """A workout started in the past, and at most a year ago."""
    if started_at > now:
        raise InvalidValueError("when", "future")
    if started_at < now - timedelta(days=MAX_AGE_DAYS):
        raise InvalidValueError("when", "too_old", days=MAX_AGE_DAYS)
