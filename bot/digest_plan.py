"""The digest's next-week lines over the plan service, in the athlete's language and units."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta

from bot.i18n import I18n
from domain.clock import Clock
from domain.plans.service import PlanService
from domain.ports import UnitOfWork
from domain.users.models import User


class PlanDigestLines:
    """NextWeekPlan for the weekly digest, rendered with the /plan week's macros."""

    def __init__(self, plans: PlanService, i18n: I18n) -> None:
        self._plans = plans
        self._i18n = i18n

    async def lines(self, user: User, week_start: date) -> tuple[str, ...]:
        week = await self._plans.next_week(user)
        if week is None:
            return ()
        t = self._i18n.texts(user.language)
        last = week_start + timedelta(days=6)
        # The port hands over plain text: the digest template escapes it once more.
        return tuple(
            html.unescape(t.render("plan/digest_line.html", session=session, user=user))
            for session in week.sessions
            if week_start <= session.day <= last
        )


def digest_plan(i18n: I18n, clock: Clock) -> Callable[[UnitOfWork], PlanDigestLines]:
    """The digest job's plan port for one delivery's own unit of work."""

    def build(uow: UnitOfWork) -> PlanDigestLines:
        return PlanDigestLines(PlanService(uow, clock), i18n)

    return build
