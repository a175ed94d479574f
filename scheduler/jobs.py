"""Scheduled jobs: each opens its own unit of work and does what is due, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from domain.clock import Clock
from domain.gamification.leagues_service import LeagueService
from domain.gamification.ports import GamificationNotifier
from domain.gamification.warnings import StreakWarningService
from domain.notifications.models import Claim, DeliveryOutcome, NoticeKind
from domain.notifications.ports import NextWeekPlan, Notifier
from domain.notifications.service import NotificationService
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


async def send_due_reminders(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: Notifier
) -> int:
    """Claim the due workout reminders, then send each in its own unit of work."""
    return await _send_due(NoticeKind.REMINDER, uow_factory, clock, notifier, None)


async def send_due_digests(
    uow_factory: Callable[[], UnitOfWork],
    clock: Clock,
    notifier: Notifier,
    plan: Callable[[UnitOfWork], NextWeekPlan] | None = None,
) -> int:
    """Claim the due weekly digests, then send each in its own unit of work."""
    return await _send_due(NoticeKind.DIGEST, uow_factory, clock, notifier, plan)


async def send_due_checkins(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: Notifier
) -> int:
    """Claim the due morning check-in prompts, then send each in its own unit of work."""
    return await _send_due(NoticeKind.CHECKIN, uow_factory, clock, notifier, None)


async def _send_due(
    kind: NoticeKind,
    uow_factory: Callable[[], UnitOfWork],
    clock: Clock,
    notifier: Notifier,
    plan: Callable[[UnitOfWork], NextWeekPlan] | None,
) -> int:
    claims = await NotificationService(uow_factory(), clock, notifier).claim_due(kind)
    sent = 0
    for claim in claims:
        if await _deliver(claim, uow_factory, clock, notifier, plan) is DeliveryOutcome.SENT:
            sent += 1
    if claims:
        logger.info("%s: %d claimed, %d sent", kind, len(claims), sent)
    return sent


async def _deliver(
    claim: Claim,
    uow_factory: Callable[[], UnitOfWork],
    clock: Clock,
    notifier: Notifier,
    plan: Callable[[UnitOfWork], NextWeekPlan] | None,
) -> DeliveryOutcome | None:
    uow = uow_factory()
    service = NotificationService(uow, clock, notifier, plan(uow) if plan else None)
    try:
        return await service.deliver(claim)
    except Exception:
        # One athlete's failure must not hold back the others; the claim stays, so no double.
        logger.exception("%s for user %s failed", claim.kind, claim.user_id)
        return None


async def send_streak_warnings(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: GamificationNotifier
) -> int:
    """Claim tonight's streak warnings (19:00 local), then send each in its own unit of work."""
    claims = await StreakWarningService(uow_factory(), clock, notifier).claim_due()
    sent = 0
    for claim in claims:
        try:
            outcome = await StreakWarningService(uow_factory(), clock, notifier).deliver(claim)
        except Exception:
            logger.exception("streak warning for user %s failed", claim.user_id)
            continue
        sent += int(outcome is DeliveryOutcome.SENT)
    if claims:
        logger.info("streak warnings: %d claimed, %d sent", len(claims), sent)
    return sent


async def close_league_weeks(
    uow_factory: Callable[[], UnitOfWork], clock: Clock, notifier: GamificationNotifier
) -> int:
    """Close every ended league week once, then tell each member their result once."""
    closed = await LeagueService(uow_factory(), clock).close_weeks()
    if closed:
        logger.info("league weeks closed: %d", closed)
    return await LeagueService(uow_factory(), clock).tell_results(notifier)
