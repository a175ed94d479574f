"""Which live positions extend a track: no replays, no jitter, no GPS jumps (ADR 0033)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.activities.summary import haversine_m
from domain.tracks.models import Fix
from domain.workouts.models import Activity
from domain.workouts.validation import TOP_SPEED

# A move shorter than this, or than the fix's own accuracy, is the GPS wobbling in place.
STILL_M = 5.0
# A fix vaguer than this says little about where the athlete is.
MAX_ACCURACY_M = 100.0
# A single stretch may beat the whole-workout top speed by this much, not more.
JUMP_FACTOR = 1.5
# Moving means faster than a slow walk between kept fixes at most this far apart.
MOVING_SPEED_MPS = 0.5
MAX_MOVING_GAP_S = 120.0


class Verdict(StrEnum):
    KEPT = "kept"
    REPLAYED = "replayed"  # not newer than the newest fix seen: a duplicate or out of order
    VAGUE = "vague"
    JITTER = "jitter"
    JUMP = "jump"


@dataclass(frozen=True, slots=True)
class Step:
    verdict: Verdict
    distance_m: float = 0.0
    moving_s: float = 0.0

    @property
    def kept(self) -> bool:
        return self.verdict is Verdict.KEPT


def top_speed(activity: Activity | None) -> float:
    """The fastest plausible stretch; before the sport is known, a ride's."""
    return TOP_SPEED.get(activity or Activity.RIDE, TOP_SPEED[Activity.RIDE]) * JUMP_FACTOR


def step(last_kept: Fix, seen_at: datetime, fix: Fix, activity: Activity | None) -> Step:
    """Judge one new fix against the last kept one (and the newest seen, `seen_at`): the
    distance and moving time it adds."""
    if fix.at <= seen_at:
        return Step(Verdict.REPLAYED)
    if fix.accuracy_m is not None and fix.accuracy_m > MAX_ACCURACY_M:
        return Step(Verdict.VAGUE)
    metres = haversine_m(last_kept.latitude, last_kept.longitude, fix.latitude, fix.longitude)
    if metres < max(STILL_M, fix.accuracy_m or 0.0):
        return Step(Verdict.JITTER)
    seconds = (fix.at - last_kept.at).total_seconds()
    speed = metres / seconds
    if speed > top_speed(activity):
        return Step(Verdict.JUMP)
    moving = seconds if seconds <= MAX_MOVING_GAP_S and speed >= MOVING_SPEED_MPS else 0.0
    return Step(Verdict.KEPT, metres, moving)
