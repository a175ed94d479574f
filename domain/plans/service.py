"""Training plans: made from a goal, read week by week, adapted after each week ends."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.clock import Clock
from domain.coaching.service import best_run_vdot
from domain.errors import NotFoundError
from domain.plans.adaptation import DayStatus, day_status
from domain.plans.generation import generate
from domain.plans.goals import parse_goal, parse_goal_date, parse_goal_time
from domain.plans.models import (
    GoalKind,
    Plan,
    PlanGoal,
    PlannedSession,
    PlanStatus,
    PlanWeek,
    SessionKind,
)
from domain.plans.progress import LEVEL_VDOT, brought_up_to_date, done_days
from domain.plans.sessions import Athlete
from domain.ports import UnitOfWork
from domain.users.models import Level, Sport, User
from domain.workouts.models import Activity, Workout

HISTORY_DAYS = 90
JOURNAL_DAYS = 28
MIN_JOURNAL_MINUTES = 30


@dataclass(frozen=True, slots=True)
class DayPlan:
    day: date
    session: PlannedSession | None
    status: DayStatus


@dataclass(frozen=True, slots=True)
class PlanView:
    """One week of the plan, day by day, with what was done."""

    plan: Plan
    week: PlanWeek
    days: tuple[DayPlan, ...]
    today: date

    @property
    def has_previous(self) -> bool:
        return self.week.index > 0

    @property
    def has_next(self) -> bool:
        return self.week.index < len(self.plan.weeks) - 1


class PlanService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def _today(self, user: User) -> date:
        return self._clock().astimezone(ZoneInfo(user.timezone)).date()

    async def create_from_text(self, user: User, text: str) -> PlanView | None:
        """A plan for the goal the text names; None when it names none (ask step by step)."""
        goal = parse_goal(text, self._today(user))
        return None if goal is None else await self.create(user, goal)

    def read_time(self, text: str, distance_m: float) -> int:
        """A typed target time for the race distance."""
        return int(parse_goal_time(text, distance_m) or 0)

    def read_date(self, user: User, goal: PlanGoal, text: str) -> date:
        """A typed race date (the next such date when it has no year, never a past one) that
        a sensible plan for the goal can reach."""
        day = parse_goal_date(text, self._today(user))
        goal = replace(goal, race_date=day)
        generate(goal, _athlete(user, goal, [], self._clock()), self._today(user))
        return day

    async def create(self, user: User, goal: PlanGoal) -> PlanView:
        """Build a plan for the athlete's level, days and journal; it replaces the active one."""
        now = self._clock()
        async with self._uow:
            workouts = await self._uow.workouts.summaries_since(
                user.id, now - timedelta(days=HISTORY_DAYS)
            )
            athlete = _athlete(user, goal, workouts, now)
            weeks = generate(goal, athlete, self._today(user))
            await self._uow.plans.archive_active(user.id)
            plan = Plan(0, user.id, goal, PlanStatus.ACTIVE, now, athlete.vdot, weeks)
            plan = await self._uow.plans.add(plan)
            view = await self._view(user, plan, None)
            await self._uow.commit()
        return view

    async def current(self, user: User) -> PlanView | None:
        """This week of the active plan (its first week before it starts), or None."""
        async with self._uow:
            plan = await self._uow.plans.active(user.id)
            if plan is None:
                return None
            view = await self._view(user, plan, None)
            await self._uow.commit()
        return view

    async def week(self, user: User, plan_id: int, index: int) -> PlanView:
        """A week of the athlete's own active plan; anybody else's plan is not found."""
        async with self._uow:
            plan = await self._uow.plans.get(user.id, plan_id)
            if plan is None or plan.status is not PlanStatus.ACTIVE:
                raise NotFoundError(what="plan")
            view = await self._view(user, plan, index)
            await self._uow.commit()
        return view

    async def drop(self, user_id: int, plan_id: int) -> None:
        """Archive the athlete's own active plan; anybody else's is not found."""
        async with self._uow:
            plan = await self._uow.plans.get(user_id, plan_id)
            if plan is None or plan.status is not PlanStatus.ACTIVE:
                raise NotFoundError(what="plan")
            await self._uow.plans.set_status(user_id, plan_id, PlanStatus.ARCHIVED)
            await self._uow.commit()

    async def today_kind(self, user: User) -> SessionKind | None:
        """Today's planned kind (rest on a plan day without a session); None outside a plan."""
        today = self._today(user)
        plan = await self._up_to_date(user)
        if plan is None or not plan.starts_on <= today <= plan.ends_on:
            return None
        session = plan.session_on(today)
        return session.kind if session else SessionKind.REST

    async def next_week(self, user: User) -> PlanWeek | None:
        """The sessions planned for the coming Monday's week (for the weekly digest)."""
        today = self._today(user)
        monday = today + timedelta(days=7 - today.weekday())
        plan = await self._up_to_date(user)
        return plan.week_of(monday) if plan else None

    async def _up_to_date(self, user: User) -> Plan | None:
        async with self._uow:
            plan = await self._uow.plans.active(user.id)
            if plan is None:
                return None
            plan = await brought_up_to_date(self._uow, user, plan, self._clock())
            await self._uow.commit()
        return plan

    async def _view(self, user: User, plan: Plan, index: int | None) -> PlanView:
        now = self._clock()
        plan = await brought_up_to_date(self._uow, user, plan, now)
        today = self._today(user)
        if index is None:
            current = plan.week_of(today)
            week = current or (plan.weeks[0] if today < plan.starts_on else plan.weeks[-1])
        else:
            week = plan.weeks[min(max(index, 0), len(plan.weeks) - 1)]
        zone = ZoneInfo(user.timezone)
        start = datetime.combine(week.starts_on, time(), zone)
        workouts = await self._uow.workouts.summaries_since(user.id, start)
        done = done_days(workouts, zone)
        days = tuple(
            DayPlan(day, week.session_on(day), day_status(week.session_on(day), day, today, done))
            for day in (week.starts_on + timedelta(days=offset) for offset in range(7))
        )
        return PlanView(plan, week, days, today)


def _athlete(user: User, goal: PlanGoal, workouts: list[Workout], now: datetime) -> Athlete:
    level = user.profile.level or Level.BEGINNER
    best = best_run_vdot(workouts, now)
    activity = _activity(user, goal)
    return Athlete(
        level=level,
        days=tuple(user.profile.days_in_order),
        vdot=best[0] if best else LEVEL_VDOT[level],
        activity=activity,
        base_minutes=_journal_minutes(workouts, activity, now),
    )


def _activity(user: User, goal: PlanGoal) -> Activity:
    if goal.kind is GoalKind.STRENGTH:
        return Activity.STRENGTH
    sports = user.profile.sports
    if goal.kind is GoalKind.FITNESS and Sport.CYCLING in sports and Sport.RUNNING not in sports:
        return Activity.RIDE
    return Activity.RUN


def _journal_minutes(workouts: list[Workout], activity: Activity, now: datetime) -> int | None:
    """The average week of the last four in the journal, in the plan's sport."""
    if activity is Activity.STRENGTH:
        return None
    since = now - timedelta(days=JOURNAL_DAYS)
    seconds = sum(
        w.duration_s or 0 for w in workouts if w.activity is activity and w.started_at >= since
    )
    minutes = seconds // 60 // (JOURNAL_DAYS // 7)
    return minutes if minutes >= MIN_JOURNAL_MINUTES else None
