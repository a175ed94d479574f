"""After a week ends, the next one is adjusted once: on track, missed sessions, or overload."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from enum import StrEnum

from domain.coaching.fitness import acwr_warning
from domain.plans.generation import replan
from domain.plans.models import AdaptReason, PlanGoal, PlannedSession, PlanWeek, SessionKind
from domain.plans.sessions import Athlete
from domain.workouts.models import Activity

OVERLOAD_FACTOR = 0.8


class DayStatus(StrEnum):
    DONE = "done"
    TODO = "todo"
    MISSED = "missed"
    REST = "rest"


def is_done(session: PlannedSession, done: Mapping[date, set[Activity]]) -> bool:
    """A session is done when a workout of its sport was logged on its day."""
    return session.activity in done.get(session.day, set())


def day_status(
    session: PlannedSession | None, day: date, today: date, done: Mapping[date, set[Activity]]
) -> DayStatus:
    if session is None or session.kind is SessionKind.REST:
        return DayStatus.REST
    if is_done(session, done):
        return DayStatus.DONE
    return DayStatus.MISSED if day < today else DayStatus.TODO


def adapt(
    goal: PlanGoal,
    athlete: Athlete,
    weeks: tuple[PlanWeek, ...],
    index: int,
    done: Mapping[date, set[Activity]],
    ratio: float | None,
) -> tuple[PlanWeek, ...]:
    """Week `index` after week `index - 1` ended: an acute:chronic ratio above 1.5 makes it
    20 % lighter than the last week; fewer than two thirds of the sessions done repeats the
    last week's volume; otherwise it ramps as planned. The reason is kept with the week."""
    last, week = weeks[index - 1], weeks[index]
    planned = [s for s in last.sessions if s.kind is not SessionKind.REST]
    completed = sum(is_done(session, done) for session in planned)
    if acwr_warning(ratio):
        reason = AdaptReason.HIGH_ACWR
        minutes = min(week.target_minutes, int(last.target_minutes * OVERLOAD_FACTOR))
    elif completed * 3 < len(planned) * 2:
        reason, minutes = AdaptReason.MISSED, min(week.target_minutes, last.target_minutes)
    else:
        reason, minutes = AdaptReason.ON_TRACK, week.target_minutes
    if minutes != week.target_minutes:
        weeks = replan(goal, athlete, weeks, index, minutes)
    adapted = list(weeks)
    adapted[index] = replace(weeks[index], adapted_reason=reason)
    return tuple(adapted)
