"""An in-memory challenge repository for the service and listener tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.challenges.models import (
    Challenge,
    ChallengeState,
    Contribution,
    Entry,
    PostKind,
    PostState,
    Standing,
    TeamTotal,
)
from domain.challenges.validation import reminder_at
from domain.users.models import User
from domain.workouts.models import Activity, Workout


@dataclass
class _Member:
    team: int | None
    total: float
    joined_at: datetime


@dataclass
class _Post:
    state: PostState
    claimed_at: datetime
    updated_at: datetime


class FakeChallengeRepository:
    def __init__(self, users: dict[int, User], workouts: dict[int, Workout]) -> None:
        self._users = users
        self._workouts = workouts
        self.rows: dict[int, Challenge] = {}
        self.members: dict[tuple[int, int], _Member] = {}
        self.teams_total: dict[tuple[int, int], float] = {}
        self.contributed: dict[tuple[int, int], Contribution] = {}
        self.posts: dict[tuple[int, PostKind], _Post] = {}
        self.dirty_at: dict[int, datetime] = {}
        self.edited_at: dict[int, datetime] = {}

    async def add(self, challenge: Challenge) -> Challenge:
        stored = replace(challenge, id=len(self.rows) + 1)
        self.rows[stored.id] = stored
        for index in range(len(stored.rules.teams)):
            self.teams_total[(stored.id, index)] = 0.0
        return stored

    async def get(self, challenge_id: int) -> Challenge | None:
        return self.rows.get(challenge_id)

    async def by_code(self, code: str) -> Challenge | None:
        return next((c for c in self.rows.values() if c.code == code), None)

    async def latest_in_chat(self, chat_id: int) -> Challenge | None:
        return max((c for c in self.rows.values() if c.chat_id == chat_id),
                   key=lambda c: c.id, default=None)  # fmt: skip

    async def latest_joined(self, user_id: int) -> Challenge | None:
        ids = [cid for cid, uid in self.members if uid == user_id]
        return self.rows[max(ids)] if ids else None

    async def set_message(self, challenge_id: int, message_id: int) -> None:
        self.rows[challenge_id] = replace(self.rows[challenge_id], message_id=message_id)

    async def finish(self, challenge_id: int) -> bool:
        challenge = self.rows[challenge_id]
        if challenge.state is ChallengeState.FINISHED:
            return False
        self.rows[challenge_id] = replace(challenge, state=ChallengeState.FINISHED)
        return True

    async def join(self, challenge_id: int, user_id: int, team: int | None, at: datetime) -> bool:
        if (challenge_id, user_id) in self.members:
            return False
        self.members[(challenge_id, user_id)] = _Member(team, 0.0, at)
        return True

    async def team_sizes(self, challenge_id: int) -> list[int]:
        count = len(self.rows[challenge_id].rules.teams)
        return [
            sum(1 for (cid, _), m in self.members.items() if cid == challenge_id and m.team == i)
            for i in range(count)
        ]

    async def open_joined(self, user_id: int, at: datetime) -> list[Challenge]:
        return [
            c for (cid, uid) in sorted(self.members) if uid == user_id
            for c in [self.rows[cid]]
            if c.state is ChallengeState.OPEN and c.rules.starts_at <= at < c.rules.ends_at
        ]  # fmt: skip

    async def contributions(self, user_id: int, workout_id: int) -> list[Contribution]:
        return [
            c for (cid, wid), c in sorted(self.contributed.items())
            if wid == workout_id and c.user_id == user_id
            and self.rows[cid].state is ChallengeState.OPEN
        ]  # fmt: skip

    async def put_contribution(self, contribution: Contribution) -> None:
        self.contributed[(contribution.challenge_id, contribution.workout_id)] = contribution

    async def drop_contribution(self, challenge_id: int, workout_id: int) -> None:
        self.contributed.pop((challenge_id, workout_id), None)

    async def add_to_total(self, challenge_id: int, user_id: int, delta: float) -> None:
        member = self.members[(challenge_id, user_id)]
        member.total += delta
        if member.team is not None:
            self.teams_total[(challenge_id, member.team)] += delta

    async def mark_dirty(self, challenge_id: int, at: datetime) -> None:
        self.dirty_at[challenge_id] = at

    def _name(self, user_id: int) -> str:
        user = self._users.get(user_id)
        return user.first_name if user is not None else "?"

    async def standing(self, challenge_id: int, user_id: int) -> Standing | None:
        member = self.members.get((challenge_id, user_id))
        if member is None:
            return None
        ahead = sum(
            1 for (cid, _), m in self.members.items()
            if cid == challenge_id and m.total > member.total
        )  # fmt: skip
        return Standing(user_id, self._name(user_id), member.total, ahead + 1, member.team)

    async def top(self, challenge_id: int, limit: int) -> list[Standing]:
        ordered = sorted(
            ((uid, m) for (cid, uid), m in self.members.items() if cid == challenge_id),
            key=lambda item: (-item[1].total, item[1].joined_at, item[0]),
        )[:limit]
        found = [await self.standing(challenge_id, uid) for uid, _ in ordered]
        return [standing for standing in found if standing is not None]

    async def count(self, challenge_id: int) -> int:
        return sum(1 for cid, _ in self.members if cid == challenge_id)

    async def teams(self, challenge_id: int) -> list[TeamTotal]:
        names = self.rows[challenge_id].rules.teams
        sizes = await self.team_sizes(challenge_id)
        totals = [
            TeamTotal(i, name, self.teams_total[(challenge_id, i)], sizes[i])
            for i, name in enumerate(names)
        ]
        return sorted(totals, key=lambda team: (-team.total, team.index))

    def _entry(self, c: Contribution) -> Entry:
        workout = self._workouts.get(c.workout_id)
        activity = workout.activity if workout is not None else Activity.OTHER
        return Entry(c.workout_id, c.user_id, self._name(c.user_id), activity, c.value,
                     c.started_at, c.voided)  # fmt: skip

    async def entries(self, challenge_id: int, limit: int) -> list[Entry]:
        mine = [c for (cid, _), c in self.contributed.items() if cid == challenge_id]
        mine.sort(key=lambda c: (c.started_at, c.workout_id), reverse=True)
        return [self._entry(c) for c in mine[:limit]]

    async def entry(self, challenge_id: int, workout_id: int) -> Entry | None:
        found = self.contributed.get((challenge_id, workout_id))
        return None if found is None else self._entry(found)

    async def void(self, challenge_id: int, workout_id: int) -> Contribution | None:
        found = self.contributed.get((challenge_id, workout_id))
        if found is None or found.voided:
            return None
        self.contributed[(challenge_id, workout_id)] = replace(found, voided=True)
        return found

    async def dirty(self, edited_before: datetime, limit: int) -> list[int]:
        return [
            cid for cid in sorted(self.dirty_at, key=lambda cid: self.dirty_at[cid])
            if self.rows[cid].state is ChallengeState.OPEN and self.rows[cid].message_id
            and (cid not in self.edited_at or self.edited_at[cid] <= edited_before)
        ][:limit]  # fmt: skip

    async def board_edited(self, challenge_id: int, at: datetime, seen: datetime) -> None:
        self.edited_at[challenge_id] = at
        if challenge_id in self.dirty_at and self.dirty_at[challenge_id] <= seen:
            del self.dirty_at[challenge_id]

    async def due_posts(self, kind: PostKind, now: datetime, limit: int) -> list[int]:
        due = []
        for challenge in self.rows.values():
            rules = challenge.rules
            moment = {PostKind.START: rules.starts_at, PostKind.REMINDER: reminder_at(rules)}
            at = moment.get(kind, rules.ends_at)
            if challenge.state is not ChallengeState.OPEN or at is None or at > now:
                continue
            if (challenge.id, kind) in self.posts or (
                kind is not PostKind.END and rules.ends_at <= now
            ):
                continue
            due.append(challenge.id)
        return due[:limit]

    async def claim_post(
        self, challenge_id: int, kind: PostKind, at: datetime, stale_before: datetime
    ) -> bool:
        post = self.posts.get((challenge_id, kind))
        if post is None:
            self.posts[(challenge_id, kind)] = _Post(PostState.CLAIMED, at, at)
            return True
        if post.state is PostState.CLAIMED and post.claimed_at < stale_before:
            post.claimed_at = post.updated_at = at
            return True
        return False

    async def stale_claims(self, kind: PostKind, stale_before: datetime) -> list[int]:
        return sorted(
            cid for (cid, k), p in self.posts.items()
            if k is kind and p.state is PostState.CLAIMED and p.claimed_at < stale_before
        )  # fmt: skip

    async def mark_post(
        self, challenge_id: int, kind: PostKind, state: PostState, at: datetime
    ) -> bool:
        post = self.posts.get((challenge_id, kind))
        if post is None or (state is PostState.SENDING and post.state is not PostState.CLAIMED):
            return False
        post.state, post.updated_at = state, at
        return True

    async def lost_posts(self, stale_before: datetime) -> int:
        lost = [
            p for p in self.posts.values()
            if p.state is PostState.SENDING and p.updated_at < stale_before
        ]  # fmt: skip
        for post in lost:
            post.state = PostState.UNKNOWN
        return len(lost)

    async def post_state(self, challenge_id: int, kind: PostKind) -> PostState | None:
        post = self.posts.get((challenge_id, kind))
        return None if post is None else post.state
