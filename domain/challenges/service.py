"""Setting a challenge up, joining it, its leaderboard and the organizer's voids."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.campaigns.admin import AdminService
from domain.challenges.boards import read_board
from domain.challenges.facts import ChallengeFacts
from domain.challenges.models import (
    Board,
    Challenge,
    ChallengeState,
    Entry,
    Goal,
    Joined,
    Metric,
    Mode,
    PostKind,
    PostState,
    Scope,
    Setup,
)
from domain.challenges.progress import ChallengeProgress
from domain.challenges.validation import (
    check_title,
    parse_period,
    parse_target,
    parse_teams,
    rules_of,
)
from domain.clock import Clock
from domain.errors import DomainError, InvalidValueError, NotFoundError
from domain.ports import UnitOfWork
from domain.users.models import User

ENTRIES_SHOWN = 10


class ChallengeClosedError(DomainError):
    code = "challenge_closed"


class ChallengeService:
    def __init__(
        self, uow: UnitOfWork, clock: Clock, facts: ChallengeFacts, admins: AdminService
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._facts = facts
        self._admins = admins

    @property
    def metrics(self) -> frozenset[Metric]:
        """What a challenge can measure now (the setup offers only these)."""
        return self._facts.metrics

    def check_period(self, text: str, organizer: User) -> tuple[datetime, datetime]:
        """Typed dates, both days included, in the organizer's timezone, as UTC bounds."""
        return parse_period(text, self._clock(), ZoneInfo(organizer.timezone))

    def check_target(self, text: str, metric: Metric) -> float:
        """A typed goal in the metric's usual unit, in SI."""
        return parse_target(text, metric)

    def check_teams(self, text: str) -> tuple[str, ...]:
        """2 to 4 typed team names."""
        return parse_teams(text)

    async def create(self, organizer: User, scope: Scope, chat_id: int, setup: Setup) -> Board:
        """Store the organizer's challenge (a global one only by a bot admin; group rights
        are Telegram's, checked at the edge); a personal one is joined at once. Its start is
        posted with it when it has begun."""
        if scope is Scope.GLOBAL:
            await self._admins.require(organizer.id)
        if setup.metric not in self._facts.metrics:
            raise InvalidValueError("challenge_metric", "unavailable")
        if scope is Scope.PERSONAL and setup.goal is not Goal.TARGET:
            raise InvalidValueError("challenge_target", "not_a_number")
        now = self._clock()
        rules = rules_of(setup, now, ZoneInfo(organizer.timezone))
        draft = Challenge(
            id=0,
            code=secrets.token_hex(5),
            scope=scope,
            chat_id=chat_id,
            organizer_id=organizer.id,
            title=check_title(setup.title),
            rules=rules,
            created_at=now,
            language=organizer.language,
            timezone=organizer.timezone,
        )
        async with self._uow:
            challenge = await self._uow.challenges.add(draft)
            if rules.starts_at <= now:
                await self._uow.challenges.claim_post(challenge.id, PostKind.START, now, now)
                await self._uow.challenges.mark_post(
                    challenge.id, PostKind.START, PostState.SENT, now
                )
            if scope is Scope.PERSONAL:
                await self._enter(challenge, organizer, None)
            board = await self._board(challenge, organizer.id)
            await self._uow.commit()
        return board

    async def posted(self, challenge_id: int, message_id: int) -> None:
        """Remember the message that shows (and, edited, keeps showing) the leaderboard."""
        async with self._uow:
            await self._uow.challenges.set_message(challenge_id, message_id)
            await self._uow.commit()

    async def join_link(self, user: User, code: str) -> Joined | None:
        """Join from a deep link after /start; None when the challenge is gone or over."""
        try:
            return await self.join(user, code)
        except (NotFoundError, ChallengeClosedError):
            return None

    async def join(self, user: User, code: str, team: int | None = None) -> Joined:
        """Take part (once: joining again changes nothing) in an open group or global
        challenge; a team is the one picked or the smallest. Workouts already in its period
        count from the start."""
        async with self._uow:
            challenge = await self._uow.challenges.by_code(code)
            if challenge is None or challenge.scope is Scope.PERSONAL:
                raise NotFoundError(what="challenge")
            closed = challenge.state is not ChallengeState.OPEN
            if closed or self._clock() >= challenge.rules.ends_at:
                raise ChallengeClosedError(title=challenge.title)
            joined = await self._enter(challenge, user, team)
            await self._uow.commit()
        return joined

    async def _enter(self, challenge: Challenge, user: User, team: int | None) -> Joined:
        repository = self._uow.challenges
        teams = challenge.rules.teams
        if challenge.rules.mode is Mode.TEAMS:
            sizes = await repository.team_sizes(challenge.id)
            if team is None or not 0 <= team < len(teams):
                team = min(range(len(teams)), key=lambda index: (sizes[index], index))
        else:
            team = None
        newly = await repository.join(challenge.id, user.id, team, self._clock())
        if newly:
            await repository.mark_dirty(challenge.id, self._clock())
            await self._count_earlier(challenge, user)
        standing = await repository.standing(challenge.id, user.id)
        assert standing is not None
        name = teams[standing.team] if standing.team is not None else None
        return Joined(challenge, standing, newly, name)

    async def _count_earlier(self, challenge: Challenge, user: User) -> None:
        progress = ChallengeProgress(self._uow, self._clock, self._facts)
        rules = challenge.rules
        for workout in await self._uow.workouts.summaries_since(user.id, rules.starts_at):
            if workout.started_at < rules.ends_at:
                await progress.settle(challenge, workout, None)

    async def board_in_chat(self, chat_id: int, asker_id: int | None) -> Board:
        """The chat's newest challenge: its top ten and the asker's own place."""
        async with self._uow:
            await self._uow.read_only()
            challenge = await self._uow.challenges.latest_in_chat(chat_id)
            if challenge is None:
                raise NotFoundError(what="challenge")
            return await self._board(challenge, asker_id)

    async def my_board(self, user: User) -> Board:
        """The newest challenge the athlete takes part in, with their place."""
        async with self._uow:
            await self._uow.read_only()
            challenge = await self._uow.challenges.latest_joined(user.id)
            if challenge is None:
                raise NotFoundError(what="challenge")
            return await self._board(challenge, user.id)

    async def _board(self, challenge: Challenge, asker_id: int | None) -> Board:
        return await read_board(self._uow.challenges, challenge, asker_id, self._clock())

    async def entries(self, chat_id: int) -> tuple[Challenge, list[Entry]]:
        """The organizer's list: the newest counted workouts of the chat's challenge."""
        async with self._uow:
            await self._uow.read_only()
            challenge = await self._uow.challenges.latest_in_chat(chat_id)
            if challenge is None:
                raise NotFoundError(what="challenge")
            return challenge, await self._uow.challenges.entries(challenge.id, ENTRIES_SHOWN)

    async def void(self, chat_id: int, challenge_id: int, workout_id: int, actor_id: int) -> Entry:
        """The organizer takes one workout out of the chat's open challenge (rights checked
        at the edge, from Telegram): the total drops by what it added; audited."""
        now = self._clock()
        async with self._uow:
            challenge = await self._uow.challenges.get(challenge_id)
            if challenge is None or challenge.chat_id != chat_id:
                raise NotFoundError(what="challenge")
            if challenge.state is not ChallengeState.OPEN:
                raise ChallengeClosedError(title=challenge.title)
            entry = await self._uow.challenges.entry(challenge_id, workout_id)
            voided = await self._uow.challenges.void(challenge_id, workout_id)
            if voided is None or entry is None:
                raise NotFoundError(what="entry")
            await self._uow.challenges.add_to_total(challenge_id, voided.user_id, -voided.value)
            await self._uow.challenges.mark_dirty(challenge_id, now)
            target = f"challenge:{challenge_id} workout:{workout_id} user:{voided.user_id}"
            await self._admins.audit(actor_id, "challenge.void", target)
            await self._uow.commit()
        return replace(entry, voided=True)
