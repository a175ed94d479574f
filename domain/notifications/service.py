"""Due reminders and digests: claimed once in the database, then sent, then recorded."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.clock import Clock
from domain.coaching.service import CoachService
from domain.notifications.models import (
    CheckInPromptContent,
    Claim,
    DeliveryOutcome,
    DigestContent,
    NoticeKind,
    NoticeState,
    ReminderContent,
)
from domain.notifications.ports import NextWeekPlan, Notifier
from domain.notifications.schedule import advanced, due_moment
from domain.ports import UnitOfWork
from domain.users.models import User
from domain.wellness.service import CheckInService
from domain.workouts.stats import Period

logger = logging.getLogger(__name__)

BATCH = 100
# A moment missed by more than this (the bot was down) is skipped, not sent late.
GRACE = {
    NoticeKind.REMINDER: timedelta(hours=2),
    NoticeKind.DIGEST: timedelta(hours=4),
    NoticeKind.CHECKIN: timedelta(hours=2),
}
_STATES = {
    DeliveryOutcome.SENT: NoticeState.SENT,
    DeliveryOutcome.BLOCKED: NoticeState.BLOCKED,
    DeliveryOutcome.FAILED: NoticeState.FAILED,
}


class NotificationService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        notifier: Notifier,
        plan: NextWeekPlan | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._notifier = notifier
        self._plan = plan

    async def claim_due(self, kind: NoticeKind, limit: int = BATCH) -> list[Claim]:
        """Claim what is due in one committed transaction; what cannot be claimed (sent,
        claimed elsewhere, missed long ago, a workout already logged or a check-in already
        answered that day) moves on."""
        now = self._clock()
        claims = []
        async with self._uow:
            for user_id in await self._uow.notifications.due(kind, now, limit):
                user = await self._uow.users.get(user_id)
                if user is None:
                    continue
                claim = await self._claim(user, kind, now)
                if claim is None:
                    await self._uow.users.save(advanced(user, kind, now))
                else:
                    claims.append(claim)
            await self._uow.commit()
        return claims

    async def deliver(self, claim: Claim) -> DeliveryOutcome | None:
        """Send one claimed notification and record how it went; a blocked bot stops them."""
        async with self._uow:
            user = await self._uow.users.get(claim.user_id)
        if user is None:
            return None
        outcome = await self._send(user, claim)
        await self._record(claim, outcome)
        return outcome

    async def _send(self, user: User, claim: Claim) -> DeliveryOutcome:
        if claim.kind is NoticeKind.REMINDER:
            reminder = ReminderContent(await CoachService(self._uow, self._clock).today(user))
            return await self._notifier.send_reminder(user, reminder)
        if claim.kind is NoticeKind.CHECKIN:
            checkins = CheckInService(self._uow, self._clock)
            prompt = CheckInPromptContent(await checkins.overview(user, claim.local_date))
            return await self._notifier.send_checkin(user, prompt)
        return await self._notifier.send_digest(user, await self._digest(user))

    async def _claim(self, user: User, kind: NoticeKind, now: datetime) -> Claim | None:
        moment = due_moment(user, kind)
        if moment is None or now - moment > GRACE[kind]:
            return None
        zone = ZoneInfo(user.timezone)
        local_date = moment.astimezone(zone).date()
        if await self._done_already(user, kind, local_date, zone):
            return None
        if not await self._uow.notifications.claim(user.id, kind, local_date, now):
            return None
        return Claim(user.id, kind, local_date)

    async def _done_already(
        self, user: User, kind: NoticeKind, local_date: date, zone: ZoneInfo
    ) -> bool:
        """A workout logged makes the day's reminder moot; any answer, the check-in prompt."""
        if kind is NoticeKind.REMINDER:
            midnight = datetime.combine(local_date, time(), zone)
            logged = await self._uow.workouts.summaries_since(user.id, midnight)
            return any(w.started_at.astimezone(zone).date() == local_date for w in logged)
        if kind is NoticeKind.CHECKIN:
            checkin = await self._uow.checkins.get(user.id, local_date)
            return checkin is not None and not checkin.is_empty
        return False

    async def _digest(self, user: User) -> DigestContent:
        report = await CoachService(self._uow, self._clock).stats(user, Period.WEEK)
        lines: tuple[str, ...] = ()
        if self._plan is not None:
            lines = await self._plan.lines(user, report.stats.end + timedelta(days=1))
        return DigestContent(report, lines)

    async def _record(self, claim: Claim, outcome: DeliveryOutcome) -> None:
        now = self._clock()
        async with self._uow:
            # The athlete's row before the notice's, the order a claim takes them in (`due`
            # locks the users, `claim` then writes the notice): the other order deadlocked
            # two schedulers on PostgreSQL, one recording while the other claimed.
            user = await self._uow.users.get(claim.user_id)
            if user is not None and outcome is not DeliveryOutcome.FAILED:
                user = advanced(user, claim.kind, now)
                if outcome is DeliveryOutcome.BLOCKED:
                    user = replace(user, bot_blocked_at=now)
                await self._uow.users.save(user)
            await self._uow.notifications.finish(
                claim.user_id, claim.kind, claim.local_date, _STATES[outcome], now
            )
            await self._uow.commit()
        if outcome is not DeliveryOutcome.SENT:
            logger.info("%s for user %s: %s", claim.kind, claim.user_id, outcome)
