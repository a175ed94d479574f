"""Scheduled jobs: each opens its own unit of work and does what is due, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from domain.clock import Clock
from domain.ports import UnitOfWork

logger = logging.getLogger(__name__)

UPDATE_IDS_KEPT = timedelta(hours=48)


async def prune_processed_updates(uow_factory: Callable[[], UnitOfWork], clock: Clock) -> int:
    """Forget handled update ids after 48 h (Telegram redelivers for at most 24 h)."""
    uow = uow_factory()
    async with uow:
        removed = await uow.updates.prune(clock() - UPDATE_IDS_KEPT)
        await uow.commit()
    if removed:
        logger.info("pruned %d handled update ids", removed)
    return removed
