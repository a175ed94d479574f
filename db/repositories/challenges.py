"""Challenges, their participants' running totals and the contributions behind them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.challenge_posts import SqlChallengePosts
from db.tables import (
    ChallengeContributionRow,
    ChallengeParticipantRow,
    ChallengeRow,
    ChallengeTeamRow,
    UserRow,
    WorkoutRow,
)
from db.upsert import insert_or_ignore, upsert
from domain.challenges.models import (
    Challenge,
    ChallengeState,
    Contribution,
    Entries,
    Entry,
    Goal,
    Metric,
    Mode,
    Rules,
    Scope,
    Standing,
    TeamTotal,
)
from domain.challenges.validation import reminder_at
from domain.workouts.models import Activity

C, P, K, T = ChallengeRow, ChallengeParticipantRow, ChallengeContributionRow, ChallengeTeamRow
OPEN = ChallengeState.OPEN.value


class SqlChallengeRepository(SqlChallengePosts):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._session = session

    async def add(self, challenge: Challenge) -> Challenge:
        row = _row(challenge)
        self._session.add(row)
        await self._session.flush()
        for index, name in enumerate(challenge.rules.teams):
            self._session.add(T(challenge_id=row.id, index=index, name=name, total=0, members=0))
        await self._session.flush()
        return _challenge(row, challenge.rules.teams)

    async def get(self, challenge_id: int) -> Challenge | None:
        return await self._one(select(C).where(C.id == challenge_id))

    async def by_code(self, code: str) -> Challenge | None:
        return await self._one(select(C).where(C.code == code))

    async def latest_in_chat(self, chat_id: int) -> Challenge | None:
        return await self._one(select(C).where(C.chat_id == chat_id).order_by(C.id.desc()))

    async def latest_joined(self, user_id: int) -> Challenge | None:
        joined = select(P.challenge_id).where(P.user_id == user_id)
        return await self._one(select(C).where(C.id.in_(joined)).order_by(C.id.desc()))

    async def _one(self, query: Select[ChallengeRow]) -> Challenge | None:
        row = await self._session.scalar(query.limit(1))
        if row is None:
            return None
        return _challenge(row, await self._team_names(row.id))

    async def _team_names(self, challenge_id: int) -> tuple[str, ...]:
        query = select(T.name).where(T.challenge_id == challenge_id).order_by(T.index)
        return tuple(await self._session.scalars(query))

    async def set_message(self, challenge_id: int, message_id: int) -> None:
        await self._session.execute(
            update(C).where(C.id == challenge_id).values(message_id=message_id)
        )

    async def finish(self, challenge_id: int) -> bool:
        result = await self._session.execute(
            update(C)
            .where(C.id == challenge_id, C.state == OPEN)
            .values(state=ChallengeState.FINISHED.value)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def join(self, challenge_id: int, user_id: int, team: int | None, at: datetime) -> bool:
        values = {
            "challenge_id": challenge_id,
            "user_id": user_id,
            "team": team,
            "total": 0.0,
            "joined_at": at,
        }
        keys = ["challenge_id", "user_id"]
        if not await insert_or_ignore(self._session, P.__table__, values, keys):  # type: ignore[arg-type]
            return False
        # Kept on the challenge so that a leaderboard never counts 100k rows for its size.
        await self._session.execute(
            update(C).where(C.id == challenge_id).values(participants=C.participants + 1)
        )
        if team is not None:
            await self._session.execute(
                update(T)
                .where(T.challenge_id == challenge_id, T.index == team)
                .values(members=T.members + 1)
            )
        return True

    async def team_sizes(self, challenge_id: int) -> list[int]:
        query = select(T.members).where(T.challenge_id == challenge_id).order_by(T.index)
        return list(await self._session.scalars(query))

    async def open_joined(self, user_id: int, at: datetime) -> list[Challenge]:
        query = (
            select(C)
            .join(P, P.challenge_id == C.id)
            .where(P.user_id == user_id, C.state == OPEN, C.starts_at <= at, C.ends_at > at)
            .order_by(C.id)
        )
        rows = list(await self._session.scalars(query))
        return [_challenge(row, await self._team_names(row.id)) for row in rows]

    async def contributions(self, user_id: int, workout_id: int) -> list[Contribution]:
        query = (
            select(K)
            .join(C, C.id == K.challenge_id)
            .where(K.user_id == user_id, K.workout_id == workout_id, C.state == OPEN)
            .order_by(K.challenge_id)
        )
        return [_contribution(row) for row in await self._session.scalars(query)]

    async def put_contribution(self, contribution: Contribution) -> None:
        values = {
            "challenge_id": contribution.challenge_id,
            "workout_id": contribution.workout_id,
            "user_id": contribution.user_id,
            "value": contribution.value,
            "started_at": contribution.started_at,
            "voided": contribution.voided,
        }
        await upsert(self._session, K.__table__, values, ["challenge_id", "workout_id"])  # type: ignore[arg-type]

    async def drop_contribution(self, challenge_id: int, workout_id: int) -> None:
        await self._session.execute(
            delete(K).where(K.challenge_id == challenge_id, K.workout_id == workout_id)
        )

    async def add_to_total(self, challenge_id: int, user_id: int, delta: float) -> None:
        team = await self._session.scalar(
            update(P)
            .where(P.challenge_id == challenge_id, P.user_id == user_id)
            .values(total=P.total + delta)
            .returning(P.team)
        )
        if team is not None:
            await self._session.execute(
                update(T)
                .where(T.challenge_id == challenge_id, T.index == team)
                .values(total=T.total + delta)
            )

    async def standing(self, challenge_id: int, user_id: int) -> Standing | None:
        query = (
            select(P.total, P.team, UserRow.first_name)
            .join(UserRow, UserRow.id == P.user_id)
            .where(P.challenge_id == challenge_id, P.user_id == user_id)
        )
        found = (await self._session.execute(query)).first()
        if found is None:
            return None
        total, team, name = found
        ahead = await self._session.scalar(
            select(func.count()).where(P.challenge_id == challenge_id, P.total > total)
        )
        return Standing(user_id, name, total, int(ahead or 0) + 1, team)

    async def top(self, challenge_id: int, limit: int) -> list[Standing]:
        query = (
            select(P.user_id, UserRow.first_name, P.total, P.team)
            .join(UserRow, UserRow.id == P.user_id)
            .where(P.challenge_id == challenge_id)
            .order_by(P.total.desc(), P.joined_at, P.user_id)
            .limit(limit)
        )
        standings: list[Standing] = []
        for position, (user_id, name, total, team) in enumerate(
            await self._session.execute(query), 1
        ):
            tied = standings and standings[-1].total == total
            rank = standings[-1].rank if tied else position
            standings.append(Standing(user_id, name, total, rank, team))
        return standings

    async def count(self, challenge_id: int) -> int:
        query = select(C.participants).where(C.id == challenge_id)
        return int(await self._session.scalar(query) or 0)

    async def teams(self, challenge_id: int) -> list[TeamTotal]:
        query = select(T).where(T.challenge_id == challenge_id).order_by(T.total.desc(), T.index)
        return [
            TeamTotal(row.index, row.name, row.total, row.members)
            for row in await self._session.scalars(query)
        ]

    async def entries(self, challenge_id: int, limit: int) -> list[Entry]:
        query = self._entries(challenge_id).order_by(K.started_at.desc(), K.workout_id.desc())
        found = await self._session.execute(query.limit(limit))
        return [_entry(row, name, activity) for row, name, activity in found]

    async def entry(self, challenge_id: int, workout_id: int) -> Entry | None:
        query = self._entries(challenge_id).where(K.workout_id == workout_id)
        found = (await self._session.execute(query)).first()
        if found is None:
            return None
        row, name, activity = found
        return _entry(row, name, activity)

    def _entries(self, challenge_id: int) -> Select[ChallengeContributionRow, str, str]:
        return (
            select(K, UserRow.first_name, WorkoutRow.activity)
            .join(UserRow, UserRow.id == K.user_id)
            .join(WorkoutRow, WorkoutRow.id == K.workout_id)
            .where(K.challenge_id == challenge_id)
        )

    async def void(self, challenge_id: int, workout_id: int) -> Contribution | None:
        row = await self._session.scalar(
            update(K)
            .where(K.challenge_id == challenge_id, K.workout_id == workout_id, ~K.voided)
            .values(voided=True)
            .returning(K)
        )
        return None if row is None else _contribution(row)


def _row(challenge: Challenge) -> ChallengeRow:
    rules = challenge.rules
    return ChallengeRow(
        code=challenge.code,
        scope=challenge.scope.value,
        chat_id=challenge.chat_id,
        organizer_id=challenge.organizer_id,
        title=challenge.title,
        metric=rules.metric.value,
        sports=",".join(sorted(sport.value for sport in rules.sports)),
        starts_at=rules.starts_at,
        ends_at=rules.ends_at,
        reminder_at=reminder_at(rules),
        goal=rules.goal.value,
        target=rules.target,
        mode=rules.mode.value,
        entries=rules.entries.value,
        state=challenge.state.value,
        message_id=challenge.message_id,
        language=challenge.language,
        timezone=challenge.timezone,
        created_at=challenge.created_at,
    )


def _challenge(row: ChallengeRow, teams: tuple[str, ...]) -> Challenge:
    rules = Rules(
        metric=Metric(row.metric),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        sports=frozenset(Activity(name) for name in row.sports.split(",") if name),
        goal=Goal(row.goal),
        target=row.target,
        mode=Mode(row.mode),
        teams=teams,
        entries=Entries(row.entries),
    )
    return Challenge(
        id=row.id,
        code=row.code,
        scope=Scope(row.scope),
        chat_id=row.chat_id,
        organizer_id=row.organizer_id,
        title=row.title,
        rules=rules,
        created_at=row.created_at,
        state=ChallengeState(row.state),
        message_id=row.message_id,
        language=row.language,
        timezone=row.timezone,
    )


def _contribution(row: ChallengeContributionRow) -> Contribution:
    return Contribution(
        row.challenge_id, row.workout_id, row.user_id, row.value, row.started_at, row.voided
    )


def _entry(row: ChallengeContributionRow, first_name: str, activity: str) -> Entry:
    return Entry(
        row.workout_id, row.user_id, first_name, Activity(activity), row.value,
        row.started_at, row.voided,
    )  # fmt: skip
