"""The stale live track job: close what a share left open, each track in its own unit of work."""

from __future__ import annotations

import logging
from collections.abc import Callable

from domain.tracks.outcomes import TrackNotifier
from domain.tracks.service import LiveTrackService

logger = logging.getLogger(__name__)


async def close_stale_tracks(
    tracks_for: Callable[[], LiveTrackService], notifier: TrackNotifier
) -> int:
    """Save (or drop) the live tracks whose share ended and went quiet, then tell the athlete;
    a track is claimed by its state change, so a second scheduler closes nothing twice."""
    due = await tracks_for().due_stale()
    closed = 0
    for user_id, track_id in due:
        try:
            outcome = await tracks_for().close_stale(user_id, track_id)
            if outcome is not None:
                closed += 1
                await notifier.track_closed(*outcome)
        except Exception:
            # One athlete's failure must not hold back the others; an unclosed track is retried.
            logger.exception("closing live track %s of user %s failed", track_id, user_id)
    if due:
        logger.info("stale live tracks: %d due, %d closed", len(due), closed)
    return closed
