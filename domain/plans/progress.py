"""Reading a plan against the journal: what was done, and the lazy weekly adaptation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.coaching.fitness import ACWR_CHRONIC_DAYS, acwr
from domain.coaching.service import daily_loads
from domain.plans.adaptation import adapt
from domain.plans.models import Plan
from domain.plans.sessions import Athlete
from domain.ports import UnitOfWork
from domain.users.models import Level, User
from domain.workouts.models import Activity, Workout

LEVEL_VDOT = {Level.BEGINNER: 30.0, Level.INTERMEDIATE: 38.0, Level.ADVANCED: 47.0}


def done_days(workouts: list[Workout], zone: ZoneInfo) -> dict[date, set[Activity]]:
    """The sports logged on each local day."""
    done: dict[date, set[Activity]] = defaultdict(set)
    for workout in workouts:
        done[workout.started_at.astimezone(zone).date()].add(workout.activity)
    return dict(done)


def athlete_of(user: User, plan: Plan) -> Athlete:
    """The athlete as the plan sees them now: their level and days, the plan's fitness."""
    level = user.profile.level or Level.BEGINNER
    vdot = plan.vdot or LEVEL_VDOT[level]
    activity = plan.weeks[0].sessions[0].activity if plan.weeks[0].sessions else Activity.RUN
    return Athlete(level, tuple(user.profile.days_in_order), vdot, activity)


async def brought_up_to_date(uow: UnitOfWork, user: User, plan: Plan, now: datetime) -> Plan:
    """Adapt, in order, each week that has begun and was not adapted yet, from the week
    before it; the changed weeks are saved in the caller's unit of work, once each."""
    zone = ZoneInfo(user.timezone)
    today = now.astimezone(zone).date()
    pending = [
        week.index
        for week in plan.weeks
        if week.index > 0 and week.starts_on <= today and week.adapted_reason is None
    ]
    if not pending:
        return plan
    since = plan.starts_on - timedelta(days=ACWR_CHRONIC_DAYS)
    workouts = await uow.workouts.summaries_since(user.id, datetime.combine(since, time(), zone))
    done, loads = done_days(workouts, zone), daily_loads(workouts, zone)
    athlete = athlete_of(user, plan)
    weeks = plan.weeks
    for index in pending:
        weeks = adapt(
            plan.goal, athlete, weeks, index, done, _ratio(loads, weeks[index].starts_on)
        )
    for old, new in zip(plan.weeks, weeks, strict=True):
        if old != new:
            await uow.plans.save_week(plan.id, new)
    return replace(plan, weeks=weeks)


def _ratio(loads: dict[date, float], monday: date) -> float | None:
    """The acute:chronic ratio on the eve of the week; None until the journal spans the
    chronic window, since a first week against an empty month always looks like a spike."""
    eve = monday - timedelta(days=1)
    logged = [day for day, load in loads.items() if load > 0 and day <= eve]
    if not logged or (eve - min(logged)).days + 1 < ACWR_CHRONIC_DAYS:
        return None
    return acwr(loads, eve)
