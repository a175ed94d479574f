"""The workout listener that keeps every open challenge's totals exact and incremental.

Each (challenge, workout) pair has at most one contribution row: what the workout adds to
the participant's total. An addition inserts it, an edit replaces it and moves the total by
the difference, a deletion takes it back. Replaying any change is harmless, and a voided
contribution stays at zero whatever happens to its workout.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.challenges.facts import ChallengeFacts
from domain.challenges.models import Challenge, Contribution, Metric
from domain.challenges.rules import Refusal, refusal
from domain.clock import Clock
from domain.ports import UnitOfWork
from domain.workouts.events import Announcement, WorkoutChange, WorkoutEvent
from domain.workouts.models import Workout

TOLD = frozenset({Refusal.IMPLAUSIBLE, Refusal.NO_HEART_RATE, Refusal.MANUAL})


class ChallengeProgress:
    def __init__(self, uow: UnitOfWork, clock: Clock, facts: ChallengeFacts) -> None:
        self._uow = uow
        self._clock = clock
        self._facts = facts

    async def workout_changed(self, event: WorkoutEvent) -> Sequence[Announcement]:
        """Inside the workout's unit of work: settle its contribution to each open challenge
        the athlete joined; an added workout's card tells what counted and what did not."""
        workout = event.workout
        if event.change is WorkoutChange.DELETED:
            await self._take_back(workout)
            await self._neighbours(workout)
            return ()
        said = await self._settle_all(event)
        await self._neighbours(workout)
        if event.previous is not None and event.previous.started_at != workout.started_at:
            await self._neighbours(event.previous)
        return said

    async def _settle_all(self, event: WorkoutEvent) -> list[Announcement]:
        workout = event.workout
        known = await self._uow.challenges.contributions(workout.user_id, workout.id)
        by_challenge = {c.challenge_id: c for c in known}
        said: list[Announcement] = []
        for challenge in await self._affected(workout, by_challenge):
            reason, value = await self.settle(challenge, workout, by_challenge.get(challenge.id))
            if event.change is WorkoutChange.ADDED:
                said.extend(_told(challenge, reason, value))
        return said

    async def _neighbours(self, workout: Workout) -> None:
        """XP is capped per day: the same day's other workouts may now keep more or less."""
        for other in await self._facts.neighbours(Metric.XP, workout):
            if other.id == workout.id:
                continue
            known = await self._uow.challenges.contributions(other.user_id, other.id)
            by_challenge = {c.challenge_id: c for c in known}
            for challenge in await self._affected(other, by_challenge):
                if challenge.rules.metric is Metric.XP:
                    await self.settle(challenge, other, by_challenge.get(challenge.id))

    async def _affected(self, workout: Workout, known: dict[int, Contribution]) -> list[Challenge]:
        """Open challenges whose period holds the workout now, and those it counted in."""
        joined = await self._uow.challenges.open_joined(workout.user_id, workout.started_at)
        found = {challenge.id: challenge for challenge in joined}
        for challenge_id in known.keys() - found.keys():
            challenge = await self._uow.challenges.get(challenge_id)
            if challenge is not None:
                found[challenge_id] = challenge
        return sorted(found.values(), key=lambda c: c.id)

    async def settle(
        self, challenge: Challenge, workout: Workout, existing: Contribution | None
    ) -> tuple[Refusal | None, float]:
        """Make the workout's contribution what the rules say it is now; the total moves by
        the difference. Why it does not count, if it does not, and what it adds."""
        if existing is not None and existing.voided:
            return None, 0.0
        reason = refusal(challenge.rules, workout)
        value = 0.0 if reason else await self._facts.amount(challenge.rules.metric, workout)
        before = existing.value if existing is not None else 0.0
        repository = self._uow.challenges
        if value > 0:
            await repository.put_contribution(
                Contribution(challenge.id, workout.id, workout.user_id, value, workout.started_at)
            )
        elif existing is not None:
            await repository.drop_contribution(challenge.id, workout.id)
        if value != before:
            await repository.add_to_total(challenge.id, workout.user_id, value - before)
            await repository.mark_dirty(challenge.id, self._clock())
        return reason, value

    async def _take_back(self, workout: Workout) -> None:
        repository = self._uow.challenges
        for contribution in await repository.contributions(workout.user_id, workout.id):
            await repository.drop_contribution(contribution.challenge_id, workout.id)
            if not contribution.voided:
                await repository.add_to_total(
                    contribution.challenge_id, workout.user_id, -contribution.value
                )
                await repository.mark_dirty(contribution.challenge_id, self._clock())


def _told(challenge: Challenge, reason: Refusal | None, value: float) -> tuple[Announcement, ...]:
    if reason is None and value > 0:
        return (Announcement("challenges.counted", {"title": challenge.title}),)
    if reason in TOLD:
        return (Announcement(f"challenges.not_counted.{reason}", {"title": challenge.title}),)
    return ()
