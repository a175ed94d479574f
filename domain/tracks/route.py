"""A finished track as an activity: its summary and samples, like an imported file's."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from domain.activities.models import ParsedActivity, Samples
from domain.activities.summary import haversine_m
from domain.tracks.models import Fix, LiveTrack
from domain.workouts.models import Activity

# Less than this is a track that never moved: nothing is saved.
MIN_DISTANCE_M = 50.0
SPORT_NAME = "telegram/live_location"


def moved(track: LiveTrack) -> bool:
    return track.points > 1 and track.distance_m >= MIN_DISTANCE_M


def recorded(track: LiveTrack, activity: Activity, fixes: Sequence[Fix]) -> ParsedActivity:
    """Offsets from the first fix; distance along the kept fixes; speed between them."""
    start = track.started_at
    offsets = [round((fix.at - start).total_seconds()) for fix in fixes]
    distance: list[float | None] = [0.0]
    speed: list[float | None] = [None]
    for (t1, a), (t2, b) in itertools.pairwise(zip(offsets, fixes, strict=True)):
        metres = haversine_m(a.latitude, a.longitude, b.latitude, b.longitude)
        previous = distance[-1] or 0.0
        distance.append(previous + metres)
        speed.append(metres / (t2 - t1) if t2 > t1 else None)
    samples = Samples(
        offsets=tuple(offsets),
        speed=tuple(speed),
        distance=tuple(distance),
        latitude=tuple(fix.latitude for fix in fixes),
        longitude=tuple(fix.longitude for fix in fixes),
    )
    return ParsedActivity(
        activity=activity,
        sport=SPORT_NAME,
        started_at=start,
        duration_s=max(1.0, float(track.elapsed_s)),
        samples=samples,
        moving_s=track.moving_s,
        distance_m=track.distance_m,
    )
