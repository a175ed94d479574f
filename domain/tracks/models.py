"""A live track: the athlete's live location, followed until the share stops or they finish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.workouts.models import Activity
from domain.workouts.parsing import ACTIVITY_WORDS

# The sports a live location can record; each is a button and a `/track` word.
TRACKED = (Activity.RUN, Activity.RIDE, Activity.WALK, Activity.HIKE)


class TrackState(StrEnum):
    ACTIVE = "active"  # positions are arriving
    ENDED = "ended"  # the share stopped before a sport was chosen: waiting for the choice
    FINISHED = "finished"
    DISCARDED = "discarded"

    @property
    def open(self) -> bool:
        return self in {TrackState.ACTIVE, TrackState.ENDED}


@dataclass(frozen=True, slots=True)
class Fix:
    """One position as Telegram gave it: when (the edit date), where and how well."""

    at: datetime
    latitude: float
    longitude: float
    accuracy_m: float | None = None


@dataclass(frozen=True, slots=True)
class LiveTrack:
    """The running totals of a track; its kept positions are stored beside it."""

    id: int
    user_id: int
    chat_id: int
    message_id: int  # the shared location's message: its edits extend the track
    activity: Activity | None
    state: TrackState
    started_at: datetime
    live_until: datetime
    last_fix_at: datetime  # the newest position seen, kept or not
    last_kept: Fix
    stale_at: datetime
    distance_m: float = 0.0
    moving_s: float = 0.0
    points: int = 1
    status_message_id: int | None = None
    status_at: datetime | None = None  # the position time of the last status edit
    workout_id: int | None = None

    @property
    def elapsed_s(self) -> int:
        return round((self.last_fix_at - self.started_at).total_seconds())

    @property
    def avg_speed_mps(self) -> float | None:
        """Over the moving time: standing at a crossing does not slow the pace."""
        return self.distance_m / self.moving_s if self.moving_s > 0 else None


def tracked_activity(text: str) -> Activity | None:
    """The sport a `/track` word names ("run", "вело"), if a live location can record it."""
    words = text.lower().split()
    for activity in TRACKED:
        if any(word.startswith(stem) for word in words for stem in ACTIVITY_WORDS[activity]):
            return activity
    return None
