"""The gamification part of an athlete's export: XP, achievements, streaks and leagues."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from domain.clock import EPOCH
from domain.gamification.awards import total_xp
from domain.gamification.progress import streaks_of, target_of
from domain.gamification.xp import level_of
from domain.ports import UnitOfWork
from domain.users.models import User


async def game_export(uow: UnitOfWork, user: User, today: date) -> dict[str, Any]:
    """Inside the caller's unit of work; dataclasses as dicts (the caller makes them JSON)."""
    profile = await uow.gamification.profile(user.id)
    workouts = await uow.workouts.summaries_since(user.id, EPOCH)
    streaks = await streaks_of(uow, user, workouts, target_of(user, profile), today)
    return {
        "level": asdict(level_of(await total_xp(uow, user.id))),
        "xp_ledger": [asdict(entry) for entry in await uow.awards.xp_entries(user.id)],
        "xp_awards": [asdict(award) for award in await uow.awards.xp_awards(user.id)],
        "achievements": [asdict(earned) for earned in await uow.gamification.earned(user.id)],
        "profile": asdict(profile) if profile is not None else None,
        "streaks": asdict(streaks),
        "leagues": [asdict(member) for member in await uow.awards.leagues_of(user.id)],
    }
