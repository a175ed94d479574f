"""Skill progression per sport, and the per-exercise history of strength work."""

from __future__ import annotations

import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.clock import EPOCH
from domain.errors import NotFoundError
from domain.ports import UnitOfWork
from domain.skills.catalog import PROFILE_SPORTS, SKILL_SPORTS
from domain.skills.lifts import ExerciseHistory, ExerciseSummary
from domain.skills.progress import SportProgress, sport_progress
from domain.users.models import User
from domain.workouts.models import Activity, Workout

HISTORY_PAGE_SIZE = 5


@dataclass(frozen=True, slots=True)
class SkillReport:
    sports: tuple[SportProgress, ...]

    def card(self, sport: Activity | None) -> SportProgress | None:
        """The sport asked for when the athlete does it, else the first one they do."""
        chosen = [item for item in self.sports if item.sport is sport] or list(self.sports)
        return chosen[0] if chosen else None


def sports_of(user: User, workouts: list[Workout]) -> list[Activity]:
    """The sports in the journal and those named in the profile, in the catalog's order."""
    done = {workout.activity for workout in workouts}
    for sport in user.profile.sports:
        done.update(PROFILE_SPORTS.get(sport, ()))
    return [sport for sport in SKILL_SPORTS if sport in done]


class SkillService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def progress(self, user: User) -> SkillReport:
        """Per sport the athlete does: level, milestones reached with dates, the next one."""
        async with self._uow:
            workouts = await self._uow.workouts.since(user.id, EPOCH)
        zone = ZoneInfo(user.timezone)
        weight = user.profile.weight_kg
        cards = tuple(
            sport_progress(workouts, sport, weight, zone) for sport in sports_of(user, workouts)
        )
        return SkillReport(cards)


class StrengthService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def exercises(self, user_id: int) -> list[ExerciseSummary]:
        """The athlete's exercises, most recently done first, with best e1RM and totals."""
        async with self._uow:
            return await self._uow.strength.exercises(user_id)

    async def history(self, user_id: int, exercise: str, page: int) -> ExerciseHistory:
        """One exercise's sessions newest first; one the athlete never did is not found."""
        async with self._uow:
            summary = next(
                (s for s in await self._uow.strength.exercises(user_id) if s.exercise == exercise),
                None,
            )
            if summary is None:
                raise NotFoundError(what="exercise")
            total = await self._uow.strength.count_sessions(user_id, exercise)
            pages = max(1, math.ceil(total / HISTORY_PAGE_SIZE))
            page = min(max(page, 0), pages - 1)
            sessions = await self._uow.strength.sessions(
                user_id, exercise, page * HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE
            )
        return ExerciseHistory(summary, tuple(sessions), page, pages)
