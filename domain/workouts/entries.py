"""A journal entry in full, and the change of one of its fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.coaching.zones import hr_zones, max_heart_rate, zone_of
from domain.users.models import User
from domain.workouts.events import Announcement
from domain.workouts.models import Activity, Workout, WorkoutDraft
from domain.workouts.moments import When
from domain.workouts.records import Record


@dataclass(frozen=True, slots=True)
class WorkoutDetail:
    """A workout with its heart-rate zone (0 is below zone 1) and the records it holds."""

    workout: Workout
    zone: int | None = None
    records: tuple[Record, ...] = ()
    announcements: tuple[Announcement, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkoutEdit:
    """The new value of one field; the fields left None stay as they are."""

    activity: Activity | None = None
    when: When | None = None
    duration_s: int | None = None
    distance_m: float | None = None
    avg_hr: int | None = None
    rpe: int | None = None


def hr_zone(user: User, workout: Workout) -> int | None:
    """The zone of the average heart rate, from the athlete's max (or age) and resting HR."""
    if workout.avg_hr is None:
        return None
    profile = user.profile
    age = workout.started_at.year - profile.birth_year if profile.birth_year else None
    top = max_heart_rate(profile.max_hr, age)
    if top is None:
        return None
    return zone_of(workout.avg_hr, hr_zones(top, profile.resting_hr))


def edited_draft(workout: Workout, change: WorkoutEdit, started_at: datetime) -> WorkoutDraft:
    """The workout as a draft with the change applied, to be validated and weighed again."""
    return WorkoutDraft(
        activity=change.activity or workout.activity,
        duration_s=change.duration_s or workout.duration_s,
        distance_m=change.distance_m or workout.distance_m,
        avg_hr=change.avg_hr or workout.avg_hr,
        rpe=change.rpe or workout.rpe,
        note=workout.note,
        sets=workout.sets,
        started_at=started_at,
    )
