"""The silent live session job: finish (or drop) what a companion left open for good."""

from __future__ import annotations

import logging
from collections.abc import Callable

from domain.devices.sync import SyncService

logger = logging.getLogger(__name__)


async def close_silent_sessions(sync_for: Callable[[], SyncService]) -> int:
    """Finish each open live session silent for 12 h into the journal (the athlete gets its
    card once) or drop it when it has no sample; each in its own unit of work, claimed by
    its state change under the session's lock, so a second scheduler closes nothing twice."""
    due = await sync_for().silent()
    closed = 0
    for user_id, session_id in due:
        try:
            if await sync_for().close_silent(user_id, session_id) is not None:
                closed += 1
        except Exception:
            # One athlete's failure must not hold back the others; the session is retried.
            logger.exception("closing live session %s of user %s failed", session_id, user_id)
    if due:
        logger.info("silent live sessions: %d due, %d closed", len(due), closed)
    return closed
