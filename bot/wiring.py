"""The workout service with every feature that listens to workouts: the same in an update,
a scheduled job or an HTTP request, so a workout earns the same wherever it comes from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.challenges.facts import ImportedClimb, WorkoutFacts
from domain.challenges.progress import ChallengeProgress
from domain.clock import Clock
from domain.gamification.awards import GameFacts, LedgerXp
from domain.gamification.service import GamificationService
from domain.growth.ports import XpLedger
from domain.growth.referrals import ReferralRewards
from domain.growth.rewards import Rewards
from domain.partners.service import PartnerService
from domain.ports import UnitOfWork
from domain.workouts.events import WorkoutListener
from domain.workouts.service import WorkoutService


@dataclass(frozen=True, slots=True)
class WorkoutWiring:
    workouts: WorkoutService
    gamification: GamificationService
    partners: PartnerService
    rewards: Rewards
    facts: WorkoutFacts


def wire_workouts(
    uow: UnitOfWork, clock: Clock, xp_ledger: Callable[[UnitOfWork], XpLedger] | None = None
) -> WorkoutWiring:
    """The listeners in the order their lines appear under a workout's card; gamification
    first, so a challenge counting XP reads the XP the workout has just earned. XP rewards
    go to the gamification ledger unless another `xp_ledger` is given."""
    xp = LedgerXp(uow, clock)
    gamification = GamificationService(uow, clock, GameFacts(uow))
    partners = PartnerService(uow, clock)
    rewards = Rewards(uow, clock, xp_ledger(uow) if xp_ledger else xp)
    facts = WorkoutFacts(xp=xp, climb=ImportedClimb(uow))
    listeners: list[WorkoutListener] = [
        gamification,
        ChallengeProgress(uow, clock, facts),
        partners,
        ReferralRewards(uow, clock, rewards),
    ]
    workouts = WorkoutService(uow, clock, listeners=listeners)
    return WorkoutWiring(workouts, gamification, partners, rewards, facts)
